// The workspace: root modules and, lazily, everything they call. A ModuleInstance is one
// expanded instance of a module (root, or one key of a `module` block); it is also the
// ModuleScope its expressions are evaluated in. Values are memoised per instance; a value
// that depends on itself is reported as a cycle instead of recursing forever.

import type { FileHost } from '../core/host';
import type { ConfigFile, Expr, HclDiagnostic } from '../hcl/ast';
import { parseExpression } from '../hcl/parser';
import { convert, isPrimitiveOrAny, parseType, typeHintOf, type TypeSpec } from './convert';
import { dataSourceAttr } from './data-sources';
import { evaluate, type Env, type EvalShared, type ModuleScope } from './evaluate';
import {
  ResourceInstanceImpl,
  BlockInstanceImpl,
  SyntheticBlock,
  SyntheticResource,
  expand,
  keySuffix,
  type BodyLayer,
  type Expanded,
  type SyntheticAttr,
} from './instances';
import { headerSpan, layerAttribute, layerFile, loadModuleConfig, loadRootVarSources, type RootVarSource } from './loader';
import {
  DEFAULT_LIMITS,
  type BlockInstance,
  type Expansion,
  type InstanceMeta,
  type Limits,
  type LoadOptions,
  type ModuleCallDecl,
  type ModuleConfig,
  type ModuleInstance,
  type ModuleSourceInfo,
  type ParseCacheLike,
  type ResourceDecl,
  type ResourceInstance,
  type ResourceMode,
  type TfDiagnostic,
  type Workspace,
} from './model';
import { readModulesJson, resolveModuleSource, type ResolvedSource } from './modules';
import { isInsideAny, relativePath, resolvePath } from './paths';
import type { AttrSpec, BlockSpec, ModelContext, ModelResult, RegistryModel } from './registry-models/types';
import {
  isWhollyKnown,
  object,
  refsIn,
  str,
  tuple,
  unknown,
  unknownWith,
  type InstanceKey,
  type SourceLocation,
  type SymbolicRef,
  type UnknownReason,
  type Value,
} from './values';

/** Loads the root modules at `rootDirs` (absolute). Nothing is evaluated until asked for. */
export function loadWorkspace(host: FileHost, rootDirs: string[], options: LoadOptions = {}): Workspace {
  return new WorkspaceImpl(host, rootDirs, options);
}

// ---------------------------------------------------------------------------

const EMPTY_CONFIG = (dir: string): ModuleConfig => ({
  dir,
  files: [],
  parseDiagnostics: [],
  variables: new Map(),
  locals: new Map(),
  outputs: new Map(),
  resources: [],
  moduleCalls: new Map(),
  providers: [],
});

class WorkspaceImpl implements Workspace {
  readonly roots: ModuleInstanceImpl[];
  /**
   * Resource lists being made and resource declarations being expanded (ModuleInstanceImpl.resources and
   * declInstances): a list made meanwhile may miss a half-expanded declaration, so it is not kept.
   */
  listing = 0;
  readonly limits: Readonly<Limits>;
  readonly shared: EvalShared;
  readonly workspaceRoots: readonly string[];
  private readonly configs = new Map<string, { config: ModuleConfig; diagnostics: TfDiagnostic[] }>();
  private readonly readPaths = new Set<string>();
  /** Error diagnostics of every parsed file, by path. */
  private readonly syntaxErrors = new Map<string, { errors: HclDiagnostic[]; file: ConfigFile }>();
  private readonly diags: TfDiagnostic[] = [];
  private moduleList: ModuleInstance[] | undefined;
  /** The root module directories, absolute. */
  private readonly rootDirs: string[];
  /** Real paths of the workspace roots and root modules (see `insideWorkspace`), computed on first use. */
  private realRoots: string[] | undefined;
  /** Resource instances found by `instance()`, by root directory (as given) and address. */
  private readonly instanceMemo = new Map<string | undefined, Map<string, ResourceInstance>>();

