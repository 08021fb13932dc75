// Evaluated Terraform values, three-valued: a value is known, unknown (with the reasons
// why and where they came from), or partly known (a collection whose length is known
// but some elements are not). Unknown values may be *symbolic*: `aws_subnet.a.id` is
// "the id of aws_subnet.a" (a SymbolicRef), so later layers can look at that resource's
// configuration (its AZ, VPC, route table) even though the id itself is computed.
//
// Values are immutable plain objects. Every value may carry `origins`: the source
// locations it came from (a literal in a .tf file, a line of terraform.tfvars, the
// module-call argument that fed a registry model). Those are the evidence a finding
// names as related locations.
//
// This file is a contract with the network layer: extend it, do not break it.

import type { Span } from '../hcl/source';
import type { ModuleInstance, ResourceInstance } from './model';

// ---------------------------------------------------------------------------
// Locations and reasons

/** A place in a file (absolute POSIX path, UTF-16 span). Same shape as rules' `Location`. */
export interface SourceLocation {
  file: string;
  span: Span;
}

/** Why a value is unknown. */
export type UnknownCode =
  /** A resource or data source attribute that only exists after apply / refresh (ids, ARNs, ...). */
  | 'computed'
  /** A variable with no default and no value from tfvars / -var. */
  | 'unset-variable'
  /** A data source we do not model (its result comes from the cloud). */
  | 'data-source'
  /** A function we do not implement, or one whose result depends on time, the environment or the network. */
  | 'unsupported-function'
  /** A language feature or expression we do not evaluate. */
  | 'unsupported'
  /** The expression is invalid (type error, missing attribute, parse error): Terraform would fail here. */
  | 'invalid'
  /** A limit stopped evaluation (instance count, range size, nesting depth, string size, regex safety). */
  | 'limit'
  /** A dependency cycle among locals / variables / outputs / modules. */
  | 'cycle'
  /** A module call whose source is not available locally (or lies outside the workspace). */
  | 'module-unavailable'
  /** A file outside the workspace roots, or one that does not exist. */
  | 'file-unavailable'
  /** count / for_each (or a key) could not be determined, so the instance set is unknown. */
  | 'unknown-expansion';

export interface UnknownReason {
  code: UnknownCode;
  /** One human sentence, e.g. "var.subnets has no default and no value was given". */
  message: string;
  /** Where the unknown originated (the variable declaration, the data source block, the call...). */
  at?: SourceLocation;
}

// ---------------------------------------------------------------------------
// Symbolic references

/** An instance key: numbers for `count` (and numeric for_each keys never occur: for_each keys are strings). */
export type InstanceKey = number | string;

/**
 * "Attribute `path` of resource instance `address`". `address` is the full instance address
 * with module prefix (`module.vpc.aws_subnet.private[1]`, `data.aws_region.current`), as
 * returned by `ResourceInstance.address`; `path` is the attribute path inside it
 * (`['id']`, `['names', 0]`). `Workspace.resolveRef` maps it back to the instance.
 */
export interface SymbolicRef {
  /** The root module directory the address is relative to (addresses repeat across roots). */
  root: string;
  address: string;
  path: (string | number)[];
  /**
   * Values whose refs carry the same `distinctGroup` and differ in address or path are known
   * to be different (e.g. the ids of two distinct aws_subnet instances; `names[0]` and
   * `names[1]` of one aws_availability_zones data source). Equal refs are always equal.
   */
  distinctGroup?: string;
  /** For a list-valued ref: its elements are pairwise distinct (`names` of aws_availability_zones). */
  distinctElements?: boolean;
}

// ---------------------------------------------------------------------------
// Values

export type TypeHint = 'string' | 'number' | 'bool' | 'list' | 'tuple' | 'set' | 'map' | 'object' | 'dynamic';

interface ValueBase {
  /** Where this value came from (evidence); absent when not tracked. */
  origins?: SourceLocation[];
}

export interface NullValue extends ValueBase {
  kind: 'null';
}

