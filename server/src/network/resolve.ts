// Shared helpers of the network layer: facts from terraform values, identities of AWS things ("refs"), and the
// per-build context (caches of resource instances by root and type).

import type { Expr } from '../hcl/ast';
import { layersOf } from '../terraform/loader';
import type { ModuleInstance, ResourceInstance, ResourceMode, Workspace } from '../terraform/model';
import {
  asBool,
  asList,
  describeUnknown,
  equals,
  isAbsent,
  isUnknown,
  originsOf,
  refKey,
  type SourceLocation,
  type Value,
} from '../terraform/values';
import type { Fact, KnownFact, Loc, RefKind, UnknownFact, UnknownNote } from './types';

export function loc(l: SourceLocation): Loc {
  return { file: l.file, span: { start: l.span.start, end: l.span.end } };
}

export function known<T>(value: T, at?: Loc): KnownFact<T> {
  return at ? { known: true, value, at } : { known: true, value };
}

export function unknownFact(reason: string, at?: Loc): UnknownFact {
  return at ? { known: false, reason, at } : { known: false, reason };
}

export function note(what: string, reason: string, at?: Loc): UnknownNote {
  return at ? { what, reason, at } : { what, reason };
}

/** Why a value is unknown, in one sentence. */
export function whyUnknown(v: Value): string {
  return describeUnknown(v) || 'the value is not known before apply';
}

/** Where a value's unknownness (or the value itself) comes from: the first reason's location, else its origin. */
export function whereFrom(v: Value): Loc | undefined {
  if (isUnknown(v)) for (const r of v.reasons) if (r.at) return loc(r.at);
  const o = originsOf(v);
  return o.length > 0 ? loc(o[0]) : undefined;
}

/** A fact from a boolean argument: absent → `dflt`. */
export function boolFact(v: Value | undefined, dflt: boolean, at?: Loc): Fact<boolean> {
  if (isAbsent(v)) return known(dflt, at);
  const b = asBool(v);
  if (b !== undefined) return known(b, at);
  return unknownFact(whyUnknown(v as Value), at ?? whereFrom(v as Value));
}

/** The header location of a resource instance (its block header, or for synthetic ones the module call). */
export function headerOf(inst: ResourceInstance): Loc {
  return loc(inst.location);
}

/** The location of an argument of a body, falling back to the body's header. */
export function attrLoc(body: { attrLocation(name: string): SourceLocation | undefined; location: SourceLocation }, name: string): Loc {
  const l = body.attrLocation(name);
  return loc(l ?? body.location);
}

export function optAttrLoc(body: { attrLocation(name: string): SourceLocation | undefined }, name: string): Loc | undefined {
  const l = body.attrLocation(name);
  return l ? loc(l) : undefined;
}

/** True when an expression mentions count, each or self: it cannot be evaluated in module scope. */
export function usesInstanceScope(e: Expr): boolean {
  let found = false;
  const walk = (x: unknown, depth: number): void => {
    if (found || depth > 64 || typeof x !== 'object' || x === null) return;
    const o = x as { kind?: string; name?: unknown };
    if (o.kind === 'Variable' && (o.name === 'count' || o.name === 'each' || o.name === 'self')) {
      found = true;
      return;
    }
    for (const v of Object.values(o)) {
      if (Array.isArray(v)) for (const i of v) walk(i, depth + 1);
      else walk(v, depth + 1);
    }
  };
  walk(e, 0);
  return found;
}

// ---------------------------------------------------------------------------
// Identities

/** An AWS thing named by a value: a managed or data resource instance, a literal id, or an opaque expression. */
export interface Thing {
  ref: string;
  refKind: RefKind;
  /** The resource instance, when the value points at one of the expected types. */
  instance?: ResourceInstance;
  /** The value that named it (for equality tests against other references). */
  value: Value;
  at?: Loc;
}

/**
 * What a value (one element of `subnet_ids`, a `vpc_id`, ...) names. `types` are the resource types (managed or
 * data) that are the thing itself; a reference into any other resource (`data.aws_subnets.x.ids[0]`, a module
 * output of an unavailable module) is an opaque `expression` thing, still distinct from other expressions.
 */
