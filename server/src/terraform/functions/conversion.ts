// Type conversion functions: tolist, toset, tomap, tostring, tonumber, tobool.
// Elements stay as they are (known or not); only the collection kind changes.
import { toBool, toNum, toStr } from '../convert';
import { asList, asMap, list, map, set } from '../values';
import { fail, propagate, type FnTable } from './types';

export const conversionFunctions: FnTable = {
  tolist: {
    min: 1,
    max: 1,
    returns: 'list',
    partial: true,
    impl([v], ctx) {
      if (v.kind === 'null') return v;
      if (v.kind === 'unknown') return { ...v, type: 'list' };
      const it = asList(v);
      if (!it) return fail(ctx, `cannot convert ${v.kind} to list`, 'list');
      return list(it, v.origins);
    },
  },

  toset: {
    min: 1,
    max: 1,
    returns: 'set',
    partial: true,
    impl([v], ctx) {
      if (v.kind === 'null') return v;
      if (v.kind === 'unknown') return { ...v, type: 'set' };
      const it = asList(v);
      if (!it) return fail(ctx, `cannot convert ${v.kind} to set`, 'set');
      return set(it, v.origins);
    },
  },

  tomap: {
    min: 1,
    max: 1,
    returns: 'map',
    partial: true,
    impl([v], ctx) {
      if (v.kind === 'null') return v;
      if (v.kind === 'unknown') return { ...v, type: 'map' };
      const m = asMap(v);
      if (!m) return fail(ctx, `cannot convert ${v.kind} to map`, 'map');
      return map(m, v.origins);
    },
  },

  tostring: {
    min: 1,
    max: 1,
    returns: 'string',
    partial: true,
    impl([v], ctx) {
      if (v.kind === 'resource' || v.kind === 'module') return propagate([v], 'string');
      return toStr(v, ctx.at);
    },
  },

  tonumber: {
    min: 1,
    max: 1,
    returns: 'number',
    partial: true,
    impl([v], ctx) {
      if (v.kind === 'resource' || v.kind === 'module') return propagate([v], 'number');
      return toNum(v, ctx.at);
    },
  },

  tobool: {
    min: 1,
    max: 1,
    returns: 'bool',
    partial: true,
    impl([v], ctx) {
      if (v.kind === 'resource' || v.kind === 'module') return propagate([v], 'bool');
      return toBool(v, ctx.at);
    },
  },
};