export interface BoolValue extends ValueBase {
  kind: 'bool';
  value: boolean;
}

export interface NumberValue extends ValueBase {
  kind: 'number';
  value: number;
}

export interface StringValue extends ValueBase {
  kind: 'string';
  value: string;
}

/**
 * A list, tuple or set of known length. Elements may themselves be unknown. Sets keep their
 * elements deduplicated and in Terraform's order (strings lexically, numbers ascending);
 * `uncertain` marks a set holding unknown elements that might equal others, so its length is
 * not really known.
 */
export interface ListValue extends ValueBase {
  kind: 'list' | 'tuple' | 'set';
  items: Value[];
  uncertain?: boolean;
}

/** A map or object: keys in lexical order (Terraform's iteration order). Values may be unknown. */
export interface MapValue extends ValueBase {
  kind: 'map' | 'object';
  entries: ReadonlyMap<string, Value>;
}

/** A value we do not know (partly or wholly), with why. */
export interface UnknownValue extends ValueBase {
  kind: 'unknown';
  /** Best guess of the type ('dynamic' when none). */
  type: TypeHint;
  /** At least one reason. */
  reasons: UnknownReason[];
  /** Present when this is a (computed or unknown-input) attribute of a known resource instance. */
  ref?: SymbolicRef;
  /**
   * For a list of unknown length: it has at least this many elements (e.g. every AWS region has
   * at least 2 AZs). Lets `element()` / indexing yield symbolic elements below this bound.
   */
  minLength?: number;
  /** This unknown string is the JSON encoding of this partly known value (`jsonencode` of something with unknowns). */
  jsonOf?: Value;
  /**
   * This unknown string is a template's result: the concatenation of these parts, known text and the unknown values
   * interpolated (adjacent known text merged; `%{if}` / `%{for}` directives over unknowns give no parts). Lets a
   * reader see the structure of a partly known text: a JSON policy from `templatefile()` with an unknown ARN in it.
   */
  parts?: (string | UnknownValue)[];
}

/**
 * A whole resource instance used as a value (`aws_subnet.a`, `aws_subnet.a[0]`): getting an
 * attribute yields its configured value or a computed ref.
 */
export interface ResourceObjectValue extends ValueBase {
  kind: 'resource';
  instance: ResourceInstance;
}

/** A whole module instance used as a value (`module.vpc`): getting an attribute yields an output. */
export interface ModuleObjectValue extends ValueBase {
  kind: 'module';
  instance: ModuleInstance;
}

export type Value =
  | NullValue
  | BoolValue
  | NumberValue
  | StringValue
  | ListValue
  | MapValue
  | UnknownValue
  | ResourceObjectValue
  | ModuleObjectValue;

// ---------------------------------------------------------------------------
// Construction

export const NULL: NullValue = Object.freeze({ kind: 'null' }) as NullValue;
export const TRUE: BoolValue = Object.freeze({ kind: 'bool', value: true }) as BoolValue;
export const FALSE: BoolValue = Object.freeze({ kind: 'bool', value: false }) as BoolValue;

function withOrigins<T extends Value>(v: T, origins: SourceLocation[] | undefined): T {
  if (origins && origins.length > 0) v.origins = origins;
  return v;
}

export function nullValue(origins?: SourceLocation[]): NullValue {
  return origins && origins.length ? { kind: 'null', origins } : NULL;
}

export function bool(value: boolean, origins?: SourceLocation[]): BoolValue {
  if (!origins || origins.length === 0) return value ? TRUE : FALSE;
  return { kind: 'bool', value, origins };
}

export function num(value: number, origins?: SourceLocation[]): NumberValue {
  return withOrigins({ kind: 'number', value }, origins);
}

export function str(value: string, origins?: SourceLocation[]): StringValue {
  return withOrigins({ kind: 'string', value }, origins);
}

export function tuple(items: Value[], origins?: SourceLocation[]): ListValue {
  return withOrigins({ kind: 'tuple', items }, origins);
}

