// The server's picture of the workspace: folders, the module directories in them, which module
// calls which, and the analysis units whose results become diagnostics.
//
// Model
// - A module is a directory holding configuration files (.tf, .tf.json, .tofu, .tofu.json); its
//   .tfvars files belong to it too. Local calls (`module` blocks whose `source` starts with ./ or
//   ../) are found by scanning every indexed module: they make the call graph.
// - An analysis unit is a directory handed to `analyze()` as a root. Units are the root modules
//   (called by no indexed module; on a call cycle no root reaches, every module counts as a root)
//   plus "orphans": modules that no other unit's analysis read once all their callers have run
//   (a child its callers could not load). A called module is thus analysed with its callers'
//   inputs, never on its own defaults, which would report what the callers do not do.
// - A change to a file of module M re-analyses (debounced, per unit) M's unit, every unit that
//   reaches M through the call graph (the callers) and every unit whose last run read the file.
// - Diagnostics of a file are the union of every unit's findings in it. A file is published only
//   when no pending unit may still change it, and only from results computed on the file's
//   current content generation (bumped on every change): a stale result never overwrites a newer
//   one. Every Terraform file a run read is published, with the document version it was read at,
//   unless the client already has exactly that (same URI, version and diagnostics).
//
// Runs are synchronous (`analyze()` is) and one unit at a time; the event loop gets a turn between
// units, so edits, hovers and requests are served during a long re-analysis.

import * as posix from 'node:path/posix';
import type { Diagnostic } from 'vscode-languageserver';
import { analyze, isConfigFile, ParseCache, type AnalysisResult } from '../analysis';
import { CONFIG_FILE_NAME } from '../config';
import type { ConfigFile, HclDiagnostic } from '../hcl/ast';
import { blocks, findAttribute } from '../hcl/ast';
import { parseFile } from '../hcl';
import type { FunctionPicture } from '../network/types';
import { ruleById } from '../rules/registry';
import { compareDiagnostics, messageText, pathToUri, PositionMapper, toDiagnostic, type ConvertContext } from './convert';
import { diskFileExists, DocumentHost, SnapshotHost, type OpenDocument } from './host';
import { effectiveConfig, findConfigFile, type EffectiveConfig } from './settings';

const VAR_FILE_SUFFIXES = ['.tfvars', '.tfvars.json'];

/** Directories never indexed (as the CLI's `--recursive`): hidden ones (`.terraform/`, `.git/`) and `node_modules`. */
function isSkippedDir(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}
/** Indexing stops descending after this many directories in one folder (a home directory opened by mistake). */
const MAX_DIRS_PER_FOLDER = 50_000;

/** Configuration and variable files: what the server indexes and publishes for. */
function isTerraformFile(path: string): boolean {
  return isConfigFile(path) || VAR_FILE_SUFFIXES.some((s) => path.endsWith(s));
}

export interface WorkspaceOptions {
  /** Delay between the last change to a module and its re-analysis. */
  debounceMs: number;
  /** Bound on the parse cache, in UTF-16 code units of cached text. */
  parseCacheChars: number;
  /** The client shows `relatedInformation`. */
  relatedInformation: boolean;
}

export interface WorkspaceEvents {
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  log(message: string): void;
  /** Something the user should fix (an invalid configuration). */
  warn(message: string): void;
  /** Something that went wrong inside the server. */
  error(message: string): void;
  /** The client's `lambdaVpcLint` settings for a folder (or for no folder). */
  settings(folderUri: string | undefined): Promise<unknown>;
}

export interface Folder {
  uri: string;
  path: string;
  /** The client's `lambdaVpcLint` settings for the folder (undefined until read). */
  settings: unknown;
}

interface ModuleEntry {
  dir: string;
  /** The folder it belongs to; undefined for the directory of an open file outside every folder. */
  folder: Folder | undefined;
  /** Configuration and variable files. */
  files: Set<string>;
  /** Directories of the local modules it calls (resolved; may be outside the index): the union of `fileCalls`. */
  calls: Set<string>;
  /** The calls found in each configuration file. */
  fileCalls: Map<string, string[]>;
  /** Files whose calls must be rescanned (changed, added or gone). */
  staleCalls: Set<string>;
}

interface ReadStamp {
  gen: number;
  version: number | null;
}

interface UnitResult {
  /** Every file the run read, with its content generation and document version at the time. */
  reads: Map<string, ReadStamp>;
  diagnostics: Map<string, Diagnostic[]>;
  pictures: FunctionPicture[];
}

interface Unit {
  dir: string;
  timer: NodeJS.Timeout | undefined;
  queued: boolean;
  result: UnitResult | undefined;
}

