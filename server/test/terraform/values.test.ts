// The value model: construction, three-valued equality, symbolic refs, sets, JSON and rendering.
import * as assert from 'node:assert/strict';
import {
  addOrigins,
  describeUnknown,
  equals,
  fromJSON,
  isAbsent,
  isWhollyKnown,
  jsonContent,
  list,
  nullValue,
  num,
  object,
  originsOf,
  reasonsOf,
  refKey,
  refsIn,
  renderValue,
  set,
  str,
  toJSON,
  tuple,
  unknown,
  type SymbolicRef,
} from '../../src/terraform';

const ref = (address: string, path: (string | number)[], distinctGroup?: string): SymbolicRef => ({
  root: '/w',
  address,
  path,
  ...(distinctGroup ? { distinctGroup } : {}),
});
const sym = (address: string, path: (string | number)[], group?: string) => unknown('computed', `${address} after apply`, undefined, { ref: ref(address, path, group) });

describe('terraform/values', () => {
  it('three-valued equality', () => {
    assert.equal(equals(str('a'), str('a')), true);
    assert.equal(equals(str('1'), num(1)), false);
    assert.equal(equals(nullValue(), nullValue()), true);
    assert.equal(equals(tuple([str('a'), num(1)]), tuple([str('a'), num(1)])), true);
    assert.equal(equals(tuple([str('a')]), tuple([str('a'), str('b')])), false);
    assert.equal(equals(object([['a', num(1)]]), object([['a', num(2)]])), false);
    const u = unknown('unset-variable', 'var.x');
    assert.equal(equals(u, str('a')), undefined);
    assert.equal(equals(tuple([u]), tuple([str('a')])), undefined);
    assert.equal(equals(tuple([u, str('x')]), tuple([str('a'), str('y')])), false);
  });

  it('symbolic refs: same ref equal, same distinct group different, otherwise unknown', () => {
    const a = sym('aws_subnet.a', ['id'], 'aws_subnet.id');
    const b = sym('aws_subnet.b', ['id'], 'aws_subnet.id');
    assert.equal(equals(a, sym('aws_subnet.a', ['id'], 'aws_subnet.id')), true);
    assert.equal(equals(a, b), false);
    assert.equal(equals(a, sym('aws_vpc.v', ['id'])), undefined);
    const otherRoot = unknown('computed', 'x', undefined, { ref: { ...ref('aws_subnet.a', ['id'], 'aws_subnet.id'), root: '/other' } });
    assert.equal(equals(a, otherRoot), undefined);
  });

  it('sets deduplicate and sort like Terraform; unknown members make them uncertain', () => {
    const s = set([str('b'), str('a'), str('b')]);
    assert.deepEqual(toJSON(s), ['a', 'b']);
    assert.equal(s.uncertain, undefined);
    assert.deepEqual(toJSON(set([num(10), num(2), num(2)])), [2, 10]);
    const u = set([str('a'), unknown('unset-variable', 'var.x')]);
    assert.equal(u.uncertain, true);
    assert.equal(isWhollyKnown(u), false);
    const distinct = set([sym('aws_subnet.a', ['id'], 'g'), sym('aws_subnet.b', ['id'], 'g')]);
    assert.equal(distinct.uncertain, undefined);
    assert.equal(distinct.items.length, 2);
  });

  it('refsIn finds refs deep inside values and inside jsonOf', () => {
    const v = object([
      ['subnets', tuple([sym('aws_subnet.a', ['id']), sym('module.m.aws_subnet.b["x"]', ['id'])])],
      ['policy', unknown('computed', 'x', undefined, { jsonOf: object([['Resource', sym('aws_sqs_queue.q', ['arn'])]]) })],
    ]);
    assert.deepEqual(
      refsIn(v).map(refKey),
      ['aws_sqs_queue.q.arn', 'aws_subnet.a.id', 'module.m.aws_subnet.b["x"].id'],
    );
    assert.equal(refKey(ref('data.aws_availability_zones.az', ['names', 1])), 'data.aws_availability_zones.az.names[1]');
    assert.equal(refKey(ref('x.y', ['tags', 'Name with space'])), 'x.y.tags["Name with space"]');
  });

  it('reasons and origins are collected deeply', () => {
    const at = { file: '/w/a.tf', span: { start: 1, end: 2 } };
    const v = tuple([unknown('unset-variable', 'var.a', at), str('x', [at]), unknown('computed', 'id')]);
    assert.deepEqual(
      reasonsOf(v).map((r) => r.code),
      ['unset-variable', 'computed'],
    );
    assert.deepEqual(originsOf(v), [at]);
    assert.match(describeUnknown(v), /var\.a/);
    assert.equal(describeUnknown(str('x')), '');
    const withMore = addOrigins(str('x'), [{ file: '/w/b.tf', span: { start: 0, end: 1 } }]);
    assert.equal(withMore.origins?.length, 1);
  });

  it('JSON: toJSON for --explain, fromJSON, jsonContent of strings and of partly known encodings', () => {
    assert.deepEqual(toJSON(object([['b', list([num(1)])], ['a', nullValue()]])), { a: null, b: [1] });
    const u = toJSON(sym('aws_subnet.a', ['id'])) as { unknown: string; ref: string; reasons: unknown[] };
    assert.equal(u.ref, 'aws_subnet.a.id');
    assert.equal(u.reasons.length, 1);
    assert.deepEqual(toJSON(fromJSON({ a: [1, 'x', true, null] })), { a: [1, 'x', true, null] });
    assert.deepEqual(toJSON(jsonContent(str('{"Statement":[]}'))!), { Statement: [] });
    assert.equal(jsonContent(str('not json')), undefined);
    const doc = object([['Action', str('s3:GetObject')]]);
    assert.equal(jsonContent(unknown('computed', 'x', undefined, { jsonOf: doc })), doc);
  });

  it('human rendering', () => {
    assert.equal(renderValue(tuple([str('a'), num(1), sym('aws_subnet.a', ['id'])])), '["a", 1, aws_subnet.a.id]');
    assert.equal(renderValue(object([['k', str('v')], ['with space', num(1)]])), '{ k = "v", "with space" = 1 }');
    assert.equal(renderValue(unknown('computed', 'x')), '(known after apply)');
    assert.ok(renderValue(list(Array.from({ length: 1000 }, (_, i) => num(i)))).length <= 200);
  });

  it('null is absent', () => {
    assert.equal(isAbsent(undefined), true);
    assert.equal(isAbsent(nullValue()), true);
    assert.equal(isAbsent(str('')), false);
  });
});