  constructor(
    readonly host: FileHost,
    rootDirs: string[],
    readonly options: LoadOptions,
  ) {
    this.limits = Object.freeze({ ...DEFAULT_LIMITS, ...(options.limits ?? {}) });
    this.rootDirs = rootDirs.map((r) => resolvePath('/', r));
    this.workspaceRoots = (options.workspaceRoots ?? rootDirs).map((r) => resolvePath('/', r));
    const ws = this;
    this.shared = {
      limits: this.limits,
      steps: 0,
      depth: 0,
      regexBudget: { remaining: this.limits.maxRegexWork },
      readFile: (cwd, path, at) => ws.readUserFile(cwd, path, at),
      listFiles: (cwd, path, at) => ws.listUserFiles(cwd, path, at),
      fileExists: (cwd, path) => {
        const abs = resolvePath(cwd, path);
        if (!ws.insideWorkspace(abs)) return undefined;
        return ws.host.readFile(abs) !== undefined;
      },
      syntaxError: (file, span) => {
        const entry = ws.syntaxErrors.get(file);
        if (!entry) return undefined;
        // An error inside the expression, later on the line where it ends, or at the next
        // token after it: where the parser gave up, so the tree it kept may be only part of
        // what was written.
        const { text, lineIndex } = entry.file;
        const endLine = lineIndex.position(span.end).line;
        const lineEnd = endLine + 1 < lineIndex.lineCount ? lineIndex.lineStart(endLine + 1) : text.length + 1;
        let next = span.end;
        while (next < text.length && /\s/.test(text[next])) next++;
        const hit = entry.errors.find((d) => d.span.start >= span.start && (d.span.start < Math.max(span.end, lineEnd) || d.span.start === next));
        return hit ? hit.summary : undefined;
      },
    };
    this.roots = rootDirs.map((d) => {
      const dir = resolvePath('/', d);
      // config() records the module's diagnostics itself.
      const { config } = this.config(dir);
      const vars = loadRootVarSources(host, dir, options.varFiles ?? [], options.variables ?? {}, options.cache);
      for (const p of vars.paths) this.readPaths.add(p);
      for (const p of vars.parsed) this.noteSyntaxErrors(p.file, p.diagnostics);
      this.diags.push(...vars.diagnostics);
      return new ModuleInstanceImpl(this, {
        parent: undefined,
        call: undefined,
        key: undefined,
        expansion: 'single',
        meta: {},
        dir,
        config,
        source: { kind: 'root', source: '' },
        rootVars: vars.values,
        keyPath: [],
        modulesJson: readModulesJson(host, dir),
      });
    });
  }

  get cache(): ParseCacheLike | undefined {
    return this.options.cache;
  }

  /** Parsed configuration of a directory, shared by all instances of it. */
  config(dir: string): { config: ModuleConfig; diagnostics: TfDiagnostic[] } {
    let c = this.configs.get(dir);
    if (!c) {
      const loaded = loadModuleConfig(this.host, dir, this.cache);
      for (const p of loaded.paths) this.readPaths.add(p);
      for (const f of loaded.config.files) {
        this.noteSyntaxErrors(f, loaded.config.parseDiagnostics.find((p) => p.file === f.path)?.diagnostics ?? []);
      }
      c = { config: loaded.config, diagnostics: loaded.diagnostics };
      this.configs.set(dir, c);
      this.diags.push(...loaded.diagnostics);
    }
    return c;
  }

