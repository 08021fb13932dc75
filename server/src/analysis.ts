// The one facade both surfaces (CLI, LSP) call: files in, findings and pictures out.
// Pure: all file access goes through the FileHost.

import type { FileHost } from './core/host';
import { parseFile } from './hcl';
import { buildPictures } from './network/picture';
import type { FunctionPicture } from './network/types';
import type { ParsedFile } from './rules/context';
import { lintWorkspace } from './rules/engine';
import { loadWorkspace } from './terraform';
import type { ConfigFile, HclDiagnostic } from './hcl/ast';
import type { Finding, SeveritySetting } from './rules/types';

export interface AnalysisOptions {
  /** Rule severities by id (`off` silences a rule); missing ids use the rule's default. */
  rules?: Record<string, SeveritySetting | { severity?: SeveritySetting; [option: string]: unknown }>;
  minAzs?: number;
  eniBudget?: number;
  /** Absolute paths of extra .tfvars / .tfvars.json files for every root module. */
  varFiles?: string[];
  /** `name=value` variables for every root module (values in HCL syntax or raw strings, as Terraform's -var). */
  variables?: Record<string, string>;
  /** Glob patterns (relative to a root) of paths to skip. `.terraform/` is always skipped. */
  ignorePaths?: string[];
  reportUnusedIgnores?: boolean;
  /** Directories that bound module sources and file() reads (default: the roots). Pass the workspace folder. */
  workspaceRoots?: string[];
}

export interface AnalysisResult {
  findings: Finding[];
  /** One JSON-serialisable network picture per Lambda function instance. */
  pictures: FunctionPicture[];
  /** Every configuration file that was read, absolute. */
  files: string[];
}

/** Terraform configuration files of one module directory (not tfvars). */
export const CONFIG_SUFFIXES = ['.tf', '.tf.json', '.tofu', '.tofu.json'];

export function isConfigFile(name: string): boolean {
  return CONFIG_SUFFIXES.some((s) => name.endsWith(s));
}

/** Parses once per text; callers (the LSP server) may keep this cache across runs. */
export class ParseCache {
  private readonly entries = new Map<string, { text: string; file: ConfigFile; diagnostics: HclDiagnostic[] }>();

  get(path: string, text: string): { file: ConfigFile; diagnostics: HclDiagnostic[] } {
    const hit = this.entries.get(path);
    if (hit && hit.text === text) return hit;
    const r = parseFile(path, text);
    const entry = { text, file: r.file, diagnostics: r.diagnostics };
    this.entries.set(path, entry);
    return entry;
  }

  delete(path: string): void {
    this.entries.delete(path);
  }
}

/**
 * Analyses the root modules at `roots` (absolute directory paths) and the local modules they call:
 * parse → evaluate (terraform) → network pictures → rules → suppression. Never throws on file content.
 * `log` receives internal problems (a rule that threw); it must not write to stdout.
 */
export function analyze(
  host: FileHost,
  roots: string[],
  options: AnalysisOptions = {},
  cache = new ParseCache(),
  log?: (message: string) => void,
): AnalysisResult {
  const workspace = loadWorkspace(host, roots, {
    varFiles: options.varFiles,
    variables: options.variables,
    workspaceRoots: options.workspaceRoots ?? roots,
    cache,
  });
  let pictures: FunctionPicture[] = [];
  try {
    pictures = buildPictures(workspace);
  } catch (err) {
    // The picture builder is meant never to throw; if it does, syntax findings must still be reported.
    log?.(`network picture failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  // Every configuration file of every module instance reached (each directory once), so syntax
  // errors and ignore annotations are seen even in modules no function depends on.
  const parsed = new Map<string, ParsedFile>();
  for (const m of workspace.modules()) {
    const diags = new Map(m.config.parseDiagnostics.map((d) => [d.file, d.diagnostics]));
    for (const file of m.config.files) {
      if (!parsed.has(file.path)) parsed.set(file.path, { file, diagnostics: diags.get(file.path) ?? [] });
    }
  }
  // tfvars files the evaluator read: their syntax errors and ignore annotations count too.
  for (const path of workspace.files()) {
    if (parsed.has(path) || !/\.tfvars(\.json)?$/.test(path)) continue;
    const text = host.readFile(path);
    if (text !== undefined) parsed.set(path, cache.get(path, text));
  }
  const files = [...parsed.values()];
  const findings = lintWorkspace({ workspace, pictures, files }, options, log);
  return { findings, pictures, files: files.map((f) => f.file.path) };
}

export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : dir + '/' + name;
}
