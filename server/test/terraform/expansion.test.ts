// count / for_each expansion of resources and data sources, dynamic blocks, nested blocks.
import * as assert from 'node:assert/strict';
import { asList } from '../../src/terraform';
import { known, unknownBecause, workspace } from './helpers';

describe('terraform/expansion: count and for_each', () => {
  it('count gives number keys; count.index is bound', () => {
    const ws = workspace({ 'main.tf': 'resource "aws_subnet" "a" {\n  count = 2\n  cidr_block = "10.0.${count.index}.0/24"\n}\n' });
    const subnets = ws.resources({ type: 'aws_subnet' });
    assert.deepEqual(
      subnets.map((s) => [s.address, s.key, s.expansion]),
      [
        ['aws_subnet.a[0]', 0, 'count'],
        ['aws_subnet.a[1]', 1, 'count'],
      ],
    );
    known(subnets[1].attr('cidr_block'), '10.0.1.0/24');
    known(subnets[1].meta.count, 2);
  });

  it('count = 0 gives no instances; a missing count gives one without a key', () => {
    const ws = workspace({ 'main.tf': 'resource "aws_vpc" "none" {\n  count = 0\n}\nresource "aws_vpc" "one" {}\n' });
    assert.deepEqual(
      ws.resources().map((r) => [r.address, r.key, r.expansion]),
      [['aws_vpc.one', undefined, 'single']],
    );
  });

  it('for_each over a map and over a set of strings gives string keys (distinct from number keys)', () => {
    const ws = workspace({
      'main.tf': `
resource "aws_subnet" "m" {
  for_each = { "0" = "10.0.0.0/24", b = "10.0.1.0/24" }
  cidr_block = each.value
  tags = { k = each.key }
}
resource "aws_subnet" "s" {
  for_each = toset(["x", "y"])
  availability_zone = each.key
}
resource "aws_subnet" "c" {
  count = 1
}
output "by_key" { value = aws_subnet.m["0"].cidr_block }
`,
    });
    const addrs = ws.resources().map((r) => r.address);
    assert.deepEqual(addrs, ['aws_subnet.m["0"]', 'aws_subnet.m["b"]', 'aws_subnet.s["x"]', 'aws_subnet.s["y"]', 'aws_subnet.c[0]']);
    const m0 = ws.instance('aws_subnet.m["0"]')!;
    assert.equal(m0.key, '0');
    assert.notEqual(m0.key, 0);
    known(m0.meta.eachKey, '0');
    known(m0.attr('tags'), { k: '0' });
    assert.equal(ws.instance('aws_subnet.c[0]')?.key, 0);
    assert.equal(ws.instance('aws_subnet.m[0]'), undefined);
    known(ws.roots[0].output('by_key'), '10.0.0.0/24');
    known(ws.instance('aws_subnet.s["y"]')!.attr('availability_zone'), 'y');
  });

  it('the value of a for_each resource is an object by key; of a count resource a tuple', () => {
    const ws = workspace({
      'main.tf': `
resource "aws_subnet" "m" {
  for_each = { a = 1, b = 2 }
}
resource "aws_subnet" "c" {
  count = 2
}
output "keys" { value = keys(aws_subnet.m) }
output "n" { value = length(aws_subnet.c) }
output "ids" { value = [for k, s in aws_subnet.m : s.id] }
`,
    });
    known(ws.roots[0].output('keys'), ['a', 'b']);
    known(ws.roots[0].output('n'), 2);
    assert.equal(asList(ws.roots[0].output('ids'))?.length, 2);
  });

  it('unknown count / for_each: one representative instance with the reason', () => {
    const ws = workspace({
      'main.tf': `
variable "n" { type = number }
resource "aws_subnet" "a" {
  count = var.n
  cidr_block = "10.0.\${count.index}.0/24"
  vpc_id = "vpc-1"
}
resource "aws_subnet" "b" {
  for_each = toset([aws_vpc.v.id])
}
resource "aws_vpc" "v" {}
output "ids" { value = aws_subnet.a[*].id }
output "first" { value = aws_subnet.a[0].id }
`,
    });
    const [a] = ws.resources({ type: 'aws_subnet' }).filter((r) => r.name === 'a');
    assert.equal(a.expansion, 'unknown');
    assert.equal(a.address, 'aws_subnet.a[*]');
    assert.equal(a.key, undefined);
    assert.equal(a.meta.reason?.code, 'unknown-expansion');
    known(a.attr('vpc_id'), 'vpc-1');
    unknownBecause(a.attr('cidr_block'), 'unknown-expansion');
    const b = ws.resources({ type: 'aws_subnet' }).find((r) => r.name === 'b')!;
    assert.equal(b.expansion, 'unknown');
    unknownBecause(ws.roots[0].output('ids'), 'unknown-expansion');
    // A reference to one instance of an unknown set resolves to the representative.
    assert.deepEqual(
      ws.resolveRef(ws.roots[0].output('first')).map((r) => r.address),
      ['aws_subnet.a[*]'],
    );
  });

  it('invalid count / for_each and count together with for_each are diagnostics, not crashes', () => {
    const ws = workspace({
      'main.tf': `
resource "aws_vpc" "neg" { count = -1 }
resource "aws_vpc" "list" { for_each = ["a"] }
resource "aws_vpc" "both" {
  count    = 1
  for_each = {}
}
`,
    });
    assert.deepEqual(
      ws.resources().map((r) => r.expansion),
      ['unknown', 'unknown', 'unknown'],
    );
    assert.equal(ws.diagnostics().filter((d) => d.code === 'invalid').length, 3);
  });

  it('data sources expand too and are addressed with data.', () => {
    const ws = workspace({ 'main.tf': 'data "aws_subnet" "s" {\n  count = 2\n  id = "subnet-${count.index}"\n}\n' });
    assert.deepEqual(
      ws.resources({ mode: 'data' }).map((r) => r.address),
      ['data.aws_subnet.s[0]', 'data.aws_subnet.s[1]'],
    );
    known(ws.instance('data.aws_subnet.s[1]')!.attr('id'), 'subnet-1');
    unknownBecause(ws.instance('data.aws_subnet.s[1]')!.ref('vpc_id'), 'data-source');
  });
});