export interface CheckCounts {
  folders: number;
  modules: number;
  /** Directories analysed as roots. */
  units: number;
  files: number;
  /** Files with at least one diagnostic. */
  filesWithProblems: number;
  errors: number;
  warnings: number;
  infos: number;
}

/**
 * A parse cache bounded by the total size of the texts it holds; the least recently used files
 * are dropped first (and re-parsed when next needed).
 */
export class BoundedParseCache extends ParseCache {
  /** Path → the text held; Map order is recency (oldest first). */
  private readonly texts = new Map<string, string>();
  private total = 0;

  /** `onDelete` hears of every path dropped (evicted or deleted). */
  constructor(private readonly maxChars: number, private readonly onDelete: (path: string) => void = () => undefined) {
    super();
  }

  override get(path: string, text: string): { file: ConfigFile; diagnostics: HclDiagnostic[] } {
    const r = super.get(path, text);
    this.forget(path);
    // The string the entry holds (an equal text keeps the earlier parse and its string).
    this.texts.set(path, r.file.text);
    this.total += text.length;
    for (const [p] of this.texts) {
      if (this.total <= this.maxChars || p === path) break;
      this.delete(p);
    }
    return r;
  }

  override delete(path: string): void {
    super.delete(path);
    this.forget(path);
    this.onDelete(path);
  }

  /** The text cached for a path. */
  textOf(path: string): string | undefined {
    return this.texts.get(path);
  }

  private forget(path: string): void {
    const t = this.texts.get(path);
    if (t === undefined) return;
    this.texts.delete(path);
    this.total -= t.length;
  }
}

function newModule(dir: string, folder: Folder | undefined, files: Set<string>): ModuleEntry {
  return { dir, folder, files, calls: new Set(), fileCalls: new Map(), staleCalls: new Set(files) };
}

function dirOf(path: string): string {
  return posix.dirname(path);
}

