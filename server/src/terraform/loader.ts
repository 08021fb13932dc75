// Files → module configuration: which files make up a module directory (with OpenTofu's
// `.tofu` shadowing), the declarations in them, and the variable values of a root module
// (terraform.tfvars, *.auto.tfvars, -var-file, -var) in Terraform's precedence order.

import type { FileHost } from '../core/host';
import { parseFile } from '../hcl';
import { blocks, findAttribute, type Attribute, type Block, type ConfigFile, type Expr, type HclDiagnostic } from '../hcl/ast';
import type {
  DeclLayer,
  LocalDecl,
  ModuleCallDecl,
  ModuleConfig,
  OutputDecl,
  ParseCacheLike,
  ProviderDecl,
  ResourceDecl,
  TfDiagnostic,
  VariableDecl,
} from './model';
import { joinPath } from './paths';

/** Suffixes of configuration files, and which suffix shadows which (OpenTofu). */
const CONFIG_SUFFIXES = ['.tofu.json', '.tf.json', '.tofu', '.tf'];
const SHADOWED_BY: Record<string, string> = { '.tf': '.tofu', '.tf.json': '.tofu.json' };

function configSuffix(name: string): string | undefined {
  return CONFIG_SUFFIXES.find((s) => name.endsWith(s) && name.length > s.length);
}

/**
 * Terraform's override files (`override.tf`, `*_override.tf`, and the `.tf.json`, `.tofu`, `.tofu.json` forms) are
 * merged into the declarations of the ordinary files, not loaded as ordinary files.
 */
export function isOverrideFile(name: string): boolean {
  const suffix = configSuffix(name);
  if (!suffix) return false;
  const base = name.slice(0, -suffix.length);
  return base === 'override' || base.endsWith('_override');
}

/** Parses through the caller's cache when there is one. */
export function parseWith(cache: ParseCacheLike | undefined, path: string, text: string): { file: ConfigFile; diagnostics: HclDiagnostic[] } {
  return cache ? cache.get(path, text) : parseFile(path, text);
}

/**
 * The configuration file names of a directory in load order (lexical), after `.tofu` shadowing
 * and without override files (returned separately).
 */
export function selectConfigFiles(names: string[]): { files: string[]; overrides: string[] } {
  const present = new Set(names);
  const files: string[] = [];
  const overrides: string[] = [];
  for (const name of [...names].sort()) {
    const suffix = configSuffix(name);
    if (!suffix) continue;
    const shadow = SHADOWED_BY[suffix];
    if (shadow && present.has(name.slice(0, -suffix.length) + shadow)) continue;
    if (isOverrideFile(name)) overrides.push(name);
    else files.push(name);
  }
  return { files, overrides };
}

export interface LoadedModule {
  config: ModuleConfig;
  diagnostics: TfDiagnostic[];
  /** Absolute paths of the files read. */
  paths: string[];
}

