// What the fuzzer feeds the parser and the analysis: fast-check arbitraries of small workspaces
// (FuzzCase), from pure noise to realistic Terraform that is then damaged.
//
// - bytes: random bytes decoded as UTF-8 (invalid sequences become U+FFFD) or Latin-1 (every control
//   character), and raw UTF-16 with lone surrogates, as an editor may hold;
// - soup: HCL tokens, keywords, Terraform names and string fragments in random order;
// - fixtures: files and whole module directories of test-fixtures/, mutated (ranges deleted,
//   duplicated, moved; tokens, deep nesting, long runs, line breaks, BOMs and NULs inserted; truncated);
// - generated: realistic files from server/test/support/generate-hcl.ts, valid or with one injected
//   syntax error, sometimes mutated too;
// - expressions: Lambda, subnet and IAM resources whose arguments are random expressions over every
//   built-in function (and unknown ones), references that do and do not exist, `for`, splats,
//   templates and heredocs, plus chains of locals that double their value at each step;
// - modules: module trees (with override files) with calls to themselves, their parents, missing, absolute and registry
//   sources, tfvars, a modules.json, and files outside the workspace root that must never be read.

import * as fs from 'node:fs';
import * as path from 'node:path';
import fc, { type Arbitrary } from 'fast-check';
import { generateHclFile } from '../server/test/support/generate-hcl';
import { parseNative } from '../server/src/hcl';
import type { FuzzCase } from './check';
import { toTfJson } from './to-json';

export const REPO = path.resolve(__dirname, '..');

// ---------------------------------------------------------------------------
// Corpus: test-fixtures/**

interface Corpus {
  /** Every configuration file: its name (basename) and text. */
  files: { name: string; text: string }[];
  /** Every directory holding configuration files: its files (and those below it) by relative path. */
  dirs: Record<string, string>[];
}

const CORPUS_FILE = /\.(tf|tofu)(\.json)?$|\.tfvars(\.json)?$/;
let corpus: Corpus | undefined;

/** The fixtures of the repository, read once. */
function loadCorpus(root = path.join(REPO, 'test-fixtures')): Corpus {
  if (corpus) return corpus;
  const files: Corpus['files'] = [];
  const byDir = new Map<string, Record<string, string>>();
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && CORPUS_FILE.test(e.name)) {
        const text = fs.readFileSync(p, 'utf8');
        files.push({ name: e.name, text });
        // The file belongs to its own directory and to every ancestor below test-fixtures/<area>/.
        for (let d = dir; d.length > root.length; d = path.dirname(d)) {
          const rel = path.relative(d, p).split(path.sep).join('/');
          if (!byDir.has(d)) byDir.set(d, {});
          const tree = byDir.get(d)!;
          if (Object.keys(tree).length < 40) tree[rel] = text;
        }
      }
    }
  };
  walk(root);
  corpus = { files, dirs: [...byDir.values()].filter((t) => Object.keys(t).some((k) => !k.includes('/'))) };
  return corpus;
}

// ---------------------------------------------------------------------------
// Mutations

/** Fragments worth inserting: they open or close structures, or are unusual characters. */
const FRAGMENTS = [
  '{', '}', '[', ']', '(', ')', '"', '\\', '${', '%{', '}}', '<<EOT\n', '<<-EOT\n', '\nEOT\n', 'EOT', '=', ':', ',', '.', '*',
  '...', '=>', '?', '!', '&&', '||', '#', '//', '/*', '*/', '\n', '\r', '\r\n', '\t', '\u0000', '\ufeff', '\ud800', '\udc00',
  '\u2028', '\u00a0', '😀', 'é', '\u0301', 'null', 'true', 'for', 'in', 'if', 'endif', 'endfor', 'else', '%{ endif }', '%{ else }',
  'count', 'for_each', 'each.key', 'count.index', 'self', 'var.', 'local.', 'module.', 'data.', 'resource', 'variable',
  'locals', 'module', 'output', 'dynamic', 'content', 'vpc_config', 'subnet_ids', 'security_group_ids', 'source',
  '"../"', '"./"', '"/etc"', 'file("/etc/passwd")', '1e999', '-0', '0.', '00', '1000000000',
];

