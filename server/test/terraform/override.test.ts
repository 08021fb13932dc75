// Override files (override.tf, *_override.tf, .tf.json / .tofu forms): merged into the declarations of the ordinary
// files as Terraform merges them, with every argument and nested block evaluated and located in the file it is
// written in.
import * as assert from 'node:assert/strict';
import { analyze, ParseCache } from '../../src/analysis';
import { MemoryHost } from '../../src/core/host';
import { applyFix } from '../../src/rules/fixes';
import { selectConfigFiles } from '../../src/terraform/loader';
import type { ResourceInstance, SourceLocation, Workspace } from '../../src/terraform';
import { known, unknownBecause, workspace } from './helpers';

/** The text a location spans, from the workspace's files. */
function textAt(files: Record<string, string>, at: SourceLocation | undefined): string {
  assert.ok(at, 'no location');
  const name = at.file.replace(/^\/w\//, '');
  const text = files[name];
  assert.ok(text !== undefined, `no file ${at.file}`);
  return `${name}:${text.slice(at.span.start, at.span.end)}`;
}

function res(ws: Workspace, address: string): ResourceInstance {
  const r = ws.instance(address);
  assert.ok(r, `no ${address}`);
  return r;
}

const SUBNET = `resource "aws_subnet" "b" {
  vpc_id            = "vpc-1"
  cidr_block        = "10.0.2.0/24"
  availability_zone = "eu-west-1a"
  tags              = { Name = "b" }
}
`;

describe('terraform/override files', () => {
  it('are selected after shadowing, separately from the ordinary files', () => {
    const r = selectConfigFiles(['main.tf', 'override.tf', 'a_override.tf.json', 'x_override.tf', 'x_override.tofu', 'overrides.tf', 'my-override.tf']);
    assert.deepEqual(r.files, ['main.tf', 'my-override.tf', 'overrides.tf']);
    assert.deepEqual(r.overrides, ['a_override.tf.json', 'override.tf', 'x_override.tofu']);
  });

  it('an argument of an override block replaces the argument of the same name; the others stay', () => {
    const files = { 'network.tf': SUBNET, 'override.tf': 'resource "aws_subnet" "b" {\n  availability_zone = "eu-west-1b"\n  map_public_ip_on_launch = false\n}\n' };
    const ws = workspace(files);
    const b = res(ws, 'aws_subnet.b');
    known(b.attr('availability_zone'), 'eu-west-1b');
    known(b.attr('cidr_block'), '10.0.2.0/24');
    known(b.ref('availability_zone'), 'eu-west-1b');
    assert.equal(textAt(files, b.attrLocation('availability_zone')), 'override.tf:"eu-west-1b"');
    assert.equal(textAt(files, b.attrLocation('cidr_block')), 'network.tf:"10.0.2.0/24"');
    // The declaration stays where it is; the merged body lists the override's new arguments after the others.
    assert.equal(textAt(files, b.location), 'network.tf:resource "aws_subnet" "b"');
    assert.deepEqual(b.attrNames(), ['vpc_id', 'cidr_block', 'availability_zone', 'tags', 'map_public_ip_on_launch']);
    // Syntax nodes are handed out only from the declaration's own file.
    assert.equal(b.attribute('availability_zone'), undefined);
    assert.equal(b.attribute('cidr_block')?.name.name, 'cidr_block');
    assert.deepEqual(ws.diagnostics(), []);
    assert.deepEqual(ws.files().sort(), ['/w/network.tf', '/w/override.tf']);
  });

  it('override expressions are evaluated in the instance scope (count.index, each, self) and located in the override file', () => {
    const files = {
      'main.tf': 'resource "aws_subnet" "s" {\n  count = 2\n  cidr_block = "10.0.${count.index}.0/24"\n  availability_zone = "eu-west-1a"\n}\n',
      'override.tf': 'resource "aws_subnet" "s" {\n  availability_zone = ["eu-west-1a", "eu-west-1b"][count.index]\n  tags = { cidr = self.cidr_block }\n  outpost_arn = var.missing\n}\n',
    };
    const ws = workspace(files);
    known(res(ws, 'aws_subnet.s[1]').attr('availability_zone'), 'eu-west-1b');
    known(res(ws, 'aws_subnet.s[0]').attr('tags'), { cidr: '10.0.0.0/24' });
    const v = res(ws, 'aws_subnet.s[0]').attr('outpost_arn');
    unknownBecause(v, 'invalid', 'var.missing is not declared');
    assert.equal(v?.kind === 'unknown' ? textAt(files, v.reasons[0].at) : '', 'override.tf:var.missing');
  });

  it('nested blocks of a type in the override replace all blocks of that type; other types stay', () => {
    const files = {
      'lambda.tf': `resource "aws_lambda_function" "f" {
  function_name = "f"
  vpc_config {
    subnet_ids         = ["subnet-a"]
    security_group_ids = ["sg-1"]
  }
  environment {
    variables = { A = "1" }
  }
}
`,
      'lambda_override.tf': `resource "aws_lambda_function" "f" {
  vpc_config {
    subnet_ids         = ["subnet-b", "subnet-c"]
    security_group_ids = ["sg-2"]
  }
}
`,
    };
    const ws = workspace(files);
    const f = res(ws, 'aws_lambda_function.f');
    const vc = f.nestedBlocks('vpc_config');
    assert.equal(vc.length, 1);
    known(vc[0].attr('subnet_ids'), ['subnet-b', 'subnet-c']);
    assert.equal(vc[0].file, '/w/lambda_override.tf');
    assert.equal(textAt(files, vc[0].location), 'lambda_override.tf:vpc_config');
    assert.equal(textAt(files, vc[0].attrLocation('subnet_ids')), 'lambda_override.tf:["subnet-b", "subnet-c"]');
    assert.equal(vc[0].attribute('subnet_ids')?.expr.kind, 'Tuple');
    known(f.nestedBlocks('environment')[0].attr('variables'), { A: '1' });
    assert.equal(f.nestedBlocks('environment')[0].file, '/w/lambda.tf');
    known(f.ref('vpc_config'), [{ subnet_ids: ['subnet-b', 'subnet-c'], security_group_ids: ['sg-2'] }]);
  });

  it('a dynamic block counts as its type: it replaces literal blocks, and literal blocks replace it', () => {
    const base = `resource "aws_lambda_function" "f" {
  dynamic "vpc_config" {
    for_each = ["x"]
    content {
      subnet_ids = ["subnet-base"]
    }
  }
}
`;
    const literal = workspace({ 'main.tf': base, 'override.tf': 'resource "aws_lambda_function" "f" {\n  vpc_config {\n    subnet_ids = ["subnet-over"]\n  }\n}\n' });
    const lb = res(literal, 'aws_lambda_function.f').nestedBlocks('vpc_config');
    assert.equal(lb.length, 1);
    assert.equal(lb[0].dynamic, undefined);
    known(lb[0].attr('subnet_ids'), ['subnet-over']);

    const empty = workspace({
      'main.tf': 'resource "aws_lambda_function" "f" {\n  vpc_config {\n    subnet_ids = ["subnet-base"]\n  }\n}\n',
      'override.tf': 'resource "aws_lambda_function" "f" {\n  dynamic "vpc_config" {\n    for_each = []\n    content {\n      subnet_ids = ["x"]\n    }\n  }\n}\n',
    });
    const f = res(empty, 'aws_lambda_function.f');
    assert.deepEqual(f.nestedBlocks('vpc_config'), []);
    assert.equal(f.hasBlock('vpc_config'), false);
  });

  it('lifecycle is merged argument by argument', () => {
    const ws = workspace({
      'main.tf': 'resource "aws_subnet" "a" {\n  lifecycle {\n    ignore_changes = [tags]\n    prevent_destroy = true\n  }\n}\n',
      'override.tf': 'resource "aws_subnet" "a" {\n  lifecycle {\n    prevent_destroy = false\n  }\n}\n',
    });
    const [lc] = res(ws, 'aws_subnet.a').nestedBlocks('lifecycle');
    known(lc.attr('prevent_destroy'), false);
    assert.equal(lc.attrLocation('prevent_destroy')?.file, '/w/override.tf');
    assert.equal(lc.attrLocation('ignore_changes')?.file, '/w/main.tf');
  });

  it('count and for_each in an override replace the declaration\'s, evaluated in the override file', () => {
    const files = {
      'main.tf': 'resource "aws_subnet" "s" {\n  count = 1\n  cidr_block = "10.0.${count.index}.0/24"\n}\n',
      'override.tf': 'resource "aws_subnet" "s" {\n  count = local.n\n}\nlocals {\n  n = 3\n}\n',
      'locals.tf': 'locals {\n  n = 1\n}\n',
    };
    const ws = workspace(files);
    assert.deepEqual(ws.resources().map((r) => r.address), ['aws_subnet.s[0]', 'aws_subnet.s[1]', 'aws_subnet.s[2]']);
    assert.equal(textAt(files, res(ws, 'aws_subnet.s[2]').meta.location), 'override.tf:local.n');

    // for_each in an override next to count in the declaration: both set, which Terraform rejects.
    const both = workspace({ 'main.tf': 'resource "aws_subnet" "s" {\n  count = 1\n}\n', 'override.tf': 'resource "aws_subnet" "s" {\n  for_each = toset(["a"])\n}\n' });
    const [only] = both.resources();
    assert.equal(only.expansion, 'unknown');
    assert.ok(both.diagnostics().some((d) => d.code === 'invalid' && d.file === '/w/override.tf'));
  });

  it('locals are overridden value by value, whichever block holds them', () => {
    const files = {
      'main.tf': 'locals {\n  a = 1\n  b = 2\n}\nlocals {\n  c = local.a + local.b\n}\n',
      'override.tf': 'locals {\n  b = 20\n  nope = 0\n}\n',
    };
    const ws = workspace(files);
    known(ws.roots[0].local('a'), 1);
    known(ws.roots[0].local('b'), 20);
    known(ws.roots[0].local('c'), 21);
    assert.equal(ws.roots[0].config.locals.get('b')?.file, '/w/override.tf');
    const [d] = ws.diagnostics();
    assert.equal(d.code, 'override-unmatched');
    assert.equal(d.severity, 'warning');
    assert.equal(textAt(files, d), 'override.tf:nope');
    unknownBecause(ws.roots[0].local('nope'), 'invalid', 'not declared');
  });

  it('variables: default, type and nullable are overridden one by one; the default keeps the declared type', () => {
    const files = {
      'variables.tf': 'variable "azs" {\n  type = list(string)\n  default = ["eu-west-1a"]\n}\nvariable "n" {\n  type = number\n}\nvariable "x" {\n  default = "keep"\n  nullable = false\n}\n',
      'override.tf': 'variable "azs" {\n  default = ["eu-west-1a", "eu-west-1b"]\n}\nvariable "n" {\n  default = "3"\n}\nvariable "x" {\n  type = string\n}\n',
    };
    const ws = workspace(files);
    const root = ws.roots[0];
    known(root.variable('azs'), ['eu-west-1a', 'eu-west-1b']);
    known(root.variable('n'), 3);
    known(root.variable('x'), 'keep');
    const azs = root.config.variables.get('azs')!;
    // The variable's file is that of the default in effect, so `default` lies in `file`.
    assert.equal(textAt(files, { file: azs.file, span: azs.default!.span }), 'override.tf:default = ["eu-west-1a", "eu-west-1b"]');
    assert.equal(azs.layers?.length, 2);
    assert.equal(azs.layers?.[0].file, '/w/variables.tf');
    assert.equal(root.config.variables.get('x')!.file, '/w/variables.tf');
    assert.equal(root.config.variables.get('x')!.nullable, false);
    // tfvars still win over the (overridden) default.
    const withVars = workspace({ ...files, 'terraform.tfvars': 'azs = ["us-east-1a"]\n' });
    known(withVars.roots[0].variable('azs'), ['us-east-1a']);
  });

  it('module calls: arguments, source and count come from the last layer that sets them; outputs are overridden too', () => {
    const files = {
      'modules/a/main.tf': 'variable "name" {}\nvariable "size" {\n  default = 1\n}\noutput "label" {\n  value = "a-${var.name}-${var.size}"\n}\n',
      'modules/a/override.tf': 'output "label" {\n  value = "over-${var.name}"\n}\n',
      'modules/b/main.tf': 'variable "name" {}\nvariable "size" {}\noutput "label" {\n  value = "b-${var.name}-${var.size}"\n}\n',
      'main.tf': 'module "m" {\n  source = "./modules/a"\n  name   = "x"\n  size   = 2\n}\noutput "label" {\n  value = module.m.label\n}\n',
      'm_override.tf': 'module "m" {\n  source = "./modules/b"\n  size   = local.size\n}\nlocals {\n  size = 5\n}\n',
    };
    // Overrides cannot add locals that are not declared: `size` is reported and the argument is unknown.
    const ws = workspace(files);
    const [m] = ws.roots[0].children();
    assert.equal(m.dir, '/w/modules/b');
    assert.equal(m.call?.source, './modules/b');
    known(m.variable('name'), 'x');
    unknownBecause(m.variable('size'), 'invalid', 'local.size is not declared');
    assert.ok(ws.diagnostics().some((d) => d.code === 'override-unmatched' && d.file === '/w/m_override.tf'));

    const ok = workspace({ ...files, 'locals.tf': 'locals {\n  size = 1\n}\n' });
    known(ok.roots[0].output('label'), 'b-x-5');
    const [mm] = ok.roots[0].children();
    assert.equal((mm as unknown as { inputLocation(n: string): SourceLocation }).inputLocation('size').file, '/w/m_override.tf');
    assert.deepEqual(ok.diagnostics(), []);

    // Without the source override, the child's own override file replaces its output's value.
    const { 'm_override.tf': _drop, ...plain } = files;
    const a = workspace(plain);
    known(a.roots[0].output('label'), 'over-x');
    assert.equal(a.roots[0].children()[0].config.outputs.get('label')?.file, '/w/modules/a/override.tf');
  });

  it('module call count from an override expands the call', () => {
    const ws = workspace({
      'modules/a/main.tf': 'output "i" {\n  value = 1\n}\n',
      'main.tf': 'module "m" {\n  source = "./modules/a"\n}\n',
      'override.tf': 'module "m" {\n  count = 2\n}\n',
    });
    assert.deepEqual(ws.modules().map((m) => m.address), ['', 'module.m[0]', 'module.m[1]']);
  });

  it('providers: matched by name and alias; a default configuration may be overridden without one', () => {
    const ws = workspace({
      'main.tf': 'provider "aws" {\n  region = "eu-west-1"\n}\nprovider "aws" {\n  alias = "us"\n  region = "us-east-1"\n}\n',
      'override.tf': 'provider "aws" {\n  region = "eu-central-1"\n}\nprovider "aws" {\n  alias = "usw"\n  region = "us-west-2"\n}\nprovider "google" {\n  project = "p"\n}\n',
    });
    const aws = ws.roots[0].providerBlocks('aws');
    assert.equal(aws.length, 2);
    known(aws[0].attr('region'), 'eu-central-1');
    assert.equal(aws[0].attrLocation('region')?.file, '/w/override.tf');
    known(aws[1].attr('region'), 'us-east-1');
    known(ws.roots[0].providerBlocks('google')[0].attr('project'), 'p');
    const d = ws.diagnostics();
    assert.equal(d.length, 1);
    assert.equal(d[0].code, 'override-unmatched');
    assert.match(d[0].message, /provider "aws" with alias "usw"/);
  });

  it('several override files compound in lexical order, then block order', () => {
    const ws = workspace({
      'main.tf': 'resource "aws_subnet" "a" {\n  availability_zone = "a"\n  cidr_block = "c0"\n  vpc_id = "v0"\n}\n',
      'b_override.tf': 'resource "aws_subnet" "a" {\n  availability_zone = "b"\n  cidr_block = "c1"\n}\n',
      'override.tf': 'resource "aws_subnet" "a" {\n  availability_zone = "o1"\n}\nresource "aws_subnet" "a" {\n  availability_zone = "o2"\n}\n',
      'a_override.tf': 'resource "aws_subnet" "a" {\n  availability_zone = "z"\n  vpc_id = "v1"\n}\n',
    });
    const a = res(ws, 'aws_subnet.a');
    known(a.attr('availability_zone'), 'o2');
    known(a.attr('cidr_block'), 'c1');
    known(a.attr('vpc_id'), 'v1');
    assert.deepEqual(a.decl?.layers?.map((l) => l.file), ['/w/main.tf', '/w/a_override.tf', '/w/b_override.tf', '/w/override.tf', '/w/override.tf']);
  });

  it('.tf.json override files merge into native declarations (and nested blocks given as JSON objects replace blocks)', () => {
    const files = {
      'main.tf': SUBNET + 'resource "aws_lambda_function" "f" {\n  vpc_config {\n    subnet_ids = ["subnet-a"]\n  }\n}\n',
      'override.tf.json': JSON.stringify(
        {
          resource: {
            aws_subnet: { b: { availability_zone: 'eu-west-1c' } },
            aws_lambda_function: { f: { vpc_config: { subnet_ids: ['subnet-j'], security_group_ids: ['${aws_subnet.b.vpc_id}'] } } },
          },
        },
        null,
        2,
      ),
    };
    const ws = workspace(files);
    known(res(ws, 'aws_subnet.b').attr('availability_zone'), 'eu-west-1c');
    assert.equal(textAt(files, res(ws, 'aws_subnet.b').attrLocation('availability_zone')), 'override.tf.json:"eu-west-1c"');
    const [vc] = res(ws, 'aws_lambda_function.f').nestedBlocks('vpc_config');
    known(vc.attr('subnet_ids'), ['subnet-j']);
    known(vc.attr('security_group_ids'), ['vpc-1']);
    assert.equal(vc.file, '/w/override.tf.json');
  });

  it('a block with nothing to override is reported in the override file and ignored', () => {
    const files = {
      'main.tf': SUBNET,
      'override.tf': 'resource "aws_subnet" "c" {\n  availability_zone = "eu-west-1c"\n}\ndata "aws_subnet" "b" {\n  id = "x"\n}\nvariable "v" {\n  default = 1\n}\noutput "o" {\n  value = 1\n}\nmodule "m" {\n  source = "./x"\n}\nterraform {\n  required_version = ">= 1.0"\n}\n',
    };
    const ws = workspace(files);
    assert.deepEqual(ws.resources().map((r) => r.address), ['aws_subnet.b']);
    assert.deepEqual(ws.roots[0].children(), []);
    const d = ws.diagnostics();
    assert.deepEqual(d.map((x) => x.code), Array(5).fill('override-unmatched'));
    assert.deepEqual(d.map((x) => textAt(files, x)), [
      'override.tf:resource "aws_subnet" "c"',
      'override.tf:data "aws_subnet" "b"',
      'override.tf:variable "v"',
      'override.tf:output "o"',
      'override.tf:module "m"',
    ]);
    assert.ok(d.every((x) => x.severity === 'warning'));
  });

  it('syntax errors in an override file make its values unknown, as in ordinary files', () => {
    const ws = workspace({ 'main.tf': SUBNET, 'override.tf': 'resource "aws_subnet" "b" {\n  availability_zone = "eu-west-1b" 7\n}\n' });
    unknownBecause(res(ws, 'aws_subnet.b').attr('availability_zone'), 'invalid', 'syntax error');
    assert.ok(ws.roots[0].config.parseDiagnostics.some((p) => p.file === '/w/override.tf' && p.diagnostics.length > 0));
  });

  it('declarations nothing overrides have no layers', () => {
    const ws = workspace({ 'main.tf': SUBNET + 'variable "v" {\n  default = 1\n}\n', 'override.tf': 'locals {}\n' });
    assert.equal(res(ws, 'aws_subnet.b').decl?.layers, undefined);
    assert.equal(ws.roots[0].config.variables.get('v')?.layers, undefined);
  });

  describe('fixes never edit a layer that does not decide the argument', () => {
    const lint = (files: Record<string, string>, rule: string) => {
      const abs = new Map(Object.entries(files).map(([k, v]) => [`/w/${k}`, v]));
      const findings = analyze(new MemoryHost(abs), ['/w'], {}, new ParseCache()).findings.filter((f) => f.rule === rule);
      return { abs, findings };
    };
    const FN = `provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "eu-west-1b"
}

resource "aws_subnet" "c" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.3.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.main.id
}
`;

    it('a block removal is not offered for a function that override files merge into', () => {
      const fn = `resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = "{}"
}

resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = aws_iam_role.r.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "f.zip"

  vpc_config {
    subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
`;
      const plain = lint({ 'main.tf': FN, 'lambda.tf': fn }, 'aws_lambda_vpc_unneeded');
      assert.equal(plain.findings.length, 1);
      assert.equal(plain.findings[0].fixes.length, 1, 'control: the fix is offered without override files');
      const merged = lint({ 'main.tf': FN, 'lambda.tf': fn, 'override.tf': 'resource "aws_lambda_function" "f" {\n  timeout = 10\n}\n' }, 'aws_lambda_vpc_unneeded');
      assert.equal(merged.findings.length, 1);
      assert.deepEqual(merged.findings[0].fixes, []);
    });

    it('a module call argument set in an override file is reported and edited there', () => {
      const files = {
        'main.tf': FN + `
module "fn" {
  source     = "./modules/fn"
  subnet_ids = [aws_subnet.a.id, aws_subnet.b.id]
  sg         = aws_security_group.fn.id
}
`,
        'override.tf': 'module "fn" {\n  subnet_ids = [aws_subnet.a.id, aws_subnet.c.id]\n}\n',
        'modules/fn/main.tf': `variable "subnet_ids" {
  type = list(string)
}

variable "sg" {}

resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/r"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "f.zip"

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [var.sg]
  }
}
`,
      };
      const { abs, findings } = lint(files, 'aws_lambda_vpc_single_az');
      assert.equal(findings.length, 1);
      const [f] = findings;
      assert.equal(f.file, '/w/override.tf');
      assert.equal(files['override.tf'].slice(f.span.start, f.span.end), 'subnet_ids = [aws_subnet.a.id, aws_subnet.c.id]');
      assert.equal(f.fixes.length, 1);
      assert.deepEqual(f.fixes[0].edits.map((e) => e.file), ['/w/override.tf']);
      const changed = applyFix(abs, f.fixes[0]);
      assert.equal(changed?.get('/w/override.tf'), 'module "fn" {\n  subnet_ids = [aws_subnet.a.id, aws_subnet.c.id, aws_subnet.b.id]\n}\n');

      // Without the override, the same finding does not exist (a and b are in two zones).
      const { 'override.tf': _drop, ...base } = files;
      assert.deepEqual(lint(base, 'aws_lambda_vpc_single_az').findings, []);
    });
  });
});