/** Loads one module directory. Missing directories give an empty module. */
export function loadModuleConfig(host: FileHost, dir: string, cache: ParseCacheLike | undefined): LoadedModule {
  const entries = host.readDir(dir) ?? [];
  const names = entries.filter((e) => e.kind === 'file').map((e) => e.name);
  const { files: selected, overrides } = selectConfigFiles(names);
  const files: ConfigFile[] = [];
  const parseDiagnostics: { file: string; diagnostics: HclDiagnostic[] }[] = [];
  const diagnostics: TfDiagnostic[] = [];
  const paths: string[] = [];
  for (const name of selected) {
    const path = joinPath(dir, name);
    const text = host.readFile(path);
    if (text === undefined) continue;
    const r = parseWith(cache, path, text);
    files.push(r.file);
    paths.push(path);
    parseDiagnostics.push({ file: path, diagnostics: r.diagnostics });
  }
  const overrideFiles: ConfigFile[] = [];
  for (const name of overrides) {
    const path = joinPath(dir, name);
    const text = host.readFile(path);
    if (text === undefined) continue;
    const r = parseWith(cache, path, text);
    overrideFiles.push(r.file);
    paths.push(path);
    parseDiagnostics.push({ file: path, diagnostics: r.diagnostics });
  }

  const variables = new Map<string, VariableDecl>();
  const locals = new Map<string, LocalDecl>();
  const outputs = new Map<string, OutputDecl>();
  const resources: ResourceDecl[] = [];
  const resourceKeys = new Set<string>();
  const moduleCalls = new Map<string, ModuleCallDecl>();
  const providers: ProviderDecl[] = [];

  const duplicate = (file: string, block: Block | Attribute, what: string): void => {
    diagnostics.push({
      severity: 'error',
      code: 'duplicate-declaration',
      message: `${what} is declared more than once; the first declaration is used`,
      file,
      span: block.kind === 'Block' ? headerSpan(block) : block.name.span,
    });
  };

  for (const f of files) {
    const path = f.path;
    for (const item of f.body.items) {
      if (item.kind !== 'Block') continue;
      const b = item;
      const label = (i: number): string | undefined => b.labels[i]?.value;
      switch (b.type.name) {
        case 'variable': {
          const name = label(0);
          if (name === undefined) break;
          if (variables.has(name)) {
            duplicate(path, b, `variable "${name}"`);
            break;
          }
          const nullableAttr = findAttribute(b.body, 'nullable');
          const decl: VariableDecl = {
            name,
            file: path,
            block: b,
            nullable: !(nullableAttr && isLiteralFalse(nullableAttr.expr)),
          };
          const d = findAttribute(b.body, 'default');
          if (d) decl.default = d;
          const t = findAttribute(b.body, 'type');
          if (t) decl.type = t;
          variables.set(name, decl);
          break;
        }
        case 'locals':
          for (const a of b.body.items) {
            if (a.kind !== 'Attribute') continue;
            if (locals.has(a.name.name)) {
              duplicate(path, a, `local.${a.name.name}`);
              continue;
            }
            locals.set(a.name.name, { name: a.name.name, file: path, attr: a });
          }
          break;
        case 'output': {
          const name = label(0);
          if (name === undefined) break;
          if (outputs.has(name)) {
            duplicate(path, b, `output "${name}"`);
            break;
          }
          const decl: OutputDecl = { name, file: path, block: b };
          const v = findAttribute(b.body, 'value');
          if (v) decl.value = v;
          outputs.set(name, decl);
          break;
        }
        case 'resource':
        case 'data': {
          const type = label(0);
          const name = label(1);
          if (type === undefined || name === undefined) break;
          const mode = b.type.name === 'data' ? 'data' : 'managed';
          const key = `${mode}.${type}.${name}`;
          if (resourceKeys.has(key)) {
            duplicate(path, b, `${mode === 'data' ? 'data.' : ''}${type}.${name}`);
            break;
          }
          resourceKeys.add(key);
          const decl: ResourceDecl = { mode, type, name, file: path, block: b };
          const c = findAttribute(b.body, 'count');
          if (c) decl.count = c;
          const fe = findAttribute(b.body, 'for_each');
          if (fe) decl.forEach = fe;
          resources.push(decl);
          break;
        }
        case 'module': {
          const name = label(0);
          if (name === undefined) break;
          if (moduleCalls.has(name)) {
            duplicate(path, b, `module "${name}"`);
            break;
          }
          const src = findAttribute(b.body, 'source');
          const decl: ModuleCallDecl = { name, file: path, block: b, source: src ? literalString(src.expr) ?? '' : '' };
          if (src) decl.sourceAttr = src;
          const ver = findAttribute(b.body, 'version');
          const version = ver ? literalString(ver.expr) : undefined;
          if (version !== undefined) decl.version = version;
          const c = findAttribute(b.body, 'count');
          if (c) decl.count = c;
          const fe = findAttribute(b.body, 'for_each');
          if (fe) decl.forEach = fe;
          moduleCalls.set(name, decl);
          break;
        }
        case 'provider': {
          const name = label(0);
          if (name === undefined) break;
          const alias = findAttribute(b.body, 'alias');
          const decl: ProviderDecl = { name, file: path, block: b };
          const a = alias ? literalString(alias.expr) : undefined;
          if (a !== undefined) decl.alias = a;
          providers.push(decl);
          break;
        }
        default:
          break;
      }
    }
  }

  if (overrideFiles.length > 0) {
    const resourceIndex = new Map(resources.map((r) => [`${r.mode}.${r.type}.${r.name}`, r]));
    for (const f of overrideFiles) mergeOverrideFile(f, { variables, locals, outputs, resourceIndex, moduleCalls, providers }, diagnostics);
    files.push(...overrideFiles);
  }

  return {
    config: { dir, files, parseDiagnostics, variables, locals, outputs, resources, moduleCalls, providers },
    diagnostics,
    paths,
  };
}