/** One edit of a text, with positions as fractions of its length (so a mutation fits any text). */
type Mutation =
  | { op: 'delete' | 'duplicate' | 'move'; at: number; len: number; to: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'truncate'; at: number }
  | { op: 'nest'; at: number; open: string; depth: number }
  | { op: 'run'; at: number; unit: string; count: number };

const fraction = fc.double({ min: 0, max: 1, noNaN: true });

const mutation: Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const, 'move' as const), at: fraction, len: fc.nat({ max: 200 }), to: fraction }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fraction, text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 })) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fraction }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('nest' as const), at: fraction, open: fc.constantFrom('[', '(', '{', '{"a":', 'a {\n', '"${', '%{ if x }'), depth: fc.oneof(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 5000, max: 20000 })) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('run' as const), at: fraction, unit: fc.constantFrom('a', ' ', '\n', '\r\n', '/', '0', '1.', '[', '"', '\\', '$', '%', '*a', 'x/'), count: fc.integer({ min: 1, max: 3000 }) }) },
);

function applyMutation(text: string, m: Mutation): string {
  const pos = (f: number): number => Math.min(text.length, Math.floor(f * (text.length + 1)));
  const at = pos(m.at);
  switch (m.op) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.len);
    case 'duplicate':
      return text.slice(0, at + m.len) + text.slice(at, at + m.len) + text.slice(at + m.len);
    case 'move': {
      const piece = text.slice(at, at + m.len);
      const rest = text.slice(0, at) + text.slice(at + m.len);
      const to = Math.min(rest.length, Math.floor(m.to * (rest.length + 1)));
      return rest.slice(0, to) + piece + rest.slice(to);
    }
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'truncate':
      return text.slice(0, at);
    case 'nest':
      return text.slice(0, at) + m.open.repeat(m.depth) + text.slice(at);
    case 'run':
      return text.slice(0, at) + m.unit.repeat(m.count) + text.slice(at);
  }
}

const mutations = (max: number): Arbitrary<Mutation[]> => fc.array(mutation, { minLength: 1, maxLength: max });

function mutate(text: string, ms: Mutation[]): string {
  return ms.reduce(applyMutation, text);
}

// ---------------------------------------------------------------------------
// bytes and soup

const bytesCase: Arbitrary<FuzzCase> = fc
  .tuple(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom('utf-8', 'latin1', 'utf-16'), fc.constantFrom('main.tf', 'main.tf.json', 'terraform.tfvars'))
  .map(([bytes, encoding, name]) => {
    let text: string;
    if (encoding === 'utf-16') {
      // Raw code units, lone surrogates included.
      text = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) text += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
    } else {
      text = Buffer.from(bytes).toString(encoding === 'utf-8' ? 'utf8' : 'latin1');
    }
    return { files: { [name]: text } };
  });

const SOUP = [
  ...FRAGMENTS,
  'resource "aws_lambda_function" "f" {', 'resource "aws_subnet" "a" {', 'data "aws_iam_policy_document" "p" {', 'module "m" {',
  'variable "x" {', 'output "o" {', 'locals {', 'provider "aws" {', 'terraform {', 'statement {', 'environment {', 'variables',
  'function_name', 'role', 'availability_zone', 'cidr_block', 'vpc_id', 'route', 'nat_gateway_id', 'service_name', 'policy',
  'actions', 'resources', 'jsonencode(', 'format(', 'regex(', 'cidrsubnet(', 'lookup(', 'merge(', 'range(', 'file(', 'templatefile(',
  'aws_subnet.a.id', 'aws_subnet.a[*].id', 'var.x', 'local.l', 'module.m.out', '"subnet-1"', '"sg-1"', '"10.0.0.0/16"', '"us-east-1a"',
  '"com.amazonaws.us-east-1.s3"', '"ec2:CreateNetworkInterface"', '"*"', '# lambda-vpc-lint-ignore aws_lambda_vpc_single_az',
  '# lambda-vpc-lint-ignore-file', '0', '1', '2', '-1', '3.5', 'x', 'y',
];