  private noteSyntaxErrors(file: ConfigFile, diagnostics: HclDiagnostic[]): void {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) this.syntaxErrors.set(file.path, { errors, file });
  }

  /**
   * Whether a path may be read or followed: inside the workspace roots by its path, and by its real path inside
   * the real workspace roots or a real root module directory (a root module checked through a link to it
   * lives where the link points). A symbolic link inside the workspace cannot lead out of it.
   */
  insideWorkspace(abs: string): boolean {
    if (!isInsideAny(abs, this.workspaceRoots)) return false;
    if (!this.host.realPath) return true;
    this.realRoots ??= [...this.workspaceRoots, ...this.rootDirs].map((r) => this.realDir(r));
    return isInsideAny(this.realDir(abs), this.realRoots);
  }

  /** The directory with symbolic links resolved (itself when the host cannot tell). */
  realDir(dir: string): string {
    return this.host.realPath?.(dir) ?? dir;
  }

  private readUserFile(cwd: string, path: string, at: SourceLocation): { path: string; text: string } | Value {
    const abs = resolvePath(cwd, path);
    if (!this.insideWorkspace(abs)) {
      return unknown('file-unavailable', `file ${path} is outside the workspace and is not read`, at, { type: 'string' });
    }
    const text = this.host.readFile(abs);
    if (text === undefined) return unknown('file-unavailable', `file ${path} does not exist (it may be generated at build time)`, at, { type: 'string' });
    if (text.length > this.limits.maxStringLength) return unknown('limit', `file ${path} is larger than ${this.limits.maxStringLength} characters`, at, { type: 'string' });
    return { path: abs, text };
  }

  /** fileset(): the regular files below a directory inside the workspace (symbolic links to directories are not followed). */
  private listUserFiles(cwd: string, path: string, at: SourceLocation): { files: string[] } | Value {
    const base = resolvePath(cwd, path);
    if (!this.insideWorkspace(base)) return unknown('file-unavailable', `directory ${path} is outside the workspace and is not read`, at, { type: 'set' });
    if (this.host.readDir(base) === undefined) {
      return unknown('file-unavailable', `directory ${path} does not exist (it may be generated at build time)`, at, { type: 'set' });
    }
    const files: string[] = [];
    const max = this.limits.maxInstances;
    const walk = (dir: string, rel: string, depth: number): boolean => {
      if (depth > 64) return false;
      for (const e of this.host.readDir(dir) ?? []) {
        const r = rel === '' ? e.name : `${rel}/${e.name}`;
        if (e.kind === 'file') {
          if (files.length >= max) return false;
          files.push(r);
        } else if (e.kind === 'dir' && !walk(dir === '/' ? `/${e.name}` : `${dir}/${e.name}`, r, depth + 1)) {
          return false;
        }
      }
      return true;
    };
    if (!walk(base, '', 0)) return unknown('limit', `directory ${path} holds more than ${max} files (or is nested too deeply)`, at, { type: 'set' });
    return { files: files.sort() };
  }

  addDiagnostic(d: TfDiagnostic): void {
    this.diags.push(d);
  }

  modules(): ModuleInstance[] {
    // Module instances never change once expanded, so the list is computed once.
    if (this.moduleList) return this.moduleList;
    const out: ModuleInstance[] = [];
    const stack: ModuleInstance[] = [...this.roots].reverse();
    while (stack.length > 0) {
      const m = stack.pop()!;
      out.push(m);
      stack.push(...[...m.children()].reverse());
    }
    this.moduleList = out;
    return out;
  }

  resources(filter?: { type?: string; mode?: ResourceMode }): ResourceInstance[] {
    return this.modules().flatMap((m) => m.resources(filter));
  }

  resolveRef(v: Value | SymbolicRef): ResourceInstance[] {
    const refs = 'kind' in v ? refsIn(v) : [v];
    const out: ResourceInstance[] = [];
    const seen = new Set<ResourceInstance>();
    for (const r of refs) {
      const inst = this.instance(r.address, r.root);
      if (inst && !seen.has(inst)) {
        seen.add(inst);
        out.push(inst);
      }
    }
    return out;
  }

  private rootFor(rootDir: string | undefined): ModuleInstanceImpl | undefined {
    if (rootDir === undefined) return this.roots[0];
    const dir = resolvePath('/', rootDir);
    return this.roots.find((r) => r.dir === dir);
  }

  moduleAt(address: string, rootDir?: string): ModuleInstance | undefined {
    const parsed = parseModulePath(address);
    if (!parsed || parsed.rest !== '') return undefined;
    return this.walk(this.rootFor(rootDir), parsed.steps);
  }

  instance(address: string, rootDir?: string): ResourceInstance | undefined {
    // The network layer resolves the same references again and again (every role against every
    // policy, every subnet against every association): remember what was found.
    // Two levels rather than one joined key: looking up never builds a string.
    let byAddress = this.instanceMemo.get(rootDir);
    const hit = byAddress?.get(address);
    if (hit) return hit;
    const parsed = parseModulePath(address);
    if (!parsed || parsed.rest === '') return undefined;
    const mod = this.walk(this.rootFor(rootDir), parsed.steps);
    const inst = mod ? (mod as ModuleInstanceImpl).instanceAt(parsed.rest, address) : undefined;
    // Only hits are kept: a lookup made while an expansion is still being evaluated may miss.
    if (inst) {
      if (!byAddress) this.instanceMemo.set(rootDir, (byAddress = new Map()));
      byAddress.set(address, inst);
    }
    return inst;
  }

  private walk(start: ModuleInstance | undefined, steps: { name: string; key: string }[]): ModuleInstance | undefined {
    let mod = start;
    for (const s of steps) {
      if (!mod) return undefined;
      mod = mod.children().find((c) => c.call?.name === s.name && keySuffix(c.key, c.expansion) === s.key);
    }
    return mod;
  }

  files(): string[] {
    return [...this.readPaths];
  }

  diagnostics(): TfDiagnostic[] {
    const out = [...this.diags];
    for (const m of this.modules()) out.push(...(m as ModuleInstanceImpl).ownDiagnostics);
    return out;
  }
}

