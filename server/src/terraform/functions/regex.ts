// regex() and regexall() with RE2 semantics (see re2.ts: linear time, no backtracking),
// and the regex form of replace().
import { list, nullValue, object, str, type TypeHint, type Value } from '../values';
import { compile, exec, execAll, fromCodePoints, toCodePoints, type Match, type Regex } from './re2';
import { fail, limit, type FnContext, type FnTable } from './types';

/** Matches kept by regexall / replace before we give up (unknown with a limit reason). */
const MAX_MATCHES = 10_000;

/** Compiles a pattern for a call, or returns the unknown value to answer instead. */
function compileFor(pattern: Value, input: Value, ctx: FnContext): { re: Regex; cps: number[] } | Value {
  if (pattern.kind !== 'string') return fail(ctx, 'the pattern must be a string');
  if (input.kind !== 'string') return fail(ctx, 'the string to match must be a string');
  if (ctx.regexBudget.remaining < 0) return outOfBudget(ctx, 'dynamic');
  if (input.value.length > ctx.limits.maxRegexInput) {
    return limit(ctx, `string of ${input.value.length} characters is longer than the regex input limit (${ctx.limits.maxRegexInput})`);
  }
  const re = compile(pattern.value);
  if ('error' in re) {
    return re.unsupported
      ? limit(ctx, `regular expression not evaluated: ${re.error}`)
      : fail(ctx, `invalid regular expression: ${re.error}`);
  }
  return { re, cps: toCodePoints(input.value) };
}

/** The unknown answered once the workspace's regular expression budget is spent (this call, and any later one). */
function outOfBudget(ctx: FnContext, type: TypeHint): Value {
  return limit(ctx, `regular expression work limit (${ctx.limits.maxRegexWork} steps per workspace) reached`, type);
}

/** The result shape of one match: the string, a list of captures, or an object of named captures. */
function shape(re: Regex, cps: number[], m: Match, ctx: FnContext): Value {
  const group = (i: number): Value => {
    const s = m.caps[2 * i];
    const e = m.caps[2 * i + 1];
    return s < 0 || e < 0 ? nullValue() : str(fromCodePoints(cps, s, e));
  };
  if (re.groups === 0) return group(0);
  const named = re.names.slice(1).filter((n) => n !== undefined).length;
  if (named === 0) {
    const out: Value[] = [];
    for (let i = 1; i <= re.groups; i++) out.push(group(i));
    return list(out);
  }
  if (named !== re.groups) return fail(ctx, 'named and unnamed capture groups cannot be mixed');
  const entries: [string, Value][] = [];
  for (let i = 1; i <= re.groups; i++) entries.push([re.names[i]!, group(i)]);
  return object(entries);
}

export const regexFunctions: FnTable = {
  regex: {
    min: 2,
    max: 2,
    returns: 'dynamic',
    impl([p, s], ctx) {
      const c = compileFor(p, s, ctx);
      if ('kind' in c) return c;
      const m = exec(c.re, c.cps, 0, ctx.regexBudget);
      if (ctx.regexBudget.remaining < 0) return outOfBudget(ctx, 'dynamic');
      if (!m) return fail(ctx, 'pattern did not match any part of the given string');
      return shape(c.re, c.cps, m, ctx);
    },
  },

  regexall: {
    min: 2,
    max: 2,
    returns: 'list',
    impl([p, s], ctx) {
      const c = compileFor(p, s, ctx);
      if ('kind' in c) return c;
      const ms = execAll(c.re, c.cps, MAX_MATCHES + 1, ctx.regexBudget);
      if (ctx.regexBudget.remaining < 0) return outOfBudget(ctx, 'list');
      if (ms.length > MAX_MATCHES) return limit(ctx, `more than ${MAX_MATCHES} matches`, 'list');
      const out: Value[] = [];
      for (const m of ms) {
        const v = shape(c.re, c.cps, m, ctx);
        if (v.kind === 'unknown') return v;
        out.push(v);
      }
      return list(out);
    },
  },
};

/**
 * replace() with a `/pattern/`: every match is replaced; `$1`, `${1}`, `$name`, `${name}`
 * expand to groups and `$$` to `$` (Go's Regexp.Expand).
 */
export function regexReplace(pattern: string, input: Value, replacement: string, ctx: FnContext): Value {
  const c = compileFor(str(pattern), input, ctx);
  if ('kind' in c) return c;
  const ms = execAll(c.re, c.cps, MAX_MATCHES + 1, ctx.regexBudget);
  if (ctx.regexBudget.remaining < 0) return outOfBudget(ctx, 'string');
  if (ms.length > MAX_MATCHES) return limit(ctx, `more than ${MAX_MATCHES} matches`, 'string');
  let out = '';
  let last = 0;
  for (const m of ms) {
    out += fromCodePoints(c.cps, last, m.caps[0]);
    out += expand(replacement, c.re, c.cps, m);
    last = m.caps[1];
    if (out.length > ctx.limits.maxStringLength) return limit(ctx, 'replace result too long', 'string');
  }
  out += fromCodePoints(c.cps, last, c.cps.length);
  return str(out);
}

function expand(template: string, re: Regex, cps: number[], m: Match): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i];
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    let name: string | undefined;
    let next = i + 1;
    if (template[i + 1] === '{') {
      const close = template.indexOf('}', i + 2);
      const inner = close < 0 ? '' : template.slice(i + 2, close);
      if (close >= 0 && /^[A-Za-z0-9_]+$/.test(inner)) {
        name = inner;
        next = close + 1;
      }
    } else {
      const mm = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (mm) {
        name = mm[0];
        next = i + 1 + mm[0].length;
      }
    }
    if (name === undefined) {
      // A `$` not followed by a valid reference is copied as is (Go behaviour).
      out += '$';
      i++;
      continue;
    }
    let idx = -1;
    if (/^\d+$/.test(name)) idx = Number(name);
    else idx = re.names.indexOf(name);
    if (idx >= 0 && idx <= re.groups && m.caps[2 * idx] >= 0) out += fromCodePoints(cps, m.caps[2 * idx], m.caps[2 * idx + 1]);
    i = next;
  }
  return out;
}
