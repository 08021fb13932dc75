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