function isInside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === '/' ? '/' : dir + '/');
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set?.delete(value) && set.size === 0) map.delete(key);
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class Workspace {
  private readonly folders: Folder[] = [];
  private readonly docs = new Map<string, OpenDocument>();
  private readonly host: DocumentHost;
  private readonly cache: BoundedParseCache;
  private readonly modules = new Map<string, ModuleEntry>();
  private readonly units = new Map<string, Unit>();
  /** Content generation of each file (bumped on every change); absent means 0. */
  private readonly gens = new Map<string, number>();
  /** File → units whose last run read it / reported in it. */
  private readonly readers = new Map<string, Set<string>>();
  private readonly reporters = new Map<string, Set<string>>();
  /** Files whose diagnostics must be (re)published. */
  private readonly dirty = new Set<string>();
  /** What was last published for each file with diagnostics (for fix-all and for clearing). */
  private readonly published = new Map<string, { uri: string; diagnostics: Diagnostic[] }>();
  /** The last publish sent for each file (empty lists too), so that an unchanged one is not sent again. */
  private readonly sent = new Map<string, { uri: string; version: number | undefined; text: string }>();
  private readonly queue: string[] = [];
  private draining = false;
  private idleWaiters: (() => void)[] = [];
  /** The settings that apply outside every folder. */
  private globalSettings: unknown;
  /** Directory → nearest configuration file; (file, folder) → effective configuration. Cleared by `reload()`. */
  private readonly configFiles = new Map<string, string | undefined>();
  private readonly configs = new Map<string, EffectiveConfig>();
  /** Canonical URIs of paths (memoised: every run republishes every file it read). */
  private readonly uris = new Map<string, string>();
  private disposed = false;

  constructor(private readonly options: WorkspaceOptions, private readonly events: WorkspaceEvents) {
    this.host = new DocumentHost({
      openDocument: (p) => this.docs.get(p),
      openPaths: () => this.docs.keys(),
      cachedText: (p) => this.cache.textOf(p),
    });
    this.cache = new BoundedParseCache(options.parseCacheChars, (p) => this.host.forget(p));
  }

  // -------------------------------------------------------------------------
  // Folders and indexing

  /**
   * Registers folders. They apply at once (an open file maps to its folder); `indexFolders` then
   * reads their settings and indexes them.
   */
  addFolders(list: { uri: string; path: string }[]): Folder[] {
    const added: Folder[] = [];
    for (const f of list) {
      if (this.folders.some((x) => x.path === f.path)) continue;
      const folder: Folder = { uri: f.uri, path: f.path, settings: undefined };
      this.folders.push(folder);
      added.push(folder);
      // Open files analysed on their own until now belong to this folder.
      for (const m of [...this.modules.values()]) if (!m.folder && this.folderOf(m.dir) === folder) this.dropModule(m.dir);
    }
    for (const p of this.docs.keys()) this.ensureIndexed(p);
    return added;
  }

  /** Reads the folders' settings, indexes them and starts analysing each as soon as it is indexed. */
  async indexFolders(folders: Folder[], progress?: (message: string) => void): Promise<void> {
    for (const folder of folders) {
      if (this.disposed || !this.folders.includes(folder)) continue;
      folder.settings = await this.fetchSettings(folder.uri);
      this.configs.clear();
      await this.indexFolder(folder, progress);
      this.reconcile();
      for (const u of this.units.values()) if (this.modules.get(u.dir)?.folder === folder) this.schedule(u, 0);
      this.kick();
    }
  }

  /** Start-up, after `addFolders` for the initial folders: the global settings, then every folder. */
  async init(progress?: (message: string) => void): Promise<void> {
    this.globalSettings = await this.fetchSettings(undefined);
    await this.indexFolders([...this.folders], progress);
  }

  removeFolders(paths: string[]): void {
    for (const p of paths) {
      const i = this.folders.findIndex((f) => f.path === p);
      if (i < 0) continue;
      const [folder] = this.folders.splice(i, 1);
      for (const m of [...this.modules.values()]) if (m.folder === folder) this.dropModule(m.dir);
    }
    // Open files of a removed folder are now outside the workspace (or in another folder).
    for (const p of this.docs.keys()) this.touch(p);
    this.kick();
  }

  /** Re-reads the settings and every folder's configuration file, and re-indexes everything. */
  async reload(progress?: (message: string) => void): Promise<void> {
    this.globalSettings = await this.fetchSettings(undefined);
    for (const folder of this.folders) folder.settings = await this.fetchSettings(folder.uri);
    this.configFiles.clear();
    this.configs.clear();
    for (const folder of this.folders) await this.indexFolder(folder, progress);
    for (const m of [...this.modules.values()]) {
      if (m.folder) continue;
      this.dropModule(m.dir);
    }
    for (const p of this.docs.keys()) this.ensureIndexed(p);
    this.scheduleAll(0);
  }

  /** Re-indexes and re-analyses everything; resolves when every unit has run. */
  async checkAll(progress?: (message: string) => void): Promise<CheckCounts> {
    await this.reload(progress);
    await this.whenIdle();
    return this.counts();
  }

  private async fetchSettings(uri: string | undefined): Promise<unknown> {
    try {
      return await this.events.settings(uri);
    } catch (e) {
      this.events.error(`Could not read the lambdaVpcLint settings: ${errorText(e)}`);
      return undefined;
    }
  }

  /** The configuration for a module directory: its nearest configuration file and its folder's settings. */
  private configFor(dir: string): EffectiveConfig {
    const file = findConfigFile(this.host, dir, this.configFiles);
    const folder = this.folderOf(dir);
    const key = `${file ?? ''}\0${folder?.path ?? ''}`;
    let config = this.configs.get(key);
    if (!config) {
      const text = file === undefined ? undefined : this.host.readFile(file);
      config = effectiveConfig(file !== undefined && text !== undefined ? { path: file, text } : undefined, folder ? folder.settings : this.globalSettings, folder?.path ?? dir);
      for (const p of config.problems) this.events.warn(p);
      this.configs.set(key, config);
    }
    return config;
  }

  /** Whether `ignorePaths` skip a path: the configuration of its folder (or, outside every folder, of its directory) decides. */
  private isIgnored(path: string): boolean {
    return this.configFor(this.folderOf(path)?.path ?? dirOf(path)).isIgnored(path);
  }

  /** Walks a folder and (re)builds the index of its modules. */
  private async indexFolder(folder: Folder, progress?: (message: string) => void): Promise<void> {
    const found = new Map<string, Set<string>>();
    const stack = [folder.path];
    /** Canonical paths walked: a symbolic link to a directory is followed once, loops end. */
    const walked = new Set<string>();
    let visited = 0;
    while (stack.length > 0 && visited < MAX_DIRS_PER_FOLDER) {
      const dir = stack.pop()!;
      const real = this.host.realPath(dir);
      if (walked.has(real)) continue;
      walked.add(real);
      visited++;
      for (const e of this.host.readDir(dir) ?? []) {
        const path = posix.join(dir, e.name);
        if (this.folderOf(path) !== folder || this.isIgnored(path)) continue;
        if ((e.kind === 'dir' || e.kind === 'symlink-dir') && !isSkippedDir(e.name)) stack.push(path);
        else if (e.kind === 'file' && isTerraformFile(e.name)) addTo(found, dir, path);
      }
      if (visited % 200 === 0) {
        progress?.(`${visited} directories, ${found.size} with Terraform files`);
        await yieldToEventLoop();
        if (this.disposed) return;
      }
    }
    if (stack.length > 0) this.events.warn(`${folder.path}: indexing stopped after ${MAX_DIRS_PER_FOLDER} directories.`);
    // The folder may have been removed while we walked.
    if (!this.folders.includes(folder)) return;
    for (const m of [...this.modules.values()]) if (m.folder === folder && !found.has(m.dir)) this.dropModule(m.dir);
    for (const [dir, files] of found) {
      if (![...files].some(isConfigFile)) {
        this.dropModule(dir);
        continue;
      }
      const m = this.modules.get(dir);
      if (!m) {
        this.modules.set(dir, newModule(dir, folder, files));
        continue;
      }
      // Files that appeared or went while we were not watching.
      for (const f of m.files) if (!files.has(f) && !this.docs.has(f)) this.fileChanged(f);
      for (const f of files) if (!m.files.has(f)) this.fileChanged(f);
      for (const f of m.files) if (this.docs.has(f)) files.add(f);
      m.files = files;
      for (const f of files) m.staleCalls.add(f);
    }
    // Open documents that are not on disk yet.
    for (const p of this.docs.keys()) if (this.folderOf(p) === folder) this.ensureIndexed(p);
    // Scan the module calls (parsing every file) a batch at a time: requests are served meanwhile.
    const mine = [...this.modules.values()].filter((m) => m.folder === folder);
    for (let i = 0; i < mine.length; i++) {
      if (this.modules.get(mine[i].dir) === mine[i]) this.refreshModuleCalls(mine[i]);
      if (i % 20 === 19) {
        progress?.(`reading modules: ${i + 1}/${mine.length}`);
        await yieldToEventLoop();
        if (this.disposed) return;
      }
    }
  }

  /** The innermost folder holding a path. */
  private folderOf(path: string): Folder | undefined {
    let best: Folder | undefined;
    for (const f of this.folders) if (isInside(path, f.path) && (!best || f.path.length > best.path.length)) best = f;
    return best;
  }

  /** Whether a path is analysed at all: a Terraform file, not under `.terraform/` (etc.), not ignored. */
  private isAnalysable(path: string): boolean {
    if (!isTerraformFile(path)) return false;
    const folder = this.folderOf(path);
    // Directories the index skips; outside every folder only Terraform's own `.terraform/`.
    const dirs = posix.dirname(folder ? path.slice(folder.path.length) : path).split('/');
    if (dirs.some((seg) => (folder ? isSkippedDir(seg) : seg === '.terraform'))) return false;
    return !this.isIgnored(path);
  }

  /** Makes sure an existing file (open or on disk) is in the index; returns its module, if any. */
  private ensureIndexed(path: string): ModuleEntry | undefined {
    if (!this.isAnalysable(path)) return undefined;
    const dir = dirOf(path);
    const m = this.modules.get(dir);
    if (m) {
      m.files.add(path);
      m.staleCalls.add(path);
      return m;
    }
    // A new module directory: take in all its Terraform files.
    const files = new Set<string>([path]);
    for (const e of this.host.readDir(dir) ?? []) if (e.kind === 'file' && isTerraformFile(e.name)) files.add(posix.join(dir, e.name));
    if (![...files].some(isConfigFile)) return undefined;
    const entry = newModule(dir, this.folderOf(path), files);
    this.modules.set(dir, entry);
    return entry;
  }

  /** Removes a module from the index; its unit goes and its diagnostics are withdrawn. */
  private dropModule(dir: string): void {
    const m = this.modules.get(dir);
    if (!m) return;
    this.modules.delete(dir);
    for (const f of m.files) this.fileChanged(f);
    this.dropUnit(dir);
  }

  private hasOpenDocIn(dir: string): boolean {
    for (const p of this.docs.keys()) if (dirOf(p) === dir) return true;
    return false;
  }

  // -------------------------------------------------------------------------
  // Documents and disk events

  /** A document was opened or edited. */
  documentUpdated(path: string, doc: OpenDocument): void {
    this.docs.set(path, doc);
    this.touch(path);
  }

  documentClosed(path: string): void {
    this.docs.delete(path);
    const dir = dirOf(path);
    const m = this.modules.get(dir);
    // A file outside every folder is analysed only while some file of its directory is open.
    if (m && !m.folder && !this.hasOpenDocIn(dir)) {
      this.dropModule(dir);
      this.kick();
      return;
    }
    // The disk text (or its absence) replaces the editor's.
    this.touch(path);
  }

  /** A file's content changed (editor or disk) or it appeared or went: re-analyse what depends on it. */
  private touch(path: string): void {
    if (!this.docs.has(path) && !diskFileExists(path)) {
      this.deleted(path);
      this.kick();
      return;
    }
    this.fileChanged(path);
    const m = this.ensureIndexed(path);
    if (m) this.scheduleAffected(m.dir);
    else {
      // No longer analysable (ignored): out of its module.
      const old = this.modules.get(dirOf(path));
      if (old?.files.delete(path)) {
        old.staleCalls.add(path);
        this.scheduleAffected(old.dir);
      }
    }
    this.scheduleReaders(path);
    this.kick();
  }

  /** `workspace/didChangeWatchedFiles`, mapped to paths. The editor's text wins over the disk for open documents. */
  async filesChanged(changes: { path: string; deleted: boolean }[]): Promise<void> {
    let reloadConfig = false;
    for (const { path, deleted } of changes) {
      if (posix.basename(path) === CONFIG_FILE_NAME) reloadConfig = true;
      else if (this.docs.has(path)) continue;
      else if (deleted) this.deleted(path);
      else if (isTerraformFile(path)) this.touch(path);
      else {
        // Another file some run read (`.terraform/modules/modules.json`): re-analyse those runs.
        this.fileChanged(path);
        this.scheduleReaders(path);
      }
    }
    if (reloadConfig) await this.reload();
    this.kick();
  }

  /** A file or a whole directory was deleted. */
  private deleted(path: string): void {
    for (const m of [...this.modules.values()]) {
      if (isInside(m.dir, path)) {
        this.dropModule(m.dir);
        this.scheduleAffected(m.dir);
        continue;
      }
      if (!m.files.delete(path)) continue;
      if (![...m.files].some(isConfigFile)) this.dropModule(m.dir);
      else m.staleCalls.add(path);
      this.scheduleAffected(m.dir);
    }
    // Also a file some run read without indexing it (a var file, a module outside the folders).
    this.fileChanged(path);
    this.scheduleReaders(path);
  }

  private fileChanged(path: string): void {
    this.gens.set(path, (this.gens.get(path) ?? 0) + 1);
    this.dirty.add(path);
  }

  // -------------------------------------------------------------------------
  // The call graph

  /** Rescans the calls of the configuration files that changed (closed files not cached are parsed and not kept). */
  private refreshCalls(): void {
    for (const m of this.modules.values()) this.refreshModuleCalls(m);
  }

  private refreshModuleCalls(m: ModuleEntry): void {
    if (m.staleCalls.size === 0) return;
    for (const f of m.staleCalls) {
      const text = m.files.has(f) && isConfigFile(f) ? this.host.readFile(f) : undefined;
      if (text === undefined) m.fileCalls.delete(f);
      else {
        // Open documents and files already cached go through the cache; the others are parsed for their calls only.
        const file = this.docs.has(f) || this.cache.textOf(f) !== undefined ? this.cache.get(f, text).file : parseFile(f, text).file;
        m.fileCalls.set(f, localModuleSources(file).map((source) => posix.resolve(m.dir, source)));
      }
    }
    m.staleCalls.clear();
    m.calls = new Set([...m.fileCalls.values()].flat());
  }

  /** Caller directories of each called directory, from the current (possibly stale) scan. */
  private callersMap(): Map<string, Set<string>> {
    const callers = new Map<string, Set<string>>();
    for (const m of this.modules.values()) for (const c of m.calls) if (c !== m.dir) addTo(callers, c, m.dir);
    return callers;
  }

  /** Modules that reach `dir` through local calls (callers, their callers, ...), `dir` excluded. */
  private ancestors(dir: string, callers = this.callersMap()): Set<string> {
    const seen = new Set<string>();
    const stack = [dir];
    while (stack.length > 0) {
      for (const p of callers.get(stack.pop()!) ?? []) {
        if (p === dir || seen.has(p)) continue;
        seen.add(p);
        stack.push(p);
      }
    }
    return seen;
  }

  /** Root modules: not called by any indexed module, plus every module on a cycle no such root reaches. */
  private roots(callers: Map<string, Set<string>>): Set<string> {
    const roots = new Set([...this.modules.keys()].filter((d) => !callers.has(d)));
    const reached = new Set<string>();
    const visit = (start: string): void => {
      const stack = [start];
      while (stack.length > 0) {
        const d = stack.pop()!;
        if (reached.has(d)) continue;
        reached.add(d);
        for (const c of this.modules.get(d)?.calls ?? []) stack.push(c);
      }
    };
    for (const r of roots) visit(r);
    for (const d of this.modules.keys()) {
      if (reached.has(d)) continue;
      roots.add(d);
      visit(d);
    }
    return roots;
  }

  // -------------------------------------------------------------------------
  // Scheduling

  /** Re-analyses the units that may see a change in module `dir`: its own and its callers'. */
  private scheduleAffected(dir: string): void {
    const callers = this.callersMap();
    for (const d of [dir, ...this.ancestors(dir, callers)]) {
      const u = this.units.get(d);
      if (u) this.schedule(u, this.options.debounceMs);
      else if (d === dir && this.modules.has(d) && this.roots(callers).has(d)) this.schedule(this.unit(d), this.options.debounceMs);
    }
  }

  /** Re-analyses the units whose last run read the file. */
  private scheduleReaders(path: string): void {
    for (const d of this.readers.get(path) ?? []) {
      const u = this.units.get(d);
      if (u) this.schedule(u, this.options.debounceMs);
    }
  }

  private scheduleAll(delay: number): void {
    this.reconcile();
    for (const u of this.units.values()) this.schedule(u, delay);
    this.kick();
  }

  private unit(dir: string): Unit {
    let u = this.units.get(dir);
    if (!u) this.units.set(dir, (u = { dir, timer: undefined, queued: false, result: undefined }));
    return u;
  }

  private schedule(u: Unit, delay: number): void {
    if (u.queued || this.disposed) return;
    if (u.timer) clearTimeout(u.timer);
    u.timer = undefined;
    if (delay <= 0) {
      this.enqueue(u);
      return;
    }
    u.timer = setTimeout(() => {
      u.timer = undefined;
      this.enqueue(u);
      this.kick();
    }, delay);
  }

  private enqueue(u: Unit): void {
    u.queued = true;
    // Units with open documents first: the user is looking at them.
    if (this.hasOpenDocIn(u.dir)) this.queue.unshift(u.dir);
    else this.queue.push(u.dir);
  }

  /** Starts draining the queue; publishing happens there too. */
  private kick(): void {
    if (this.draining || this.disposed) return;
    this.draining = true;
    setImmediate(() => this.drainStep());
  }

  private drainStep(): void {
    if (this.disposed) return;
    let more: boolean;
    try {
      more = this.step();
    } catch (e) {
      // A bug here must not stop all future analyses.
      this.events.error(`Internal error while analysing: ${errorText(e)}`);
      more = this.queue.length > 0;
    }
    if (more) {
      setImmediate(() => this.drainStep());
      return;
    }
    this.draining = false;
    if (!this.pending()) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Runs the next queued unit; returns whether there is more to do. */
  private step(): boolean {
    const dir = this.queue.shift();
    if (dir !== undefined) {
      const u = this.units.get(dir);
      if (u) {
        u.queued = false;
        this.run(u);
      }
      this.flush();
      return true;
    }
    // The queue is empty: units may have to appear (orphans) or go (covered by a caller).
    this.reconcile();
    if (this.queue.length > 0) return true;
    this.flush();
    return false;
  }

  private isPending(u: Unit): boolean {
    return u.timer !== undefined || u.queued;
  }

  private pending(): boolean {
    for (const u of this.units.values()) if (this.isPending(u)) return true;
    return false;
  }

  /** Resolves when no analysis is queued or waiting for its debounce, and everything is published. */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.kick();
    });
  }

  /** Creates the units that should exist and drops those that should not (see the header). */
  private reconcile(): void {
    this.refreshCalls();
    for (const dir of [...this.units.keys()]) if (!this.modules.has(dir)) this.dropUnit(dir);
    const callers = this.callersMap();
    const roots = this.roots(callers);
    for (const dir of roots) if (!this.units.has(dir)) this.schedule(this.unit(dir), 0);
    for (const m of this.modules.values()) {
      if (roots.has(m.dir)) continue;
      const u = this.units.get(m.dir);
      // A called module: decide only once every caller unit has a result.
      const callerUnits = [...this.ancestors(m.dir, callers)].map((d) => this.units.get(d)).filter((x): x is Unit => x !== undefined);
      if (callerUnits.some((c) => this.isPending(c) || !c.result)) continue;
      const orphan = !this.readByOtherUnit(m);
      if (orphan && !u) this.schedule(this.unit(m.dir), 0);
      else if (!orphan && u && !this.isPending(u)) this.dropUnit(m.dir);
    }
  }

  /** Whether some other unit's last run read a configuration file of the module. */
  private readByOtherUnit(m: ModuleEntry): boolean {
    for (const f of m.files) {
      if (!isConfigFile(f)) continue;
      for (const d of this.readers.get(f) ?? []) if (d !== m.dir && this.units.get(d)?.result) return true;
    }
    return false;
  }

  private dropUnit(dir: string): void {
    const u = this.units.get(dir);
    if (!u) return;
    if (u.timer) clearTimeout(u.timer);
    this.units.delete(dir);
    const qi = this.queue.indexOf(dir);
    if (qi >= 0) this.queue.splice(qi, 1);
    if (u.result) this.forgetResult(dir, u.result);
  }

  private forgetResult(dir: string, r: UnitResult): void {
    for (const f of r.reads.keys()) {
      removeFrom(this.readers, f, dir);
      if (isTerraformFile(f)) this.dirty.add(f);
    }
    for (const f of r.diagnostics.keys()) {
      removeFrom(this.reporters, f, dir);
      this.dirty.add(f);
    }
  }

  // -------------------------------------------------------------------------
  // Running a unit

  private run(u: Unit): void {
    const snap = new SnapshotHost(this.host, (p) => this.docs.get(p)?.version ?? null);
    let result: AnalysisResult;
    try {
      // Module sources and file() may reach anywhere in the workspace folders (a loose directory: itself).
      const workspaceRoots = [...this.folders.map((f) => f.path), ...(this.folderOf(u.dir) ? [] : [u.dir])];
      result = analyze(snap, [u.dir], { ...this.configFor(u.dir).options, workspaceRoots }, this.cache, (m) => this.events.error(m));
    } catch (e) {
      // One module's failure must not take the others (or the server) down.
      this.events.error(`Analysis of ${u.dir} failed: ${errorText(e)}`);
      result = { findings: [], pictures: [], files: [] };
    }
    const mappers = new Map<string, PositionMapper | undefined>();
    const ctx: ConvertContext = {
      mapper: (p) => {
        if (!mappers.has(p)) {
          const text = snap.readFile(p);
          // A parsed file already has its line index.
          const index = text !== undefined && this.cache.textOf(p) === text ? this.cache.get(p, text).file.lineIndex : undefined;
          mappers.set(p, text === undefined ? undefined : new PositionMapper(text, index));
        }
        return mappers.get(p);
      },
      uri: (p) => this.uriOf(p),
      version: (p) => snap.reads.get(p)?.version ?? null,
      docsUrl: (rule) => ruleById(rule)?.docsUrl,
      relatedInformation: this.options.relatedInformation,
    };
    const diagnostics = new Map<string, Diagnostic[]>();
    for (const f of result.findings) {
      try {
        let list = diagnostics.get(f.file);
        if (!list) diagnostics.set(f.file, (list = []));
        list.push(toDiagnostic(f, ctx));
      } catch (e) {
        this.events.error(`Could not report a ${String(f.rule)} finding in ${String(f.file)}: ${errorText(e)}`);
      }
    }
    // After conversion, which may have read files the analysis did not (evidence elsewhere).
    const reads = new Map<string, ReadStamp>();
    for (const [p, r] of snap.reads) reads.set(p, { gen: this.gens.get(p) ?? 0, version: r.version });
    // The syntax trees of closed files outside the modules being edited are dropped once the unit has run: they are
    // re-parsed (fast) when a later run needs them, and the server stays small on a large workspace.
    const editing = new Set<string>();
    for (const p of this.docs.keys()) editing.add(dirOf(p));
    for (const p of snap.reads.keys()) if (!this.docs.has(p) && !editing.has(dirOf(p))) this.cache.delete(p);

    if (u.result) this.forgetResult(u.dir, u.result);
    u.result = { reads, diagnostics, pictures: result.pictures };
    for (const f of reads.keys()) {
      addTo(this.readers, f, u.dir);
      // Every Terraform file the run read is republished, changed or not.
      if (isTerraformFile(f)) this.dirty.add(f);
    }
    for (const f of diagnostics.keys()) {
      addTo(this.reporters, f, u.dir);
      this.dirty.add(f);
    }
  }

  // -------------------------------------------------------------------------
  // Publishing

  /** Publishes every dirty file that no pending unit may still change. */
  private flush(): void {
    if (this.dirty.size === 0) return;
    const pending = new Set([...this.units.values()].filter((u) => this.isPending(u)).map((u) => u.dir));
    // A pending unit may report in every module it reaches.
    const blocked = new Set<string>();
    const stack = [...pending];
    while (stack.length > 0) {
      const d = stack.pop()!;
      if (blocked.has(d)) continue;
      blocked.add(d);
      for (const c of this.modules.get(d)?.calls ?? []) stack.push(c);
    }
    for (const f of [...this.dirty]) {
      if (blocked.has(dirOf(f))) continue;
      if ([...(this.readers.get(f) ?? []), ...(this.reporters.get(f) ?? [])].some((d) => pending.has(d))) continue;
      this.dirty.delete(f);
      this.publishFile(f);
    }
  }

  private publishFile(path: string): void {
    const gen = this.gens.get(path) ?? 0;
    let analysed = false;
    let version: number | null = null;
    for (const d of this.readers.get(path) ?? []) {
      const stamp = this.units.get(d)?.result?.reads.get(path);
      if (stamp?.gen !== gen) continue;
      analysed = true;
      version = stamp.version;
    }
    const merged: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const d of this.reporters.get(path) ?? []) {
      const r = this.units.get(d)?.result;
      // Only results computed on the current content count; a stale one is waiting for its re-run.
      if (!r || r.reads.get(path)?.gen !== gen) continue;
      for (const diag of r.diagnostics.get(path) ?? []) {
        const key = `${String(diag.code)}|${JSON.stringify(diag.range)}|${messageText(diag)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        merged.push(diag);
      }
    }
    const before = this.published.get(path);
    if (!analysed) {
      // No current analysis reads the file (deleted, ignored, out of the workspace): withdraw what it had.
      if (before) this.events.publish(before.uri, undefined, []);
      this.published.delete(path);
      this.sent.delete(path);
      return;
    }
    merged.sort(compareDiagnostics);
    const uri = this.uriOf(path);
    if (before && before.uri !== uri) this.events.publish(before.uri, undefined, []);
    if (merged.length === 0) this.published.delete(path);
    else this.published.set(path, { uri, diagnostics: merged });
    // The version the diagnostics were computed for; a closed file has none.
    const published = this.docs.has(path) && version !== null ? version : undefined;
    // What the client already has is not sent again (an edit re-analyses the whole module, and most of its files
    // keep their diagnostics).
    const text = JSON.stringify(merged);
    const last = this.sent.get(path);
    if (last && last.uri === uri && last.version === published && last.text === text) return;
    this.sent.set(path, { uri, version: published, text });
    this.events.publish(uri, published, merged);
  }

  // -------------------------------------------------------------------------
  // Queries for the request handlers

  /** The URI to use for a path: the client's own spelling for open documents. */
  uriOf(path: string): string {
    const doc = this.docs.get(path);
    if (doc) return doc.uri;
    let uri = this.uris.get(path);
    if (uri === undefined) this.uris.set(path, (uri = pathToUri(path)));
    return uri;
  }

  document(path: string): OpenDocument | undefined {
    return this.docs.get(path);
  }

  /** A path as the user knows it: relative to its workspace folder (`.` for the folder), else absolute. */
  displayPath(path: string): string {
    const folder = this.folderOf(path);
    return folder ? posix.relative(folder.path, path) || '.' : path;
  }

  /** The diagnostics last published for a file. */
  diagnosticsOf(path: string): Diagnostic[] {
    return this.published.get(path)?.diagnostics ?? [];
  }

  /** The current text of a file (open document or disk), parsed. */
  parsed(path: string): ConfigFile | undefined {
    const text = this.host.readFile(path);
    return text === undefined ? undefined : this.cache.get(path, text).file;
  }

  /** Network pictures from every unit whose last run read the file. */
  picturesFor(path: string): FunctionPicture[] {
    const out: FunctionPicture[] = [];
    for (const d of this.readers.get(path) ?? []) out.push(...(this.units.get(d)?.result?.pictures ?? []));
    return out;
  }

  counts(): CheckCounts {
    const c: CheckCounts = {
      folders: this.folders.length,
      modules: this.modules.size,
      units: this.units.size,
      files: 0,
      filesWithProblems: this.published.size,
      errors: 0,
      warnings: 0,
      infos: 0,
    };
    for (const m of this.modules.values()) c.files += m.files.size;
    for (const { diagnostics } of this.published.values()) {
      for (const d of diagnostics) {
        if (d.severity === 1) c.errors++;
        else if (d.severity === 2) c.warnings++;
        else c.infos++;
      }
    }
    return c;
  }

  dispose(): void {
    this.disposed = true;
    for (const u of this.units.values()) if (u.timer) clearTimeout(u.timer);
    for (const w of this.idleWaiters) w();
    this.idleWaiters = [];
  }
}

/** `source` strings of the file's `module` blocks that name a local directory (./ or ../). */
export function localModuleSources(file: ConfigFile): string[] {
  const out: string[] = [];
  for (const b of blocks(file.body, 'module')) {
    const src = findAttribute(b.body, 'source')?.expr;
    if (src?.kind !== 'Template' || !src.parts.every((p) => p.kind === 'TemplateLiteral')) continue;
    const value = src.parts.map((p) => (p.kind === 'TemplateLiteral' ? p.value : '')).join('');
    if (value.startsWith('./') || value.startsWith('../') || value === '.' || value === '..') out.push(value);
  }
  return out;
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
