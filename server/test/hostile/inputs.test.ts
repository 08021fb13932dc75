// Hostile input through the built CLI (`node server/out/main.js --check <dir> --format json`), as a CI check would
// meet it in a pull request from a stranger: every run ends with exit status 0 or 2 and one valid JSON report
// (checkWithBin asserts both). Big inputs are generated here, never committed. The mocha timeout is generous and
// nothing is timed: a hang fails the test by timing out.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildBin, checkWithBin, pseudoRandomBytes, removeDir, workspaceWith, type JsonReport } from './helpers';

const N = 10_000;

function syntaxFindings(report: JsonReport, file: string): string[] {
  return report.findings.filter((f) => f.rule === 'hcl_syntax' && f.file === file).map((f) => f.message);
}

/** A Lambda function in a VPC, its arguments given as HCL text. */
function lambda(name: string, args: Record<string, string>, subnetIds = '["subnet-1", "subnet-2"]'): string {
  const lines = Object.entries(args).map(([k, v]) => `  ${k} = ${v}\n`);
  return `resource "aws_lambda_function" "${name}" {\n  role = "arn:aws:iam::123456789012:role/r"\n${lines.join('')}  vpc_config {\n    subnet_ids         = ${subnetIds}\n    security_group_ids = ["sg-1"]\n  }\n}\n`;
}

