// The public model of the terraform layer: files → modules → expanded, lazily evaluated
// instances. The network layer reads configuration only through these interfaces.
//
// Entry point: `loadWorkspace(host, rootDirs, options)` (exported from ./index.ts).
//
// Everything is lazy and memoised: a module's children, a resource's instances and each
// attribute are evaluated the first time they are asked for. Nothing here throws on user
// input; what cannot be determined is an UnknownValue with reasons (see values.ts).
//
// Addresses follow Terraform: `aws_subnet.a`, `aws_subnet.a[0]`, `aws_subnet.a["0"]`
// (number and string keys are distinct), `data.aws_region.current`,
// `module.net["x"].module.vpc.aws_subnet.private[1]`. A resource or module whose
// count/for_each is unknown is represented by ONE instance whose key is unknown; its
// address ends in `[*]` and `expansion` is 'unknown' (it stands for zero or more instances).
//
// This file is a contract with the network layer: extend it, do not break it.

import type { Attribute, Block, ConfigFile, Expr, HclDiagnostic } from '../hcl/ast';
import type { Span } from '../hcl/source';
import type { InstanceKey, SourceLocation, SymbolicRef, UnknownReason, Value } from './values';

export type { InstanceKey, SourceLocation } from './values';

// ---------------------------------------------------------------------------
// Options

/** The parse cache the caller may share (`ParseCache` in analysis.ts satisfies it). */
export interface ParseCacheLike {
  get(path: string, text: string): { file: ConfigFile; diagnostics: HclDiagnostic[] };
}

/** Bounds that turn pathological input into unknown values (code 'limit') instead of hangs. */
export interface Limits {
  /** Instances of one resource / data / module block (count or for_each). */
  maxInstances: number;
  /** Elements `range()` may produce. */
  maxRange: number;
  /** Elements any one collection operation may produce (for, setproduct, flatten, ...). */
  maxCollection: number;
  /** Nesting of module calls. */
  maxModuleDepth: number;
  /** Nesting of one expression (and of calls between locals / outputs / variables). */
  maxExprDepth: number;
  /** Length of a string produced by evaluation (format, join, templates, file()). */
  maxStringLength: number;
  /** Length of the input `regex` / `regexall` / `replace` will match against. */
  maxRegexInput: number;
  /**
   * Steps of the regular expression engine (one per live thread per input character) that all `regex` /
   * `regexall` / `replace` calls of a workspace may take together; past it their results are unknown. Matching
   * is linear in pattern × input, but both come from the configuration and a call may sit in a loop.
   */
  maxRegexWork: number;
  /** Total expression evaluations per workspace; past it everything still unevaluated is unknown. */
  maxSteps: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxInstances: 10_000,
  maxRange: 10_000,
  maxCollection: 100_000,
  maxModuleDepth: 32,
  maxExprDepth: 500,
  maxStringLength: 1_000_000,
  maxRegexInput: 100_000,
  maxRegexWork: 10_000_000,
  maxSteps: 5_000_000,
});

export interface LoadOptions {
  /** Absolute paths of extra .tfvars / .tfvars.json files for every root module (Terraform's -var-file), in order. */
  varFiles?: string[];
  /** `-var name=value` pairs for every root module (HCL for complex types, raw strings otherwise). */
  variables?: Record<string, string>;
  /**
   * Directories `file()`, `templatefile()`, `fileexists()` and local module sources may read
   * (absolute). Defaults to `rootDirs`. Anything outside is unknown / not followed.
   */
  workspaceRoots?: string[];
  cache?: ParseCacheLike;
  limits?: Partial<Limits>;
}

// ---------------------------------------------------------------------------
// Static configuration (one per module directory, shared by its instances)
//
// Override files (`override.tf`, `*_override.tf`, their `.tf.json` / `.tofu` forms) are merged as Terraform
// merges them: each of their top-level blocks into the declaration with the same header, in lexical file order and
// then block order. A declaration something was merged into has `layers`: every block that makes it up, the
// declaration in an ordinary file first, then the override blocks in the order applied. An argument comes from the
// last layer that sets it; a nested block type from the last layer that has a block (or `dynamic` block) of that
// type, which replaces all blocks of that type of the layers before it. Spans are offsets into ONE file: a syntax
// node of a layer lies in that layer's `file` (see `layerFile` / `layerAttribute` in loader.ts).