export function identify(ctx: NetContext, v: Value, types: readonly string[]): Thing | UnknownFact {
  if (v.kind === 'string') return { ref: v.value, refKind: 'literal', value: v, at: whereFrom(v) };
  if (v.kind === 'resource') {
    const inst = v.instance;
    if (types.includes(inst.type)) return { ref: inst.address, refKind: inst.mode === 'data' ? 'data' : 'resource', instance: inst, value: inst.ref('id'), at: headerOf(inst) };
    return unknownFact(`${inst.address} is a whole resource object, not an id`, headerOf(inst));
  }
  if (v.kind === 'unknown' && v.ref) {
    const insts = ctx.ws.resolveRef(v);
    const inst = insts.length === 1 ? insts[0] : undefined;
    if (inst && types.includes(inst.type) && v.ref.path.length <= 1) {
      return { ref: inst.address, refKind: inst.mode === 'data' ? 'data' : 'resource', instance: inst, value: v, at: headerOf(inst) };
    }
    return { ref: refKey(v.ref), refKind: 'expression', value: v, at: inst ? headerOf(inst) : whereFrom(v) };
  }
  if (v.kind === 'null') return unknownFact('the element is null', whereFrom(v));
  return unknownFact(whyUnknown(v), whereFrom(v));
}

/**
 * Whether two values name the same AWS thing. Equal values are the same; a literal id is taken to name something
 * outside the configuration, so it differs from a reference to a managed resource (a literal copied from a
 * managed resource's id after apply is the one case this gets wrong). Otherwise `equals` decides, and undefined
 * means it cannot be told.
 */
export function sameThing(ctx: NetContext, a: Value | undefined, b: Value | undefined): boolean | undefined {
  if (a === undefined || b === undefined || isAbsent(a) || isAbsent(b)) return false;
  const e = equals(a, b);
  if (e !== undefined) return e;
  const ra = managedTarget(ctx, a);
  const rb = managedTarget(ctx, b);
  // Attributes of two different managed resources (ids, names, ARNs) name two different things. An instance of
  // unknown expansion (`[*]`) stands for every instance of its resource, so it is only told apart from others.
  if (ra && rb && ra !== rb) {
    if (ra.resourceAddress !== rb.resourceAddress) return false;
    if (ra.expansion !== 'unknown' && rb.expansion !== 'unknown') return false;
  }
  const lit = a.kind === 'string' ? b : b.kind === 'string' ? a : undefined;
  if (lit && lit.kind === 'unknown' && lit.ref) {
    const insts = ctx.ws.resolveRef(lit);
    if (insts.length > 0 && insts.every((i) => i.mode === 'managed')) return false;
  }
  if (a.kind === 'resource' || b.kind === 'resource') {
    const ia = a.kind === 'resource' ? a.instance.address : a.kind === 'unknown' && a.ref ? a.ref.address : undefined;
    const ib = b.kind === 'resource' ? b.instance.address : b.kind === 'unknown' && b.ref ? b.ref.address : undefined;
    if (ia !== undefined && ia === ib) return true;
  }
  return undefined;
}

/** The one managed resource instance a symbolic reference (or resource object) points at. */
export function managedTarget(ctx: NetContext, v: Value): ResourceInstance | undefined {
  if (v.kind === 'resource') return v.instance.mode === 'managed' ? v.instance : undefined;
  if (v.kind !== 'unknown' || !v.ref || v.ref.path.length !== 1) return undefined;
  const insts = ctx.ws.resolveRef(v);
  return insts.length === 1 && insts[0].mode === 'managed' ? insts[0] : undefined;
}

/** The elements of a list value, or undefined when its length is unknown. */
export function listItems(v: Value | undefined): Value[] | undefined {
  if (v === undefined || v.kind === 'null') return [];
  const items = asList(v);
  if (!items) return undefined;
  if (v.kind === 'set' && v.uncertain) return undefined;
  return items;
}

// ---------------------------------------------------------------------------
// Context

/** Caches for one build over a workspace. */
export class NetContext {
  private readonly byRootType = new Map<string, ResourceInstance[]>();
  private byRoot: Map<ModuleInstance, ModuleInstance[]> | undefined;
  readonly memo = new Map<string, unknown>();

  constructor(readonly ws: Workspace) {}

  /** The module instances under the root module `root` (itself first), in the workspace's order. */
  modulesOf(root: ModuleInstance): ModuleInstance[] {
    if (!this.byRoot) {
      this.byRoot = new Map();
      for (const m of this.ws.modules()) {
        const list = this.byRoot.get(m.root);
        if (list) list.push(m);
        else this.byRoot.set(m.root, [m]);
      }
    }
    return this.byRoot.get(root) ?? [];
  }

