// Filesystem functions: file, fileexists, fileset, templatefile, basename, dirname.
// Reads go through the FnContext, which confines them to the workspace roots.
import { trimTrailingSlashes } from '../paths';
import { asMap, bool, set, str, unknown } from '../values';
import { fail, propagate, type FnTable } from './types';

export const filesystemFunctions: FnTable = {
  file: {
    min: 1,
    max: 1,
    returns: 'string',
    impl([p], ctx) {
      if (p.kind !== 'string') return fail(ctx, 'file path must be a string', 'string');
      const r = ctx.readFile(p.value);
      if ('kind' in r) return r;
      return str(r.text.charCodeAt(0) === 0xfeff ? r.text.slice(1) : r.text, [ctx.at]);
    },
  },

  fileexists: {
    min: 1,
    max: 1,
    returns: 'bool',
    impl([p], ctx) {
      if (p.kind !== 'string') return fail(ctx, 'file path must be a string', 'bool');
      const e = ctx.fileExists(p.value);
      if (e === undefined) return unknown('file-unavailable', `fileexists(${JSON.stringify(p.value)}): the path is outside the workspace`, ctx.at, { type: 'bool' });
      return bool(e);
    },
  },

  fileset: {
    min: 2,
    max: 2,
    returns: 'set',
    impl([p, pattern], ctx) {
      if (p.kind !== 'string') return fail(ctx, 'fileset path must be a string', 'set');
      if (pattern.kind !== 'string') return fail(ctx, 'fileset pattern must be a string', 'set');
      const match = globMatcher(pattern.value);
      if (typeof match === 'string') return unknown(match.startsWith('invalid') ? 'invalid' : 'unsupported-function', `fileset(${JSON.stringify(p.value)}, ${JSON.stringify(pattern.value)}): ${match}`, ctx.at, { type: 'set' });
      const listed = ctx.listFiles(p.value);
      if ('kind' in listed) return listed;
      return set(listed.files.filter(match).map((f) => str(f, [ctx.at])));
    },
  },

  templatefile: {
    min: 2,
    max: 2,
    returns: 'string',
    partial: true,
    impl([p, vars], ctx) {
      if (p.kind === 'unknown') return propagate([p], 'string');
      if (p.kind !== 'string') return fail(ctx, 'template path must be a string', 'string');
      if (vars.kind === 'unknown') return propagate([vars], 'string');
      const m = asMap(vars);
      if (!m) return fail(ctx, 'template variables must be a map or object', 'string');
      const r = ctx.readFile(p.value);
      if ('kind' in r) return r;
      return ctx.renderTemplate(r.text, r.path, m);
    },
  },

  basename: {
    min: 1,
    max: 1,
    returns: 'string',
    impl([p], ctx) {
      if (p.kind !== 'string') return fail(ctx, 'path must be a string', 'string');
      const t = trimTrailingSlashes(p.value);
      if (t === '') return str(p.value === '' ? '.' : '/');
      return str(t.slice(t.lastIndexOf('/') + 1));
    },
  },

  dirname: {
    min: 1,
    max: 1,
    returns: 'string',
    impl([p], ctx) {
      if (p.kind !== 'string') return fail(ctx, 'path must be a string', 'string');
      const t = trimTrailingSlashes(p.value);
      const i = t.lastIndexOf('/');
      if (i < 0) return str(p.value.startsWith('/') ? '/' : '.');
      return str(i === 0 ? '/' : t.slice(0, i));
    },
  },
};


// ---------------------------------------------------------------------------
// fileset() patterns, as Terraform matches them (the doublestar library): `*` any run of characters but `/`,
// `?` one character but `/`, `**` as a whole path component any number of components (none included), `[abc]`,
// `[a-z]`, `[^a]` / `[!a]` one character (not `/`) of a class, `{a,b}` alternatives, `\x` the character x. The
// pattern is cleaned as a path (`./` and empty components dropped), as Terraform joins it to the directory.

/** At most this many alternatives after expanding `{…}` (each is matched against every file). */
const MAX_ALTERNATIVES = 64;

/** A matcher of relative paths (`a/b.json`), or why the pattern is not supported or invalid. */
export function globMatcher(pattern: string): ((path: string) => boolean) | string {
  const alternatives = expandBraces(pattern);
  if (typeof alternatives === 'string') return alternatives;
  const compiled: string[][] = [];
  for (const alt of alternatives) {
    const parts = alt.split('/').filter((c) => c !== '' && c !== '.');
    if (parts.includes('..')) return 'a pattern that leaves the directory (..) is not supported';
    for (const c of parts) if (c !== '**' && !validSegment(c)) return `invalid pattern: ${JSON.stringify(pattern)}`;
    compiled.push(parts);
  }
  return (path) => {
    const names = path.split('/');
    return compiled.some((parts) => matchPath(parts, names));
  };
}

