// Numeric functions: min, max, abs, ceil, floor, sum, pow, signum, log, parseint.
import { toNum } from '../convert';
import { asList, num, type Value } from '../values';
import { fail, type FnContext, type FnTable } from './types';

function number(v: Value, ctx: FnContext): number | Value {
  const n = toNum(v, ctx.at);
  if (n.kind === 'number') return n.value;
  return n.kind === 'null' ? fail(ctx, 'argument must not be null', 'number') : n;
}

function unary(fn: (n: number) => number): FnTable[string] {
  return {
    min: 1,
    max: 1,
    returns: 'number',
    impl([v], ctx) {
      const n = number(v, ctx);
      return typeof n === 'number' ? num(fn(n)) : n;
    },
  };
}

function fold(fn: (a: number, b: number) => number): FnTable[string] {
  return {
    min: 1,
    max: -1,
    returns: 'number',
    impl(args, ctx) {
      let acc: number | undefined;
      for (const a of args) {
        const n = number(a, ctx);
        if (typeof n !== 'number') return n;
        acc = acc === undefined ? n : fn(acc, n);
      }
      return num(acc!);
    },
  };
}

export const numericFunctions: FnTable = {
  min: fold(Math.min),
  max: fold(Math.max),
  abs: unary(Math.abs),
  ceil: unary(Math.ceil),
  floor: unary(Math.floor),
  signum: unary((n) => (n > 0 ? 1 : n < 0 ? -1 : 0)),

  sum: {
    min: 1,
    max: 1,
    returns: 'number',
    impl([l], ctx) {
      const it = asList(l);
      if (!it) return fail(ctx, 'sum argument must be a list or set of numbers', 'number');
      if (it.length === 0) return fail(ctx, 'cannot sum an empty list', 'number');
      let acc = 0;
      for (const e of it) {
        const n = number(e, ctx);
        if (typeof n !== 'number') return n;
        acc += n;
      }
      return num(acc);
    },
  },

  pow: {
    min: 2,
    max: 2,
    returns: 'number',
    impl([a, b], ctx) {
      const x = number(a, ctx);
      if (typeof x !== 'number') return x;
      const y = number(b, ctx);
      if (typeof y !== 'number') return y;
      return num(Math.pow(x, y));
    },
  },

  log: {
    min: 2,
    max: 2,
    returns: 'number',
    impl([a, b], ctx) {
      const x = number(a, ctx);
      if (typeof x !== 'number') return x;
      const base = number(b, ctx);
      if (typeof base !== 'number') return base;
      return num(Math.log(x) / Math.log(base));
    },
  },

  parseint: {
    min: 2,
    max: 2,
    returns: 'number',
    impl([s, b], ctx) {
      if (s.kind !== 'string') return fail(ctx, 'parseint needs a string', 'number');
      const base = number(b, ctx);
      if (typeof base !== 'number') return base;
      if (!Number.isInteger(base) || base < 2 || base > 62) return fail(ctx, 'base must be a whole number between 2 and 62', 'number');
      const digits = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.slice(0, base);
      let t = s.value;
      let neg = false;
      if (t.startsWith('-') || t.startsWith('+')) {
        neg = t[0] === '-';
        t = t.slice(1);
      }
      if (t === '') return fail(ctx, 'cannot parse an empty string', 'number');
      let acc = 0;
      for (const ch of t) {
        const d = base <= 36 ? digits.indexOf(ch.toLowerCase()) : digits.indexOf(ch);
        if (d < 0) return fail(ctx, `cannot parse ${JSON.stringify(s.value)} as a base ${base} integer`, 'number');
        acc = acc * base + d;
      }
      return num(neg ? -acc : acc);
    },
  },
};
