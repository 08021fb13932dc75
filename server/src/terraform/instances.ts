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
export function expand(count: Attribute | undefined, forEach: Attribute | undefined, env: Env, limits: Readonly<Limits>): Expanded {
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
    const at = { file: env.file, span: forEach.name.span };
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
    const at: SourceLocation = { file: env.file, span: forEach.expr.span };
    const v = evaluate(forEach.expr, env);
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

/** A nested-block view over a body from the source, evaluated in `env`. */
abstract class SourceBody {
  private readonly attrCache = new Map<string, Value | undefined>();
  private readonly blockCache = new Map<string, BlockInstance[]>();

  constructor(
    readonly block: Block,
    readonly file: string,
    readonly env: Env,
    protected readonly json: boolean,
  ) {}

  get location(): SourceLocation {
    return { file: this.file, span: headerSpan(this.block) };
  }

  protected get body(): Body {
    return this.block.body;
  }

  attribute(name: string): Attribute | undefined {
    return findAttribute(this.body, name);
  }

  attr(name: string): Value | undefined {
    if (this.attrCache.has(name)) return this.attrCache.get(name);
    const a = this.attribute(name);
    if (!a) {
      this.attrCache.set(name, undefined);
      return undefined;
    }
    // While evaluating, a reference back to this argument is a cycle.
    const at: SourceLocation = { file: this.file, span: a.expr.span };
    this.attrCache.set(name, unknown('cycle', `argument ${name} refers to itself`, at));
    const v = evaluate(a.expr, this.env);
    this.attrCache.set(name, v);
    return v;
  }

  attrLocation(name: string): SourceLocation | undefined {
    const a = this.attribute(name);
    return a ? { file: this.file, span: a.expr.span } : undefined;
  }

  attrNames(): string[] {
    const out: string[] = [];
    for (const i of this.body.items) if (i.kind === 'Attribute' && !META_ARGS.has(i.name.name)) out.push(i.name.name);
    return out;
  }

  nestedBlocks(type: string): BlockInstance[] {
    const hit = this.blockCache.get(type);
    if (hit) return hit;
    const out: BlockInstance[] = [];
    for (const item of this.body.items) {
      if (item.kind !== 'Block') continue;
      if (item.type.name === type) {
        out.push(new BlockInstanceImpl(type, item, this.file, this.env, this.json));
      } else if (item.type.name === 'dynamic' && item.labels[0]?.value === type) {
        out.push(...expandDynamic(type, item, this.file, this.env, this.json));
      }
    }
    if (out.length === 0 && this.json) out.push(...jsonAttributeBlocks(type, this));
    this.blockCache.set(type, out);
    return out;
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
  ) {
    super(block, file, env, json);
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
function jsonAttributeBlocks(type: string, body: SourceBody): BlockInstance[] {
  const a = body.attribute(type);
  if (!a) return [];
  const exprs: Expr[] = a.expr.kind === 'Object' ? [a.expr] : a.expr.kind === 'Tuple' ? a.expr.elements.filter((e) => e.kind === 'Object') : [];
  return exprs.map((e) => new ObjectBlockInstance(type, e as Expr & { kind: 'Object' }, body.file, body.env));
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
  ) {
    super(decl.block, decl.file, env, json);
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

export class SyntheticBlock implements BlockInstance {
  readonly block = undefined;

  constructor(
    readonly type: string,
    readonly file: string,
    readonly location: SourceLocation,
    private readonly attrs: ReadonlyMap<string, SyntheticAttr>,
    private readonly blocks: ReadonlyMap<string, SyntheticBlock[]> = new Map(),
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

export class SyntheticResource implements ResourceInstance {
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
    private readonly attrs: ReadonlyMap<string, SyntheticAttr>,
    private readonly blocks: ReadonlyMap<string, SyntheticBlock[]> = new Map(),
  ) {
    const prefix = module.address === '' ? '' : module.address + '.';
    this.resourceAddress = `${prefix}${mode === 'data' ? 'data.' : ''}${type}.${name}`;
    this.expansion = key === undefined ? 'single' : typeof key === 'number' ? 'count' : 'for_each';
    this.address = this.resourceAddress + keySuffix(key, this.expansion);
    this.file = synthetic.call.file;
    this.location = synthetic.call;
  }

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