/** One block of a declaration: the declaration itself, or an override file's block merged into it. */
export interface DeclLayer {
  file: string;
  block: Block;
}

export interface VariableDecl {
  name: string;
  /**
   * The block whose `default` is in effect (so that `default` lies in `file`): the declaration, or the last
   * override block that sets `default`.
   */
  file: string;
  block: Block;
  /** The `default` attribute in effect, when there is one. */
  default?: Attribute;
  /** The `type` attribute (a type constraint expression) in effect, when present; it may lie in another layer. */
  type?: Attribute;
  /** `nullable = false` makes a null input take the default. */
  nullable: boolean;
  /** Present when override files merge into this variable (see above); the declaration is the first layer. */
  layers?: readonly DeclLayer[];
}

export interface LocalDecl {
  name: string;
  /** The file of `attr`: an override file's `locals` replaces the value of the same name. */
  file: string;
  attr: Attribute;
}

export interface OutputDecl {
  name: string;
  /** The block whose `value` is in effect: the declaration, or the last override block that sets `value`. */
  file: string;
  block: Block;
  value?: Attribute;
  /** Present when override files merge into this output; the declaration is the first layer. */
  layers?: readonly DeclLayer[];
}

export type ResourceMode = 'managed' | 'data';

export interface ResourceDecl {
  mode: ResourceMode;
  type: string;
  name: string;
  /** The declaration (in an ordinary file). */
  file: string;
  block: Block;
  /** `count` / `for_each` in effect; either may lie in an override block (`layerFile` tells which file). */
  count?: Attribute;
  forEach?: Attribute;
  /** Present when override files merge into this resource: the declaration first, then the override blocks. */
  layers?: readonly DeclLayer[];
}

export interface ModuleCallDecl {
  name: string;
  /** The declaration (in an ordinary file). */
  file: string;
  block: Block;
  /** The literal `source` string in effect ('' when missing or not a literal). */
  source: string;
  sourceAttr?: Attribute;
  /** The literal `version` constraint in effect, when given. */
  version?: string;
  /** `count` / `for_each` in effect; either may lie in an override block. */
  count?: Attribute;
  forEach?: Attribute;
  /**
   * Present when override files merge into this call: the declaration first, then the override blocks. The
   * module's inputs are the arguments of all layers, each from the last layer that sets it (`layerAttribute`).
   */
  layers?: readonly DeclLayer[];
}

export interface ProviderDecl {
  /** Provider local name (`aws`). */
  name: string;
  alias?: string;
  /** The declaration; for a default provider configuration only an override file declares, that block. */
  file: string;
  block: Block;
  /** Present when override files merge into this configuration: the declaration first. */
  layers?: readonly DeclLayer[];
}

/** The parsed configuration of one module directory. */
export interface ModuleConfig {
  dir: string;
  /**
   * Configuration files in effect (after `.tofu` shadowing): the ordinary files sorted by name, then the override
   * files sorted by name.
   */
  files: ConfigFile[];
  /** Syntax diagnostics of those files. */
  parseDiagnostics: { file: string; diagnostics: HclDiagnostic[] }[];
  variables: ReadonlyMap<string, VariableDecl>;
  locals: ReadonlyMap<string, LocalDecl>;
  outputs: ReadonlyMap<string, OutputDecl>;
  /** Managed resources and data sources in file order. Key `${mode}.${type}.${name}` is unique. */
  resources: readonly ResourceDecl[];
  moduleCalls: ReadonlyMap<string, ModuleCallDecl>;
  providers: readonly ProviderDecl[];
}

// ---------------------------------------------------------------------------
// Evaluated instances

/** Problems found while loading / expanding (syntax errors are in ModuleConfig.parseDiagnostics). */
export interface TfDiagnostic {
  severity: 'error' | 'warning' | 'info';
  /** e.g. 'module-unavailable', 'duplicate-declaration', 'count-and-for-each', 'limit'. */
  code: string;
  message: string;
  file: string;
  span: Span;
}