/** `{a,b}c` → ['ac', 'bc'] (nested braces too); an unbalanced brace is an invalid pattern. */
function expandBraces(p: string): string[] | string {
  let open = -1;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') {
      open = i;
      break;
    }
    if (c === '}') return `invalid pattern: ${JSON.stringify(p)} (unbalanced brace)`;
  }
  if (open < 0) return [p];
  // The matching close brace, and the top-level commas between.
  let depth = 0;
  const cuts: number[] = [];
  let close = -1;
  for (let i = open; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) {
        close = i;
        break;
      }
    } else if (c === ',' && depth === 1) cuts.push(i);
  }
  if (close < 0) return `invalid pattern: ${JSON.stringify(p)} (unbalanced brace)`;
  const bounds = [open, ...cuts, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const expanded = expandBraces(p.slice(0, open) + p.slice(bounds[k] + 1, bounds[k + 1]) + p.slice(close + 1));
    if (typeof expanded === 'string') return expanded;
    for (const e of expanded) {
      out.push(e);
      if (out.length > MAX_ALTERNATIVES) return `a pattern with more than ${MAX_ALTERNATIVES} alternatives is not supported`;
    }
  }
  return out;
}

/** Whether a path component pattern is well formed (classes closed, no trailing escape). */
function validSegment(seg: string): boolean {
  for (let i = 0; i < seg.length; i++) {
    if (seg[i] === '\\') {
      if (++i >= seg.length) return false;
    } else if (seg[i] === '[') {
      const end = classEnd(seg, i);
      if (end < 0) return false;
      i = end;
    }
  }
  return true;
}

/** The index of the `]` closing the class that opens at `i`, or -1. */
function classEnd(seg: string, i: number): number {
  let j = i + 1;
  if (seg[j] === '^' || seg[j] === '!') j++;
  if (seg[j] === ']') j++; // a leading `]` is a member
  for (; j < seg.length; j++) {
    if (seg[j] === '\\') j++;
    else if (seg[j] === ']') return j;
  }
  return -1;
}

/** Components `names` against pattern components `parts` (`**` spans any number of components). */
function matchPath(parts: string[], names: string[]): boolean {
  const P = parts.length;
  const N = names.length;
  // memo[i * (N + 1) + j]: 0 unknown, 1 match, 2 no match.
  const memo = new Uint8Array((P + 1) * (N + 1));
  const go = (i: number, j: number): boolean => {
    const k = i * (N + 1) + j;
    if (memo[k] !== 0) return memo[k] === 1;
    let r: boolean;
    if (i === P) r = j === N;
    else if (parts[i] === '**') r = go(i + 1, j) || (j < N && go(i, j + 1));
    else r = j < N && matchSegment(parts[i], names[j]) && go(i + 1, j + 1);
    memo[k] = r ? 1 : 2;
    return r;
  };
  return go(0, 0);
}

/** One path component against one component pattern (`*`, `?`, classes, escapes), in time linear in their product. */
function matchSegment(pat: string, name: string): boolean {
  // reach[j]: the pattern so far matches name[0, j).
  let reach = new Uint8Array(name.length + 1);
  reach[0] = 1;
  for (let i = 0; i < pat.length; i++) {
    const next = new Uint8Array(name.length + 1);
    const c = pat[i];
    if (c === '*') {
      let on = false;
      for (let j = 0; j <= name.length; j++) {
        if (reach[j]) on = true;
        if (on) next[j] = 1;
      }
    } else {
      // One character: `?`, a class, an escaped or a plain character.
      let test: (ch: string) => boolean;
      if (c === '?') test = () => true;
      else if (c === '[') {
        const end = classEnd(pat, i);
        const body = pat.slice(i + 1, end);
        i = end;
        test = (ch) => inClass(body, ch);
      } else {
        const lit = c === '\\' ? pat[++i] : c;
        test = (ch) => ch === lit;
      }
      for (let j = 0; j < name.length; j++) if (reach[j] && test(name[j])) next[j + 1] = 1;
    }
    reach = next;
  }
  return reach[name.length] === 1;
}

/** Whether `ch` is in a class body (between `[` and `]`): members, ranges `a-z`, negation `^`/`!`, escapes. */
function inClass(body: string, ch: string): boolean {
  let i = 0;
  let negate = false;
  if (body[0] === '^' || body[0] === '!') {
    negate = true;
    i = 1;
  }
  let hit = false;
  while (i < body.length) {
    let lo = body[i];
    if (lo === '\\') lo = body[++i];
    i++;
    let hi = lo;
    if (body[i] === '-' && i + 1 < body.length) {
      hi = body[i + 1] === '\\' ? body[i + 2] : body[i + 1];
      i += body[i + 1] === '\\' ? 3 : 2;
    }
    if (ch >= lo && ch <= hi) hit = true;
  }
  return hit !== negate;
}