// ---------------------------------------------------------------------------
// Override files

/** A declaration made of layers (see model.ts), with mutable fields while loading. */
type Layered = { file: string; block: Block; layers?: readonly DeclLayer[] };

/** The blocks of a declaration: its layers, or the declaration alone. */
export function layersOf(decl: Layered): readonly DeclLayer[] {
  return decl.layers ?? [decl];
}

/** The file holding `node`, a top-level argument or nested block of one of the declaration's layers. */
export function layerFile(decl: Layered, node: Attribute | Block): string {
  if (!decl.layers) return decl.file;
  for (let i = decl.layers.length - 1; i >= 0; i--) {
    const l = decl.layers[i];
    if (l.block.body.items.includes(node)) return l.file;
  }
  return decl.file;
}

/** The argument `name` in effect: from the last layer that sets it, with that layer's file. */
export function layerAttribute(decl: Layered, name: string): { attr: Attribute; file: string } | undefined {
  if (!decl.layers) {
    const a = findAttribute(decl.block.body, name);
    return a ? { attr: a, file: decl.file } : undefined;
  }
  for (let i = decl.layers.length - 1; i >= 0; i--) {
    const l = decl.layers[i];
    const a = findAttribute(l.block.body, name);
    if (a) return { attr: a, file: l.file };
  }
  return undefined;
}

function addLayer(decl: Layered, layer: DeclLayer): void {
  decl.layers = [...(decl.layers ?? [{ file: decl.file, block: decl.block }]), layer];
}

interface MergeTargets {
  variables: Map<string, VariableDecl>;
  locals: Map<string, LocalDecl>;
  outputs: Map<string, OutputDecl>;
  resourceIndex: Map<string, ResourceDecl>;
  moduleCalls: Map<string, ModuleCallDecl>;
  providers: ProviderDecl[];
}

/**
 * Merges the top-level blocks of one override file into the declarations, in block order (Terraform's "Override
 * Files" rules). A block with nothing to merge into is an error in Terraform: a warning here, and the block is
 * ignored. `terraform` blocks hold nothing we evaluate; other block types cannot be overridden and are ignored.
 */
