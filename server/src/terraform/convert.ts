// Terraform's type system as far as the evaluator needs it: type constraint expressions
// (`list(string)`, `object({ a = optional(number, 1) })`) and the automatic conversions
// (number ↔ string, "true" ↔ true, tuple → list/set, object → map, ...).

import type { Expr } from '../hcl/ast';
import {
  asList,
  asMap,
  bool,
  list,
  map,
  nullValue,
  num,
  object,
  set,
  str,
  tuple,
  unknown,
  type SourceLocation,
  type TypeHint,
  type Value,
} from './values';

export type TypeSpec =
  | { kind: 'any' }
  | { kind: 'string' | 'number' | 'bool' }
  | { kind: 'list' | 'set' | 'map'; elem: TypeSpec }
  | { kind: 'tuple'; elems: TypeSpec[] }
  | { kind: 'object'; attrs: Map<string, ObjectAttrSpec> };

export interface ObjectAttrSpec {
  type: TypeSpec;
  optional: boolean;
  /** The expression of `optional(type, default)`'s default. */
  defaultExpr?: Expr;
}

export const ANY: TypeSpec = { kind: 'any' };

/**
 * Reads a type constraint expression. Unrecognised constraints read as `any` (we then do not
 * convert, which is the safe direction). `depth` guards pathological nesting.
 */
export function parseType(expr: Expr, depth = 0): TypeSpec {
  if (depth > 32) return ANY;
  switch (expr.kind) {
    case 'Variable':
      return primitiveType(expr.name);
    case 'Template':
      // Legacy quoted types: "string", "list", "map".
      if (expr.parts.length === 1 && expr.parts[0].kind === 'TemplateLiteral') return primitiveType(expr.parts[0].value);
      return ANY;
    case 'Parens':
      return parseType(expr.expr, depth + 1);
    case 'FunctionCall': {
      const name = expr.name.name;
      const a0 = expr.args[0];
      if ((name === 'list' || name === 'set' || name === 'map') && a0) return { kind: name, elem: parseType(a0, depth + 1) };
      if (name === 'tuple' && a0 && a0.kind === 'Tuple') return { kind: 'tuple', elems: a0.elements.map((e) => parseType(e, depth + 1)) };
      if (name === 'object' && a0 && a0.kind === 'Object') {
        const attrs = new Map<string, ObjectAttrSpec>();
        for (const item of a0.items) {
          const key = staticKey(item.key);
          if (key === undefined) continue;
          const v = item.value;
          if (v.kind === 'FunctionCall' && v.name.name === 'optional' && v.args[0]) {
            const spec: ObjectAttrSpec = { type: parseType(v.args[0], depth + 1), optional: true };
            if (v.args[1]) spec.defaultExpr = v.args[1];
            attrs.set(key, spec);
          } else {
            attrs.set(key, { type: parseType(v, depth + 1), optional: false });
          }
        }
        return { kind: 'object', attrs };
      }
      return ANY;
    }
    default:
      return ANY;
  }
}

function primitiveType(name: string): TypeSpec {
  switch (name) {
    case 'string':
    case 'number':
    case 'bool':
      return { kind: name };
    case 'list':
    case 'set':
    case 'map':
      return { kind: name, elem: ANY };
    default:
      return ANY;
  }
}

/** The literal name of an object key written as `name`, `"name"` or `(name)`-less forms. */
function staticKey(e: Expr): string | undefined {
  if (e.kind === 'Variable') return e.name;
  if (e.kind === 'Template' && e.parts.length === 1 && e.parts[0].kind === 'TemplateLiteral') return e.parts[0].value;
  if (e.kind === 'Template' && e.parts.length === 0) return '';
  return undefined;
}

export function typeHintOf(t: TypeSpec): TypeHint {
  return t.kind === 'any' ? 'dynamic' : t.kind;
}

/** Whether a type constraint is a primitive (or `any`): -var values for these are raw strings. */
export function isPrimitiveOrAny(t: TypeSpec): boolean {
  return t.kind === 'any' || t.kind === 'string' || t.kind === 'number' || t.kind === 'bool';
}

// ---------------------------------------------------------------------------
// Primitive conversions (Terraform converts strings, numbers and bools into each other)

/** Terraform's number → string: integers without a decimal point, others in shortest form. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

/** The value as a string, or an unknown / invalid value explaining why not. */
export function toStr(v: Value, at?: SourceLocation): Value {
  switch (v.kind) {
    case 'string':
      return v;
    case 'number':
      return str(formatNumber(v.value), v.origins);
    case 'bool':
      return str(v.value ? 'true' : 'false', v.origins);
    case 'unknown':
      return v.type === 'string' ? v : { ...v, type: 'string' };
    case 'null':
      return v;
    default:
      return unknown('invalid', `a ${describeKind(v)} cannot be used as a string`, at, { type: 'string' });
  }
}

