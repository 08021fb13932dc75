// String functions, including format()/formatlist() with Terraform's verbs
// (%v %#v %s %q %d %t %b %o %x %X %e %E %f %g %G, flags, width, precision, %[n]).
import { formatNumber, toStr } from '../convert';
import { asList, list, str, toJSON, type Value } from '../values';
import { regexReplace } from './regex';
import { fail, limit, propagate, type FnContext, type FnTable } from './types';

/** A known string argument (numbers and bools converted), or the value to return instead. */
function text(v: Value, ctx: FnContext, what: string): string | Value {
  const s = toStr(v, ctx.at);
  if (s.kind === 'string') return s.value;
  if (s.kind === 'null') return fail(ctx, `${what} must not be null`, 'string');
  return s;
}

function chars(s: string): string[] {
  return [...s];
}

// ---------------------------------------------------------------------------
// format

interface Spec {
  flags: string;
  width: number | undefined;
  prec: number | undefined;
  verb: string;
}

/** Formats one value for one verb; a string result, or an unknown/invalid Value. */
function formatOne(spec: Spec, v: Value, ctx: FnContext): string | Value {
  const { verb, flags } = spec;
  const pad = (s: string, zeroOk: boolean): string => {
    const w = spec.width ?? 0;
    const len = chars(s).length;
    if (len >= w) return s;
    if (flags.includes('-')) return s + ' '.repeat(w - len);
    if (zeroOk && flags.includes('0')) {
      const sign = s[0] === '-' || s[0] === '+' || s[0] === ' ' ? s[0] : '';
      return sign + '0'.repeat(w - len) + s.slice(sign.length);
    }
    return ' '.repeat(w - len) + s;
  };
  const sign = (n: number, body: string): string => {
    if (n < 0 || Object.is(n, -0)) return body;
    if (flags.includes('+')) return '+' + body;
    if (flags.includes(' ')) return ' ' + body;
    return body;
  };
  const number = (): number | Value => {
    if (v.kind === 'number') return v.value;
    if (v.kind === 'string') {
      const t = v.value.trim();
      if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
    }
    return fail(ctx, `%${verb} requires a number`, 'string');
  };

  switch (verb) {
    case 'v':
      if (flags.includes('#')) return pad(jsonText(v), false);
      if (v.kind === 'string') return pad(truncate(v.value, spec.prec), false);
      if (v.kind === 'number') return pad(sign(v.value, formatNumber(v.value)), true);
      if (v.kind === 'bool') return pad(String(v.value), false);
      return pad(jsonText(v), false);
    case 's': {
      if (v.kind === 'null') return fail(ctx, 'null value cannot be formatted with %s', 'string');
      const s = toStr(v, ctx.at);
      if (s.kind !== 'string') return fail(ctx, `a ${v.kind} cannot be formatted with %s`, 'string');
      return pad(truncate(s.value, spec.prec), false);
    }
    case 'q': {
      if (v.kind === 'null') return fail(ctx, 'null value cannot be formatted with %q', 'string');
      const s = toStr(v, ctx.at);
      if (s.kind !== 'string') return fail(ctx, `a ${v.kind} cannot be formatted with %q`, 'string');
      return pad(JSON.stringify(truncate(s.value, spec.prec)), false);
    }
    case 't':
      if (v.kind === 'bool') return pad(String(v.value), false);
      if (v.kind === 'string' && (v.value === 'true' || v.value === 'false')) return pad(v.value, false);
      return fail(ctx, '%t requires a bool', 'string');
    case 'd':
    case 'b':
    case 'o':
    case 'x':
    case 'X': {
      const n = number();
      if (typeof n !== 'number') return n;
      if (!Number.isInteger(n)) return fail(ctx, `%${verb} requires a whole number`, 'string');
      const radix = verb === 'd' ? 10 : verb === 'b' ? 2 : verb === 'o' ? 8 : 16;
      let body = Math.abs(n).toString(radix);
      if (verb === 'X') body = body.toUpperCase();
      if (spec.prec !== undefined && body.length < spec.prec) body = '0'.repeat(spec.prec - body.length) + body;
      if (flags.includes('#')) body = (verb === 'o' ? '0' : verb === 'x' ? '0x' : verb === 'X' ? '0X' : verb === 'b' ? '0b' : '') + body;
      return pad(sign(n, (n < 0 ? '-' : '') + body), true);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
      const n = number();
      if (typeof n !== 'number') return n;
      let body: string;
      if (verb === 'f' || verb === 'F') body = Math.abs(n).toFixed(spec.prec ?? 6);
      else if (verb === 'e' || verb === 'E') body = goExp(Math.abs(n).toExponential(spec.prec ?? 6));
      else body = goG(Math.abs(n), spec.prec);
      if (verb === 'E' || verb === 'G') body = body.toUpperCase();
      return pad(sign(n, (n < 0 ? '-' : '') + body), true);
    }
    default:
      return fail(ctx, `unsupported format verb %${verb}`, 'string');
  }
}