const soupCase: Arbitrary<FuzzCase> = fc
  .tuple(fc.array(fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...SOUP) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), { maxLength: 300 }), fc.array(fc.constantFrom(' ', '\n', '', ' ', '\n  ', '\r\n'), { minLength: 1, maxLength: 300 }))
  .map(([tokens, seps]) => ({ files: { 'main.tf': tokens.map((t, i) => t + seps[i % seps.length]).join('') } }));

// ---------------------------------------------------------------------------
// fixtures and generated files

const fixtureFileCase: Arbitrary<FuzzCase> = fc.tuple(fc.nat(), mutations(6)).map(([i, ms]) => {
  const files = loadCorpus().files;
  const f = files[i % files.length];
  const name = f.name.endsWith('.json') ? (f.name.endsWith('.tfvars.json') ? 'terraform.tfvars.json' : 'main.tf.json') : f.name.endsWith('.tfvars') ? 'terraform.tfvars' : 'main.tf';
  return { files: { [name]: mutate(f.text, ms) } };
});

const fixtureDirCase: Arbitrary<FuzzCase> = fc.tuple(fc.nat(), fc.array(fc.tuple(fc.nat(), mutations(3)), { maxLength: 3 })).map(([i, edits]) => {
  const dirs = loadCorpus().dirs;
  const files = { ...dirs[i % dirs.length] };
  const names = Object.keys(files);
  for (const [k, ms] of edits) {
    const name = names[k % names.length];
    files[name] = mutate(files[name], ms);
  }
  return { files };
});

const generatedCase: Arbitrary<FuzzCase> = fc
  .tuple(fc.integer({ min: 0, max: 0x7fffffff }), fc.integer({ min: 200, max: 6000 }), fc.boolean(), fc.option(mutations(3), { freq: 3 }))
  .map(([seed, targetBytes, invalid, ms]) => {
    const g = generateHclFile(seed, { targetBytes, invalid });
    const files: Record<string, string> = { 'main.tf': ms ? mutate(g.text, ms) : g.text };
    // The generator calls modules in ../modules/<name>: give some of them a body, generated too.
    let n = 0;
    for (const m of g.text.matchAll(/source\s*=\s*"\.\.\/modules\/([A-Za-z0-9_-]+)"/g)) {
      if (n++ >= 2) break;
      files[`../modules/${m[1]}/main.tf`] = generateHclFile(seed + n, { targetBytes: 800 }).text;
    }
    return { files };
  });

// ---------------------------------------------------------------------------
// expressions

/** Built-in functions (those we evaluate and those we do not), an unknown one and a provider function. */
const FUNCTIONS = [
  'abs', 'alltrue', 'anytrue', 'base64decode', 'base64encode', 'basename', 'can', 'ceil', 'chomp', 'chunklist', 'cidrhost',
  'cidrnetmask', 'cidrsubnet', 'cidrsubnets', 'coalesce', 'coalescelist', 'compact', 'concat', 'contains', 'dirname', 'distinct',
  'element', 'endswith', 'file', 'fileexists', 'flatten', 'floor', 'format', 'formatlist', 'indent', 'index', 'join', 'jsondecode',
  'jsonencode', 'keys', 'length', 'log', 'lookup', 'lower', 'max', 'merge', 'min', 'one', 'parseint', 'pow', 'range', 'regex',
  'regexall', 'replace', 'reverse', 'setintersection', 'setproduct', 'setsubtract', 'setunion', 'signum', 'slice', 'sort', 'split',
  'startswith', 'strcontains', 'strrev', 'substr', 'sum', 'templatefile', 'title', 'tobool', 'tolist', 'tomap', 'tonumber', 'toset',
  'tostring', 'transpose', 'trim', 'trimprefix', 'trimspace', 'trimsuffix', 'try', 'type', 'upper', 'urlencode', 'values', 'zipmap',
  'timestamp', 'uuid', 'sha256', 'filebase64', 'yamldecode', 'nonsensitive', 'sensitive', 'not_a_function', 'provider::aws::arn_parse',
  'fileset',
];

