// Files → modules: which files are read (.tofu shadowing), variable values and their precedence,
// type conversion, and .tf.json configurations.
import * as assert from 'node:assert/strict';
import { ParseCache } from '../../src/analysis';
import { selectConfigFiles } from '../../src/terraform/loader';
import { known, unknownBecause, workspace } from './helpers';

describe('terraform/loader: files of a module', () => {
  it('loads .tf, .tf.json, .tofu, .tofu.json in lexical order; .tofu shadows .tf of the same name', () => {
    const r = selectConfigFiles(['b.tf', 'a.tf', 'main.tf', 'main.tofu', 'x.tf.json', 'x.tofu.json', 'y.tofu', 'notes.txt', 'terraform.tfvars']);
    assert.deepEqual(r.files, ['a.tf', 'b.tf', 'main.tofu', 'x.tofu.json', 'y.tofu']);
  });

  it('a .tofu file replaces the .tf file of the same base name', () => {
    const ws = workspace({
      'main.tf': 'locals {\n  who = "terraform"\n}\n',
      'main.tofu': 'locals {\n  who = "tofu"\n}\n',
      'other.tf': 'locals {\n  also = "kept"\n}\n',
    });
    known(ws.roots[0].local('who'), 'tofu');
    known(ws.roots[0].local('also'), 'kept');
    assert.deepEqual(ws.files().sort(), ['/w/main.tofu', '/w/other.tf']);
  });

  it('override files are merged after the ordinary files (details in override.test.ts)', () => {
    const ws = workspace({ 'main.tf': 'locals {\n  a = 1\n}\n', 'override.tf': 'locals {\n  a = 2\n}\n' });
    known(ws.roots[0].local('a'), 2);
    assert.deepEqual(ws.diagnostics(), []);
    assert.deepEqual(ws.roots[0].config.files.map((f) => f.path), ['/w/main.tf', '/w/override.tf']);
  });

  it('duplicate declarations keep the first and say so', () => {
    const ws = workspace({ 'a.tf': 'variable "x" {\n  default = 1\n}\n', 'b.tf': 'variable "x" {\n  default = 2\n}\n' });
    known(ws.roots[0].variable('x'), 1);
    assert.ok(ws.diagnostics().some((d) => d.code === 'duplicate-declaration' && d.file === '/w/b.tf'));
  });

  it('parses through the cache the caller passes, and reuses its parses', () => {
    const cache = new ParseCache();
    const files = { 'main.tf': 'locals {\n  a = 1\n}\n', 'terraform.tfvars': '' };
    const first = workspace(files, { cache });
    const second = workspace(files, { cache });
    assert.equal(first.roots[0].config.files[0], second.roots[0].config.files[0]);
  });

  it('values of expressions with syntax errors are not trusted; the rest of the file is', () => {
    const ws = workspace({
      'main.tf': 'locals {\n  ok = "fine"\n  bad = [1, 2\n}\nresource "aws_subnet" "s" {\n  cidr_block = "10.0.0.0/24" 7\n  vpc_id = "vpc-1"\n}\n',
    });
    known(ws.roots[0].local('ok'), 'fine');
    unknownBecause(ws.roots[0].local('bad'), 'invalid', 'syntax error');
    const [s] = ws.resources();
    unknownBecause(s.attr('cidr_block'), 'invalid', 'syntax error');
    known(s.attr('vpc_id'), 'vpc-1');
  });

  it('reads .tf.json configurations', () => {
    const ws = workspace({
      'main.tf.json': JSON.stringify({
        variable: { region: { default: 'eu-west-1' } },
        locals: { az: '${var.region}a' },
        resource: {
          aws_subnet: { a: { availability_zone: '${local.az}', cidr_block: '10.0.1.0/24' } },
          aws_lambda_function: { f: { function_name: 'f', vpc_config: { subnet_ids: ['${aws_subnet.a.id}'], security_group_ids: [] } } },
        },
      }),
    });
    const [subnet] = ws.resources({ type: 'aws_subnet' });
    known(subnet.attr('availability_zone'), 'eu-west-1a');
    const [fn] = ws.resources({ type: 'aws_lambda_function' });
    const vpc = fn.nestedBlocks('vpc_config');
    assert.equal(vpc.length, 1);
    assert.deepEqual(
      ws.resolveRef(vpc[0].attr('subnet_ids')!).map((r) => r.address),
      ['aws_subnet.a'],
    );
  });
});