describe('hostile: inputs through the built CLI', function () {
  this.timeout(600_000);
  const dirs: string[] = [];
  const ws = (files: Record<string, string | Uint8Array>): string => {
    const d = workspaceWith(files);
    dirs.push(d);
    return d;
  };

  before(function () {
    this.timeout(300_000);
    buildBin();
  });
  after(() => dirs.splice(0).forEach(removeDir));

  it('10,000-deep tuples, blocks, parentheses, templates and JSON: a syntax error each, no stack overflow', () => {
    let blocks = '';
    for (let i = 0; i < N; i++) blocks += `b${i} {\n`;
    for (let i = 0; i < N; i++) blocks += '}\n';
    const d = ws({
      'tuples.tf': `locals {\n  a = ${'['.repeat(N)}${']'.repeat(N)}\n}\n`,
      'blocks.tf': blocks,
      'parens.tf': `locals {\n  b = ${'('.repeat(N)}1${')'.repeat(N)}\n}\n`,
      'calls.tf': `locals {\n  c = ${'tolist('.repeat(N)}[]${')'.repeat(N)}\n}\n`,
      'templates.tf': `locals {\n  d = "${'${"'.repeat(N)}${'"}'.repeat(N)}"\n}\n`,
      'arrays.tf.json': `{"locals": {"e": ${'['.repeat(N)}${']'.repeat(N)}}}`,
      'objects.tf.json': `{"resource": {"aws_lambda_function": {"f": {"vpc_config": ${'{"a":'.repeat(N)}1${'}'.repeat(N)}}}}}`,
    });
    const { exit, report } = checkWithBin(d, ['.']);
    assert.equal(exit, 2);
    for (const file of ['tuples.tf', 'blocks.tf', 'parens.tf', 'calls.tf', 'templates.tf', 'arrays.tf.json', 'objects.tf.json']) {
      assert.ok(
        syntaxFindings(report, file).some((m) => m.startsWith('Nesting too deep')),
        `${file}: ${JSON.stringify(syntaxFindings(report, file))}`,
      );
    }
  });

  it('count = 1000000000, range(100000000) in a for, for_each over a huge set: one representative instance each', () => {
    const d = ws({
      'main.tf':
        'locals {\n  all   = [for i in range(100000000) : i * 2]\n  names = toset([for i in range(100000000) : tostring(i)])\n  big   = setproduct(range(5000), range(5000), range(5000))\n}\n' +
        'resource "aws_subnet" "many" {\n  count             = 1000000000\n  vpc_id            = "vpc-1"\n  availability_zone = "us-east-1a"\n  cidr_block        = cidrsubnet("10.0.0.0/8", 24, count.index)\n}\n' +
        'resource "aws_security_group" "each" {\n  for_each = local.names\n  name     = each.key\n}\n' +
        'resource "aws_security_group" "product" {\n  for_each = toset([for p in local.big : join("-", p)])\n}\n' +
        lambda('counted', { count: '1000000000', function_name: '"f-${count.index}"' }, 'aws_subnet.many[*].id') +
        lambda('each', { for_each: 'local.names', function_name: 'each.key' }),
    });
    const { report } = checkWithBin(d, ['.', '--explain']);
    // The expansions are unknown, so every function stands for its instances in one picture.
    assert.ok((report.pictures ?? []).length <= 2, `${(report.pictures ?? []).length} pictures`);
  });

  it('cyclic locals, variables and module arguments give unknowns, no finding on them', () => {
    const d = ws({
      'main.tf':
        'locals {\n  a = local.b\n  b = [local.a, local.c]\n  c = "${local.a}-${local.c}"\n  d = { x = local.d }\n}\n' +
        'variable "v" {\n  default = var.v\n}\n' +
        'module "m" {\n  source = "./m"\n  x      = module.m.y\n}\n' +
        lambda('cyclic', { function_name: 'local.c' }, 'concat(local.b, [module.m.y], local.d.x)'),
      'm/main.tf': 'variable "x" {}\noutput "y" { value = var.x }\n',
    });
    const { report } = checkWithBin(d, ['.']);
    assert.deepEqual(
      report.findings.filter((f) => f.resource === 'aws_lambda_function.cyclic').map((f) => f.rule),
      [],
    );
  });

  it('modules that call themselves, their parent, or each other in a ring', () => {
    const d = ws({
      'main.tf': 'module "self" {\n  source = "./"\n}\nmodule "a" {\n  source = "./a"\n}\n',
      'a/main.tf': 'module "parent" {\n  source = "../"\n}\nmodule "b" {\n  source = "../b"\n}\n' + lambda('in_a', { function_name: '"in-a"' }, '["subnet-1"]'),
      'b/main.tf': 'module "a" {\n  source = "../a"\n}\nmodule "again" {\n  source = "./../b/."\n}\n',
    });
    const { report } = checkWithBin(d, ['.']);
    // A module already being evaluated is not entered again: the function in a/ is found once, as module.a's.
    assert.deepEqual(
      report.findings.filter((f) => f.rule === 'aws_lambda_vpc_single_az').map((f) => f.resource),
      ['module.a.aws_lambda_function.in_a'],
    );
    checkWithBin(d, ['.', '--recursive']);
  });

  it('symbolic link loops in module folders (also with --recursive)', () => {
    const d = ws({
      'main.tf': 'module "m" {\n  source = "./modules/m"\n}\n',
      'modules/m/main.tf': 'module "deeper" {\n  source = "./loop/m/loop/m"\n}\nmodule "sideways" {\n  source = "./up/up/modules/m"\n}\n' + lambda('fn', { function_name: '"fn"' }, '["subnet-1"]'),
    });
    fs.symlinkSync('..', path.join(d, 'modules/m/loop'));
    fs.symlinkSync('..', path.join(d, 'modules/m/up'));
    fs.symlinkSync('.', path.join(d, 'modules/self'));
    fs.symlinkSync('../..', path.join(d, 'modules/m/root'));
    const { report } = checkWithBin(d, ['.']);
    // The module is the same directory under every name: it is expanded once, and its function reported once.
    assert.equal(report.findings.filter((f) => f.rule === 'aws_lambda_vpc_single_az').length, 1, JSON.stringify(report.findings.map((f) => f.message)));
    checkWithBin(d, ['.', '--recursive']);
  });

  it('1 MB of binary garbage with NUL bytes, as .tf, .tf.json and .tfvars', () => {
    const garbage = pseudoRandomBytes(1 << 20, 7);
    for (let i = 0; i < garbage.length; i += 97) garbage[i] = 0;
    const d = ws({ 'garbage.tf': garbage, 'garbage.tf.json': garbage, 'terraform.tfvars': garbage });
    const { exit, report } = checkWithBin(d, ['.']);
    assert.equal(exit, 2);
    for (const file of ['garbage.tf', 'garbage.tf.json', 'terraform.tfvars']) assert.ok(syntaxFindings(report, file).length > 0, file);
  });

  it('invalid UTF-8 in strings, comments, names and heredocs', () => {
    const bad = (s: string): Buffer => Buffer.concat(s.split('@').flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [Buffer.from([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80]), Buffer.from(part)])));
    const d = ws({
      'main.tf': bad('# comment @\nlocals {\n  a = "@"\n  b = <<EOT\n@\nEOT\n  @ = 1\n}\n' + lambda('utf', { function_name: '"@"' })),
      'main.tf.json': bad('{"locals": {"x": "@", "@": 1}}'),
    });
    checkWithBin(d, ['.']);
  });

  it('CR-only line endings are a syntax error, reported with a position', () => {
    const d = ws({ 'main.tf': (lambda('cr', { function_name: '"cr"' }) + 'locals {\n  a = 1\n}\n').replace(/\n/g, '\r') });
    const { exit, report } = checkWithBin(d, ['.']);
    assert.equal(exit, 2);
    const messages = syntaxFindings(report, 'main.tf');
    assert.ok(messages.some((m) => /carriage return/i.test(m)), JSON.stringify(messages));
  });

  it('unterminated heredocs, strings, templates, directives, block comments and blocks', () => {
    const files: Record<string, string> = {
      'heredoc.tf': 'locals {\n  a = <<EOT\nnever closed\n',
      'indented-heredoc.tf': 'locals {\n  a = <<-EOT\n    never closed\n  EOTX\n}\n',
      'string.tf': 'locals {\n  a = "never closed\n}\n',
      'interpolation.tf': 'locals {\n  a = "${var.x\n}\n',
      'directive.tf': 'locals {\n  a = "%{ if true }yes\n}\n',
      'for-directive.tf': 'locals {\n  a = <<EOT\n%{ for x in [1] }${x}\nEOT\n}\n',
      'comment.tf': '/* never closed\nlocals {\n  a = 1\n}\n',
      'block.tf': 'resource "aws_lambda_function" "f" {\n  function_name = "f"\n  vpc_config {\n',
      'string.tf.json': '{"locals": {"a": "never closed}}',
      'template.tf.json': '{"locals": {"a": "${var.x"}}',
    };
    const d = ws(files);
    const { exit, report } = checkWithBin(d, ['.']);
    assert.equal(exit, 2);
    for (const file of Object.keys(files)) assert.ok(syntaxFindings(report, file).length > 0, `${file} has no syntax finding`);
  });

  it('a 5 MB single line', () => {
    const elements = Array.from({ length: 5 * 1024 * 1024 / 16 }, (_, i) => `"subnet-${String(i).padStart(5, '0')}"`).join(',');
    const d = ws({
      'main.tf': `locals { subnets = [${elements}] }`,
      'fn.tf': lambda('wide', { function_name: `"${'x'.repeat(5 * 1024 * 1024)}"` }, 'local.subnets'),
    });
    checkWithBin(d, ['.']);
  });

  it('a 60,000-resource file', () => {
    const parts: string[] = ['provider "aws" {\n  region = "eu-west-1"\n}\n'];
    for (let i = 0; i < 20_000; i++) {
      parts.push(`resource "aws_subnet" "s${i}" {\n  vpc_id            = "vpc-1"\n  cidr_block        = "10.${(i >> 8) & 255}.${i & 255}.0/24"\n  availability_zone = "eu-west-1${'abc'[i % 3]}"\n}\n`);
      parts.push(`resource "aws_security_group" "g${i}" {\n  vpc_id = "vpc-1"\n  name   = "g${i}"\n}\n`);
    }
    for (let i = 0; i < 19_000; i++) parts.push(`resource "aws_route_table_association" "a${i}" {\n  subnet_id      = aws_subnet.s${i}.id\n  route_table_id = "rtb-1"\n}\n`);
    for (let i = 0; i < 1_000; i++) parts.push(lambda(`f${i}`, { function_name: `"f${i}"` }, `[aws_subnet.s${i}.id]`).replace('"sg-1"', `aws_security_group.g${i}.id`));
    const d = ws({ 'main.tf': parts.join('') });
    const { exit, report } = checkWithBin(d, ['.']);
    assert.equal(exit, 2);
    // Each function is in one subnet: one single-AZ warning each.
    assert.equal(report.findings.filter((f) => f.rule === 'aws_lambda_vpc_single_az').length, 1_000);
  });

  it('file("/etc/passwd") and templatefile() outside the workspace are never read: the values are unknown', () => {
    const d = ws({});
    // A secret next to the repository, reachable by a relative path.
    const outside = path.join(path.dirname(d), `${path.basename(d)}-outside`);
    fs.mkdirSync(outside);
    dirs.push(outside);
    const secret = `TOP-SECRET-${path.basename(d)}`;
    fs.writeFileSync(path.join(outside, 'secret.txt'), `${secret}\n`);
    fs.writeFileSync(path.join(outside, 'secret.tftpl'), `${secret} \${x}\n`);
    const rel = path.relative(d, outside);
    fs.writeFileSync(
      path.join(d, 'main.tf'),
      lambda('leaky', {
        function_name: 'file("/etc/passwd")',
        description: `file("${rel}/secret.txt")`,
        handler: `templatefile("${rel}/secret.tftpl", { x = 1 })`,
        runtime: `templatefile("${path.join(outside, 'secret.tftpl')}", {})`,
      }).replace('  vpc_config {', `  environment {\n    variables = {\n      A = file("/etc/passwd")\n      B = file("${rel}/secret.txt")\n      C = fileexists("/etc/passwd") ? "yes" : "no"\n    }\n  }\n  vpc_config {`),
    );
    const { report, stdout, stderr } = checkWithBin(d, ['.', '--explain']);
    const picture = (report.pictures ?? [])[0] as { name: { known: boolean; reason: string } } | undefined;
    assert.ok(picture, 'a picture of the function');
    assert.equal(picture.name.known, false);
    assert.match(picture.name.reason, /\/etc\/passwd is outside the workspace and is not read/);
    assert.ok(!stdout.includes(secret) && !stderr.includes(secret), 'the secret outside the workspace appears in the output');
    const passwd = fs.existsSync('/etc/passwd') ? fs.readFileSync('/etc/passwd', 'utf8').split('\n')[0] : '';
    if (passwd !== '') assert.ok(!stdout.includes(passwd), 'the first line of /etc/passwd appears in the output');
  });

  it('values that double at every step (64 levels) in environment variables, policies and subnet lists', () => {
    const steps: Record<string, (p: string) => string> = {
      json: (p) => `jsonencode([${p}, ${p}])`,
      tuple: (p) => `[${p}, ${p}]`,
      text: (p) => `"\${${p}}\${${p}}"`,
      object: (p) => `{ a = ${p}, b = ${p} }`,
      policy: (p) => `{ Statement = [{ Effect = "Allow", Action = [${p}, ${p}], Resource = "*" }] }`,
    };
    let locals = '';
    for (const [name, step] of Object.entries(steps)) {
      locals += `  ${name}0 = "sqs:SendMessage"\n`;
      for (let i = 1; i <= 64; i++) locals += `  ${name}${i} = ${step(`local.${name}${i - 1}`)}\n`;
    }
    const d = ws({
      'main.tf':
        `locals {\n${locals}}\n` +
        'resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = local.json64\n}\n' +
        'resource "aws_iam_role_policy" "p" {\n  role   = aws_iam_role.r.id\n  policy = jsonencode(local.policy64)\n}\n' +
        'resource "aws_iam_role_policy" "q" {\n  role   = aws_iam_role.r.id\n  policy = local.json64\n}\n' +
        lambda('doubling', { function_name: 'local.text64' }, 'flatten(local.tuple64)')
          .replace('role = "arn:aws:iam::123456789012:role/r"', 'role = aws_iam_role.r.arn')
          .replace('  vpc_config {', '  environment {\n    variables = { A = local.json64, B = local.text64, C = jsonencode(local.object64) }\n  }\n  vpc_config {'),
    });
    checkWithBin(d, ['.', '--explain']);
  });

  it('a template that renders itself, twice at each level', () => {
    const d = ws({
      'main.tf': lambda('tpl', { function_name: 'templatefile("${path.module}/t.tftpl", { n = 1 })' }),
      't.tftpl': '${templatefile("${path.module}/t.tftpl", { n = n })}${templatefile("t.tftpl", { n = n })}',
    });
    checkWithBin(d, ['.']);
  });
});