/** Read access to one block body (a resource, a nested block, a dynamic-block instance, a synthetic resource). */
export interface BodyView {
  /** The block in the source; undefined for synthetic instances (registry models). */
  readonly block: Block | undefined;
  /** The file holding `block` (for synthetic instances: the file of the module call). */
  readonly file: string;
  /** Where to report about this body: a block's header (type and labels), or for synthetic instances the module call. */
  readonly location: SourceLocation;
  /**
   * The evaluated value of an argument, or undefined when the argument is not set. A `null`
   * value means the same as not set (see `isAbsent`). Lazy and memoised.
   */
  attr(name: string): Value | undefined;
  /** The location of the argument's expression (synthetic: the module-call argument it came from). */
  attrLocation(name: string): SourceLocation | undefined;
  /**
   * The argument's syntax node, for fix builders; it lies in `file`. Undefined for synthetic instances, unset
   * arguments and arguments an override file sets (their node lies in another file), except the meta-arguments
   * (`provider`, `count`, `for_each`, `depends_on`), which are returned from the layer that sets them: their
   * readers look at the syntax alone, never at the text of `file`.
   */
  attribute(name: string): Attribute | undefined;
  /** Names of the arguments set in this body, in source order. */
  attrNames(): string[];
  /**
   * Nested blocks of this type: literal blocks and expanded `dynamic "type"` blocks in source
   * order. In `.tf.json` files an argument holding an object / list of objects counts as blocks.
   */
  nestedBlocks(type: string): BlockInstance[];
  /** True when at least one nested block of this type is (or may be, for unknown dynamic for_each) present. */
  hasBlock(type: string): boolean;
}

export interface DynamicOrigin {
  /** The `dynamic "type"` block. */
  block: Block;
  location: SourceLocation;
  /** The iterator name (`iterator = x`, default the block type). */
  iterator: string;
  /** `iterator.key` / `iterator.value` of this expansion (unknown when for_each is unknown). */
  key: Value;
  value: Value;
}

export interface BlockInstance extends BodyView {
  /** The nested block's type name (`vpc_config`). */
  readonly type: string;
  /** Present when this instance came from a `dynamic` block. */
  readonly dynamic?: DynamicOrigin;
  /**
   * Set when this stands for an unknown number of dynamic instances (for_each unknown): its
   * arguments are evaluated with an unknown iterator.
   */
  readonly unknownExpansion?: UnknownReason;
}

export type Expansion = 'single' | 'count' | 'for_each' | 'unknown';

export interface InstanceMeta {
  /** The evaluated `count`, when the block has one. */
  count?: Value;
  /** The evaluated `for_each`, when the block has one. */
  forEach?: Value;
  /** `each.key` / `each.value` of this instance (for_each only). */
  eachKey?: Value;
  eachValue?: Value;
  /** Location of the `count` or `for_each` argument. */
  location?: SourceLocation;
  /** Why the instance set is unknown (expansion 'unknown'). */
  reason?: UnknownReason;
}

/** Identifies which registry model produced a synthetic instance and from which call. */
export interface SyntheticOrigin {
  /** e.g. 'terraform-aws-modules/vpc/aws'. */
  model: string;
  /** The module call block (`module "vpc" { ... }`) header. */
  call: SourceLocation;
}

export interface ResourceInstance extends BodyView {
  /** Full instance address with module prefix: `module.vpc.aws_subnet.private[0]`. */
  readonly address: string;
  /** Address without the instance key: `module.vpc.aws_subnet.private` (module keys kept). */
  readonly resourceAddress: string;
  readonly module: ModuleInstance;
  readonly mode: ResourceMode;
  /** Resource type: `aws_subnet`. */
  readonly type: string;
  readonly name: string;
  /** count index (number) or for_each key (string); undefined for single or unknown expansion. */
  readonly key: InstanceKey | undefined;
  readonly expansion: Expansion;
  readonly meta: InstanceMeta;
  /** The declaration (undefined for synthetic instances). */
  readonly decl: ResourceDecl | undefined;
  /** Set for instances produced by a registry model (terraform-aws-modules/...). */
  readonly synthetic?: SyntheticOrigin;
  /**
   * The value of `<address>.<name>` as another expression would see it: the configured value
   * when set, else a symbolic unknown (`ref` = this instance + name), as for computed ids.
   */
  ref(name: string): Value;
  /**
   * Evaluates an expression of this instance's own block in its scope (its `count.index`, `each`, `self`), for
   * readers that look into an argument's syntax (as `attribute` hands it out: from the declaration's block).
   * Synthetic instances have no syntax of their own: unknown.
   */
  evaluateInScope(expr: Expr): Value;
}