describe('terraform/loader: variable values', () => {
  const decl = `
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" { default = "default" }
variable "e" { default = "default" }
variable "f" { default = "default" }
`;

  it('precedence: default < terraform.tfvars < tfvars.json < *.auto.tfvars (lexical) < var files < -var', () => {
    const ws = workspace(
      {
        'main.tf': decl,
        'terraform.tfvars': 'b = "tfvars"\nc = "tfvars"\nd = "tfvars"\ne = "tfvars"\nf = "tfvars"\n',
        'terraform.tfvars.json': JSON.stringify({ c: 'tfvars.json', d: 'tfvars.json', e: 'tfvars.json', f: 'tfvars.json' }),
        'a.auto.tfvars': 'd = "a.auto"\ne = "a.auto"\nf = "a.auto"\n',
        'b.auto.tfvars.json': JSON.stringify({ d: 'b.auto', e: 'b.auto', f: 'b.auto' }),
        '/vars/extra.tfvars': 'e = "var-file"\nf = "var-file"\n',
      },
      { varFiles: ['/vars/extra.tfvars'], variables: { f: 'cli' }, workspaceRoots: ['/w', '/vars'] },
    );
    const r = ws.roots[0];
    known(r.variable('a'), 'default');
    known(r.variable('b'), 'tfvars');
    known(r.variable('c'), 'tfvars.json');
    known(r.variable('d'), 'b.auto');
    known(r.variable('e'), 'var-file');
    known(r.variable('f'), 'cli');
    assert.ok(ws.files().includes('/w/terraform.tfvars'));
  });

  it('values carry the location they came from', () => {
    const ws = workspace({ 'main.tf': 'variable "azs" {}\n', 'terraform.tfvars': 'azs = ["us-east-1a"]\n' });
    const v = ws.roots[0].variable('azs');
    assert.equal(v.kind, 'tuple');
    const item = v.kind === 'tuple' ? v.items[0] : v;
    assert.equal(item.origins?.[0].file, '/w/terraform.tfvars');
  });

  it('-var values are raw strings for primitive types and HCL for complex types', () => {
    const ws = workspace(
      { 'main.tf': 'variable "n" { type = number }\nvariable "s" {}\nvariable "l" { type = list(string) }\nvariable "m" { type = map(number) }\n' },
      { variables: { n: '3', s: '[not, hcl', l: '["a", "b"]', m: '{ x = 1 }' } },
    );
    const r = ws.roots[0];
    known(r.variable('n'), 3);
    known(r.variable('s'), '[not, hcl');
    known(r.variable('l'), ['a', 'b']);
    known(r.variable('m'), { x: 1 });
  });

  it('a variable without a value is unknown with a reason at its declaration', () => {
    const ws = workspace({ 'main.tf': 'variable "subnets" {\n  type = list(string)\n}\n' });
    const v = ws.roots[0].variable('subnets');
    unknownBecause(v, 'unset-variable', 'var.subnets');
    assert.equal(v.kind === 'unknown' && v.type, 'list');
  });

  it('type conversion, optional attributes with defaults, nullable', () => {
    const ws = workspace({
      'main.tf': `
variable "n" {
  type    = number
  default = "5"
}
variable "s" {
  type    = string
  default = 5
}
variable "set" {
  type    = set(string)
  default = ["b", "a", "b"]
}
variable "obj" {
  type = object({
    name = string
    size = optional(number, 10)
    tags = optional(map(string))
  })
  default = { name = "x", extra = true }
}
variable "nn" {
  type     = string
  nullable = false
  default  = "fallback"
}
variable "bad" {
  type    = number
  default = "abc"
}
`,
      'terraform.tfvars': 'nn = null\n',
    });
    const r = ws.roots[0];
    known(r.variable('n'), 5);
    known(r.variable('s'), '5');
    known(r.variable('set'), ['a', 'b']);
    known(r.variable('obj'), { name: 'x', size: 10, tags: null });
    known(r.variable('nn'), 'fallback');
    unknownBecause(r.variable('bad'), 'invalid');
  });

  it('tfvars hold constants: references there are invalid', () => {
    const ws = workspace({ 'main.tf': 'variable "x" {}\nlocals {\n  y = 1\n}\n', 'terraform.tfvars': 'x = local.y\n' });
    unknownBecause(ws.roots[0].variable('x'), 'invalid');
  });

  it('a missing var file is a diagnostic', () => {
    const ws = workspace({ 'main.tf': '' }, { varFiles: ['/w/nope.tfvars'] });
    assert.ok(ws.diagnostics().some((d) => d.code === 'var-file-missing'));
  });
});