export function toNum(v: Value, at?: SourceLocation): Value {
  switch (v.kind) {
    case 'number':
      return v;
    case 'string': {
      const t = v.value.trim();
      if (t !== '' && /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) return num(Number(t), v.origins);
      return unknown('invalid', `cannot convert ${JSON.stringify(v.value.slice(0, 40))} to a number`, at, { type: 'number' });
    }
    case 'unknown':
      return v.type === 'number' ? v : { ...v, type: 'number' };
    case 'null':
      return v;
    default:
      return unknown('invalid', `a ${describeKind(v)} cannot be used as a number`, at, { type: 'number' });
  }
}

export function toBool(v: Value, at?: SourceLocation): Value {
  switch (v.kind) {
    case 'bool':
      return v;
    case 'string':
      if (v.value === 'true' || v.value === 'false') return bool(v.value === 'true', v.origins);
      return unknown('invalid', `cannot convert ${JSON.stringify(v.value.slice(0, 40))} to bool`, at, { type: 'bool' });
    case 'unknown':
      return v.type === 'bool' ? v : { ...v, type: 'bool' };
    case 'null':
      return v;
    default:
      return unknown('invalid', `a ${describeKind(v)} cannot be used as a bool`, at, { type: 'bool' });
  }
}

export function describeKind(v: Value): string {
  switch (v.kind) {
    case 'map':
    case 'object':
      return v.kind;
    case 'list':
    case 'tuple':
    case 'set':
      return v.kind;
    case 'resource':
      return 'resource object';
    case 'module':
      return 'module object';
    default:
      return v.kind;
  }
}

// ---------------------------------------------------------------------------
// Conversion to a type constraint

/** How `optional(..., default)` defaults are evaluated (in the module that declares the type). */
export type DefaultEvaluator = (expr: Expr) => Value;

/**
 * Converts a value to a type constraint as Terraform does for variables and `tolist` & co.
 * Conversion failures are unknown values with code 'invalid'.
 */
export function convert(v: Value, t: TypeSpec, evalDefault?: DefaultEvaluator, at?: SourceLocation, depth = 0): Value {
  if (t.kind === 'any' || depth > 64) return v;
  if (v.kind === 'null') return v;
  if (v.kind === 'unknown') {
    const hint = typeHintOf(t);
    return v.type === hint ? v : { ...v, type: hint };
  }
  if (v.kind === 'resource' || v.kind === 'module') return v;
  switch (t.kind) {
    case 'string':
      return toStr(v, at);
    case 'number':
      return toNum(v, at);
    case 'bool':
      return toBool(v, at);
    case 'list':
    case 'set': {
      const items = asList(v);
      if (!items) return unknown('invalid', `a ${describeKind(v)} cannot be converted to ${t.kind}`, at, { type: t.kind });
      const conv = items.map((i) => convert(i, t.elem, evalDefault, at, depth + 1));
      return t.kind === 'list' ? list(conv, v.origins) : set(conv, v.origins);
    }
    case 'tuple': {
      const items = asList(v);
      if (!items || items.length !== t.elems.length) {
        return unknown('invalid', `a ${describeKind(v)} cannot be converted to a tuple of ${t.elems.length}`, at, { type: 'tuple' });
      }
      return tuple(
        items.map((i, n) => convert(i, t.elems[n], evalDefault, at, depth + 1)),
        v.origins,
      );
    }
    case 'map': {
      const entries = asMap(v);
      if (!entries) return unknown('invalid', `a ${describeKind(v)} cannot be converted to map`, at, { type: 'map' });
      return map(
        [...entries].map(([k, e]) => [k, convert(e, t.elem, evalDefault, at, depth + 1)] as [string, Value]),
        v.origins,
      );
    }
    case 'object': {
      const entries = asMap(v);
      if (!entries) return unknown('invalid', `a ${describeKind(v)} cannot be converted to object`, at, { type: 'object' });
      const out: [string, Value][] = [];
      for (const [name, spec] of t.attrs) {
        const given = entries.get(name);
        if (given === undefined || given.kind === 'null') {
          if (!spec.optional && given === undefined) {
            return unknown('invalid', `attribute "${name}" is required`, at, { type: 'object' });
          }
          const dflt = spec.defaultExpr && evalDefault ? evalDefault(spec.defaultExpr) : nullValue();
          out.push([name, convert(dflt, spec.type, evalDefault, at, depth + 1)]);
        } else {
          out.push([name, convert(given, spec.type, evalDefault, at, depth + 1)]);
        }
      }
      return object(out, v.origins);
    }
  }
}