export type ModuleSourceKind =
  /** A root module. */
  | 'root'
  /** `./` or `../` source inside the workspace roots. */
  | 'local'
  /** Registry / git source installed by `terraform init` (.terraform/modules/modules.json). */
  | 'installed'
  /** A built-in model of a well-known registry module (registry-models/). */
  | 'model'
  /** Not followed: outputs are unknown. */
  | 'unavailable';

export interface ModuleSourceInfo {
  kind: ModuleSourceKind;
  /** The `source` string as written ('' for roots). */
  source: string;
  /** The model id for kind 'model' (`terraform-aws-modules/vpc/aws`). */
  model?: string;
  /** Why the module was not followed (kind 'unavailable'). */
  reason?: UnknownReason;
}

export interface ModuleInstance {
  /** '' for a root module; else `module.a["x"].module.b`. Ends in `[*]` for unknown expansion. */
  readonly address: string;
  readonly key: InstanceKey | undefined;
  readonly expansion: Expansion;
  readonly meta: InstanceMeta;
  /** Absolute module directory (for models and unavailable modules: the calling module's directory). */
  readonly dir: string;
  /** The parsed configuration (empty for models and unavailable modules). */
  readonly config: ModuleConfig;
  readonly parent: ModuleInstance | undefined;
  /** The root module instance this one belongs to (itself for a root). */
  readonly root: ModuleInstance;
  /** The `module` block that created this instance (undefined for roots). */
  readonly call: ModuleCallDecl | undefined;
  readonly source: ModuleSourceInfo;
  /** Module nesting depth (0 for roots). */
  readonly depth: number;
  readonly workspace: Workspace;

  /** `var.<name>`: the input (or default / tfvars for roots), converted to the declared type where simple. */
  variable(name: string): Value;
  /** `local.<name>`. */
  local(name: string): Value;
  /** An output's value (for unavailable modules: unknown with the reason). */
  output(name: string): Value;
  /** Declared output names (for models: the outputs the model knows). */
  outputNames(): string[];
  /** Expanded resource and data instances of this module (not of its children), including synthetic ones. */
  resources(filter?: { type?: string; mode?: ResourceMode }): ResourceInstance[];
  /** Expanded child module instances, in call order. */
  children(): ModuleInstance[];
  /** Evaluates any expression of one of this module's files in module scope (hover, tests). */
  evaluate(expr: Expr, file: string): Value;
  /** Provider configuration blocks of this module (`provider "aws" { region = ... }`). */
  providerBlocks(name: string): BlockInstance[];
  /** Diagnostics found so far for this instance (grows as more is evaluated). */
  diagnostics(): TfDiagnostic[];
}

export interface Workspace {
  readonly roots: readonly ModuleInstance[];
  readonly limits: Readonly<Limits>;
  /** Every module instance reachable from the roots (expands all calls). */
  modules(): ModuleInstance[];
  /** Every resource / data instance in every module instance (expands everything). */
  resources(filter?: { type?: string; mode?: ResourceMode }): ResourceInstance[];
  /**
   * The resource instances a value refers to: refs anywhere inside it (deep), and whole
   * resource objects. A ref whose address has an unknown key (`[*]`) resolves to that
   * representative instance.
   */
  resolveRef(v: Value | SymbolicRef): ResourceInstance[];
  /** The instance at an address in the given root (default: the first root). */
  instance(address: string, rootDir?: string): ResourceInstance | undefined;
  /** The module instance at an address ('' = root) in the given root (default: the first root). */
  moduleAt(address: string, rootDir?: string): ModuleInstance | undefined;
  /** Every configuration / tfvars file read so far (absolute). */
  files(): string[];
  /** All diagnostics found so far (module loading, expansion, limits). */
  diagnostics(): TfDiagnostic[];
}