function mergeOverrideFile(f: ConfigFile, t: MergeTargets, diagnostics: TfDiagnostic[]): void {
  const path = f.path;
  const unmatched = (at: Block | Attribute, what: string): void => {
    diagnostics.push({
      severity: 'warning',
      code: 'override-unmatched',
      message: `${what} is not declared in an ordinary file of this module, so there is nothing to override (Terraform reports an error); the block is ignored`,
      file: path,
      span: at.kind === 'Block' ? headerSpan(at) : at.name.span,
    });
  };
  for (const item of f.body.items) {
    if (item.kind !== 'Block') continue;
    const b = item;
    const label = (i: number): string | undefined => b.labels[i]?.value;
    const layer: DeclLayer = { file: path, block: b };
    /** The declaration `b` merges into (now with `b` as its top layer), or undefined after a warning. */
    const into = <T extends Layered>(decl: T | undefined, what: string): T | undefined => {
      if (!decl) unmatched(b, what);
      else addLayer(decl, layer);
      return decl;
    };
    /** `count` / `for_each` in `b` replace the declaration's. */
    const expansion = (decl: { count?: Attribute; forEach?: Attribute }): void => {
      const c = findAttribute(b.body, 'count');
      if (c) decl.count = c;
      const fe = findAttribute(b.body, 'for_each');
      if (fe) decl.forEach = fe;
    };
    switch (b.type.name) {
      case 'variable': {
        const name = label(0);
        if (name === undefined) break;
        const decl = into(t.variables.get(name), `variable "${name}"`);
        if (!decl) break;
        const d = findAttribute(b.body, 'default');
        if (d) {
          // The block whose default is in effect, so that `default` lies in `file`.
          decl.default = d;
          decl.file = path;
          decl.block = b;
        }
        const ty = findAttribute(b.body, 'type');
        if (ty) decl.type = ty;
        const n = findAttribute(b.body, 'nullable');
        if (n) decl.nullable = !isLiteralFalse(n.expr);
        break;
      }
      case 'locals':
        // Value by value, whichever `locals` block holds it.
        for (const a of b.body.items) {
          if (a.kind !== 'Attribute') continue;
          const decl = t.locals.get(a.name.name);
          if (!decl) {
            unmatched(a, `local.${a.name.name}`);
            continue;
          }
          t.locals.set(a.name.name, { name: a.name.name, file: path, attr: a });
        }
        break;
      case 'output': {
        const name = label(0);
        if (name === undefined) break;
        const decl = into(t.outputs.get(name), `output "${name}"`);
        if (!decl) break;
        const v = findAttribute(b.body, 'value');
        if (v) {
          decl.value = v;
          decl.file = path;
          decl.block = b;
        }
        break;
      }
      case 'resource':
      case 'data': {
        const type = label(0);
        const name = label(1);
        if (type === undefined || name === undefined) break;
        const mode = b.type.name === 'data' ? 'data' : 'managed';
        const decl = into(t.resourceIndex.get(`${mode}.${type}.${name}`), `${mode === 'data' ? 'data.' : ''}${type}.${name}`);
        if (decl) expansion(decl);
        break;
      }
      case 'module': {
        const name = label(0);
        if (name === undefined) break;
        const decl = into(t.moduleCalls.get(name), `module "${name}"`);
        if (!decl) break;
        const src = findAttribute(b.body, 'source');
        if (src) {
          decl.source = literalString(src.expr) ?? '';
          decl.sourceAttr = src;
        }
        const ver = findAttribute(b.body, 'version');
        if (ver) {
          const version = literalString(ver.expr);
          if (version !== undefined) decl.version = version;
          else delete decl.version;
        }
        expansion(decl);
        break;
      }
      case 'provider': {
        const name = label(0);
        if (name === undefined) break;
        const aliasAttr = findAttribute(b.body, 'alias');
        const alias = aliasAttr ? literalString(aliasAttr.expr) : undefined;
        if (aliasAttr && alias === undefined) {
          diagnostics.push({
            severity: 'warning',
            code: 'override-unmatched',
            message: `the alias of this provider "${name}" override is not a literal string, so it cannot be matched; the block is ignored`,
            file: path,
            span: aliasAttr.expr.span,
          });
          break;
        }
        // The default configuration is the one whose declaration sets no alias at all.
        const decl = t.providers.find((p) => p.name === name && (alias !== undefined ? p.alias === alias : !findAttribute(layersOf(p)[0].block.body, 'alias')));
        if (decl) {
          addLayer(decl, layer);
        } else if (alias === undefined) {
          // A default configuration may be overridden without one: no block means an empty configuration.
          t.providers.push({ name, file: path, block: b });
        } else {
          unmatched(b, `provider "${name}" with alias "${alias}"`);
        }
        break;
      }
      default:
        break;
    }
  }
}

