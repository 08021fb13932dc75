// Small helpers shared by the registry models: reading call arguments the way the
// modules' own expressions would (element() wrapping, coalesce, lookups in objects).
import { symbolicElement } from '../functions/collection';
import type { SyntheticAttr } from '../instances';
import type { ResourceInstance } from '../model';
import {
  asBool,
  asList,
  asMap,
  nullValue,
  reasonsOf,
  str,
  tuple,
  unknownWith,
  type SourceLocation,
  type UnknownReason,
  type Value,
} from '../values';
import type { ModelContext } from './types';

/** A known flag, or the reasons it is unknown. */
export function flag(ctx: ModelContext, name: string, dflt: boolean): boolean | UnknownReason[] {
  const v = ctx.arg(name, { kind: 'bool', value: dflt });
  const b = asBool(v);
  if (b !== undefined) return b;
  const reasons = reasonsOf(v);
  return reasons.length > 0 ? reasons : [{ code: 'invalid', message: `${name} is not a bool`, at: ctx.at(name) }];
}

/** A list argument of known length, or the reasons it is not known. */
export function listArg(ctx: ModelContext, name: string): Value[] | UnknownReason[] {
  const v = ctx.arg(name, tuple([]));
  const items = asList(v);
  if (items && !(v.kind === 'set' && v.uncertain)) return items;
  const reasons = reasonsOf(v);
  return reasons.length > 0 ? reasons : [{ code: 'invalid', message: `${name} is not a list`, at: ctx.at(name) }];
}

/** Tells reasons (never empty) from a result that may itself be an (empty) array. */
export function isReasons<T>(x: T | UnknownReason[]): x is UnknownReason[] {
  return Array.isArray(x) && x.length > 0 && typeof x[0] === 'object' && x[0] !== null && 'code' in (x[0] as object) && 'message' in (x[0] as object);
}

/** `element(list, i)` as Terraform computes it (wrapping), also for symbolic lists of unknown length. */
export function elementOf(list: Value, i: number): Value {
  const items = asList(list);
  if (items) return items.length === 0 ? nullValue() : items[i % items.length];
  if (list.kind === 'unknown' && list.ref && list.minLength !== undefined && i < list.minLength) return symbolicElement(list, i);
  return unknownWith(reasonsOf(list), { type: 'dynamic' });
}

/** The number of elements of a list value, when known. */
export function lengthOf(list: Value): number | undefined {
  const items = asList(list);
  return items && !(list.kind === 'set' && list.uncertain) ? items.length : undefined;
}

/** An attribute of an object value (undefined when absent or null). */
export function field(obj: Value | undefined, name: string): Value | undefined {
  const v = obj ? asMap(obj)?.get(name) : undefined;
  return v && v.kind !== 'null' ? v : undefined;
}

/** A synthetic attribute whose location is where its value was written (else `fallback`). */
export function located(value: Value, fallback: SourceLocation): SyntheticAttr {
  return { value, at: value.origins?.[0] ?? fallback };
}

/** Ids of instances (`aws_x.y[*].id`). */
export function ids(instances: ResourceInstance[], attr = 'id'): Value {
  return tuple(instances.map((r) => r.ref(attr)));
}

/** An unknown standing for outputs that depend on something unknown. */
export function unknownOutput(reasons: UnknownReason[]): Value {
  return unknownWith(reasons, {});
}

/**
 * `a && b && ...` of bool arguments (name, module default), as a count condition: false when all are known and
 * one is false, the reasons when any is unknown (an unknown count leaves the instances unknown either way).
 */
export function allFlags(ctx: ModelContext, flags: readonly (readonly [string, boolean])[]): boolean | UnknownReason[] {
  const reasons: UnknownReason[] = [];
  let all = true;
  for (const [name, dflt] of flags) {
    const f = flag(ctx, name, dflt);
    if (isReasons(f)) reasons.push(...f);
    else all &&= f;
  }
  return reasons.length > 0 ? reasons : all;
}

/**
 * An argument the module hands to a resource argument unchanged, with a null default: the synthetic attribute
 * when the call sets it (null included: the resource argument is then unset), else undefined.
 */
export function passed(ctx: ModelContext, name: string): SyntheticAttr | undefined {
  const v = ctx.input(name);
  return v === undefined || v.kind === 'null' ? undefined : { value: v, at: ctx.at(name) };
}

/**
 * The `name` a terraform-aws-modules queue or topic gets: `use_name_prefix ? null : (fifo ? "${n}.fifo" : n)` where
 * `n = try(trimsuffix(var.name, ".fifo"), "")`. Undefined when the resource argument is unset or empty (the
 * provider then generates the name, known only after apply); an unknown when the parts are unknown.
 */
export function fifoName(ctx: ModelContext, nameArg: string, fifo: boolean | UnknownReason[], usePrefix: boolean | UnknownReason[]): SyntheticAttr | undefined {
  const at = ctx.at(nameArg);
  if (usePrefix === true) return undefined;
  const raw = ctx.arg(nameArg, nullValue());
  if (isReasons(usePrefix) || isReasons(fifo) || raw.kind === 'unknown') {
    const reasons = [...(isReasons(usePrefix) ? usePrefix : []), ...(isReasons(fifo) ? fifo : []), ...reasonsOf(raw)];
    return { value: unknownWith(reasons, { type: 'string' }), at };
  }
  if (raw.kind !== 'string') return undefined;
  const base = raw.value.endsWith('.fifo') ? raw.value.slice(0, -'.fifo'.length) : raw.value;
  if (base === '') return undefined;
  return { value: str(fifo ? `${base}.fifo` : base, raw.origins), at };
}

/** Sets each of `names` to `value(name)` (the module's value of an output whose resource is not created, or an unknown). */
export function setOutputs(outputs: Map<string, Value>, names: readonly string[], value: (name: string) => Value): void {
  for (const o of names) outputs.set(o, value(o));
}

/**
 * A create switch (a flag, or the result of allFlags): true when the module creates the resources behind `names`.
 * Otherwise it sets each of `names` in `outputs` (unknown with the switch's reasons, or `off` when it is false) and
 * returns false.
 */
export function creates(switchValue: boolean | UnknownReason[], outputs: Map<string, Value>, names: readonly string[], off: () => Value): boolean {
  if (isReasons(switchValue)) {
    setOutputs(outputs, names, () => unknownOutput(switchValue));
    return false;
  }
  if (!switchValue) setOutputs(outputs, names, off);
  return switchValue;
}

/**
 * An argument the module hands to a resource argument unchanged, from a nullable variable with a default: the
 * call's value (null stays null, as Terraform passes it), or the default when the call does not set it.
 */
export function nullable(ctx: ModelContext, name: string, dflt: Value): SyntheticAttr {
  return { value: ctx.input(name) ?? dflt, at: ctx.at(name) };
}
