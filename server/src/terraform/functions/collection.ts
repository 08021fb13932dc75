// Collection functions: Terraform semantics, including what stays known when some
// elements are unknown (a list of known length with unknown elements still has a length,
// can be concatenated, indexed, reversed, sliced).

import { toNum, toStr } from '../convert';
import {
  FALSE,
  TRUE,
  asList,
  asMap,
  equals,
  list,
  map,
  nullValue,
  num,
  object,
  set,
  str,
  tuple,
  unknownWith,
  type ListValue,
  type Value,
} from '../values';
import { fail, limit, propagate, type FnContext, type FnTable } from './types';

/** Elements of a known-length list/tuple/set argument, or the Value to return instead. */
function items(v: Value, ctx: FnContext, what: string): Value[] | Value {
  const it = asList(v);
  if (it) {
    if (v.kind === 'set' && (v as ListValue).uncertain) return propagate(it, 'list');
    return it;
  }
  if (v.kind === 'unknown') return propagate([v], 'list');
  if (v.kind === 'null') return fail(ctx, `${what} must not be null`, 'list');
  return fail(ctx, `${what} must be a list, not ${v.kind}`, 'list');
}

function isValue(x: Value[] | Value | ReadonlyMap<string, Value>): x is Value {
  return !Array.isArray(x) && !(x instanceof Map) && typeof (x as Value).kind === 'string';
}

function entries(v: Value, ctx: FnContext, what: string): ReadonlyMap<string, Value> | Value {
  const m = asMap(v);
  if (m) return m;
  if (v.kind === 'unknown') return propagate([v], 'map');
  if (v.kind === 'null') return fail(ctx, `${what} must not be null`, 'map');
  return fail(ctx, `${what} must be a map or object, not ${v.kind}`, 'map');
}

/** A known integer argument, or the Value to return instead. */
function integer(v: Value, ctx: FnContext, what: string): number | Value {
  if (v.kind === 'unknown') return propagate([v], 'number');
  const n = toNum(v, ctx.at);
  if (n.kind !== 'number') return n.kind === 'null' ? fail(ctx, `${what} must not be null`) : n;
  if (!Number.isInteger(n.value)) return fail(ctx, `${what} must be a whole number`);
  return n.value;
}

function isEmptyish(v: Value): boolean | undefined {
  if (v.kind === 'unknown') return undefined;
  if (v.kind === 'null') return true;
  if (v.kind === 'string') return v.value === '';
  return false;
}