/** Splits `module.a["x"].module.b.aws_subnet.c[0]` into module steps and the rest. */
function parseModulePath(address: string): { steps: { name: string; key: string }[]; rest: string } | undefined {
  const steps: { name: string; key: string }[] = [];
  let rest = address;
  const re = /^module\.([A-Za-z_][A-Za-z0-9_-]*)(\[(?:\d+|\*|"(?:[^"\\]|\\.)*")\])?(\.|$)/;
  for (;;) {
    const m = re.exec(rest);
    if (!m) break;
    steps.push({ name: m[1], key: m[2] ?? '' });
    rest = rest.slice(m[0].length);
    if (m[3] === '') break;
  }
  return { steps, rest };
}

// ---------------------------------------------------------------------------

interface ModuleInit {
  parent: ModuleInstanceImpl | undefined;
  call: ModuleCallDecl | undefined;
  key: InstanceKey | undefined;
  expansion: Expansion;
  meta: InstanceMeta;
  dir: string;
  config: ModuleConfig;
  source: ModuleSourceInfo;
  /** Root modules: values from tfvars / -var. */
  rootVars?: Map<string, RootVarSource>;
  /** Child modules: the environment the call's arguments are evaluated in (in the call's file). */
  callEnv?: Env;
  /** Child modules of kind 'model'. */
  model?: RegistryModel;
  keyPath: string[];
  modulesJson: Map<string, string> | undefined;
}

/** A memo table whose entries detect re-entry (cycles). */
class Memo {
  private readonly values = new Map<string, Value>();
  private readonly pending = new Set<string>();

  get(key: string, compute: () => Value, cycle: () => Value): Value {
    const hit = this.values.get(key);
    if (hit) return hit;
    if (this.pending.has(key)) return cycle();
    this.pending.add(key);
    try {
      const v = compute();
      this.values.set(key, v);
      return v;
    } finally {
      this.pending.delete(key);
    }
  }
}

class ModuleInstanceImpl implements ModuleInstance, ModuleScope {
  readonly address: string;
  readonly key: InstanceKey | undefined;
  readonly expansion: Expansion;
  readonly meta: InstanceMeta;
  readonly dir: string;
  readonly config: ModuleConfig;
  readonly parent: ModuleInstanceImpl | undefined;
  readonly root: ModuleInstanceImpl;
  readonly call: ModuleCallDecl | undefined;
  readonly source: ModuleSourceInfo;
  readonly depth: number;
  readonly ownDiagnostics: TfDiagnostic[] = [];

  private readonly rootVars: Map<string, RootVarSource> | undefined;
  private readonly callEnv: Env | undefined;
  private readonly model: RegistryModel | undefined;
  private readonly keyPath: string[];
  private readonly modulesJson: Map<string, string> | undefined;

  private readonly varMemo = new Memo();
  private readonly localMemo = new Memo();
  private readonly outputMemo = new Memo();
  private readonly inputMemo = new Map<string, Value | undefined>();
  /** Environments of the call's arguments in the files of its override blocks (see `callEnvIn`). */
  private readonly overrideCallEnvs = new Map<string, Env>();
  private readonly envs = new Map<string, Env>();
  private readonly resourceIndex = new Map<string, ResourceDecl>();
  private readonly resourceInstances = new Map<ResourceDecl, { expanded: Expanded; instances: ResourceInstance[] }>();
  private readonly callInstanceCache = new Map<string, { expanded: Expanded; instances: ModuleInstanceImpl[] }>();
  private readonly providerCache = new Map<string, BlockInstance[]>();
  private readonly resourceLists = new Map<string, ResourceInstance[]>();
  private modelState: { result: ModelResult; resources: ResourceInstance[] } | undefined;
  private modelBuilding = false;

  constructor(
    readonly workspace: WorkspaceImpl,
    init: ModuleInit,
  ) {
    this.parent = init.parent;
    this.root = init.parent ? init.parent.root : this;
    this.call = init.call;
    this.key = init.key;
    this.expansion = init.expansion;
    this.meta = init.meta;
    this.dir = init.dir;
    this.config = init.config;
    this.source = init.source;
    this.depth = init.parent ? init.parent.depth + 1 : 0;
    this.rootVars = init.rootVars;
    this.callEnv = init.callEnv;
    this.model = init.model;
    this.keyPath = init.keyPath;
    this.modulesJson = init.modulesJson;
    const prefix = init.parent && init.parent.address !== '' ? init.parent.address + '.' : '';
    this.address = init.call ? `${prefix}module.${init.call.name}${keySuffix(init.key, init.expansion)}` : '';
    for (const r of this.config.resources) this.resourceIndex.set(`${r.mode}.${r.type}.${r.name}`, r);
  }

  /** The evaluation environment for expressions of one of this module's files. */
  env(file: string): Env {
    let e = this.envs.get(file);
    if (!e) {
      e = { shared: this.workspace.shared, scope: this, file, cwd: this.root.dir };
      this.envs.set(file, e);
    }
    return e;
  }

  private diag(severity: TfDiagnostic['severity'], code: string, message: string, at: SourceLocation): void {
    this.ownDiagnostics.push({ severity, code, message, file: at.file, span: at.span });
  }

  diagnostics(): TfDiagnostic[] {
    return [...this.ownDiagnostics];
  }

  evaluate(expr: Expr, file: string): Value {
    return evaluate(expr, this.env(file));
  }

  // -------------------------------------------------------------------------
  // ModuleScope

  variable(name: string, at?: SourceLocation): Value {
    const decl = this.config.variables.get(name);
    if (!decl) {
      // A modelled or unavailable module has no declarations to read: its inputs are the call's arguments as written.
      if (this.model || this.source.kind === 'unavailable') return this.undeclaredInput(name);
      return unknown('invalid', `var.${name} is not declared in ${this.describe()}`, at);
    }
    const declAt: SourceLocation = { file: decl.file, span: headerSpan(decl.block) };
    return this.varMemo.get(
      name,
      () => {
        const type: TypeSpec = decl.type ? parseType(decl.type.expr) : { kind: 'any' };
        const typeFile = decl.type ? layerFile(decl, decl.type) : decl.file;
        let v: Value | undefined = this.rootVars ? this.rootValue(name, type) : this.input(name);
        if (v === undefined || (v.kind === 'null' && !decl.nullable)) {
          v = decl.default ? evaluate(decl.default.expr, this.env(layerFile(decl, decl.default))) : undefined;
        }
        if (v === undefined) {
          const msg = this.rootVars
            ? `var.${name} has no default and no value was given (tfvars or -var)`
            : `var.${name} is required but module.${this.call?.name ?? '?'} does not set it`;
          return unknown(this.rootVars ? 'unset-variable' : 'invalid', msg, declAt, { type: typeHintOf(type) });
        }
        return convert(v, type, (e) => evaluate(e, this.env(typeFile)), declAt);
      },
      () => unknown('cycle', `var.${name} depends on itself`, declAt),
    );
  }

  /**
   * `var.<name>` of a module without declarations (a registry model, an unavailable module): the call's argument
   * (evaluated with the call's count.index / each; null stays null, as for a nullable variable), else unknown,
   * since the module's default is not known here.
   */
  private undeclaredInput(name: string): Value {
    const v = this.input(name);
    if (v !== undefined) return v;
    if (this.source.kind === 'unavailable') return unknownWith([this.source.reason!], {});
    return unknown('unsupported', `module.${this.call?.name ?? '?'} does not set ${name}, and the built-in model of ${this.model!.id} does not know the module's default`, this.inputLocation(name));
  }

  /** A root variable's value from tfvars / -var, or undefined. */
  private rootValue(name: string, type: TypeSpec): Value | undefined {
    const src = this.rootVars?.get(name);
    if (!src) return undefined;
    if (src.kind === 'expr') {
      // Variable files hold constants: no references, but functions are fine.
      return evaluate(src.expr, { shared: this.workspace.shared, scope: undefined, file: src.file, cwd: this.dir });
    }
    if (isPrimitiveOrAny(type)) return str(src.raw);
    const parsed = parseExpression(src.raw);
    if (parsed.diagnostics.some((d) => d.severity === 'error')) {
      return unknown('invalid', `-var ${name}: the value is not a valid expression`);
    }
    return stripOrigins(evaluate(parsed.expr, { shared: this.workspace.shared, scope: undefined, file: '(-var)', cwd: this.dir }));
  }

  /**
   * A module-call argument (evaluated in the caller), or undefined when it is not set. With override files, the
   * argument of the last layer of the call that sets it, evaluated in that layer's file.
   */
  input(name: string): Value | undefined {
    if (!this.call || !this.callEnv) return undefined;
    if (this.inputMemo.has(name)) return this.inputMemo.get(name);
    const a = CALL_META_ARGS.has(name) ? undefined : layerAttribute(this.call, name);
    // Guard re-entry (an argument that refers to the module's own output).
    this.inputMemo.set(name, unknown('cycle', `module.${this.call.name} argument ${name} depends on the module itself`));
    const v = a ? evaluate(a.attr.expr, this.callEnvIn(a.file)) : undefined;
    this.inputMemo.set(name, v);
    return v;
  }

  /** The environment of the call's arguments written in `file` (the call's own file, or one of its override files). */
  private callEnvIn(file: string): Env {
    const base = this.callEnv!;
    if (file === base.file || !this.parent) return base;
    let e = this.overrideCallEnvs.get(file);
    if (!e) {
      const outer = this.parent.env(file);
      e = { ...outer, vars: base.vars, parent: outer };
      this.overrideCallEnvs.set(file, e);
    }
    return e;
  }

  /** Location of a call argument's expression (the call header when it is not set). */
  inputLocation(name?: string): SourceLocation {
    const call = this.call!;
    const a = name === undefined ? undefined : layerAttribute(call, name);
    return a ? { file: a.file, span: a.attr.expr.span } : { file: call.file, span: headerSpan(call.block) };
  }

  local(name: string, at?: SourceLocation): Value {
    const decl = this.config.locals.get(name);
    if (!decl) return unknown('invalid', `local.${name} is not declared in ${this.describe()}`, at);
    const declAt: SourceLocation = { file: decl.file, span: decl.attr.name.span };
    return this.localMemo.get(
      name,
      () => evaluate(decl.attr.expr, this.env(decl.file)),
      () => unknown('cycle', `local.${name} depends on itself`, declAt),
    );
  }

  output(name: string): Value {
    return this.outputMemo.get(
      name,
      () => this.computeOutput(name),
      () => unknown('cycle', `output ${name} of ${this.describe()} depends on itself`, this.call ? this.inputLocation() : undefined),
    );
  }

  private computeOutput(name: string): Value {
    if (this.source.kind === 'unavailable') {
      return unknownWith([this.source.reason!], {});
    }
    if (this.model) {
      const r = this.buildModel();
      const v = r.result.outputs.get(name);
      if (v) return v;
      return unknown('unsupported', `the built-in model of ${this.model.id} does not provide output ${name}`, this.inputLocation());
    }
    const decl = this.config.outputs.get(name);
    if (!decl) return unknown('invalid', `${this.describe()} has no output "${name}"`, this.call ? this.inputLocation() : undefined);
    if (!decl.value) return unknown('invalid', `output "${name}" has no value`, { file: decl.file, span: headerSpan(decl.block) });
    return evaluate(decl.value.expr, this.env(layerFile(decl, decl.value)));
  }

  outputNames(): string[] {
    if (this.model) return [...this.model.outputs];
    return [...this.config.outputs.keys()];
  }

  moduleCall(name: string, at: SourceLocation): Value {
    const call = this.config.moduleCalls.get(name);
    if (!call) return unknown('invalid', `module.${name} is not declared in ${this.describe()}`, at);
    const { expanded, instances } = this.callInstances(call);
    return collectionValue(
      expanded,
      instances.map((i) => ({ kind: 'module', instance: i }) as Value),
      instances.map((i) => i.key),
      undefined,
    );
  }

  resource(mode: 'managed' | 'data', type: string, name: string): Value | undefined {
    const decl = this.resourceIndex.get(`${mode}.${type}.${name}`);
    if (!decl) return undefined;
    const { expanded, instances } = this.declInstances(decl);
    const prefix = this.address === '' ? '' : this.address + '.';
    const representative: SymbolicRef = { root: this.root.dir, address: `${prefix}${mode === 'data' ? 'data.' : ''}${type}.${name}[*]`, path: [] };
    return collectionValue(
      expanded,
      instances.map((i) => ({ kind: 'resource', instance: i }) as Value),
      instances.map((i) => i.key),
      representative,
    );
  }

  path(which: 'module' | 'root' | 'cwd'): Value {
    if (which === 'cwd') return str(this.root.dir);
    if (which === 'root') return str('.');
    return str(relativePath(this.root.dir, this.dir));
  }

  // -------------------------------------------------------------------------
  // Instances

  private declInstances(decl: ResourceDecl): { expanded: Expanded; instances: ResourceInstance[] } {
    let hit = this.resourceInstances.get(decl);
    if (hit) return hit;
    const env = this.env(decl.file);
    // While count / for_each are evaluated, no resource list is kept (see `listing`).
    this.workspace.listing++;
    let expanded: Expanded;
    try {
      expanded = this.expandDecl(decl);
    } finally {
      this.workspace.listing--;
    }
    if (expanded.problem) this.diag('warning', expanded.problem.code, expanded.problem.message, expanded.problem.at ?? { file: decl.file, span: headerSpan(decl.block) });
    const json = decl.file.endsWith('.json');
    const instances = expanded.keys.map((k) => {
      const vars = new Map(k.vars);
      // Override blocks are evaluated in the same instance scope (count, each, self), in their own files.
      const overrides: BodyLayer[] | undefined = decl.layers?.slice(1).map((l) => {
        const outer = this.env(l.file);
        return { block: l.block, file: l.file, env: { ...outer, vars, parent: outer }, json: l.file.endsWith('.json') };
      });
      const inst = new ResourceInstanceImpl(this, decl, k.key, expanded.expansion, k.meta, { ...env, vars, parent: env }, json, decl.mode === 'data' ? dataSourceAttr : undefined, overrides);
      vars.set('self', { kind: 'resource', instance: inst });
      return inst;
    });
    hit = { expanded, instances };
    this.resourceInstances.set(decl, hit);
    return hit;
  }

  /** count / for_each of a resource or module call, each evaluated in the file of the layer that sets it. */
  private expandDecl(decl: ResourceDecl | ModuleCallDecl): Expanded {
    const countEnv = this.env(decl.count ? layerFile(decl, decl.count) : decl.file);
    const forEachEnv = this.env(decl.forEach ? layerFile(decl, decl.forEach) : decl.file);
    return expand(decl.count, decl.forEach, countEnv, this.workspace.limits, forEachEnv);
  }

  resources(filter?: { type?: string; mode?: ResourceMode }): ResourceInstance[] {
    // Instances never change once expanded: each filter's list is made once (callers do not modify it).
    const key = `${filter?.type ?? ''}\0${filter?.mode ?? ''}`;
    const hit = this.resourceLists.get(key);
    if (hit) return hit;
    const out: ResourceInstance[] = [];
    const outermost = this.workspace.listing === 0;
    this.workspace.listing++;
    try {
      for (const decl of this.config.resources) {
        if (filter?.type !== undefined && decl.type !== filter.type) continue;
        if (filter?.mode !== undefined && decl.mode !== filter.mode) continue;
        out.push(...this.declInstances(decl).instances);
      }
      if (this.model) {
        for (const r of this.buildModel().resources) {
          if (filter?.type !== undefined && r.type !== filter.type) continue;
          if (filter?.mode !== undefined && r.mode !== filter.mode) continue;
          out.push(r);
        }
      }
    } finally {
      this.workspace.listing--;
    }
    // Kept only when made outside any other list's making: expanding a declaration may ask for a list while a
    // declaration is half expanded (a cycle), and that list must not be kept.
    if (outermost) this.resourceLists.set(key, out);
    return out;
  }

  /** The instance with this full address, given its part after the module prefix (`aws_x.y[0]`). */
  instanceAt(local: string, address: string): ResourceInstance | undefined {
    const m = /^(data\.)?([^.[]+)\.([^.[]+)/.exec(local);
    if (!m) return undefined;
    const mode: ResourceMode = m[1] ? 'data' : 'managed';
    const decl = this.resourceIndex.get(`${mode}.${m[2]}.${m[3]}`);
    const hit = decl ? this.declInstances(decl).instances.find((r) => r.address === address) : undefined;
    if (hit || !this.model) return hit;
    return this.buildModel().resources.find((r) => r.address === address);
  }

  children(): ModuleInstance[] {
    const out: ModuleInstance[] = [];
    for (const call of this.config.moduleCalls.values()) out.push(...this.callInstances(call).instances);
    return out;
  }

  private callInstances(call: ModuleCallDecl): { expanded: Expanded; instances: ModuleInstanceImpl[] } {
    let hit = this.callInstanceCache.get(call.name);
    if (hit) return hit;
    const env = this.env(call.file);
    const callAt: SourceLocation = { file: call.file, span: headerSpan(call.block) };
    const expanded = this.expandDecl(call);
    if (expanded.problem) this.diag('warning', expanded.problem.code, expanded.problem.message, expanded.problem.at ?? callAt);
    const keyPath = [...this.keyPath, call.name];
    const resolved = this.resolveSource(call, keyPath, callAt);
    const instances = expanded.keys.map((k) => {
      const callEnv: Env = { ...env, vars: k.vars, parent: env };
      const base = { parent: this, call, key: k.key, expansion: expanded.expansion, meta: k.meta, callEnv, keyPath, modulesJson: this.root.modulesJson };
      switch (resolved.kind) {
        case 'local':
        case 'installed': {
          const { config } = this.workspace.config(resolved.dir);
          return new ModuleInstanceImpl(this.workspace, { ...base, dir: resolved.dir, config, source: { kind: resolved.kind, source: call.source } });
        }
        case 'model':
          return new ModuleInstanceImpl(this.workspace, {
            ...base,
            dir: this.dir,
            config: EMPTY_CONFIG(this.dir),
            source: { kind: 'model', source: call.source, model: resolved.model.id },
            model: resolved.model,
          });
        case 'unavailable':
          return new ModuleInstanceImpl(this.workspace, {
            ...base,
            dir: this.dir,
            config: EMPTY_CONFIG(this.dir),
            source: { kind: 'unavailable', source: call.source, reason: resolved.reason },
          });
      }
    });
    hit = { expanded, instances };
    this.callInstanceCache.set(call.name, hit);
    return hit;
  }

  /** Source resolution plus the recursion guards (depth limit, a directory calling itself). */
  private resolveSource(call: ModuleCallDecl, keyPath: string[], at: SourceLocation): ResolvedSource {
    if (this.depth + 1 > this.workspace.limits.maxModuleDepth) {
      const reason: UnknownReason = { code: 'limit', message: `module nesting deeper than ${this.workspace.limits.maxModuleDepth} (module.${call.name} not followed)`, at };
      this.diag('warning', 'limit', reason.message, at);
      return { kind: 'unavailable', reason };
    }
    const r = resolveModuleSource(call, {
      host: this.workspace.host,
      callerDir: this.dir,
      keyPath,
      modulesJson: this.root.modulesJson,
      isInside: (dir) => this.workspace.insideWorkspace(dir),
      at,
    });
    if (r.kind === 'local' || r.kind === 'installed') {
      // By real path: through a symbolic link (modules/m/loop -> ..) a directory can call itself under ever longer names.
      const target = this.workspace.realDir(r.dir);
      for (let m: ModuleInstanceImpl | undefined = this; m; m = m.parent) {
        if (this.workspace.realDir(m.dir) === target && m.source.kind !== 'model' && m.source.kind !== 'unavailable') {
          const reason: UnknownReason = { code: 'cycle', message: `module.${call.name} calls ${r.dir}, which is already being evaluated (module recursion)`, at };
          this.diag('error', 'cycle', reason.message, at);
          return { kind: 'unavailable', reason };
        }
      }
    } else if (r.kind === 'unavailable') {
      this.diag('info', 'module-unavailable', r.reason.message, at);
    }
    return r;
  }

  providerBlocks(name: string): BlockInstance[] {
    // Made once per provider name: each block evaluates (and caches) its arguments, the region above all.
    let blocks = this.providerCache.get(name);
    if (!blocks) {
      blocks = this.config.providers
        .filter((p) => p.name === name)
        .map((p) => {
          const overrides = p.layers?.slice(1).map((l) => ({ block: l.block, file: l.file, env: this.env(l.file), json: l.file.endsWith('.json') }));
          return new BlockInstanceImpl('provider', p.block, p.file, this.env(p.file), p.file.endsWith('.json'), undefined, undefined, overrides);
        });
      this.providerCache.set(name, blocks);
    }
    return blocks;
  }

  private describe(): string {
    return this.address === '' ? `the root module ${this.dir}` : this.address;
  }

  // -------------------------------------------------------------------------
  // Registry models

  private buildModel(): { result: ModelResult; resources: ResourceInstance[] } {
    if (this.modelState) return this.modelState;
    if (this.modelBuilding) {
      // A model's inputs refer back to its own outputs: answer with nothing rather than recurse.
      return { result: { outputs: new Map() }, resources: [] };
    }
    this.modelBuilding = true;
    const resources: ResourceInstance[] = [];
    const callAt = this.inputLocation();
    const origin = { model: this.model!.id, call: callAt };
    const toAttrs = (attrs: Record<string, AttrSpec>): Map<string, SyntheticAttr> => {
      const m = new Map<string, SyntheticAttr>();
      for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined) continue;
        m.set(k, 'kind' in v ? { value: v } : v);
      }
      return m;
    };
    const toBlocks = (blocks: Record<string, BlockSpec[]> | undefined): Map<string, SyntheticBlock[]> => {
      const m = new Map<string, SyntheticBlock[]>();
      for (const [type, specs] of Object.entries(blocks ?? {})) {
        m.set(
          type,
          specs.map((s) => new SyntheticBlock(type, callAt.file, callAt, toAttrs(s.attrs), toBlocks(s.blocks))),
        );
      }
      return m;
    };
    const add = (mode: ResourceMode) => (type: string, name: string, key: InstanceKey | undefined, attrs: Record<string, AttrSpec>, blocks?: Record<string, BlockSpec[]>) => {
      const r = new SyntheticResource(this, mode, type, name, key, origin, toAttrs(attrs), toBlocks(blocks));
      resources.push(r);
      return r;
    };
    const ctx: ModelContext = {
      source: this.source.source,
      version: this.call?.version,
      input: (name) => this.input(name),
      arg: (name, dflt) => {
        const v = this.input(name);
        return v === undefined || v.kind === 'null' ? dflt : v;
      },
      at: (name) => this.inputLocation(name),
      from: (name, dflt) => {
        const v = this.input(name);
        return { value: v === undefined || v.kind === 'null' ? dflt : v, at: this.inputLocation(name) };
      },
      resource: add('managed'),
      data: add('data'),
    };
    try {
      this.modelState = { result: this.model!.build(ctx), resources };
    } finally {
      this.modelBuilding = false;
    }
    return this.modelState;
  }
}

/** Arguments of a module block that are not inputs. */
const CALL_META_ARGS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/**
 * The value of `aws_x.y` / `module.m`: one object, a tuple (count), an object (for_each), or
 * for an unknown expansion an unknown that stands for the representative instance.
 */
function collectionValue(expanded: Expanded, values: Value[], keys: (InstanceKey | undefined)[], representative: SymbolicRef | undefined): Value {
  switch (expanded.expansion) {
    case 'single':
      return values[0];
    case 'count':
      return tuple(values);
    case 'for_each':
      return object(values.map((v, i) => [String(keys[i]), v] as [string, Value]));
    case 'unknown': {
      const reason = expanded.keys[0].meta.reason!;
      return unknownWith([reason], { type: 'dynamic', ...(representative ? { ref: representative } : {}) });
    }
  }
}

/** A copy of a value without evidence locations (values typed on a command line have no file). */
function stripOrigins(v: Value): Value {
  if (isWhollyKnown(v) && !v.origins) return v;
  switch (v.kind) {
    case 'list':
    case 'tuple':
    case 'set':
      return { kind: v.kind, items: v.items.map(stripOrigins), ...(v.uncertain ? { uncertain: true } : {}) };
    case 'map':
    case 'object':
      return { kind: v.kind, entries: new Map([...v.entries].map(([k, e]) => [k, stripOrigins(e)])) };
    default: {
      const { origins: _drop, ...rest } = v;
      return rest as Value;
    }
  }
}
