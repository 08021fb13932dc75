// Where a module call's code comes from: a local directory (`./`, `../`), a directory that
// `terraform init` installed (.terraform/modules/modules.json), a built-in model of a
// well-known registry module, or nowhere (outputs unknown, with the reason).

import type { FileHost } from '../core/host';
import type { ModuleCallDecl } from './model';
import { joinPath, resolvePath } from './paths';
import { findRegistryModel, type RegistryModel } from './registry-models';
import type { SourceLocation, UnknownReason } from './values';

export type ResolvedSource =
  | { kind: 'local' | 'installed'; dir: string }
  | { kind: 'model'; model: RegistryModel }
  | { kind: 'unavailable'; reason: UnknownReason };

/** One row of .terraform/modules/modules.json. */
interface ModulesJsonEntry {
  Key: string;
  Source: string;
  Dir: string;
}

/** Reads `<root>/.terraform/modules/modules.json`: call key path (`vpc`, `net.vpc`) → absolute dir. */
export function readModulesJson(host: FileHost, rootDir: string): Map<string, string> | undefined {
  const text = host.readFile(joinPath(rootDir, '.terraform/modules/modules.json'));
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const mods = (data as { Modules?: unknown }).Modules;
  if (!Array.isArray(mods)) return undefined;
  const out = new Map<string, string>();
  for (const m of mods as Partial<ModulesJsonEntry>[]) {
    if (typeof m?.Key !== 'string' || typeof m.Dir !== 'string' || m.Key === '') continue;
    out.set(m.Key, resolvePath(rootDir, m.Dir));
  }
  return out;
}

export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..';
}

export interface ResolveContext {
  host: FileHost;
  /** The directory of the calling module. */
  callerDir: string;
  /** Call names from the root to this call (`['net', 'vpc']`), the modules.json key path. */
  keyPath: string[];
  modulesJson: Map<string, string> | undefined;
  /** Whether a directory lies inside the workspace roots, by its path and by its real path (symbolic links resolved). */
  isInside(dir: string): boolean;
  at: SourceLocation;
}

/** Decides where a call's module comes from. */
export function resolveModuleSource(call: ModuleCallDecl, ctx: ResolveContext): ResolvedSource {
  const source = call.source;
  if (source === '') {
    const why = call.sourceAttr ? 'the module source is not a literal string' : 'the module call has no source';
    return { kind: 'unavailable', reason: { code: 'module-unavailable', message: `module.${call.name}: ${why}`, at: ctx.at } };
  }
  if (isLocalSource(source)) {
    const dir = resolvePath(ctx.callerDir, source);
    if (!ctx.isInside(dir)) {
      return {
        kind: 'unavailable',
        reason: { code: 'module-unavailable', message: `module source ${source} resolves outside the workspace (${dir}) and is not followed`, at: ctx.at },
      };
    }
    if (ctx.host.readDir(dir) === undefined) {
      return { kind: 'unavailable', reason: { code: 'module-unavailable', message: `module source ${source}: directory ${dir} not found`, at: ctx.at } };
    }
    return { kind: 'local', dir };
  }
  const installed = ctx.modulesJson?.get(ctx.keyPath.join('.'));
  if (installed !== undefined) {
    if (!ctx.isInside(installed)) {
      return {
        kind: 'unavailable',
        reason: { code: 'module-unavailable', message: `installed module ${source} lies outside the workspace (${installed})`, at: ctx.at },
      };
    }
    if (ctx.host.readDir(installed) !== undefined) return { kind: 'installed', dir: installed };
  }
  const model = findRegistryModel(source);
  if (model) return { kind: 'model', model };
  return {
    kind: 'unavailable',
    reason: { code: 'module-unavailable', message: `module source ${source} is not available locally; run terraform init`, at: ctx.at },
  };
}
