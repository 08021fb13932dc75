// How many distinct AZs a function's subnets provably span (server/src/network/subnets.ts azCount).
import * as assert from 'node:assert/strict';
import { azCount } from '../../src/network/subnets';
import type { AzFact, SubnetEntry } from '../../src/network/types';

function subnet(ref: string, az: AzFact): SubnetEntry {
  const unknown = { known: false as const, reason: 'n/a' };
  return { known: true, ref, refKind: 'resource', az, vpc: unknown, routeTable: unknown, mapPublicIpOnLaunch: unknown, ipv6: unknown };
}

const name = (n: string): AzFact => ({ kind: 'name', name: n });
const sym = (set: string, member: string): AzFact => ({ kind: 'symbolic', set, member });

describe('network/subnets azCount', () => {
  it('counts distinct known names', () => {
    assert.deepEqual(azCount([subnet('a', name('eu-west-1a')), subnet('b', name('eu-west-1b')), subnet('c', name('eu-west-1a'))]), { min: 2, max: 2 });
    assert.deepEqual(azCount([subnet('a', name('eu-west-1a')), subnet('c', name('eu-west-1a'))]), { min: 1, max: 1 });
  });

  it('tells members of one symbolic set apart, and equal members together', () => {
    const s = 'data.aws_availability_zones.available.names';
    assert.deepEqual(azCount([subnet('a', sym(s, `${s}[0]`)), subnet('b', sym(s, `${s}[1]`))]), { min: 2, max: 2 });
    assert.deepEqual(azCount([subnet('a', sym('t', 'a')), subnet('b', sym('t', 'a'))]), { min: 1, max: 1 });
  });

  it('cannot compare names with ids, symbols of other sets or unknown AZs', () => {
    const r = azCount([subnet('a', name('eu-west-1a')), subnet('b', { kind: 'id', id: 'euw1-az2' })]);
    assert.equal(r.min, 1);
    assert.equal(r.max, 2);
    assert.ok(r.reason);
    const u = azCount([subnet('a', name('eu-west-1a')), subnet('b', { kind: 'unknown', reason: 'var.az has no value' })]);
    assert.deepEqual(u, { min: 1, max: 2, reason: 'var.az has no value' });
    const sets = azCount([subnet('a', sym('x', '1')), subnet('b', sym('y', '1'))]);
    assert.equal(sets.min, 1);
    assert.equal(sets.max, 2);
  });

  it('counts an unknown list element as one more possible AZ', () => {
    const r = azCount([subnet('a', name('eu-west-1a')), { known: false, reason: 'element unknown' }]);
    assert.deepEqual(r, { min: 1, max: 2, reason: 'element unknown' });
  });

  it('says one subnet is one AZ even when its AZ is unknown', () => {
    assert.deepEqual(azCount([subnet('a', { kind: 'unknown', reason: 'from a data source' })]), { min: 1, max: 1 });
    assert.deepEqual(azCount([]), { min: 0, max: 0 });
  });
});