/** The value of a string literal expression (`"x"` with no interpolation), else undefined. */
export function literalString(e: Expr): string | undefined {
  if (e.kind !== 'Template') return undefined;
  if (e.parts.length === 0) return '';
  if (e.parts.length === 1 && e.parts[0].kind === 'TemplateLiteral') return e.parts[0].value;
  return undefined;
}

function isLiteralFalse(e: Expr): boolean {
  return (e.kind === 'Literal' && e.value === false) || literalString(e) === 'false';
}

/** A block's header: from its type name to the end of its last label. */
export function headerSpan(b: Block): { start: number; end: number } {
  const last = b.labels.length > 0 ? b.labels[b.labels.length - 1].span : b.type.span;
  return { start: b.type.span.start, end: last.end };
}

// ---------------------------------------------------------------------------
// Root module variable values

/** One value for a root variable: an expression from a tfvars file, or a -var string. */
export type RootVarSource =
  | { kind: 'expr'; expr: Expr; file: string }
  | { kind: 'cli'; raw: string };

/**
 * Variable values for a root module, later sources overriding earlier ones: terraform.tfvars,
 * terraform.tfvars.json, *.auto.tfvars / *.auto.tfvars.json (lexical order), the -var-files in
 * order, then the -var pairs.
 */
export function loadRootVarSources(
  host: FileHost,
  dir: string,
  varFiles: readonly string[],
  cliVars: Readonly<Record<string, string>>,
  cache: ParseCacheLike | undefined,
): {
  values: Map<string, RootVarSource>;
  paths: string[];
  diagnostics: TfDiagnostic[];
  /** The parsed variable files with their syntax diagnostics. */
  parsed: { file: ConfigFile; diagnostics: HclDiagnostic[] }[];
} {
  const names = (host.readDir(dir) ?? []).filter((e) => e.kind === 'file').map((e) => e.name);
  const ordered: string[] = [];
  for (const n of ['terraform.tfvars', 'terraform.tfvars.json']) if (names.includes(n)) ordered.push(joinPath(dir, n));
  for (const n of names.filter((x) => x.endsWith('.auto.tfvars') || x.endsWith('.auto.tfvars.json')).sort()) ordered.push(joinPath(dir, n));
  ordered.push(...varFiles);
  const values = new Map<string, RootVarSource>();
  const paths: string[] = [];
  const diagnostics: TfDiagnostic[] = [];
  const parsed: { file: ConfigFile; diagnostics: HclDiagnostic[] }[] = [];
  for (const path of ordered) {
    const text = host.readFile(path);
    if (text === undefined) {
      diagnostics.push({ severity: 'error', code: 'var-file-missing', message: `variable file ${path} not found`, file: path, span: { start: 0, end: 0 } });
      continue;
    }
    paths.push(path);
    const { file, diagnostics: syntax } = parseWith(cache, path, text);
    parsed.push({ file, diagnostics: syntax });
    for (const item of file.body.items) {
      if (item.kind === 'Attribute') values.set(item.name.name, { kind: 'expr', expr: item.expr, file: path });
    }
    // JSON tfvars may come back as blocks for object values of listed names; tfvars have no blocks.
    for (const b of blocks(file.body)) {
      diagnostics.push({
        severity: 'warning',
        code: 'tfvars-block',
        message: `blocks are not allowed in a variables file (${b.type.name})`,
        file: path,
        span: headerSpan(b),
      });
    }
  }
  for (const [name, raw] of Object.entries(cliVars)) values.set(name, { kind: 'cli', raw });
  return { values, paths, diagnostics, parsed };
}