  /** Every instance of `type` (managed by default; every type when `type` is undefined) under the root module `root`. */
  resources(root: ModuleInstance, type: string | undefined, mode: ResourceMode = 'managed'): ResourceInstance[] {
    const key = `${root.dir}\0${mode}\0${type ?? ''}`;
    let list = this.byRootType.get(key);
    if (!list) {
      list = [];
      for (const m of this.modulesOf(root)) for (const r of m.resources(type === undefined ? { mode } : { type, mode })) list.push(r);
      this.byRootType.set(key, list);
    }
    return list;
  }

  /**
   * The entries of `list` that may name `target` through one of their values (`valuesOf`), in their order:
   * those with a value that does not point at one managed resource, and those with a value that points at an
   * instance of `target`'s resource. For every other entry, sameThing(value, attribute of target) is false (two
   * different managed resources), so a caller that tests the shortlist gets the answers it would get from the
   * whole list. The index is built once per `key` (which names the list and `valuesOf`).
   */
  mayName<T>(key: string, list: readonly T[], valuesOf: (entry: T) => readonly Value[], target: ResourceInstance): T[] {
    let index = this.memo.get(key) as { other: number[]; byAddress: Map<string, number[]> } | undefined;
    if (!index) {
      index = { other: [], byAddress: new Map() };
      for (let i = 0; i < list.length; i++) {
        const addresses = new Set<string>();
        let other = false;
        for (const v of valuesOf(list[i])) {
          const t = isAbsent(v) ? undefined : managedTarget(this, v);
          if (t) addresses.add(t.resourceAddress);
          else if (!isAbsent(v)) other = true;
        }
        if (other) index.other.push(i);
        else {
          for (const a of addresses) {
            const at = index.byAddress.get(a);
            if (at) at.push(i);
            else index.byAddress.set(a, [i]);
          }
        }
      }
      this.memo.set(key, index);
    }
    const same = index.byAddress.get(target.resourceAddress) ?? [];
    const picked = same.length === 0 ? index.other : index.other.length === 0 ? same : [...same, ...index.other].sort((a, b) => a - b);
    return picked.map((i) => list[i]);
  }

  /**
   * The resources and data sources (under the root module `root`) one of whose top-level arguments is written at `at`, or
   * contains it: where a known value came from (a value's `origins`), when it is a resource's own configuration
   * (`bucket = "orders"` read through a local or a module output). Synthetic resources of built-in models are
   * located at the call arguments that feed them.
   */
  resourcesAt(root: ModuleInstance, at: SourceLocation): { inst: ResourceInstance; attr: string }[] {
    const out: { inst: ResourceInstance; attr: string }[] = [];
    const inside = (l: SourceLocation | undefined): boolean => l !== undefined && l.file === at.file && l.span.start <= at.span.start && at.span.end <= l.span.end;
    const collect = (inst: ResourceInstance): void => {
      for (const attr of inst.attrNames()) if (inside(inst.attrLocation(attr))) out.push({ inst, attr });
    };
    for (const m of this.modulesOf(root)) {
      if (m.source.kind === 'model') {
        // A model's resources are located at the call arguments that feed them.
        if (m.call && layersOf(m.call).some((l) => l.file === at.file)) for (const inst of m.resources()) collect(inst);
        continue;
      }
      // Only the declarations written around `at` are expanded.
      for (const decl of m.config.resources) {
        if (!layersOf(decl).some((l) => l.file === at.file && l.block.span.start <= at.span.start && at.span.end <= l.block.span.end)) continue;
        for (const inst of m.resources({ type: decl.type, mode: decl.mode })) if (inst.name === decl.name) collect(inst);
      }
    }
    return out;
  }

  /** Memoises `compute` under `key` (keys are namespaced by the caller). */
  cached<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const v = compute();
    this.memo.set(key, v);
    return v;
  }
}

/** The value of one argument of a resource, as NetContext.mayName's `valuesOf` (none when it is not set). */
export function argumentValues(name: string): (r: ResourceInstance) => Value[] {
  return (r) => {
    const v = r.attr(name);
    return v === undefined ? [] : [v];
  };
}

/** A stable key for a resource instance across roots. */
export function instanceKey(inst: ResourceInstance): string {
  return `${inst.module.root.dir}\0${inst.address}`;
}
