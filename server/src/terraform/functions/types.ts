// The shape of a built-in function and the helpers the function families share.
import type { Limits } from '../model';
import type { RegexBudget } from './re2';
import {
  reasonsOf,
  unknown,
  unknownWith,
  type SourceLocation,
  type TypeHint,
  type UnknownReason,
  type Value,
} from '../values';

/** What a function may ask of its caller. */
export interface FnContext {
  /** The call expression (for reasons). */
  at: SourceLocation;
  limits: Readonly<Limits>;
  /** The regular expression work left in this workspace (see `Limits.maxRegexWork`). */
  regexBudget: RegexBudget;
  /**
   * Reads a file for file() / templatefile(): `path` as written (relative paths resolve against
   * the root module directory, like Terraform's working directory). Files outside the workspace
   * roots, missing files and oversize files come back as an UnknownValue.
   */
  readFile(path: string): { path: string; text: string } | Value;
  /** fileexists(): true / false, or undefined when the path is outside the workspace roots. */
  fileExists(path: string): boolean | undefined;
  /**
   * fileset(): every regular file below the directory `path` (relative paths resolve like readFile's), as paths
   * relative to it with `/` separators, sorted. A directory outside the workspace roots, a missing one, or one with
   * more files than the limits allow comes back as an UnknownValue.
   */
  listFiles(path: string): { files: string[] } | Value;
  /** Renders a template text (templatefile) with only `vars` in scope. */
  renderTemplate(text: string, path: string, vars: ReadonlyMap<string, Value>): Value;
}

export interface FnDef {
  /** Fewest and most arguments (`max` -1: variadic). */
  min: number;
  max: number;
  /** The result type, used for the type hint of unknown results. */
  returns: TypeHint;
  /**
   * When false (the default), a call with an unknown anywhere in its arguments returns an
   * unknown carrying those reasons without calling `impl`. Functions that can give a known
   * (or partly known) result from partly known arguments set it and handle unknowns themselves.
   */
  partial?: boolean;
  impl(args: Value[], ctx: FnContext): Value;
}

export type FnTable = Record<string, FnDef>;

/** An 'invalid' unknown: the call would fail in Terraform. */
export function fail(ctx: FnContext, message: string, type: TypeHint = 'dynamic'): Value {
  return unknown('invalid', message, ctx.at, { type });
}

/** A 'limit' unknown. */
export function limit(ctx: FnContext, message: string, type: TypeHint = 'dynamic'): Value {
  return unknown('limit', message, ctx.at, { type });
}

/** The reasons of all unknowns in `values`. */
export function reasonsIn(values: readonly Value[]): UnknownReason[] {
  const out: UnknownReason[] = [];
  for (const v of values) out.push(...reasonsOf(v));
  return out;
}

/** An unknown result that inherits the reasons of the unknowns in `values`. */
export function propagate(values: readonly Value[], type: TypeHint): Value {
  const reasons = reasonsIn(values);
  if (reasons.length === 0) {
    // Unknown without reasons: whole resource / module objects used where data is needed.
    return unknownWith([{ code: 'unsupported', message: 'a whole resource or module object cannot be used here' }], { type });
  }
  return unknownWith(reasons, { type });
}