const NUMBERS = ['0', '1', '2', '-1', '3', '0.5', '1e308', '1e400', '1e-320', '9007199254740993', '65536', '4294967296', '1000000000', '100000000', '1'.repeat(400)];
const STRINGS = [
  '""', '"a"', '"subnet-1"', '"sg-1"', '"10.0.0.0/16"', '"10.0.0.0/8"', '"::ffff:10.0.0.0/120"', '"us-east-1a"', '"eu-west-1"', '"*"',
  '"arn:aws:iam::123456789012:role/x"', '"arn:aws:sqs:us-east-1:123456789012:q"', '"com.amazonaws.us-east-1.s3"', '"%d %s %v %[2]q"',
  '"(a+)+b"', '"(a|aa)*$"', '"a(?:.*z)?"', '"/(x*)*y/"', '"\\\\d+"', '"${"', '"$${x}"', '"%%{"', '"\\u0000"', '"\\n\\r\\t"', '"😀é"',
  '"/etc/passwd"', '"../../../../etc/passwd"', '"${path.module}/x.json"', '"policy.json"', '"{\\"a\\": [1, {\\"b\\": null}]}"',
  // fileset() patterns and directories, label inputs, resource policy condition keys.
  '"**/*.tf"', '"*"', '"**"', '"{a,{b,c}}*"', '"[!a-z]?.json"', '"[a-"', '"{a"', '"\\\\"', '"./**/../*"', '"child"', '"."',
  '"/[^a-z]/"', '"title"', '"upper"', '"none"', '"aws:SourceVpce"', '"StringNotEquals"', '"vpce-1"',
];
const REFS = [
  'var.x', 'var.list', 'var.map', 'var.missing', 'local.l0', 'local.l1', 'local.self_ref', 'local.missing', 'each.key', 'each.value',
  'count.index', 'self.id', 'aws_subnet.a.id', 'aws_subnet.a[*].id', 'aws_subnet.a[0].availability_zone', 'aws_subnet.a',
  'aws_vpc.v.id', 'aws_security_group.s.id', 'aws_lambda_function.f.arn', 'aws_iam_role.r.arn', 'aws_iam_role.r.name',
  'data.aws_iam_policy_document.p.json', 'data.aws_availability_zones.az.names', 'module.m.out', 'module.m', 'module.missing.x',
  'path.module', 'path.root', 'path.cwd', 'terraform.workspace', 'unknown_thing.x.y', 'null', 'true', 'false',
  'module.this.context', 'module.this.enabled', 'module.this.id', 'module.m.s3_bucket_id', 'module.m.queue_url',
];

/** Long strings made of a repeated unit: the shapes that make backtracking regular expressions blow up. */
const longString = fc
  .tuple(fc.constantFrom('a', '/', '0', '1.', '\\r\\n', ' ', '[', '%0', 'a/', '//', ':', '?'), fc.integer({ min: 1, max: 5000 }), fc.constantFrom('', 'x', '!', '\\n'))
  .map(([unit, n, tail]) => `"${unit.repeat(n)}${tail}"`);

