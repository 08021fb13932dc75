// Filesystem functions: file, fileexists, templatefile, basename, dirname.
// Reads go through the FnContext, which confines them to the workspace roots.
import { asMap, bool, str, unknown } from '../values';
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

/** `s` without its trailing slashes (a loop: `/\/+$/` backtracks quadratically on "///…x"). */
function trimTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x2f) end--;
  return s.slice(0, end);
}