export function list(items: Value[], origins?: SourceLocation[]): ListValue {
  return withOrigins({ kind: 'list', items }, origins);
}

/** A set: deduplicates known elements and orders them as Terraform does. */
export function set(items: Value[], origins?: SourceLocation[]): ListValue {
  const out: Value[] = [];
  const seenPrimitive = new Set<string>();
  const others: Value[] = [];
  let uncertain = false;
  for (const it of items) {
    if (it.kind === 'string' || it.kind === 'number' || it.kind === 'bool') {
      // Known primitives deduplicate by value (linear time for large sets).
      const key = `${it.kind}:${String(it.value)}`;
      if (seenPrimitive.has(key)) continue;
      seenPrimitive.add(key);
      if (others.some((o) => equals(o, it) === undefined)) uncertain = true;
      out.push(it);
      continue;
    }
    let dup = false;
    for (const o of out) {
      const eq = equals(o, it);
      if (eq === true) {
        dup = true;
        break;
      }
      if (eq === undefined) uncertain = true;
    }
    if (!dup) {
      out.push(it);
      others.push(it);
    }
  }
  out.sort(setOrder);
  const v: ListValue = { kind: 'set', items: out };
  if (uncertain) v.uncertain = true;
  return withOrigins(v, origins);
}

function setOrder(a: Value, b: Value): number {
  if (a.kind === 'string' && b.kind === 'string') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  if (a.kind === 'number' && b.kind === 'number') return a.value - b.value;
  if (a.kind === 'bool' && b.kind === 'bool') return Number(a.value) - Number(b.value);
  return 0;
}

/** An object (keys sorted). */
export function object(entries: Iterable<[string, Value]>, origins?: SourceLocation[]): MapValue {
  return withOrigins({ kind: 'object', entries: sortedEntries(entries) }, origins);
}

/** A map (keys sorted). */
export function map(entries: Iterable<[string, Value]>, origins?: SourceLocation[]): MapValue {
  return withOrigins({ kind: 'map', entries: sortedEntries(entries) }, origins);
}

function sortedEntries(entries: Iterable<[string, Value]>): Map<string, Value> {
  const arr = [...entries];
  arr.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Map(arr);
}

export interface UnknownOptions {
  type?: TypeHint;
  ref?: SymbolicRef;
  origins?: SourceLocation[];
  minLength?: number;
  jsonOf?: Value;
  parts?: (string | UnknownValue)[];
}

/** An unknown value with one reason. */
export function unknown(code: UnknownCode, message: string, at?: SourceLocation, opts: UnknownOptions = {}): UnknownValue {
  return unknownWith([at ? { code, message, at } : { code, message }], opts);
}

/** An unknown value with the given reasons (deduplicated, capped). */
export function unknownWith(reasons: UnknownReason[], opts: UnknownOptions = {}): UnknownValue {
  const v: UnknownValue = { kind: 'unknown', type: opts.type ?? 'dynamic', reasons: dedupeReasons(reasons) };
  if (opts.ref) v.ref = opts.ref;
  if (opts.minLength !== undefined) v.minLength = opts.minLength;
  if (opts.jsonOf) v.jsonOf = opts.jsonOf;
  if (opts.parts) v.parts = opts.parts;
  return withOrigins(v, opts.origins);
}

/** At most this many reasons are kept on one value (the first ones are the most telling). */
export const MAX_REASONS = 8;