const literalString = fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{'));

const expr: Arbitrary<string> = fc.letrec((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...NUMBERS),
    fc.constantFrom(...STRINGS),
    fc.constantFrom(...REFS),
    longString,
    literalString,
    tie('compound'),
  ),
  compound: fc.oneof(
    { maxDepth: 5 },
    fc.tuple(fc.constantFrom(...FUNCTIONS), fc.array(tie('expr') as Arbitrary<string>, { maxLength: 4 }), fc.boolean()).map(([f, args, expand]) => `${f}(${args.join(', ')}${expand && args.length > 0 ? '...' : ''})`),
    fc.array(tie('expr'), { maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`),
    fc.array(fc.tuple(fc.constantFrom('a', 'b', '"k"', '(local.l0)', 'subnet_ids', '"${var.x}"'), tie('expr')), { maxLength: 4 }).map((kvs) => `{ ${kvs.map(([k, v]) => `${k} = ${v}`).join(', ')} }`),
    fc.tuple(tie('expr'), tie('expr'), fc.option(tie('expr'))).map(([c, v, cond]) => `[for k, v in ${c} : ${v}${cond ? ` if ${cond}` : ''}]`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr'), fc.boolean()).map(([c, k, v, group]) => `{for k, v in ${c} : ${k} => ${v}${group ? '...' : ''}}`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, a, b]) => `${c} ? ${a} : ${b}`),
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '%', '==', '!=', '<', '>=', '&&', '||'), tie('expr')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(fc.constantFrom('!', '-'), tie('expr')).map(([op, a]) => `${op}${a}`),
    fc.tuple(tie('expr'), fc.constantFrom('[*].id', '.*.id', '[*]', '[0]', '["k"]', '[count.index]', '.id', '.0')).map(([a, t]) => `(${a})${t}`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, k]) => `(${a})[${k}]`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([a, c, b]) => `"x\${${a}}%{ if ${c} }y%{ else }\${${b}}%{ endif }%{ for i in ${b} }\${i}%{ endfor }"`),
    fc.tuple(tie('expr'), fc.boolean()).map(([a, indent]) => `<<${indent ? '-' : ''}EOT\n  {"a": \${${a}}}\n  EOT\n`),
  ),
})).expr as Arbitrary<string>;

/** A chain of locals where each step uses the previous one twice: values of exponential size described in a few lines. */
const CHAIN_STEPS = [
  (p: string) => `jsonencode([${p}, ${p}])`,
  (p: string) => `[${p}, ${p}]`,
  (p: string) => `"\${${p}}\${${p}}"`,
  (p: string) => `{ a = ${p}, b = ${p} }`,
  (p: string) => `merge({ a = ${p} }, { b = ${p} })`,
  (p: string) => `concat([${p}], [${p}])`,
  (p: string) => `flatten([${p}, ${p}])`,
  (p: string) => `setproduct([${p}], [${p}])`,
  (p: string) => `format("%s%s", ${p}, ${p})`,
  (p: string) => `{ Statement = [{ Effect = "Allow", Action = [${p}, ${p}], Resource = "*" }] }`,
];
const chain = fc.tuple(fc.integer({ min: 0, max: CHAIN_STEPS.length - 1 }), fc.integer({ min: 1, max: 64 })).map(([k, n]) => {
  let s = '  c0 = "ec2:CreateNetworkInterface"\n';
  for (let i = 1; i <= n; i++) s += `  c${i} = ${CHAIN_STEPS[k](`local.c${i - 1}`)}\n`;
  return { text: s, last: `local.c${n}` };
});

const expressionModule = fc
  .record({
    locals: fc.array(expr, { minLength: 1, maxLength: 5 }),
    chain: fc.option(chain, { freq: 3 }),
    count: fc.option(expr, { freq: 2 }),
    forEach: fc.option(expr, { freq: 3 }),
    name: expr,
    role: expr,
    env: expr,
    subnets: expr,
    groups: expr,
    subnetCount: expr,
    az: expr,
    policy: expr,
    endpoint: expr,
    route: expr,
    resourcePolicy: fc.oneof(
      expr,
      fc.tuple(fc.constantFrom('Deny', 'Allow', '"Deny"'), expr, fc.constantFrom('StringNotEquals', 'StringNotLike', 'Null', 'StringEquals', 'ForAnyValue:StringNotLike'), fc.constantFrom('"aws:SourceVpce"', '"aws:SourceVpc"', '"aws:sourcevpce"', '"aws:VpcSourceIp"'), expr).map(
        ([effect, principal, op, key, value]) =>
          `jsonencode({ Statement = [{ Effect = "${effect.replace(/"/g, '')}", Principal = ${principal}, Action = "s3:*", Resource = "*", Condition = { ${op.includes(':') ? `"${op}"` : op} = { ${key} = ${value} } } }] })`,
      ),
    ),
  })
  .map((r) => {
    const policy = r.chain && r.chain.text.includes('Statement') ? r.chain.last : r.policy;
    return `variable "x" {\n  default = "subnet-1"\n}\nvariable "list" {\n  type    = list(string)\n  default = ["subnet-1", "subnet-2"]\n}\nvariable "map" {\n  default = { a = 1 }\n}\n
locals {
${r.locals.map((e, i) => `  l${i} = ${e}`).join('\n')}
  self_ref = [local.self_ref]
${r.chain ? r.chain.text : ''}}

resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  count             = ${r.subnetCount}
  vpc_id            = aws_vpc.v.id
  availability_zone = ${r.az}
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)
}

resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = ${r.route}
  }
}

resource "aws_vpc_endpoint" "e" {
  vpc_id       = aws_vpc.v.id
  service_name = ${r.endpoint}
}

resource "aws_security_group" "s" {
  vpc_id = aws_vpc.v.id
}

resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
}

resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.r.id
  policy = ${policy}
}

resource "aws_s3_bucket" "b" {
  bucket = "b"
}

resource "aws_s3_bucket_policy" "bp" {
  bucket = aws_s3_bucket.b.id
  policy = ${r.resourcePolicy}
}

resource "aws_lambda_function" "f" {
${r.count ? `  count = ${r.count}\n` : r.forEach ? `  for_each = ${r.forEach}\n` : ''}  function_name = ${r.name}
  role          = ${r.role}
  environment {
    variables = ${r.chain ? `{ A = ${r.env}, CHAIN = ${r.chain.last}, B = aws_s3_bucket.b.bucket }` : r.env}
  }
  vpc_config {
    subnet_ids         = ${r.subnets}
    security_group_ids = ${r.groups}
  }
}

output "o" {
  value = [${r.chain ? r.chain.last : 'local.l0'}, aws_lambda_function.f]
}
`;
  });

const expressionCase: Arbitrary<FuzzCase> = expressionModule.map((text) => ({ files: { 'main.tf': text } }));

// ---------------------------------------------------------------------------
// modules

const SOURCES = [
  './', '.', '../root', './child', './child/../child', '../shared', '../shared/', '../../outside', '../../../../../../etc', '/etc',
  '/fuzz/outside', './missing', './link-loop/child', './link-loop/link-loop/child/up', './escape', './child/up/escape', 'terraform-aws-modules/lambda/aws', 'terraform-aws-modules/vpc/aws',
  'terraform-aws-modules/vpc/aws//modules/vpc-endpoints', 'git::https://example.com/x.git?ref=v1', 'github.com/terraform-aws-modules/terraform-aws-lambda',
  'hashicorp/consul/aws', '', 'cloudposse/label/null', 'terraform-aws-modules/s3-bucket/aws', 'terraform-aws-modules/sqs/aws',
  'terraform-aws-modules/dynamodb-table/aws', 'terraform-aws-modules/rds/aws', 'terraform-aws-modules/sns/aws',
];

/** Arguments of the module calls: generic ones, and those of the built-in registry models. */
const CALL_ARGS = [
  'x', 'subnet_ids', 'vpc_subnet_ids', 'vpc_security_group_ids', 'attach_network_policy', 'function_name', 'create_role', 'policy_json',
  'version', 'enabled', 'context', 'namespace', 'name', 'stage', 'attributes', 'delimiter', 'label_order', 'regex_replace_chars',
  'id_length_limit', 'label_value_case', 'labels_as_tags', 'tags', 'create_bucket', 'bucket', 'attach_policy', 'policy',
  'is_directory_bucket', 'create_dlq', 'fifo_queue', 'queue_policy_statements', 'create_queue_policy', 'identifier',
  'publicly_accessible', 'create_db_instance', 'create', 'topic_policy', 'create_topic_policy',
];

/** The JSON-syntax rendering of a native text (for `.tf.json` files). */
function toJsonText(text: string): string {
  return toTfJson(parseNative(text, 'override.tf').file);
}

/** Module calls named `<prefix>0`, `<prefix>1`, ... */
const moduleCalls = (prefix: string, max: number): Arbitrary<string> =>
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...SOURCES),
        fc.option(expr, { freq: 2 }),
        fc.array(fc.tuple(fc.constantFrom(...CALL_ARGS), expr), { maxLength: 6 }),
      ),
      { maxLength: max },
    )
    .map((calls) =>
      calls
        .map(([source, count, args], i) => `module "${prefix}${i}" {\n  source = "${source}"\n${count ? `  count = ${count}\n` : ''}${args.map(([k, v]) => `  ${k} = ${v}\n`).join('')}}\n`)
        .join(''),
    );