function truncate(s: string, prec: number | undefined): string {
  return prec === undefined ? s : chars(s).slice(0, prec).join('');
}

/** JS exponent `1.5e+3` → Go's `1.5e+03`. */
function goExp(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Go's %g: shortest representation, exponent form when exp < -4 or exp >= precision. */
function goG(n: number, prec: number | undefined): string {
  if (n === 0) return '0';
  const exp = Number(n.toExponential().split('e')[1]);
  const eprec = prec === undefined ? 6 : prec === 0 ? 1 : prec;
  if (exp < -4 || exp >= eprec) {
    const e = prec === undefined ? n.toExponential() : n.toExponential(Math.max(0, eprec - 1));
    return goExp(e.replace(/\.?0+e/, 'e'));
  }
  if (prec === undefined) return formatNumber(n);
  return String(Number(n.toPrecision(eprec)));
}

function jsonText(v: Value): string {
  return JSON.stringify(toJSON(v)) ?? 'null';
}

const VERB_FLAGS = /%([-+# 0]*)/y;
const VERB_REST = /(\[\d+\])?(\d+|\*)?(?:\.(\d*|\*))?(\[\d+\])?([a-zA-Z])/y;

/** One verb `%flags[n]width.prec[n]verb` of a format string. */
interface VerbMatch {
  /** Length of the verb's text. */
  length: number;
  flags: string;
  /** The explicit argument index (`[n]`) before or after the width, when there is one. */
  index: string | undefined;
  width: string | undefined;
  prec: string | undefined;
  verb: string;
}

/**
 * The verb at `fmt[i]` (a `%`), or undefined. Flags are matched first and the rest from where they end: in one
 * pattern the flags and the width could share a run of zeros, and "%000…0!" would backtrack quadratically.
 * Greedy flags give the same matches.
 */
function matchVerb(fmt: string, i: number): VerbMatch | undefined {
  VERB_FLAGS.lastIndex = i;
  const flags = VERB_FLAGS.exec(fmt);
  if (!flags) return undefined;
  VERB_REST.lastIndex = i + flags[0].length;
  const m = VERB_REST.exec(fmt);
  if (!m) return undefined;
  return { length: flags[0].length + m[0].length, flags: flags[1], index: m[1] ?? m[4], width: m[2], prec: m[3], verb: m[5] };
}

/** Parses a format string and renders it with `args`; a string, or an unknown/invalid Value. */
export function formatString(fmt: string, args: Value[], ctx: FnContext): string | Value {
  let out = '';
  let argi = 0;
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i];
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    if (fmt[i + 1] === '%') {
      out += '%';
      i += 2;
      continue;
    }
    const m = matchVerb(fmt, i);
    if (!m) return fail(ctx, `invalid format verb at offset ${i}`, 'string');
    if (m.index) argi = Number(m.index.slice(1, -1)) - 1;
    const spec: Spec = { flags: m.flags, width: undefined, prec: undefined, verb: m.verb };
    if (m.width === '*' || m.prec === '*') return fail(ctx, 'format: * width and precision are not supported', 'string');
    if (m.width !== undefined) spec.width = Number(m.width);
    if (m.prec !== undefined) spec.prec = m.prec === '' ? 0 : Number(m.prec);
    if (argi < 0 || argi >= args.length) return fail(ctx, `not enough arguments for format verb %${spec.verb}`, 'string');
    const r = formatOne(spec, args[argi++], ctx);
    if (typeof r !== 'string') return r;
    out += r;
    if (out.length > ctx.limits.maxStringLength) return limit(ctx, 'format result too long', 'string');
    i += m.length;
  }
  if (argi < args.length && !/%\[\d+\]/.test(fmt)) return fail(ctx, `too many arguments; only ${argi} used by format string`, 'string');
  return out;
}

// ---------------------------------------------------------------------------

function simple(fn: (s: string) => string): FnTable[string] {
  return {
    min: 1,
    max: 1,
    returns: 'string',
    impl([v], ctx) {
      const s = text(v, ctx, 'argument');
      return typeof s === 'string' ? str(fn(s)) : s;
    },
  };
}

function twoStrings(fn: (a: string, b: string) => Value): FnTable[string] {
  return {
    min: 2,
    max: 2,
    returns: 'dynamic',
    impl([a, b], ctx) {
      const x = text(a, ctx, 'first argument');
      if (typeof x !== 'string') return x;
      const y = text(b, ctx, 'second argument');
      if (typeof y !== 'string') return y;
      return fn(x, y);
    },
  };
}

export const stringFunctions: FnTable = {
  format: {
    min: 1,
    max: -1,
    returns: 'string',
    impl([f, ...args], ctx) {
      const fmt = text(f, ctx, 'format string');
      if (typeof fmt !== 'string') return fmt;
      const r = formatString(fmt, args, ctx);
      return typeof r === 'string' ? str(r) : r;
    },
  },

  formatlist: {
    min: 1,
    max: -1,
    returns: 'list',
    partial: true,
    impl([f, ...args], ctx) {
      if (f.kind === 'unknown') return propagate([f], 'list');
      const fmt = text(f, ctx, 'format string');
      if (typeof fmt !== 'string') return fmt;
      let n: number | undefined;
      for (const a of args) {
        if (a.kind === 'unknown') return propagate([a], 'list');
        const it = asList(a);
        if (!it) continue;
        if (n !== undefined && n !== it.length) return fail(ctx, 'all list arguments must have the same length', 'list');
        n = it.length;
      }
      const rows = n ?? 1;
      const out: Value[] = [];
      for (let r = 0; r < rows; r++) {
        const row = args.map((a) => asList(a)?.[r] ?? a);
        if (row.some((x) => x.kind === 'unknown')) {
          out.push(propagate(row, 'string'));
          continue;
        }
        const s = formatString(fmt, row, ctx);
        out.push(typeof s === 'string' ? str(s) : s);
      }
      return list(out);
    },
  },

  join: {
    min: 2,
    max: -1,
    returns: 'string',
    impl([sep, ...lists], ctx) {
      const s = text(sep, ctx, 'separator');
      if (typeof s !== 'string') return s;
      const parts: string[] = [];
      let len = 0;
      for (const l of lists) {
        const it = asList(l);
        if (!it) return fail(ctx, 'join arguments must be lists', 'string');
        for (const e of it) {
          const p = text(e, ctx, 'list element');
          if (typeof p !== 'string') return p;
          parts.push(p);
          len += p.length + s.length;
          if (len > ctx.limits.maxStringLength) return limit(ctx, 'join result too long', 'string');
        }
      }
      return str(parts.join(s));
    },
  },

  split: twoStrings((sep, s) => list((s === '' && sep !== '' ? [''] : s.split(sep)).map((p) => str(p)))),

  lower: simple((s) => s.toLowerCase()),
  upper: simple((s) => s.toUpperCase()),
  trimspace: simple((s) => s.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, '')),
  strrev: simple((s) => chars(s).reverse().join('')),
  // A loop, not `/(\r\n|\n|\r)+$/`: that pattern backtracks exponentially on "\r\n\r\n...x".
  chomp: simple((s) => {
    let end = s.length;
    while (end > 0 && (s[end - 1] === '\n' || s[end - 1] === '\r')) end--;
    return s.slice(0, end);
  }),
  title: simple((s) => s.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase())),

  trimprefix: twoStrings((s, p) => str(p !== '' && s.startsWith(p) ? s.slice(p.length) : s)),
  trimsuffix: twoStrings((s, p) => str(p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s)),
  trim: twoStrings((s, cut) => {
    const set = new Set(chars(cut));
    const cs = chars(s);
    let a = 0;
    let b = cs.length;
    while (a < b && set.has(cs[a])) a++;
    while (b > a && set.has(cs[b - 1])) b--;
    return str(cs.slice(a, b).join(''));
  }),
  startswith: twoStrings((s, p) => ({ kind: 'bool', value: s.startsWith(p) })),
  endswith: twoStrings((s, p) => ({ kind: 'bool', value: s.endsWith(p) })),

  replace: {
    min: 3,
    max: 3,
    returns: 'string',
    impl([s, sub, rep], ctx) {
      const a = text(s, ctx, 'string');
      if (typeof a !== 'string') return a;
      const b = text(sub, ctx, 'substring');
      if (typeof b !== 'string') return b;
      const c = text(rep, ctx, 'replacement');
      if (typeof c !== 'string') return c;
      if (b.length > 1 && b.startsWith('/') && b.endsWith('/')) return regexReplace(b.slice(1, -1), str(a), c, ctx);
      if (b === '') {
        // Go's strings.Replace with an empty old string inserts the replacement around every character.
        const out = c + chars(a).join(c) + (a === '' ? '' : c);
        return out.length > ctx.limits.maxStringLength ? limit(ctx, 'replace result too long', 'string') : str(out);
      }
      const out = a.split(b).join(c);
      return out.length > ctx.limits.maxStringLength ? limit(ctx, 'replace result too long', 'string') : str(out);
    },
  },

  substr: {
    min: 3,
    max: 3,
    returns: 'string',
    impl([s, o, l], ctx) {
      const a = text(s, ctx, 'string');
      if (typeof a !== 'string') return a;
      if (o.kind !== 'number' || l.kind !== 'number') return fail(ctx, 'offset and length must be numbers', 'string');
      const cs = chars(a);
      let off = Math.trunc(o.value);
      let len = Math.trunc(l.value);
      if (off < 0) off = Math.max(0, cs.length + off);
      if (off > cs.length) return fail(ctx, 'offset must be less than or equal to the length of the string', 'string');
      if (len < -1) return fail(ctx, 'length must be -1 or greater', 'string');
      if (len === -1 || off + len > cs.length) len = cs.length - off;
      return str(cs.slice(off, off + len).join(''));
    },
  },

  indent: {
    min: 2,
    max: 2,
    returns: 'string',
    impl([n, s], ctx) {
      if (n.kind !== 'number') return fail(ctx, 'spaces must be a number', 'string');
      const a = text(s, ctx, 'string');
      if (typeof a !== 'string') return a;
      const pad = ' '.repeat(Math.max(0, Math.min(1000, Math.trunc(n.value))));
      return str(a.replace(/\n/g, '\n' + pad));
    },
  },

  strcontains: twoStrings((s, sub) => ({ kind: 'bool', value: s.includes(sub) })),
};
