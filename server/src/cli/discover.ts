// `--recursive`: the root modules below a directory. A module is a directory with Terraform
// configuration files; a root module is one that no other module found there calls through a
// `module` block with a local `source` ("./..." or "../...").

import { posix } from 'node:path';
import { isConfigFile, joinPath } from '../analysis';
import type { FileHost } from '../core/host';
import { blocks, findAttribute, parseFile, type ConfigFile, type Expr } from '../hcl';

/** Directory names never searched (besides hidden ones). */
const SKIPPED_DIRS = new Set(['node_modules']);

/**
 * Root module directories below (and including) `start`, sorted. Hidden directories (`.terraform`,
 * `.git`, ...), `node_modules` and ignored paths are skipped; symlinked directories are followed once.
 * Modules that only call each other in a cycle contribute their first directory as a root, so that
 * every module found is checked. `parse` lets the caller share its parse cache with the analysis that
 * follows, so that each file is parsed once.
 */
export function findRootModules(
  host: FileHost,
  start: string,
  isIgnored: (absPath: string) => boolean,
  onDir?: (dir: string) => void,
  parse: (path: string, text: string) => ConfigFile = (path, text) => parseFile(path, text).file,
): string[] {
  const canonical = (p: string): string => host.realPath?.(p) ?? p;
  /** Module directories by canonical path → the path the walk reached them by. */
  const modules = new Map<string, string>();
  /** Canonical module directory → canonical directories it calls. */
  const calls = new Map<string, Set<string>>();
  const visited = new Set<string>();
  // Directories reached without crossing a symlink go first, so that a module is named by its own
  // path rather than by a link to it.
  const direct = [start];
  const linked: string[] = [];
  while (direct.length > 0 || linked.length > 0) {
    const viaLink = direct.length === 0;
    const dir = (viaLink ? linked.shift() : direct.shift()) as string;
    const real = canonical(dir);
    if (visited.has(real)) continue;
    visited.add(real);
    onDir?.(dir);
    const entries = host.readDir(dir);
    if (!entries) continue;
    const called = new Set<string>();
    let isModule = false;
    for (const e of entries) {
      const path = joinPath(dir, e.name);
      if (e.kind === 'dir' || e.kind === 'symlink-dir') {
        if (!e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name) && !isIgnored(path)) {
          (viaLink || e.kind === 'symlink-dir' ? linked : direct).push(path);
        }
      } else if (e.kind === 'file' && isConfigFile(e.name) && !isIgnored(path)) {
        const text = host.readFile(path);
        if (text === undefined) continue;
        isModule = true;
        if (!MODULE_WORD.test(text)) continue;
        for (const source of localModuleSources(parse(path, text))) called.add(canonical(stripSlash(posix.normalize(posix.join(dir, source)))));
      }
    }
    if (isModule) {
      modules.set(real, dir);
      calls.set(real, called);
    }
  }

  const isCalled = new Set<string>();
  for (const [caller, callees] of calls) for (const c of callees) if (c !== caller) isCalled.add(c);
  const roots = [...modules.keys()].filter((m) => !isCalled.has(m));

  // Every module reachable from a root is checked with it; a cycle nobody else calls needs a root of its own.
  const reached = new Set<string>();
  const reach = (from: string): void => {
    const stack = [from];
    while (stack.length > 0) {
      const m = stack.pop() as string;
      if (reached.has(m)) continue;
      reached.add(m);
      for (const c of calls.get(m) ?? []) if (modules.has(c)) stack.push(c);
    }
  };
  roots.forEach(reach);
  for (const m of [...modules.keys()].sort()) {
    if (reached.has(m)) continue;
    roots.push(m);
    reach(m);
  }
  return roots.map((r) => modules.get(r) as string).sort();
}

/**
 * The word `module` on its own, not in a reference (`module.net.id`, `path.module`) nor in a longer
 * name (`my_module`, `module_x`): a file without it has no `module` block, native or JSON (short of a
 * JSON key spelt with `\u` escapes), and need not be parsed here; the analysis parses it when it
 * needs it.
 */
const MODULE_WORD = /(?:^|[^\w.-])module(?![\w.-])/;

/** The literal local `source` of every `module` block of one file. */
function localModuleSources(file: ConfigFile): string[] {
  const out: string[] = [];
  for (const block of blocks(file.body, 'module')) {
    const source = findAttribute(block.body, 'source');
    const value = source ? literalString(source.expr) : undefined;
    if (value !== undefined && (value.startsWith('./') || value.startsWith('../'))) out.push(value);
  }
  return out;
}

function literalString(expr: Expr): string | undefined {
  if (expr.kind !== 'Template' || expr.heredoc) return undefined;
  let s = '';
  for (const part of expr.parts) {
    if (part.kind !== 'TemplateLiteral') return undefined;
    s += part.value;
  }
  return s;
}

function stripSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}