const childBody = fc.oneof(
  expressionModule,
  fc.integer({ min: 0, max: 0x7fffffff }).map((seed) => generateHclFile(seed, { targetBytes: 1200 }).text),
  moduleCalls('m', 2).map((calls) => `variable "x" {}\noutput "out" { value = var.x }\n${calls}`),
);

const modulesCase: Arbitrary<FuzzCase> = fc
  .record({
    main: fc.oneof(expressionModule, fc.integer({ min: 0, max: 0x7fffffff }).map((seed) => generateHclFile(seed, { targetBytes: 1500 }).text)),
    calls: moduleCalls('call', 4),
    child: childBody,
    shared: childBody,
    tfvars: fc.option(fc.oneof(expr.map((e) => `x = ${e}\nlist = [${e}]\n`), soupCase.map((c) => c.files['main.tf'])), { freq: 2 }),
    // Override files: merged into the blocks of the same name (or reported when there is none).
    override: fc.option(fc.tuple(fc.constantFrom('override.tf', 'main_override.tf', 'override.tf.json', 'child/override.tf'), childBody), { freq: 3 }),
    modulesJson: fc.option(fc.array(fc.tuple(fc.constantFrom('call0', 'call1', 'call0.m0', ''), fc.constantFrom('../shared', '../../outside', '/etc', 'child', '.terraform/modules/x', '../root')), { maxLength: 3 }), { freq: 2 }),
  })
  .map((r) => {
    const files: Record<string, string> = {
      'main.tf': r.main + '\n' + r.calls,
      'child/main.tf': r.child,
      '../shared/main.tf': r.shared,
      // Outside the workspace root: must never be read, whatever points here.
      '../../outside/main.tf': 'resource "aws_lambda_function" "outside" {\n  function_name = "must never be read"\n}\n',
      '../../etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
    };
    if (r.tfvars !== null) files['terraform.tfvars'] = r.tfvars;
    // A .tf.json override gets the JSON form of the text (to-json.ts), or the text itself when it has no such form.
    if (r.override !== null) files[r.override[0]] = r.override[0].endsWith('.json') ? toJsonText(r.override[1]) : r.override[1];
    if (r.modulesJson !== null) {
      files['.terraform/modules/modules.json'] = JSON.stringify({ Modules: r.modulesJson.map(([Key, Dir]) => ({ Key, Source: 'registry.terraform.io/x/y/aws', Dir })) });
      files['.terraform/modules/x/main.tf'] = r.child;
    }
    // A link back to the root (a loop) and one out of the workspace.
    return { files, links: { 'link-loop': '.', 'child/up': '..', escape: '../../outside' } };
  });

// ---------------------------------------------------------------------------

export interface FuzzProperty {
  name: string;
  description: string;
  /** Share of the runs. */
  weight: number;
  arbitrary: Arbitrary<FuzzCase>;
}

export const PROPERTIES: FuzzProperty[] = [
  { name: 'bytes', description: 'random bytes (UTF-8, Latin-1, raw UTF-16)', weight: 2, arbitrary: bytesCase },
  { name: 'soup', description: 'HCL and Terraform tokens in random order', weight: 2, arbitrary: soupCase },
  { name: 'fixtures', description: 'mutated fixture files', weight: 3, arbitrary: fixtureFileCase },
  { name: 'fixture-dirs', description: 'mutated fixture module directories', weight: 2, arbitrary: fixtureDirCase },
  { name: 'generated', description: 'generated Terraform, valid or with one error, sometimes mutated', weight: 3, arbitrary: generatedCase },
  { name: 'expressions', description: 'random expressions over every function, in Lambda/VPC/IAM and bucket-policy resources', weight: 4, arbitrary: expressionCase },
  { name: 'modules', description: 'module trees: self, parent, missing, outside, registry sources and models; override files; tfvars; modules.json', weight: 2, arbitrary: modulesCase },
];