function dedupeReasons(reasons: UnknownReason[]): UnknownReason[] {
  // The common case, one reason: nothing to compare.
  if (reasons.length === 1) return [reasons[0]];
  const out: UnknownReason[] = [];
  const seen = new Set<string>();
  for (const r of reasons) {
    const k = `${r.code}|${r.message}|${r.at ? `${r.at.file}:${r.at.span.start}` : ''}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r);
    if (out.length >= MAX_REASONS) break;
  }
  if (out.length === 0) out.push({ code: 'unsupported', message: 'value could not be determined' });
  return out;
}

/** The value with `origins` added (a new object; NULL/TRUE/FALSE singletons are copied). */
export function addOrigins<T extends Value>(v: T, origins: SourceLocation[] | undefined): T {
  if (!origins || origins.length === 0) return v;
  const merged = mergeLocations(v.origins, origins);
  if (merged === v.origins) return v;
  return { ...v, origins: merged };
}

function mergeLocations(a: SourceLocation[] | undefined, b: SourceLocation[]): SourceLocation[] {
  if (!a || a.length === 0) return b;
  const out = [...a];
  for (const l of b) {
    if (!out.some((o) => o.file === l.file && o.span.start === l.span.start && o.span.end === l.span.end)) out.push(l);
  }
  return out.length === a.length ? a : out.slice(0, 16);
}

// ---------------------------------------------------------------------------
// Inspection
//
// Values may share structure (a local used twice inside another), so a value of modest
// size in memory can stand for an exponentially large tree. Every walker below therefore
// visits at most WALK_BUDGET nodes and then answers conservatively; refsIn and originsOf,
// which only collect, also visit each shared node once, since a second visit finds nothing new.

/** Nodes one walk over a value may visit. */
export const WALK_BUDGET = 200_000;

/** A visit counter shared by one walk. */
class Budget {
  left = WALK_BUDGET;
  spend(): boolean {
    return --this.left >= 0;
  }
}

export function isUnknown(v: Value): v is UnknownValue {
  return v.kind === 'unknown';
}

export function isNull(v: Value): v is NullValue {
  return v.kind === 'null';
}

/** True when the value and everything inside it is known (no unknowns, no whole-resource objects). Too large to tell: false. */
export function isWhollyKnown(v: Value): boolean {
  const budget = new Budget();
  // No shortcut for shared nodes here: callers (jsonencode, flatten, ...) count on `false` for a value too large to walk.
  const walk = (x: Value, depth: number): boolean => {
    if (depth > 100 || !budget.spend()) return false;
    switch (x.kind) {
      case 'unknown':
      case 'resource':
      case 'module':
        return false;
      case 'list':
      case 'tuple':
      case 'set':
        return !x.uncertain && x.items.every((i) => walk(i, depth + 1));
      case 'map':
      case 'object':
        for (const e of x.entries.values()) if (!walk(e, depth + 1)) return false;
        return true;
      default:
        return true;
    }
  };
  return walk(v, 0);
}

/** The string, when `v` is a known string. (No conversion: numbers are not strings here.) */
export function asString(v: Value | undefined): string | undefined {
  return v && v.kind === 'string' ? v.value : undefined;
}

export function asNumber(v: Value | undefined): number | undefined {
  return v && v.kind === 'number' ? v.value : undefined;
}

/** The boolean, when `v` is a known bool (also the strings "true"/"false", as Terraform converts them). */
export function asBool(v: Value | undefined): boolean | undefined {
  if (!v) return undefined;
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'string' && (v.value === 'true' || v.value === 'false')) return v.value === 'true';
  return undefined;
}

/** The elements of a list, tuple or set of known length (elements may be unknown). */
export function asList(v: Value | undefined): Value[] | undefined {
  return v && (v.kind === 'list' || v.kind === 'tuple' || v.kind === 'set') ? v.items : undefined;
}

/** The entries of a map or object (values may be unknown). */
export function asMap(v: Value | undefined): ReadonlyMap<string, Value> | undefined {
  return v && (v.kind === 'map' || v.kind === 'object') ? v.entries : undefined;
}

/** Terraform's treatment of `null` arguments: null is the same as not set. */
export function isAbsent(v: Value | undefined): boolean {
  return v === undefined || v.kind === 'null';
}

/** All symbolic refs in a value (deep, also inside jsonencode() and template results), in order, without duplicates. */
export function refsIn(v: Value): SymbolicRef[] {
  const out: SymbolicRef[] = [];
  const seen = new Set<string>();
  const visited = new Set<Value>();
  const budget = new Budget();
  const walk = (x: Value, depth: number): void => {
    if (visited.has(x) || depth > 100 || !budget.spend()) return;
    visited.add(x);
    if (x.kind === 'unknown') {
      if (x.ref) {
        const k = x.ref.root + '\0' + refKey(x.ref);
        if (!seen.has(k)) {
          seen.add(k);
          out.push(x.ref);
        }
      }
      if (x.jsonOf) walk(x.jsonOf, depth + 1);
      if (x.parts) for (const p of x.parts) if (typeof p !== 'string') walk(p, depth + 1);
    } else if (x.kind === 'list' || x.kind === 'tuple' || x.kind === 'set') {
      for (const i of x.items) walk(i, depth + 1);
    } else if (x.kind === 'map' || x.kind === 'object') {
      for (const e of x.entries.values()) walk(e, depth + 1);
    } else if (x.kind === 'resource') {
      const k = x.instance.module.root.dir + '\0' + x.instance.address;
      if (!seen.has(k)) {
        seen.add(k);
        out.push({ root: x.instance.module.root.dir, address: x.instance.address, path: [] });
      }
    }
  };
  walk(v, 0);
  return out;
}

/** `module.a.aws_subnet.x[0].id`, `data.aws_availability_zones.az.names[1]`. */
export function refKey(r: SymbolicRef): string {
  let s = r.address;
  for (const p of r.path) s += typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`;
  return s;
}

/** All unknown reasons inside a value (deep), deduplicated. */
export function reasonsOf(v: Value): UnknownReason[] {
  const out: UnknownReason[] = [];
  const budget = new Budget();
  let exhausted = false;
  // No shortcut for shared nodes: a value too large to walk must get its 'limit' reason (see isWhollyKnown).
  const walk = (x: Value, depth: number): void => {
    if (out.length >= 32 || exhausted) return;
    if (depth > 100 || !budget.spend()) {
      exhausted = true;
      return;
    }
    if (x.kind === 'unknown') out.push(...x.reasons);
    else if (x.kind === 'list' || x.kind === 'tuple' || x.kind === 'set') for (const i of x.items) walk(i, depth + 1);
    else if (x.kind === 'map' || x.kind === 'object') for (const e of x.entries.values()) walk(e, depth + 1);
  };
  walk(v, 0);
  if (exhausted) out.push({ code: 'limit', message: 'the value is too large or too deeply nested to inspect' });
  return out.length > 0 ? dedupeReasons(out) : [];
}

/** Evidence locations of a value and, for collections, of its elements (deep, deduplicated, capped). */
export function originsOf(v: Value): SourceLocation[] {
  let out: SourceLocation[] = [];
  const visited = new Set<Value>();
  const budget = new Budget();
  const walk = (x: Value, depth: number): void => {
    if (visited.has(x) || depth > 50 || out.length >= 32 || !budget.spend()) return;
    visited.add(x);
    if (x.origins) out = mergeLocations(out, x.origins);
    if (x.kind === 'list' || x.kind === 'tuple' || x.kind === 'set') for (const i of x.items) walk(i, depth + 1);
    else if (x.kind === 'map' || x.kind === 'object') for (const e of x.entries.values()) walk(e, depth + 1);
  };
  walk(v, 0);
  return out;
}

/**
 * Three-valued equality with Terraform's `==` semantics (types must match; numbers by value;
 * collections element-wise). Symbolic refs: equal refs are equal; refs in the same
 * `distinctGroup` with different targets are different; anything else unknown is `undefined`.
 */
export function equals(a: Value, b: Value): boolean | undefined {
  return equalsIn(a, b, 0, new Budget());
}

function equalsIn(a: Value, b: Value, depth: number, budget: Budget): boolean | undefined {
  if (depth > 100 || !budget.spend()) return undefined;
  if (a.kind === 'unknown' || b.kind === 'unknown') {
    if (a.kind === 'unknown' && b.kind === 'unknown' && a.ref && b.ref) {
      if (a.ref.root !== b.ref.root) return undefined;
      if (refKey(a.ref) === refKey(b.ref)) return true;
      if (a.ref.distinctGroup && a.ref.distinctGroup === b.ref.distinctGroup) return false;
    }
    return undefined;
  }
  if (a.kind === 'resource' || b.kind === 'resource' || a.kind === 'module' || b.kind === 'module') {
    if (a.kind === 'resource' && b.kind === 'resource') return a.instance.address === b.instance.address ? true : undefined;
    if (a.kind === 'module' && b.kind === 'module') return a.instance.address === b.instance.address ? true : undefined;
    return undefined;
  }
  if (a.kind === 'null' || b.kind === 'null') return a.kind === b.kind;
  const la = asList(a);
  const lb = asList(b);
  if (la && lb) {
    if ((a.kind === 'set') !== (b.kind === 'set')) return false;
    if (a.kind === 'set' && b.kind === 'set' && (a.uncertain || b.uncertain)) return undefined;
    if (la.length !== lb.length) return false;
    let res: boolean | undefined = true;
    for (let i = 0; i < la.length; i++) {
      const e = equalsIn(la[i], lb[i], depth + 1, budget);
      if (e === false) return false;
      if (e === undefined) res = undefined;
    }
    return res;
  }
  const ma = asMap(a);
  const mb = asMap(b);
  if (ma && mb) {
    if (ma.size !== mb.size) return false;
    let res: boolean | undefined = true;
    for (const [k, va] of ma) {
      const vb = mb.get(k);
      if (!vb) return false;
      const e = equalsIn(va, vb, depth + 1, budget);
      if (e === false) return false;
      if (e === undefined) res = undefined;
    }
    return res;
  }
  if (a.kind !== b.kind) return false;
  return (a as { value: unknown }).value === (b as { value: unknown }).value;
}

/**
 * The JSON a string holds, as a Value: for a known string, its parse (undefined when it is not
 * JSON); for an unknown produced by `jsonencode` of a partly known value, that value. Policies
 * (`aws_iam_policy_document.json`, `jsonencode({...})`) are read through this.
 */
export function jsonContent(v: Value | undefined): Value | undefined {
  if (!v) return undefined;
  if (v.kind === 'unknown') return v.jsonOf;
  if (v.kind !== 'string') return v.kind === 'map' || v.kind === 'object' ? v : undefined;
  try {
    return fromJSON(JSON.parse(v.value), v.origins);
  } catch {
    return undefined;
  }
}

/** Converts plain JSON data to a Value (objects → object, arrays → tuple), tagging every node with `origins`. */
export function fromJSON(data: unknown, origins?: SourceLocation[], depth = 0): Value {
  if (depth > 200) return unknown('limit', 'JSON nested too deeply');
  if (data === null || data === undefined) return nullValue(origins);
  if (typeof data === 'boolean') return bool(data, origins);
  if (typeof data === 'number') return num(data, origins);
  if (typeof data === 'string') return str(data, origins);
  if (Array.isArray(data)) return tuple(data.map((d) => fromJSON(d, origins, depth + 1)), origins);
  if (typeof data === 'object') {
    return object(
      Object.entries(data as Record<string, unknown>).map(([k, d]) => [k, fromJSON(d, origins, depth + 1)] as [string, Value]),
      origins,
    );
  }
  return unknown('invalid', 'not a JSON value');
}

// ---------------------------------------------------------------------------
// Rendering

/**
 * A JSON-serialisable form for `--explain` and debugging. Known primitives and collections map
 * to JSON; unknowns to `{ "unknown": "<type>", "ref": "...", "reasons": [...] }`; resource and
 * module objects to `{ "resource": "<address>" }` / `{ "module": "<address>" }`.
 */
export function toJSON(v: Value): unknown {
  return toPlain(v, {
    limit: () => ({ truncated: true }),
    unknown: (u, plain) => {
      const o: Record<string, unknown> = { unknown: u.type };
      if (u.ref) o.ref = refKey(u.ref);
      if (u.jsonOf) o.jsonOf = plain(u.jsonOf);
      o.reasons = u.reasons.map((r) => (r.at ? { code: r.code, message: r.message, at: r.at } : { code: r.code, message: r.message }));
      return o;
    },
    resource: (r) => ({ resource: r.instance.address }),
    module: (m) => ({ module: m.instance.address }),
  });
}

/** How `toPlain` renders what has no plain JSON form. */
export interface PlainHooks {
  /** In place of a value deeper than 64 levels (`'depth'`) or beyond the node budget (`'size'`). */
  limit(why: 'depth' | 'size'): unknown;
  /** An unknown value; `plain` renders a nested value within the same limits. */
  unknown(v: UnknownValue, plain: (x: Value) => unknown): unknown;
  resource(v: Extract<Value, { kind: 'resource' }>): unknown;
  module(v: Extract<Value, { kind: 'module' }>): unknown;
}

/** A value as plain JSON data (null, booleans, numbers, strings, arrays, objects); the hooks render the rest. */
export function toPlain(v: Value, hooks: PlainHooks, maxNodes = WALK_BUDGET): unknown {
  let left = maxNodes;
  const walk = (x: Value, depth: number): unknown => {
    if (depth > 64) return hooks.limit('depth');
    if (--left < 0) return hooks.limit('size');
    switch (x.kind) {
      case 'null':
        return null;
      case 'bool':
      case 'number':
      case 'string':
        return x.value;
      case 'list':
      case 'tuple':
      case 'set':
        return x.items.map((i) => walk(i, depth + 1));
      case 'map':
      case 'object': {
        const o: Record<string, unknown> = {};
        for (const [k, e] of x.entries) o[k] = walk(e, depth + 1);
        return o;
      }
      case 'unknown':
        return hooks.unknown(x, (y) => walk(y, depth + 1));
      case 'resource':
        return hooks.resource(x);
      case 'module':
        return hooks.module(x);
    }
  };
  return walk(v, 0);
}

/** A short HCL-like rendering: `"us-east-1a"`, `["a", (unknown)]`, `aws_subnet.a.id`. Long output is cut. */
export function renderValue(v: Value, maxLength = 200): string {
  const s = render(v, 0, new Budget());
  return s.length > maxLength ? s.slice(0, Math.max(0, maxLength - 1)) + '…' : s;
}

function render(v: Value, depth: number, budget: Budget): string {
  if (depth > 8 || !budget.spend()) return '…';
  switch (v.kind) {
    case 'null':
      return 'null';
    case 'bool':
    case 'number':
      return String(v.value);
    case 'string':
      return JSON.stringify(v.value);
    case 'list':
    case 'tuple':
    case 'set': {
      const inner = v.items.slice(0, 20).map((i) => render(i, depth + 1, budget));
      if (v.items.length > 20) inner.push('…');
      return `${v.kind === 'set' ? 'toset(' : ''}[${inner.join(', ')}]${v.kind === 'set' ? ')' : ''}`;
    }
    case 'map':
    case 'object': {
      const inner = [...v.entries].slice(0, 20).map(([k, e]) => `${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k)} = ${render(e, depth + 1, budget)}`);
      if (v.entries.size > 20) inner.push('…');
      return `{ ${inner.join(', ')} }`;
    }
    case 'unknown':
      return v.ref ? refKey(v.ref) : '(known after apply)';
    case 'resource':
      return v.instance.address;
    case 'module':
      return v.instance.address;
  }
}

/** A human sentence saying why a value (or something inside it) is unknown; '' when it is wholly known. */
export function describeUnknown(v: Value): string {
  const reasons = reasonsOf(v);
  if (isWhollyKnown(v)) return '';
  if (reasons.length === 0) return v.kind === 'resource' ? `${v.instance.address} is a resource object` : 'value not known before apply';
  return reasons
    .slice(0, 3)
    .map((r) => r.message)
    .join('; ');
}