export const collectionFunctions: FnTable = {
  coalesce: {
    min: 1,
    max: -1,
    returns: 'dynamic',
    partial: true,
    impl(args, ctx) {
      for (const a of args) {
        const e = isEmptyish(a);
        if (e === undefined) return propagate([a], a.kind === 'unknown' ? a.type : 'dynamic');
        if (!e) return a;
      }
      return fail(ctx, 'no non-null, non-empty-string arguments');
    },
  },

  coalescelist: {
    min: 1,
    max: -1,
    returns: 'list',
    partial: true,
    impl(args, ctx) {
      for (const a of args) {
        if (a.kind === 'null') continue;
        const it = items(a, ctx, 'argument');
        if (isValue(it)) return it;
        if (it.length > 0) return a;
      }
      return fail(ctx, 'no non-null arguments');
    },
  },

  compact: {
    min: 1,
    max: 1,
    returns: 'list',
    partial: true,
    impl([l], ctx) {
      const it = items(l, ctx, 'compact argument');
      if (isValue(it)) return it;
      const out: Value[] = [];
      for (const e of it) {
        const empty = isEmptyish(e);
        if (empty === undefined) return propagate([e], 'list');
        if (!empty) out.push(toStr(e, ctx.at));
      }
      return l.kind === 'set' ? set(out) : list(out);
    },
  },

  concat: {
    min: 0,
    max: -1,
    returns: 'list',
    partial: true,
    impl(args, ctx) {
      const out: Value[] = [];
      for (const a of args) {
        const it = items(a, ctx, 'concat argument');
        if (isValue(it)) return it;
        out.push(...it);
        if (out.length > ctx.limits.maxCollection) return limit(ctx, 'concat result too large', 'list');
      }
      return tuple(out);
    },
  },

  contains: {
    min: 2,
    max: 2,
    returns: 'bool',
    partial: true,
    impl([l, v], ctx) {
      const it = items(l, ctx, 'contains list');
      if (isValue(it)) return propagate([l], 'bool');
      let undecided: Value | undefined;
      for (const e of it) {
        const eq = equals(e, v);
        if (eq === true) return TRUE;
        if (eq === undefined) undecided = e.kind === 'unknown' ? e : v;
      }
      return undecided ? propagate([undecided, v], 'bool') : FALSE;
    },
  },

  distinct: {
    min: 1,
    max: 1,
    returns: 'list',
    partial: true,
    impl([l], ctx) {
      const it = items(l, ctx, 'distinct argument');
      if (isValue(it)) return it;
      const out: Value[] = [];
      for (const e of it) {
        let dup = false;
        for (const o of out) {
          const eq = equals(o, e);
          if (eq === undefined) return propagate([o, e], 'list');
          if (eq) {
            dup = true;
            break;
          }
        }
        if (!dup) out.push(e);
      }
      return list(out);
    },
  },

  element: {
    min: 2,
    max: 2,
    returns: 'dynamic',
    partial: true,
    impl([l, i], ctx) {
      const idx = integer(i, ctx, 'element index');
      if (typeof idx !== 'number') return idx;
      if (idx < 0) return fail(ctx, 'element index must not be negative');
      if (l.kind === 'unknown') {
        // A list of unknown length with symbolic elements (e.g. the AZ names of a data source):
        // below its guaranteed length, element() cannot have wrapped.
        if (l.ref && l.minLength !== undefined && idx < l.minLength) return symbolicElement(l, idx);
        return propagate([l], 'dynamic');
      }
      const it = items(l, ctx, 'element list');
      if (isValue(it)) return it;
      if (it.length === 0) return fail(ctx, 'cannot use element function with an empty list');
      return it[idx % it.length];
    },
  },

  flatten: {
    min: 1,
    max: 1,
    returns: 'list',
    partial: true,
    impl([l], ctx) {
      const out: Value[] = [];
      const walk = (v: Value, depth: number): Value | undefined => {
        if (depth > 64) return limit(ctx, 'flatten nested too deeply', 'list');
        const it = asList(v);
        if (it) {
          if (v.kind === 'set' && (v as ListValue).uncertain) return propagate(it, 'list');
          for (const e of it) {
            const r = walk(e, depth + 1);
            if (r) return r;
          }
          return undefined;
        }
        if (v.kind === 'unknown' && (v.type === 'dynamic' || v.type === 'list' || v.type === 'tuple' || v.type === 'set')) {
          return propagate([v], 'list');
        }
        out.push(v);
        if (out.length > ctx.limits.maxCollection) return limit(ctx, 'flatten result too large', 'list');
        return undefined;
      };
      if (l.kind === 'unknown') return propagate([l], 'list');
      if (!asList(l)) return fail(ctx, 'flatten argument must be a list', 'list');
      return walk(l, 0) ?? tuple(out);
    },
  },

  index: {
    min: 2,
    max: 2,
    returns: 'number',
    partial: true,
    impl([l, v], ctx) {
      const it = items(l, ctx, 'index list');
      if (isValue(it)) return propagate([l], 'number');
      for (let n = 0; n < it.length; n++) {
        const eq = equals(it[n], v);
        if (eq === undefined) return propagate([it[n], v], 'number');
        if (eq) return num(n);
      }
      return fail(ctx, 'item not found', 'number');
    },
  },

  keys: {
    min: 1,
    max: 1,
    returns: 'list',
    partial: true,
    impl([m], ctx) {
      const e = entries(m, ctx, 'keys argument');
      if (isValue(e)) return e;
      const ks = [...e.keys()].map((k) => str(k));
      return m.kind === 'map' ? list(ks) : tuple(ks);
    },
  },

  values: {
    min: 1,
    max: 1,
    returns: 'list',
    partial: true,
    impl([m], ctx) {
      const e = entries(m, ctx, 'values argument');
      if (isValue(e)) return e;
      return m.kind === 'map' ? list([...e.values()]) : tuple([...e.values()]);
    },
  },

  length: {
    min: 1,
    max: 1,
    returns: 'number',
    partial: true,
    impl([v], ctx) {
      if (v.kind === 'string') return num([...v.value].length);
      if (v.kind === 'set' && v.uncertain) return propagate(v.items, 'number');
      const it = asList(v);
      if (it) return num(it.length);
      const m = asMap(v);
      if (m) return num(m.size);
      if (v.kind === 'unknown') return propagate([v], 'number');
      if (v.kind === 'null') return fail(ctx, 'argument must not be null', 'number');
      return fail(ctx, `cannot take the length of a ${v.kind}`, 'number');
    },
  },

  lookup: {
    min: 2,
    max: 3,
    returns: 'dynamic',
    partial: true,
    impl([m, k, d], ctx) {
      if (k.kind === 'unknown') return propagate([k], 'dynamic');
      const key = toStr(k, ctx.at);
      if (key.kind !== 'string') return key.kind === 'null' ? fail(ctx, 'lookup key must not be null') : key;
      if (m.kind === 'resource' || m.kind === 'module') return propagate([m], 'dynamic');
      const e = entries(m, ctx, 'lookup map');
      if (isValue(e)) return e;
      const hit = e.get(key.value);
      if (hit) return hit;
      if (d) return d;
      return fail(ctx, `lookup failed to find key ${JSON.stringify(key.value)}`);
    },
  },

  merge: {
    min: 0,
    max: -1,
    returns: 'object',
    partial: true,
    impl(args, ctx) {
      const out = new Map<string, Value>();
      let allMaps = true;
      for (const a of args) {
        if (a.kind === 'null') continue;
        const e = entries(a, ctx, 'merge argument');
        if (isValue(e)) return e;
        if (a.kind !== 'map') allMaps = false;
        for (const [k, v] of e) out.set(k, v);
      }
      return allMaps && args.length > 0 ? map(out) : object(out);
    },
  },

  one: {
    min: 1,
    max: 1,
    returns: 'dynamic',
    partial: true,
    impl([l], ctx) {
      if (l.kind === 'null') return fail(ctx, 'argument must not be null');
      const it = items(l, ctx, 'one argument');
      if (isValue(it)) return it;
      if (it.length === 0) return nullValue();
      if (it.length === 1) return it[0];
      return fail(ctx, 'must be a list, set, or tuple value with either zero or one elements');
    },
  },

  range: {
    min: 1,
    max: 3,
    returns: 'list',
    impl(args, ctx) {
      const ns: number[] = [];
      for (const a of args) {
        const n = toNum(a, ctx.at);
        if (n.kind !== 'number') return n.kind === 'null' ? fail(ctx, 'range arguments must not be null', 'list') : n;
        ns.push(n.value);
      }
      let start = 0;
      let end: number;
      let step: number;
      if (ns.length === 1) {
        end = ns[0];
        step = end >= 0 ? 1 : -1;
      } else {
        start = ns[0];
        end = ns[1];
        step = ns.length === 3 ? ns[2] : start <= end ? 1 : -1;
      }
      if (step === 0) return fail(ctx, 'step must not be zero', 'list');
      if ((step > 0 && start > end) || (step < 0 && start < end)) {
        return fail(ctx, 'step must have the same sign as the direction from start to end', 'list');
      }
      const count = Math.ceil((end - start) / step);
      if (count > ctx.limits.maxRange) return limit(ctx, `range() would produce ${count} elements (limit ${ctx.limits.maxRange})`, 'list');
      const out: Value[] = [];
      for (let i = 0; i < count; i++) out.push(num(start + i * step));
      return list(out);
    },
  },

  reverse: {
    min: 1,
    max: 1,
    returns: 'list',
    partial: true,
    impl([l], ctx) {
      const it = items(l, ctx, 'reverse argument');
      if (isValue(it)) return it;
      return tuple([...it].reverse());
    },
  },

  setproduct: {
    min: 1,
    max: -1,
    returns: 'list',
    partial: true,
    impl(args, ctx) {
      const lists: Value[][] = [];
      let total = 1;
      for (const a of args) {
        const it = items(a, ctx, 'setproduct argument');
        if (isValue(it)) return it;
        lists.push(it);
        total *= it.length;
        if (total > ctx.limits.maxCollection) return limit(ctx, `setproduct would produce ${total} elements`, 'list');
      }
      let acc: Value[][] = [[]];
      for (const l of lists) {
        const next: Value[][] = [];
        for (const prefix of acc) for (const e of l) next.push([...prefix, e]);
        acc = next;
      }
      const rows = acc.map((r) => tuple(r));
      return args.every((a) => a.kind === 'set') ? set(rows) : list(rows);
    },
  },

  setunion: {
    min: 1,
    max: -1,
    returns: 'set',
    partial: true,
    impl(args, ctx) {
      const out: Value[] = [];
      for (const a of args) {
        const it = items(a, ctx, 'setunion argument');
        if (isValue(it)) return it;
        out.push(...it);
      }
      return set(out);
    },
  },

  setintersection: {
    min: 1,
    max: -1,
    returns: 'set',
    impl(args, ctx) {
      const sets: Value[][] = [];
      for (const a of args) {
        const it = items(a, ctx, 'setintersection argument');
        if (isValue(it)) return it;
        sets.push(it);
      }
      const [first, ...rest] = sets;
      return set(first.filter((e) => rest.every((s) => s.some((o) => equals(o, e) === true))));
    },
  },

  setsubtract: {
    min: 2,
    max: 2,
    returns: 'set',
    impl([a, b], ctx) {
      const ia = items(a, ctx, 'setsubtract argument');
      if (isValue(ia)) return ia;
      const ib = items(b, ctx, 'setsubtract argument');
      if (isValue(ib)) return ib;
      return set(ia.filter((e) => !ib.some((o) => equals(o, e) === true)));
    },
  },

  slice: {
    min: 3,
    max: 3,
    returns: 'list',
    partial: true,
    impl([l, s, e], ctx) {
      const from = integer(s, ctx, 'start index');
      if (typeof from !== 'number') return from;
      const to = integer(e, ctx, 'end index');
      if (typeof to !== 'number') return to;
      // A symbolic list of unknown length (the AZ names of a data source): if the call is valid
      // at all, the list has at least `to` elements, so the slice is known element by element.
      if (l.kind === 'unknown' && l.ref && from >= 0 && from <= to && to - from <= ctx.limits.maxCollection) {
        const out: Value[] = [];
        for (let i = from; i < to; i++) out.push(symbolicElement(l, i));
        return list(out);
      }
      const it = items(l, ctx, 'slice list');
      if (isValue(it)) return it;
      if (from < 0 || to > it.length || from > to) return fail(ctx, 'slice indexes out of range', 'list');
      return l.kind === 'list' ? list(it.slice(from, to)) : tuple(it.slice(from, to));
    },
  },

  sort: {
    min: 1,
    max: 1,
    returns: 'list',
    impl([l], ctx) {
      const it = items(l, ctx, 'sort argument');
      if (isValue(it)) return it;
      const ss: Value[] = [];
      for (const e of it) {
        const s = toStr(e, ctx.at);
        if (s.kind !== 'string') return s.kind === 'null' ? fail(ctx, 'cannot sort null', 'list') : s;
        ss.push(s);
      }
      ss.sort((a, b) => {
        const x = (a as { value: string }).value;
        const y = (b as { value: string }).value;
        return x < y ? -1 : x > y ? 1 : 0;
      });
      return list(ss);
    },
  },

  zipmap: {
    min: 2,
    max: 2,
    returns: 'map',
    partial: true,
    impl([k, v], ctx) {
      const ks = items(k, ctx, 'zipmap keys');
      if (isValue(ks)) return ks;
      const vs = items(v, ctx, 'zipmap values');
      if (isValue(vs)) return vs;
      if (ks.length !== vs.length) return fail(ctx, 'number of keys and values must match', 'map');
      const out: [string, Value][] = [];
      for (let n = 0; n < ks.length; n++) {
        const key = toStr(ks[n], ctx.at);
        if (key.kind !== 'string') return key.kind === 'unknown' ? propagate([key], 'map') : fail(ctx, 'keys must be strings', 'map');
        out.push([key.value, vs[n]]);
      }
      return v.kind === 'list' || v.kind === 'set' ? map(out) : object(out);
    },
  },

  alltrue: {
    min: 1,
    max: 1,
    returns: 'bool',
    partial: true,
    impl([l], ctx) {
      const it = items(l, ctx, 'alltrue argument');
      if (isValue(it)) return propagate([l], 'bool');
      let pending: Value | undefined;
      for (const e of it) {
        if (e.kind === 'unknown') pending = e;
        else if (!(e.kind === 'bool' ? e.value : e.kind === 'string' && e.value === 'true')) return FALSE;
      }
      return pending ? propagate([pending], 'bool') : TRUE;
    },
  },

  anytrue: {
    min: 1,
    max: 1,
    returns: 'bool',
    partial: true,
    impl([l], ctx) {
      const it = items(l, ctx, 'anytrue argument');
      if (isValue(it)) return propagate([l], 'bool');
      let pending: Value | undefined;
      for (const e of it) {
        if (e.kind === 'unknown') pending = e;
        else if (e.kind === 'bool' ? e.value : e.kind === 'string' && e.value === 'true') return TRUE;
      }
      return pending ? propagate([pending], 'bool') : FALSE;
    },
  },

  chunklist: {
    min: 2,
    max: 2,
    returns: 'list',
    partial: true,
    impl([l, n], ctx) {
      const size = integer(n, ctx, 'chunk size');
      if (typeof size !== 'number') return size;
      if (size < 0) return fail(ctx, 'chunk size must not be negative', 'list');
      const it = items(l, ctx, 'chunklist list');
      if (isValue(it)) return it;
      if (size === 0) return list([list(it)]);
      const out: Value[] = [];
      for (let i = 0; i < it.length; i += size) out.push(list(it.slice(i, i + size)));
      return list(out);
    },
  },
};

/** Element `i` of a symbolic list of unknown length (see UnknownValue.minLength). */
export function symbolicElement(l: Value & { kind: 'unknown' }, i: number): Value {
  const ref = l.ref!;
  return unknownWith(l.reasons, {
    type: 'dynamic',
    ref: {
      root: ref.root,
      address: ref.address,
      path: [...ref.path, i],
      ...(ref.distinctElements ? { distinctGroup: `${ref.address}.${ref.path.join('.')}` } : {}),
    },
    ...(l.origins ? { origins: l.origins } : {}),
  });
}
