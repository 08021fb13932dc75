// Module calls: local sources with count/for_each, inputs and outputs, references across
// modules, .terraform/modules/modules.json, and sources that are not followed.
import * as assert from 'node:assert/strict';
import { refsIn } from '../../src/terraform';
import { known, unknownBecause, workspace } from './helpers';

const NET = {
  'modules/net/main.tf': `
variable "cidr" { type = string }
variable "azs" {
  type    = list(string)
  default = ["us-east-1a", "us-east-1b"]
}
variable "name" { default = "net" }
resource "aws_vpc" "this" {
  cidr_block = var.cidr
}
resource "aws_subnet" "private" {
  count             = length(var.azs)
  vpc_id            = aws_vpc.this.id
  availability_zone = var.azs[count.index]
  cidr_block        = cidrsubnet(var.cidr, 8, count.index)
}
output "subnet_ids" { value = aws_subnet.private[*].id }
output "vpc_id" { value = aws_vpc.this.id }
output "where" { value = path.module }
output "name" { value = var.name }
`,
};

describe('terraform/modules: local modules', () => {
  it('inputs, defaults, outputs and addresses', () => {
    const ws = workspace({
      ...NET,
      'main.tf': `
module "net" {
  source = "./modules/net"
  cidr   = "10.1.0.0/16"
}
output "ids" { value = module.net.subnet_ids }
output "name" { value = module.net.name }
output "where" { value = module.net.where }
`,
    });
    const [net] = ws.roots[0].children();
    assert.equal(net.address, 'module.net');
    assert.equal(net.source.kind, 'local');
    assert.equal(net.dir, '/w/modules/net');
    known(net.variable('azs'), ['us-east-1a', 'us-east-1b']);
    known(ws.roots[0].output('name'), 'net');
    known(ws.roots[0].output('where'), 'modules/net');
    assert.deepEqual(
      ws.resources({ type: 'aws_subnet' }).map((r) => r.address),
      ['module.net.aws_subnet.private[0]', 'module.net.aws_subnet.private[1]'],
    );
    known(ws.instance('module.net.aws_subnet.private[1]')!.attr('cidr_block'), '10.1.1.0/24');
  });

  it('an output that returns aws_subnet.x[*].id resolves to the inner instances', () => {
    const ws = workspace({
      ...NET,
      'main.tf': `
module "net" {
  source = "./modules/net"
  cidr   = "10.1.0.0/16"
}
resource "aws_lambda_function" "f" {
  vpc_config {
    subnet_ids         = module.net.subnet_ids
    security_group_ids = []
  }
}
`,
    });
    const [fn] = ws.resources({ type: 'aws_lambda_function' });
    const ids = fn.nestedBlocks('vpc_config')[0].attr('subnet_ids')!;
    const subnets = ws.resolveRef(ids);
    assert.deepEqual(
      subnets.map((s) => s.address),
      ['module.net.aws_subnet.private[0]', 'module.net.aws_subnet.private[1]'],
    );
    known(subnets[0].attr('availability_zone'), 'us-east-1a');
    const vpcRef = refsIn(subnets[0].attr('vpc_id')!)[0];
    assert.equal(vpcRef.address, 'module.net.aws_vpc.this');
    assert.equal(ws.resolveRef(vpcRef)[0].type, 'aws_vpc');
  });

  it('count and for_each on module calls', () => {
    const ws = workspace({
      ...NET,
      'main.tf': `
module "counted" {
  source = "./modules/net"
  count  = 2
  cidr   = "10.\${count.index}.0.0/16"
}
module "keyed" {
  source   = "./modules/net"
  for_each = { a = "10.10.0.0/16", b = "10.20.0.0/16" }
  cidr     = each.value
  name     = each.key
}
output "counted" { value = module.counted[1].vpc_id }
output "keyed" { value = module.keyed["b"].name }
output "all" { value = [for m in module.keyed : m.name] }
`,
    });
    assert.deepEqual(
      ws.roots[0].children().map((m) => m.address),
      ['module.counted[0]', 'module.counted[1]', 'module.keyed["a"]', 'module.keyed["b"]'],
    );
    known(ws.instance('module.counted[1].aws_vpc.this')!.attr('cidr_block'), '10.1.0.0/16');
    known(ws.instance('module.keyed["b"].aws_subnet.private[0]')!.attr('cidr_block'), '10.20.0.0/24');
    known(ws.roots[0].output('keyed'), 'b');
    known(ws.roots[0].output('all'), ['a', 'b']);
    const ref = refsIn(ws.roots[0].output('counted'))[0];
    assert.equal(ref.address, 'module.counted[1].aws_vpc.this');
    assert.equal(ws.moduleAt('module.keyed["a"]')?.key, 'a');
  });

  it('unknown module count: one representative instance', () => {
    const ws = workspace({ ...NET, 'main.tf': 'variable "n" { type = number }\nmodule "m" {\n  source = "./modules/net"\n  count = var.n\n  cidr = "10.0.0.0/16"\n}\n' });
    const [m] = ws.roots[0].children();
    assert.equal(m.address, 'module.m[*]');
    assert.equal(m.expansion, 'unknown');
    assert.equal(ws.resources({ type: 'aws_vpc' })[0].address, 'module.m[*].aws_vpc.this');
  });

  it('a required input that is not passed is invalid; a missing output is invalid', () => {
    const ws = workspace({ ...NET, 'main.tf': 'module "net" {\n  source = "./modules/net"\n}\noutput "x" { value = module.net.nope }\n' });
    unknownBecause(ws.roots[0].children()[0].variable('cidr'), 'invalid', 'required');
    unknownBecause(ws.roots[0].output('x'), 'invalid', 'no output');
  });

  it('nested local modules and ../ sources', () => {
    const ws = workspace({
      'modules/a/main.tf': 'module "b" {\n  source = "../b"\n  v = "deep"\n}\noutput "v" { value = module.b.v }\n',
      'modules/b/main.tf': 'variable "v" {}\noutput "v" { value = upper(var.v) }\n',
      'main.tf': 'module "a" {\n  source = "./modules/a"\n}\noutput "v" { value = module.a.v }\n',
    });
    known(ws.roots[0].output('v'), 'DEEP');
    assert.deepEqual(
      ws.modules().map((m) => m.address),
      ['', 'module.a', 'module.a.module.b'],
    );
  });
});

