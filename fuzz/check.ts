// The invariants every fuzz case must keep, for the parser and for the whole analysis (and the CLI's
// report formats on top of it). `checkCase` throws an Error naming the first broken invariant; it never
// returns a verdict of its own, so fast-check sees a failure exactly when something is wrong.
//
// A case is a small workspace: files by path relative to the root module directory ROOT. Paths may
// climb out of it (`../shared/main.tf` is inside the workspace root WORKSPACE; `../../outside/x.tf`
// is not): whatever lies outside WORKSPACE must never be read, listed or resolved, whatever the
// configuration says (module sources, file(), templatefile(), modules.json, symbolic links).
//
// Each case is checked twice: as written, and with every native `.tf` file replaced by its `.tf.json`
// rendering (to-json.ts), so the JSON syntax path sees the same structures.

import { posix } from 'node:path';
import { analyze, ParseCache } from '../server/src/analysis';
import { buildReport } from '../server/src/cli/report';
import { formatCheckstyle } from '../server/src/cli/format/checkstyle';
import { formatJson } from '../server/src/cli/format/json';
import { formatJunit } from '../server/src/cli/format/junit';
import { formatSarif } from '../server/src/cli/format/sarif';
import { formatText } from '../server/src/cli/format/text';
import { PositionMapper } from '../server/src/cli/positions';
import { MemoryHost, type DirEntry, type FileHost } from '../server/src/core/host';
import { parseFile } from '../server/src/hcl';
import type { ParseResult } from '../server/src/hcl/ast';
import { applyFix } from '../server/src/rules/fixes';
import { allRules } from '../server/src/rules/registry';
import type { Finding, Fix } from '../server/src/rules/types';
import { parseXml } from '../server/test/cli/helpers';
import { toTfJson } from './to-json';

/** Everything the analysis may touch. */
export const WORKSPACE = '/fuzz/ws';
/** The root module analysed. */
export const ROOT = `${WORKSPACE}/root`;

/** A workspace: file texts by path relative to ROOT (may start with `../`). */
export interface FuzzCase {
  files: Record<string, string>;
  /** Symbolic links to directories: link path → target, both relative to ROOT. */
  links?: Record<string, string>;
}

const CONFIG = /\.(tf|tofu)(\.json)?$|\.tfvars(\.json)?$/;
const RULE_IDS = new Set(allRules.map((r) => r.id));

/** Checks the case as written and as JSON syntax. */
export function checkCase(c: FuzzCase): void {
  const files = absolute(c.files);
  const links = absolute(c.links ?? {});
  checkWorkspace(files, links, 'native');
  const json = jsonVariant(files);
  if (json) checkWorkspace(json, links, 'json');
}

/** The case's files as absolute paths. */
export function absolute(files: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [rel, text] of Object.entries(files)) out.set(posix.resolve(ROOT, rel), text);
  return out;
}

/** The files with every native `.tf` / `.tofu` file replaced by its JSON rendering; undefined when there is none. */
export function jsonVariant(files: Map<string, string>): Map<string, string> | undefined {
  const out = new Map<string, string>();
  let converted = false;
  for (const [path, text] of files) {
    if (/\.(tf|tofu)$/.test(path)) {
      out.set(`${path}.json`, toTfJson(parseFile(path, text).file));
      converted = true;
    } else {
      out.set(path, text);
    }
  }
  return converted ? out : undefined;
}

/**
 * A MemoryHost with symbolic links to directories that refuses, and remembers, any access that would
 * leave the workspace root once links are followed (as the operating system would follow them).
 */
class ConfinedHost implements FileHost {
  readonly escapes: string[] = [];
  private readonly inner: MemoryHost;

  constructor(
    files: Map<string, string>,
    private readonly links: Map<string, string>,
  ) {
    this.inner = new MemoryHost(files);
  }

  /** The path with links resolved; undefined for a loop (ELOOP). */
  private resolve(path: string): string | undefined {
    let p = path;
    for (let hops = 0; hops < 40; hops++) {
      let next: string | undefined;
      for (const [link, target] of this.links) {
        if (p === link || p.startsWith(link + '/')) next = target + p.slice(link.length);
      }
      if (next === undefined) return p;
      p = next;
    }
    return undefined;
  }

  /** The resolved path when it lies inside the workspace root; otherwise notes the escape. */
  private allowed(path: string): string | undefined {
    const real = this.resolve(path);
    if (real === undefined) return undefined;
    if (real === WORKSPACE || real.startsWith(WORKSPACE + '/')) return real;
    this.escapes.push(path === real ? path : `${path} (-> ${real})`);
    return undefined;
  }

  readFile(path: string): string | undefined {
    const real = this.allowed(path);
    return real === undefined ? undefined : this.inner.readFile(real);
  }

  readDir(path: string): DirEntry[] | undefined {
    const real = this.allowed(path);
    if (real === undefined) return undefined;
    const entries = this.inner.readDir(real) ?? [];
    for (const link of this.links.keys()) {
      if (posix.dirname(link) === real) entries.push({ name: posix.basename(link), kind: 'symlink-dir' });
    }
    return entries.length > 0 ? entries : undefined;
  }

  realPath(path: string): string {
    // Asking where a path leads reads nothing, so it is not an escape.
    return this.resolve(path) ?? path;
  }
}

function fail(what: string, detail: string): never {
  throw new Error(`${what}: ${detail}`);
}

