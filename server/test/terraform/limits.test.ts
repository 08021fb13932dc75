// Pathological input gives unknown values with a reason, in bounded time, never a hang or a crash.
import * as assert from 'node:assert/strict';
import type { Expr } from '../../src/hcl/ast';
import { reasonsOf } from '../../src/terraform';
import { ev, unknownBecause, workspace } from './helpers';

describe('terraform/limits: cycles', () => {
  it('locals that depend on each other', () => {
    const ws = workspace({ 'main.tf': 'locals {\n  a = local.b\n  b = [local.a]\n  c = local.c + 1\n  d = "ok"\n}\n' });
    assert.ok(reasonsOf(ws.roots[0].local('a')).some((r) => r.code === 'cycle'));
    assert.ok(reasonsOf(ws.roots[0].local('b')).some((r) => r.code === 'cycle'));
    unknownBecause(ws.roots[0].local('c'), 'cycle', 'local.c');
    assert.equal(ws.roots[0].local('d').kind, 'string');
  });

  it('a module whose input depends on its own output', () => {
    const ws = workspace({
      'm/main.tf': 'variable "x" {}\noutput "y" { value = var.x }\n',
      'main.tf': 'module "m" {\n  source = "./m"\n  x = module.m.y\n}\noutput "y" { value = module.m.y }\n',
    });
    unknownBecause(ws.roots[0].output('y'), 'cycle');
  });

  it('a resource argument that refers to itself', () => {
    const ws = workspace({ 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = aws_s3_bucket.b.bucket\n}\n' });
    unknownBecause(ws.resources()[0].attr('bucket'), 'cycle');
  });

  it('a module that calls itself, directly or through another', () => {
    const ws = workspace({
      'main.tf': 'module "self" {\n  source = "./"\n}\nmodule "a" {\n  source = "./a"\n}\n',
      'a/main.tf': 'module "b" {\n  source = "../b"\n}\noutput "x" { value = module.b.x }\n',
      'b/main.tf': 'module "a" {\n  source = "../a"\n}\noutput "x" { value = module.a.x }\n',
    });
    const [self, a] = ws.roots[0].children();
    assert.equal(self.source.kind, 'unavailable');
    assert.equal(self.source.reason?.code, 'cycle');
    // root, self (not followed), a, a.b, and a.b.a (not followed).
    assert.equal(ws.modules().length, 5);
    unknownBecause(a.output('x'), 'cycle');
    assert.ok(ws.diagnostics().some((d) => d.code === 'cycle'));
  });

  it('module nesting deeper than the limit stops with a reason', () => {
    const files: Record<string, string> = { 'main.tf': 'module "m" {\n  source = "./m0"\n}\n' };
    for (let i = 0; i < 10; i++) files[`m${i}/main.tf`] = `module "m" {\n  source = "../m${i + 1}"\n}\noutput "x" { value = module.m.x }\n`;
    files['m10/main.tf'] = 'output "x" { value = "bottom" }\n';
    const ws = workspace(files, { limits: { maxModuleDepth: 5 } });
    unknownBecause(ws.modules()[1].output('x'), 'limit', 'module nesting');
    assert.equal(ws.modules().length, 7);
  });
});

describe('terraform/limits: sizes', () => {
  it('a huge count is one representative instance with a limit reason', () => {
    const ws = workspace({ 'main.tf': 'resource "aws_subnet" "a" {\n  count = 1000000\n  cidr_block = "10.0.0.0/24"\n}\n' });
    const rs = ws.resources();
    assert.equal(rs.length, 1);
    assert.equal(rs[0].expansion, 'unknown');
    assert.equal(rs[0].meta.reason?.code, 'limit');
    assert.ok(ws.diagnostics().some((d) => d.code === 'limit'));
  });

  it('for_each past the instance limit', () => {
    const ws = workspace({ 'main.tf': 'resource "aws_subnet" "a" {\n  for_each = { for i in range(200) : tostring(i) => i }\n}\n' }, { limits: { maxInstances: 100 } });
    const rs = ws.resources();
    assert.equal(rs.length, 1);
    assert.equal(rs[0].meta.reason?.code, 'limit');
  });

  it('range past its bound', () => {
    unknownBecause(ev('range(10001)'), 'limit');
    assert.equal(ev('length(range(10000))').kind, 'number');
  });

  it('structures that double at every step (shared values) are answered without walking them all', () => {
    let locals = '  l0 = ["x", "y"]\n  s0 = "ab"\n';
    for (let i = 1; i <= 60; i++) locals += `  l${i} = [local.l${i - 1}, local.l${i - 1}]\n  s${i} = "\${local.s${i - 1}}\${local.s${i - 1}}"\n`;
    const ws = workspace({ 'main.tf': `locals {\n${locals}  enc = jsonencode(local.l60)\n  flat = length(flatten(local.l60))\n  eq = local.l60 == local.l60\n}\n` });
    const r = ws.roots[0];
    unknownBecause(r.local('enc'), 'limit');
    unknownBecause(r.local('flat'), 'limit');
    unknownBecause(r.local('s60'), 'limit', 'too long');
    assert.notEqual(r.local('eq').kind, 'bool');
  });

  it('an evaluation budget bounds total work', () => {
    const v = ev('[for a in range(1000) : [for b in range(1000) : a * b]]', '', {}, { limits: { maxSteps: 100_000 } });
    assert.equal(v.kind, 'tuple');
    const ws = workspace({ 'main.tf': 'locals {\n  big = [for a in range(1000) : [for b in range(1000) : a * b]]\n  after = 1\n}\n' }, { limits: { maxSteps: 100_000 } });
    ws.roots[0].local('big');
    unknownBecause(ws.roots[0].local('after'), 'limit', 'budget');
  });
});

describe('terraform/limits: nesting', () => {
  it('a 10,000-deep expression from the parser is unknown with a reason', () => {
    unknownBecause(ev('('.repeat(10000) + '1' + ')'.repeat(10000)), 'invalid');
    unknownBecause(ev(Array(10000).fill('1').join(' + ')), 'invalid');
    unknownBecause(ev('-'.repeat(10000) + '1'), 'invalid');
  });

  it('a 10,000-deep syntax tree is cut at the nesting limit', () => {
    const ws = workspace({ 'main.tf': '' });
    let e: Expr = { kind: 'Literal', span: { start: 0, end: 1 }, value: 1, raw: '1' };
    for (let i = 0; i < 10000; i++) e = { kind: 'Unary', span: { start: 0, end: 1 }, op: '-', operand: e };
    unknownBecause(ws.roots[0].evaluate(e, '/w/main.tf'), 'limit', 'nesting');
    let t: Expr = { kind: 'Literal', span: { start: 0, end: 1 }, value: 1, raw: '1' };
    for (let i = 0; i < 10000; i++) t = { kind: 'Tuple', span: { start: 0, end: 1 }, elements: [t] };
    const v = ws.roots[0].evaluate(t, '/w/main.tf');
    assert.equal(v.kind, 'tuple');
  });

  it('a chain of 5,000 locals stops at the nesting limit', () => {
    let locals = '';
    for (let i = 0; i < 5000; i++) locals += `  a${i} = local.a${i + 1}\n`;
    locals += '  a5000 = 1\n';
    const ws = workspace({ 'main.tf': `locals {\n${locals}}\n` });
    unknownBecause(ws.roots[0].local('a0'), 'limit');
    // Further down the chain the value is known.
    assert.equal(ws.roots[0].local('a4990').kind, 'number');
  });
});
