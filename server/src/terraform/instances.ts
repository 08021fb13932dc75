// Expanded instances: resources and data sources (per count/for_each key), nested blocks
// (literal and `dynamic`), and the synthetic instances registry models create.
// Attributes are evaluated lazily, once.

import { blocks as blocksOf, findAttribute, type Attribute, type Block, type Body, type Expr } from '../hcl/ast';
import { toNum } from './convert';
import { bind, evaluate, type Env } from './evaluate';
import { headerSpan } from './loader';
import type {
  BlockInstance,
  DynamicOrigin,
  Expansion,
  InstanceMeta,
  Limits,
  ModuleInstance,
  ResourceDecl,
  ResourceInstance,
  ResourceMode,
  SyntheticOrigin,
} from './model';
import {
  asList,
  num,
  object,
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

// ---------------------------------------------------------------------------
// count / for_each

export interface ExpandedKey {
  key: InstanceKey | undefined;
  /** Names bound while evaluating the instance: count, each. */
  vars: Map<string, Value>;
  meta: InstanceMeta;
}

export interface Expanded {
  expansion: Expansion;
  keys: ExpandedKey[];
  /** Problems worth a diagnostic (limits, invalid count). */
  problem?: UnknownReason;
}

/** `[0]`, `["a"]`, `[*]` (unknown) or '' (no key). */
export function keySuffix(key: InstanceKey | undefined, expansion: Expansion): string {
  if (expansion === 'unknown') return '[*]';
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/**
 * Expands count / for_each of a resource, data source or module call. Unknown or invalid
 * arguments, and more than `maxInstances` instances, give one representative instance with
 * expansion 'unknown' and the reason.
 */
export function expand(count: Attribute | undefined, forEach: Attribute | undefined, env: Env, limits: Readonly<Limits>, forEachEnv: Env = env): Expanded {
  const unknownExpansion = (reason: UnknownReason, meta: InstanceMeta, problem = false): Expanded => {
    const u = unknownWith([reason], {});
    const vars = new Map<string, Value>();
    if (count) vars.set('count', object([['index', unknownWith([reason], { type: 'number' })]]));
    if (forEach) vars.set('each', object([['key', unknownWith([reason], { type: 'string' })], ['value', u]]));
    const r: Expanded = { expansion: 'unknown', keys: [{ key: undefined, vars, meta: { ...meta, reason } }] };
    if (problem) r.problem = reason;
    return r;
  };
  if (count && forEach) {
    const at = { file: forEachEnv.file, span: forEach.name.span };
    return unknownExpansion({ code: 'invalid', message: 'count and for_each cannot both be set', at }, { location: at }, true);
  }
  if (count) {
    const at: SourceLocation = { file: env.file, span: count.expr.span };
    const v = evaluate(count.expr, env);
    const meta: InstanceMeta = { count: v, location: at };
    const n = toNum(v, at);
    if (n.kind === 'unknown') {
      return unknownExpansion({ code: 'unknown-expansion', message: `count is not known: ${n.reasons[0].message}`, at }, meta, n.reasons.some((r) => r.code === 'invalid'));
    }
    if (n.kind !== 'number' || !Number.isInteger(n.value) || n.value < 0) {
      return unknownExpansion({ code: 'invalid', message: 'count must be a non-negative whole number', at }, meta, true);
    }
    if (n.value > limits.maxInstances) {
      return unknownExpansion({ code: 'limit', message: `count of ${n.value} is more than the ${limits.maxInstances} instances we expand`, at }, meta, true);
    }
    const keys: ExpandedKey[] = [];
    for (let i = 0; i < n.value; i++) {
      keys.push({ key: i, vars: new Map([['count', object([['index', num(i)]])]]), meta: { ...meta } });
    }
    return { expansion: 'count', keys };
  }
  if (forEach) {
    const at: SourceLocation = { file: forEachEnv.file, span: forEach.expr.span };
    const v = evaluate(forEach.expr, forEachEnv);
    const meta: InstanceMeta = { forEach: v, location: at };
    let pairs: [string, Value][];
    if (v.kind === 'map' || v.kind === 'object') {
      pairs = [...v.entries];
    } else if (v.kind === 'set') {
      if (v.uncertain || v.items.some((i) => i.kind === 'unknown')) {
        return unknownExpansion({ code: 'unknown-expansion', message: 'for_each set has elements that are not known before apply', at }, meta);
      }
      pairs = [];
      for (const i of v.items) {
        if (i.kind !== 'string') {
          return unknownExpansion({ code: 'invalid', message: 'for_each set must contain strings', at }, meta, true);
        }
        pairs.push([i.value, i]);
      }
    } else if (v.kind === 'unknown') {
      return unknownExpansion({ code: 'unknown-expansion', message: `for_each is not known: ${v.reasons[0].message}`, at }, meta, v.reasons.some((r) => r.code === 'invalid'));
    } else {
      return unknownExpansion({ code: 'invalid', message: `for_each must be a map or a set of strings, not a ${v.kind}`, at }, meta, true);
    }
    if (pairs.length > limits.maxInstances) {
      return unknownExpansion({ code: 'limit', message: `for_each of ${pairs.length} is more than the ${limits.maxInstances} instances we expand`, at }, meta, true);
    }
    return {
      expansion: 'for_each',
      keys: pairs.map(([k, val]) => ({
        key: k,
        vars: new Map([['each', object([['key', str(k)], ['value', val]])]]),
        meta: { ...meta, eachKey: str(k), eachValue: val },
      })),
    };
  }
  return { expansion: 'single', keys: [{ key: undefined, vars: new Map(), meta: {} }] };
}

// ---------------------------------------------------------------------------
// Bodies of real blocks

/** Meta-arguments that are not provider arguments. */
const META_ARGS = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle']);

/** Meta-arguments whose syntax `attribute` hands out from whichever layer sets them (see BodyView.attribute). */
const SYNTAX_ONLY_META_ARGS = new Set(['count', 'for_each', 'depends_on', 'provider']);

/**
 * One override block merged into a body (see model.ts): the block, the file it lies in, the environment its
 * expressions are evaluated in (the body's scope, in that file) and whether that file is JSON.
 */
export interface BodyLayer {
  readonly block: Block;
  readonly file: string;
  readonly env: Env;
  readonly json: boolean;
}

/** Whether a layer's body has blocks of a type: literal, `dynamic "type"`, or in JSON an argument holding objects. */
function layerHasBlocks(layer: BodyLayer, type: string): boolean {
  for (const item of layer.block.body.items) {
    if (item.kind === 'Block' && (item.type.name === type || (item.type.name === 'dynamic' && item.labels[0]?.value === type))) return true;
  }
  if (!layer.json) return false;
  const a = findAttribute(layer.block.body, type);
  return !!a && (a.expr.kind === 'Object' || (a.expr.kind === 'Tuple' && a.expr.elements.some((e) => e.kind === 'Object')));
}

/** The nested blocks of one type a layer's body holds: literal blocks and expanded `dynamic` blocks in source order. */
function layerBlocks(layer: BodyLayer, type: string): BlockInstance[] {
  const out: BlockInstance[] = [];
  for (const item of layer.block.body.items) {
    if (item.kind !== 'Block') continue;
    if (item.type.name === type) {
      out.push(new BlockInstanceImpl(type, item, layer.file, layer.env, layer.json));
    } else if (item.type.name === 'dynamic' && item.labels[0]?.value === type) {
      out.push(...expandDynamic(type, item, layer.file, layer.env, layer.json));
    }
  }
  if (out.length === 0 && layer.json) out.push(...jsonAttributeBlocks(type, findAttribute(layer.block.body, type), layer.file, layer.env));
  return out;
}

/**
 * A nested-block view over a body from the source, evaluated in `env`. With override layers (a merged resource,
 * module call or provider), each argument comes from the last layer that sets it and each nested block type from
 * the last layer that has it, evaluated and located in that layer's file.
 */
abstract class SourceBody {
  // Made on first use: most instances are never asked for an argument or a block.
  private attrCache: Map<string, Value | undefined> | undefined;
  private blockCache: Map<string, BlockInstance[]> | undefined;

  constructor(
    readonly block: Block,
    readonly file: string,
    readonly env: Env,
    protected readonly json: boolean,
    /** Override blocks merged into this body, in the order applied; undefined when there are none. */
    protected readonly overrides?: readonly BodyLayer[],
  ) {}

  get location(): SourceLocation {
    return { file: this.file, span: headerSpan(this.block) };
  }

  protected get body(): Body {
    return this.block.body;
  }

  /** This block as a layer (the first). */
  private get own(): BodyLayer {
    return { block: this.block, file: this.file, env: this.env, json: this.json };
  }

  /** The argument in effect with the layer that sets it. */
  private effective(name: string): { attr: Attribute; file: string; env: Env } | undefined {
    if (this.overrides) {
      for (let i = this.overrides.length - 1; i >= 0; i--) {
        const l = this.overrides[i];
        const a = findAttribute(l.block.body, name);
        if (a) return { attr: a, file: l.file, env: l.env };
      }
    }
    return this.ownAttr(name);
  }

  private ownAttr(name: string): { attr: Attribute; file: string; env: Env } | undefined {
    const a = findAttribute(this.body, name);
    return a ? { attr: a, file: this.file, env: this.env } : undefined;
  }

  attribute(name: string): Attribute | undefined {
    if (!this.overrides) return findAttribute(this.body, name);
    const e = this.effective(name);
    // A node from an override file lies in another file than `file` (see BodyView.attribute).
    return e && (e.file === this.file || SYNTAX_ONLY_META_ARGS.has(name)) ? e.attr : undefined;
  }

  attr(name: string): Value | undefined {
    const cache = (this.attrCache ??= new Map());
    if (cache.has(name)) return cache.get(name);
    const e = this.effective(name);
    if (!e) {
      cache.set(name, undefined);
      return undefined;
    }
    // While evaluating, a reference back to this argument is a cycle.
    const at: SourceLocation = { file: e.file, span: e.attr.expr.span };
    cache.set(name, unknown('cycle', `argument ${name} refers to itself`, at));
    const v = evaluate(e.attr.expr, e.env);
    cache.set(name, v);
    return v;
  }

  attrLocation(name: string): SourceLocation | undefined {
    if (!this.overrides) {
      const a = findAttribute(this.body, name);
      return a ? { file: this.file, span: a.expr.span } : undefined;
    }
    const e = this.effective(name);
    return e ? { file: e.file, span: e.attr.expr.span } : undefined;
  }

  attrNames(): string[] {
    const out: string[] = [];
    for (const i of this.body.items) if (i.kind === 'Attribute' && !META_ARGS.has(i.name.name)) out.push(i.name.name);
    if (this.overrides) {
      const seen = new Set(out);
      for (const l of this.overrides) {
        for (const i of l.block.body.items) {
          if (i.kind !== 'Attribute' || META_ARGS.has(i.name.name) || seen.has(i.name.name)) continue;
          seen.add(i.name.name);
          out.push(i.name.name);
        }
      }
    }
    return out;
  }

  nestedBlocks(type: string): BlockInstance[] {
    const cache = (this.blockCache ??= new Map());
    const hit = cache.get(type);
    if (hit) return hit;
    let out: BlockInstance[] | undefined;
    if (this.overrides) {
      if (type === 'lifecycle') {
        out = this.mergedLifecycle();
      } else {
        // The last layer with blocks of this type replaces all blocks of the type before it.
        for (let i = this.overrides.length - 1; i >= 0 && !out; i--) {
          if (layerHasBlocks(this.overrides[i], type)) out = layerBlocks(this.overrides[i], type);
        }
      }
    }
    out ??= layerBlocks(this.own, type);
    cache.set(type, out);
    return out;
  }

  /** `lifecycle` is merged argument by argument: the first layer's block, with the later layers' blocks over it. */
  private mergedLifecycle(): BlockInstance[] {
    const found: BodyLayer[] = [];
    for (const l of [this.own, ...(this.overrides ?? [])]) {
      const b = blocksOf(l.block.body, 'lifecycle')[0];
      if (b) found.push({ ...l, block: b });
    }
    const [first, ...rest] = found;
    if (!first) return [];
    return [new BlockInstanceImpl('lifecycle', first.block, first.file, first.env, first.json, undefined, undefined, rest.length > 0 ? rest : undefined)];
  }

  hasBlock(type: string): boolean {
    return this.nestedBlocks(type).length > 0;
  }
}

export class BlockInstanceImpl extends SourceBody implements BlockInstance {
  readonly dynamic?: DynamicOrigin;
  readonly unknownExpansion?: UnknownReason;

  constructor(
    readonly type: string,
    block: Block,
    file: string,
    env: Env,
    json: boolean,
    dynamic?: DynamicOrigin,
    unknownExpansion?: UnknownReason,
    overrides?: readonly BodyLayer[],
  ) {
    super(block, file, env, json, overrides);
    if (dynamic) this.dynamic = dynamic;
    if (unknownExpansion) this.unknownExpansion = unknownExpansion;
  }

  override get location(): SourceLocation {
    // A dynamic block's instances are reported at the `dynamic "x"` header.
    return this.dynamic ? this.dynamic.location : { file: this.file, span: headerSpan(this.block) };
  }
}

/** Expands `dynamic "type" { for_each, iterator, content {} }`. */
function expandDynamic(type: string, dyn: Block, file: string, env: Env, json: boolean): BlockInstance[] {
  const content = blocksOf(dyn.body, 'content')[0];
  if (!content) return [];
  const iterAttr = findAttribute(dyn.body, 'iterator');
  const iterator = iterAttr && iterAttr.expr.kind === 'Variable' ? iterAttr.expr.name : type;
  const location: SourceLocation = { file, span: headerSpan(dyn) };
  const feAttr = findAttribute(dyn.body, 'for_each');
  if (!feAttr) return [];
  const coll = evaluate(feAttr.expr, env);
  const pairs: [Value, Value][] | undefined =
    coll.kind === 'map' || coll.kind === 'object'
      ? [...coll.entries].map(([k, v]) => [str(k), v])
      : coll.kind === 'set'
        ? coll.uncertain
          ? undefined
          : coll.items.map((v) => [v, v])
        : asList(coll)?.map((v, i) => [num(i), v]);
  if (!pairs) {
    const reason: UnknownReason =
      coll.kind === 'unknown'
        ? { code: 'unknown-expansion', message: `dynamic "${type}" for_each is not known: ${coll.reasons[0].message}`, at: location }
        : { code: 'invalid', message: `dynamic "${type}" for_each must be a collection`, at: location };
    const k = unknownWith([reason], {});
    const origin: DynamicOrigin = { block: dyn, location, iterator, key: k, value: k };
    const inner = bind(env, new Map([[iterator, object([['key', k], ['value', k]])]]));
    return [new BlockInstanceImpl(type, content, file, inner, json, origin, reason)];
  }
  if (pairs.length > env.shared.limits.maxInstances) {
    const reason: UnknownReason = { code: 'limit', message: `dynamic "${type}" has more than ${env.shared.limits.maxInstances} elements`, at: location };
    const k = unknownWith([reason], {});
    const inner = bind(env, new Map([[iterator, object([['key', k], ['value', k]])]]));
    return [new BlockInstanceImpl(type, content, file, inner, json, { block: dyn, location, iterator, key: k, value: k }, reason)];
  }
  return pairs.map(([k, v]) => {
    const inner = bind(env, new Map([[iterator, object([['key', k], ['value', v]])]]));
    return new BlockInstanceImpl(type, content, file, inner, json, { block: dyn, location, iterator, key: k, value: v });
  });
}

/**
 * In `.tf.json`, a nested block not known to the JSON mapper arrives as an argument holding an
 * object (or a list of objects). Read such an argument as blocks.
 */
function jsonAttributeBlocks(type: string, a: Attribute | undefined, file: string, env: Env): BlockInstance[] {
  if (!a) return [];
  const exprs: Expr[] = a.expr.kind === 'Object' ? [a.expr] : a.expr.kind === 'Tuple' ? a.expr.elements.filter((e) => e.kind === 'Object') : [];
  return exprs.map((e) => new ObjectBlockInstance(type, e as Expr & { kind: 'Object' }, file, env));
}

/** A nested block written as a JSON object: its properties are the block's arguments. */
class ObjectBlockInstance implements BlockInstance {
  readonly block = undefined;
  private readonly cache = new Map<string, Value | undefined>();

  constructor(
    readonly type: string,
    private readonly obj: Expr & { kind: 'Object' },
    readonly file: string,
    private readonly env: Env,
  ) {}

  get location(): SourceLocation {
    return { file: this.file, span: this.obj.span };
  }

  private item(name: string): { key: Expr; value: Expr } | undefined {
    return this.obj.items.find((i) => (i.key.kind === 'Variable' && i.key.name === name) || (i.key.kind === 'Template' && i.key.parts.length === 1 && i.key.parts[0].kind === 'TemplateLiteral' && i.key.parts[0].value === name));
  }

  attr(name: string): Value | undefined {
    if (this.cache.has(name)) return this.cache.get(name);
    const it = this.item(name);
    const v = it ? evaluate(it.value, this.env) : undefined;
    this.cache.set(name, v);
    return v;
  }

  attrLocation(name: string): SourceLocation | undefined {
    const it = this.item(name);
    return it ? { file: this.file, span: it.value.span } : undefined;
  }

  attribute(): Attribute | undefined {
    return undefined;
  }

  attrNames(): string[] {
    const out: string[] = [];
    for (const i of this.obj.items) {
      if (i.key.kind === 'Variable') out.push(i.key.name);
      else if (i.key.kind === 'Template' && i.key.parts.length === 1 && i.key.parts[0].kind === 'TemplateLiteral') out.push(i.key.parts[0].value);
    }
    return out;
  }

  nestedBlocks(type: string): BlockInstance[] {
    const it = this.item(type);
    if (!it) return [];
    const exprs = it.value.kind === 'Object' ? [it.value] : it.value.kind === 'Tuple' ? it.value.elements.filter((e) => e.kind === 'Object') : [];
    return exprs.map((e) => new ObjectBlockInstance(type, e as Expr & { kind: 'Object' }, this.file, this.env));
  }

  hasBlock(type: string): boolean {
    return this.nestedBlocks(type).length > 0;
  }
}

// ---------------------------------------------------------------------------
// Resource instances

/** Computes data-source specific attributes (see data-sources.ts); undefined = not modelled. */
export type DataSourceModel = (inst: ResourceInstance, name: string) => Value | undefined;

/** Attributes whose values are unique per instance of a type (ids, ARNs): refs to them are pairwise distinct. */
const DISTINCT_ATTRS = new Set(['id', 'arn']);

export class ResourceInstanceImpl extends SourceBody implements ResourceInstance {
  readonly address: string;
  readonly resourceAddress: string;
  readonly mode: ResourceMode;
  readonly type: string;
  readonly name: string;
  private readonly refCache = new Map<string, Value>();

  constructor(
    readonly module: ModuleInstance,
    readonly decl: ResourceDecl,
    readonly key: InstanceKey | undefined,
    readonly expansion: Expansion,
    readonly meta: InstanceMeta,
    env: Env,
    json: boolean,
    private readonly dataModel: DataSourceModel | undefined,
    overrides?: readonly BodyLayer[],
  ) {
    super(decl.block, decl.file, env, json, overrides);
    this.mode = decl.mode;
    this.type = decl.type;
    this.name = decl.name;
    const prefix = module.address === '' ? '' : module.address + '.';
    this.resourceAddress = `${prefix}${decl.mode === 'data' ? 'data.' : ''}${decl.type}.${decl.name}`;
    this.address = this.resourceAddress + keySuffix(key, expansion);
  }

  ref(name: string): Value {
    const hit = this.refCache.get(name);
    if (hit) return hit;
    const v = this.computeRef(name);
    this.refCache.set(name, v);
    return v;
  }

  private computeRef(name: string): Value {
    const modelled = this.dataModel?.(this, name);
    if (modelled) return modelled;
    const v = this.attr(name);
    if (v !== undefined && v.kind !== 'null') {
      // A configured but unknown value still names this attribute of this instance.
      if (v.kind === 'unknown' && !v.ref) return unknownWith(v.reasons, { type: v.type, ref: this.symbolic(name), ...(v.origins ? { origins: v.origins } : {}) });
      return v;
    }
    const nested = this.nestedBlocks(name);
    if (nested.length > 0) return tuple(nested.map((b) => blockObject(b)));
    return computedRef(this, name, this.symbolic(name));
  }

  evaluateInScope(expr: Expr): Value {
    return evaluate(expr, this.env);
  }

  private symbolic(name: string): SymbolicRef {
    const ref: SymbolicRef = { root: this.module.root.dir, address: this.address, path: [name] };
    if (DISTINCT_ATTRS.has(name) && this.expansion !== 'unknown') ref.distinctGroup = `${this.type}.${name}`;
    return ref;
  }
}

/** The unknown value of an attribute that is not configured: computed, or from the cloud for data sources. */
export function computedRef(inst: ResourceInstance, name: string, ref: SymbolicRef): Value {
  const data = inst.mode === 'data';
  return unknown(
    data ? 'data-source' : 'computed',
    data ? `${inst.address}.${name} is read from the cloud` : `${inst.address}.${name} is known only after apply`,
    inst.location,
    { ref, type: DISTINCT_ATTRS.has(name) ? 'string' : 'dynamic' },
  );
}

/** A nested block as an object value (`aws_x.y.vpc_config[0].subnet_ids`). */
function blockObject(b: BlockInstance): Value {
  const entries: [string, Value][] = [];
  for (const n of b.attrNames()) entries.push([n, b.attr(n)!]);
  return object(entries);
}

// ---------------------------------------------------------------------------
// Synthetic instances (registry models)

/** An argument of a synthetic instance: its value and the location the user can act on. */
export interface SyntheticAttr {
  value: Value;
  at?: SourceLocation;
}

/** The arguments and nested blocks of a synthetic resource or block, located where the model's call sets them. */
abstract class SyntheticBody {
  abstract readonly location: SourceLocation;

  constructor(
    private readonly attrs: ReadonlyMap<string, SyntheticAttr>,
    private readonly blocks: ReadonlyMap<string, SyntheticBlock[]>,
  ) {}

  attr(name: string): Value | undefined {
    return this.attrs.get(name)?.value;
  }

  attrLocation(name: string): SourceLocation | undefined {
    const a = this.attrs.get(name);
    return a ? (a.at ?? this.location) : undefined;
  }

  attribute(): Attribute | undefined {
    return undefined;
  }

  attrNames(): string[] {
    return [...this.attrs.keys()];
  }

  nestedBlocks(type: string): BlockInstance[] {
    return this.blocks.get(type) ?? [];
  }

  hasBlock(type: string): boolean {
    return this.nestedBlocks(type).length > 0;
  }
}

export class SyntheticBlock extends SyntheticBody implements BlockInstance {
  readonly block = undefined;

  constructor(
    readonly type: string,
    readonly file: string,
    readonly location: SourceLocation,
    attrs: ReadonlyMap<string, SyntheticAttr>,
    blocks: ReadonlyMap<string, SyntheticBlock[]> = new Map(),
  ) {
    super(attrs, blocks);
  }
}

export class SyntheticResource extends SyntheticBody implements ResourceInstance {
  readonly block = undefined;
  readonly decl = undefined;
  readonly address: string;
  readonly resourceAddress: string;
  readonly expansion: Expansion;
  readonly meta: InstanceMeta = {};
  readonly file: string;
  readonly location: SourceLocation;
  private readonly refCache = new Map<string, Value>();

  constructor(
    readonly module: ModuleInstance,
    readonly mode: ResourceMode,
    readonly type: string,
    readonly name: string,
    readonly key: InstanceKey | undefined,
    readonly synthetic: SyntheticOrigin,
    attrs: ReadonlyMap<string, SyntheticAttr>,
    blocks: ReadonlyMap<string, SyntheticBlock[]> = new Map(),
  ) {
    super(attrs, blocks);
    const prefix = module.address === '' ? '' : module.address + '.';
    this.resourceAddress = `${prefix}${mode === 'data' ? 'data.' : ''}${type}.${name}`;
    this.expansion = key === undefined ? 'single' : typeof key === 'number' ? 'count' : 'for_each';
    this.address = this.resourceAddress + keySuffix(key, this.expansion);
    this.file = synthetic.call.file;
    this.location = synthetic.call;
  }

  evaluateInScope(): Value {
    return unknown('unsupported', `${this.address} is created by the built-in model of ${this.synthetic.model} and has no expressions of its own`, this.location);
  }

  ref(name: string): Value {
    const hit = this.refCache.get(name);
    if (hit) return hit;
    const sref: SymbolicRef = { root: this.module.root.dir, address: this.address, path: [name] };
    if (DISTINCT_ATTRS.has(name)) sref.distinctGroup = `${this.type}.${name}`;
    let v = this.attr(name);
    if (v === undefined || v.kind === 'null') v = computedRef(this, name, sref);
    else if (v.kind === 'unknown' && !v.ref) v = unknownWith(v.reasons, { type: v.type, ref: sref, ...(v.origins ? { origins: v.origins } : {}) });
    this.refCache.set(name, v);
    return v;
  }
}