/** Every `{start, end}` object anywhere in a parse result (found structurally, so new node kinds are covered). */
function spansIn(root: unknown, out: { path: string; start: number; end: number }[] = [], at = '$'): typeof out {
  if (typeof root !== 'object' || root === null) return out;
  if (Array.isArray(root)) {
    root.forEach((x, i) => spansIn(x, out, `${at}[${i}]`));
    return out;
  }
  const o = root as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 2 && typeof o.start === 'number' && typeof o.end === 'number') {
    out.push({ path: at, start: o.start, end: o.end });
    return out;
  }
  for (const k of keys) if (k !== 'text' && k !== 'lineIndex') spansIn(o[k], out, `${at}.${k}`);
  return out;
}

function validSpan(s: { start: number; end: number }, length: number): boolean {
  return Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= length;
}

/** Parses one file and checks the tree: it keeps the text, and every span lies inside it. */
export function checkParse(path: string, text: string): ParseResult {
  let r: ParseResult;
  try {
    r = parseFile(path, text);
  } catch (err) {
    return fail(`parser threw on ${path}`, describe(err));
  }
  if (r.file.text !== text) fail('parser', `${path}: the file does not keep the text it was given`);
  for (const s of spansIn(r)) {
    if (!validSpan(s, text.length)) fail('parser', `${path}: span ${s.path} = [${s.start}, ${s.end}) is not inside the text (length ${text.length})`);
  }
  for (const d of r.diagnostics) if (typeof d.summary !== 'string' || d.summary === '') fail('parser', `${path}: a diagnostic without a summary`);
  return r;
}

/** Parses every configuration file, analyses the root module, and checks the findings, fixes, pictures and reports. */
export function checkWorkspace(files: Map<string, string>, links: Map<string, string>, variant: string): void {
  const syntaxErrors = new Map<string, boolean>();
  for (const [path, text] of files) {
    if (CONFIG.test(path)) syntaxErrors.set(path, checkParse(path, text).diagnostics.some((d) => d.severity === 'error'));
  }

  const host = new ConfinedHost(files, links);
  const internal: string[] = [];
  let result: ReturnType<typeof analyze>;
  try {
    result = analyze(host, [ROOT], { reportUnusedIgnores: true, workspaceRoots: [WORKSPACE] }, new ParseCache(), (m) => internal.push(m));
  } catch (err) {
    return fail(`analyze() threw (${variant})`, describe(err));
  }
  if (internal.length > 0) fail(`internal error logged (${variant})`, internal[0]);
  if (host.escapes.length > 0) fail(`read outside the workspace (${variant})`, [...new Set(host.escapes)].slice(0, 5).join(', '));

  const textOf = (file: string): string => files.get(file) ?? fail(`finding in an unknown file (${variant})`, file);
  for (const f of result.findings) checkFinding(f, textOf, syntaxErrors, variant);

  let plain: unknown;
  try {
    plain = JSON.parse(JSON.stringify(result.pictures));
  } catch (err) {
    return fail(`pictures are not JSON data (${variant})`, describe(err));
  }
  if (!Array.isArray(plain) || plain.length !== result.pictures.length) fail(`pictures (${variant})`, 'JSON round trip lost pictures');

  checkReports(result, host, variant);
}

function checkFinding(f: Finding, textOf: (file: string) => string, syntaxErrors: Map<string, boolean>, variant: string): void {
  const where = `${f.rule} at ${f.file} [${f.span.start}, ${f.span.end}) (${variant})`;
  if (!RULE_IDS.has(f.rule)) fail('finding of an unknown rule', where);
  if (typeof f.message !== 'string' || f.message.trim() === '') fail('finding without a message', where);
  if (!validSpan(f.span, textOf(f.file).length)) fail('finding span outside its file', where);
  for (const r of f.related) {
    if (!validSpan(r.span, textOf(r.file).length)) fail('related span outside its file', `${where}: ${r.file} [${r.span.start}, ${r.span.end})`);
  }
  for (const fix of f.fixes) checkFix(fix, textOf, syntaxErrors, where);
}

/** Every edit lies in a file that was read; the fix applies; on a file without syntax errors it leaves none. */
function checkFix(fix: Fix, textOf: (file: string) => string, syntaxErrors: Map<string, boolean>, where: string): void {
  const texts = new Map<string, string>();
  for (const e of fix.edits) {
    const text = textOf(e.file);
    if (!validSpan(e.span, text.length)) fail('fix edit outside its file', `${where}: "${fix.title}" edits ${e.file} [${e.span.start}, ${e.span.end})`);
    texts.set(e.file, text);
  }
  const fixed = applyFix(texts, fix);
  if (!fixed) fail('fix refused (overlapping edits)', `${where}: "${fix.title}"`);
  for (const [file, text] of fixed) {
    if (syntaxErrors.get(file) !== false) continue;
    const after = parseFile(file, text).diagnostics.find((d) => d.severity === 'error');
    if (after) fail('fix breaks the syntax', `${where}: "${fix.title}" gives "${after.summary}" at ${after.span.start} in ${file}`);
  }
}

/** The CLI report and every output format: no throw, JSON parses, XML is well-formed. */
function checkReports(result: ReturnType<typeof analyze>, host: FileHost, variant: string): void {
  try {
    const report = buildReport({
      findings: result.findings,
      files: result.files,
      cwd: WORKSPACE,
      version: '0.0.0',
      rules: allRules,
      positions: new PositionMapper((file) => host.readFile(file)),
      pictures: result.pictures,
    });
    JSON.parse(formatJson(report, { explain: true }));
    JSON.parse(formatSarif(report));
    parseXml(formatJunit(report));
    parseXml(formatCheckstyle(report));
    formatText(report, { color: true, quiet: false, explain: true });
  } catch (err) {
    fail(`report formats (${variant})`, describe(err));
  }
}

export function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