describe('terraform/modules: sources not followed', () => {
  it('a source outside the workspace roots is not followed', () => {
    const ws = workspace({ '/outside/mod/main.tf': 'output "x" { value = 1 }\n', 'main.tf': 'module "m" {\n  source = "../outside/mod"\n}\noutput "x" { value = module.m.x }\n' });
    const [m] = ws.roots[0].children();
    assert.equal(m.source.kind, 'unavailable');
    unknownBecause(ws.roots[0].output('x'), 'module-unavailable', 'outside the workspace');
  });

  it('a registry source without terraform init and without a model is unknown, with a hint', () => {
    const ws = workspace({ 'main.tf': 'module "m" {\n  source = "acme/thing/aws"\n  version = "1.0"\n}\noutput "x" { value = module.m.anything }\n' });
    unknownBecause(ws.roots[0].output('x'), 'module-unavailable', 'run terraform init');
    assert.equal(ws.roots[0].children()[0].source.kind, 'unavailable');
  });

  it('var.<name> of a modelled or unavailable module is the call argument, evaluated with the call\'s count.index', () => {
    const ws = workspace({
      'main.tf': `
module "fn" {
  source        = "terraform-aws-modules/lambda/aws"
  count         = 2
  function_name = "fn-\${count.index}"
}
module "thing" {
  source = "acme/thing/aws"
  name   = "thing"
}
`,
    });
    const [fn0, fn1, thing] = ws.roots[0].children();
    assert.equal(fn0.source.kind, 'model');
    known(fn0.variable('function_name'), 'fn-0');
    known(fn1.variable('function_name'), 'fn-1');
    unknownBecause(fn0.variable('timeout'), 'unsupported', "does not know the module's default");
    known(thing.variable('name'), 'thing');
    unknownBecause(thing.variable('other'), 'module-unavailable');
    // A local module still declares its variables.
    const local = workspace({ 'main.tf': 'module "m" {\n  source = "./m"\n}\n', 'm/main.tf': 'variable "a" { default = 1 }\n' });
    unknownBecause(local.roots[0].children()[0].variable('b'), 'invalid', 'not declared');
  });

  it('modules.json maps installed registry and git modules by key path', () => {
    const ws = workspace({
      'main.tf': 'module "thing" {\n  source = "acme/thing/aws"\n}\noutput "x" { value = module.thing.x }\noutput "y" { value = module.thing.y }\n',
      '.terraform/modules/modules.json': JSON.stringify({
        Modules: [
          { Key: '', Source: '', Dir: '.' },
          { Key: 'thing', Source: 'registry.terraform.io/acme/thing/aws', Version: '1.0.0', Dir: '.terraform/modules/thing' },
          { Key: 'thing.inner', Source: 'git::https://example.com/inner.git', Dir: '.terraform/modules/thing.inner' },
        ],
      }),
      '.terraform/modules/thing/main.tf': 'module "inner" {\n  source = "git::https://example.com/inner.git"\n}\noutput "x" { value = "installed" }\noutput "y" { value = module.inner.z }\n',
      '.terraform/modules/thing.inner/main.tf': 'output "z" { value = "inner" }\n',
    });
    known(ws.roots[0].output('x'), 'installed');
    known(ws.roots[0].output('y'), 'inner');
    assert.equal(ws.roots[0].children()[0].source.kind, 'installed');
  });

  it('several roots: addresses are per root', () => {
    const ws = workspace(
      { '/a/main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n', '/b/main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.1.0.0/16"\n}\n' },
      {},
      ['/a', '/b'],
    );
    known(ws.instance('aws_vpc.v', '/b')!.attr('cidr_block'), '10.1.0.0/16');
    const idB = ws.instance('aws_vpc.v', '/b')!.ref('id');
    assert.equal(ws.resolveRef(idB)[0].module.root.dir, '/b');
    assert.equal(ws.resources().length, 2);
  });
});