describe('terraform/expansion: nested and dynamic blocks', () => {
  const cfg = `
variable "rules" {
  default = [{ port = 443 }, { port = 80 }]
}
variable "unset" { type = list(any) }
resource "aws_security_group" "sg" {
  ingress {
    from_port = 22
  }
  dynamic "ingress" {
    for_each = var.rules
    iterator = rule
    content {
      from_port = rule.value.port
      description = "rule \${rule.key}"
    }
  }
  dynamic "egress" {
    for_each = var.unset
    content {
      from_port = egress.value
    }
  }
}
`;

  it('literal and dynamic blocks in source order, with their iterator', () => {
    const ws = workspace({ 'main.tf': cfg });
    const [sg] = ws.resources();
    const ingress = sg.nestedBlocks('ingress');
    assert.equal(ingress.length, 3);
    known(ingress[0].attr('from_port'), 22);
    assert.equal(ingress[0].dynamic, undefined);
    known(ingress[1].attr('from_port'), 443);
    known(ingress[2].attr('description'), 'rule 1');
    assert.equal(ingress[2].dynamic?.iterator, 'rule');
    assert.ok(ingress[2].dynamic?.location.span.start !== undefined);
    assert.equal(sg.hasBlock('ingress'), true);
    assert.equal(sg.hasBlock('timeouts'), false);
  });

  it('a dynamic block over an unknown collection is one block standing for an unknown number', () => {
    const ws = workspace({ 'main.tf': cfg });
    const [sg] = ws.resources();
    const egress = sg.nestedBlocks('egress');
    assert.equal(egress.length, 1);
    assert.equal(egress[0].unknownExpansion?.code, 'unknown-expansion');
    unknownBecause(egress[0].attr('from_port'), 'unknown-expansion');
  });

  it('nested blocks read as a list of objects from other expressions', () => {
    const ws = workspace({
      'main.tf': `
resource "aws_lambda_function" "f" {
  vpc_config {
    subnet_ids = ["a", "b"]
    security_group_ids = []
  }
}
output "subnets" { value = aws_lambda_function.f.vpc_config[0].subnet_ids }
`,
    });
    known(ws.roots[0].output('subnets'), ['a', 'b']);
  });

  it('self refers to the instance', () => {
    const ws = workspace({ 'main.tf': 'resource "aws_instance" "i" {\n  ami = "ami-1"\n  tags = { ami = self.ami }\n}\n' });
    known(ws.resources()[0].attr('tags'), { ami: 'ami-1' });
  });

  it('attribute locations point at the expressions', () => {
    const text = 'resource "aws_subnet" "a" {\n  cidr_block = "10.0.0.0/24"\n}\n';
    const ws = workspace({ 'main.tf': text });
    const [s] = ws.resources();
    const loc = s.attrLocation('cidr_block')!;
    assert.equal(text.slice(loc.span.start, loc.span.end), '"10.0.0.0/24"');
    assert.equal(text.slice(s.location.span.start, s.location.span.end), 'resource "aws_subnet" "a"');
    assert.deepEqual(s.attrNames(), ['cidr_block']);
    assert.equal(s.attrLocation('nope'), undefined);
    assert.equal(s.attr('nope'), undefined);
  });
});
