// The function table: one family per file. Anything not listed here (time, UUIDs, hashes
// of files, provider-defined functions, ...) evaluates to unknown, never to an error.
import { isWhollyKnown, unknown, type Value } from '../values';
import { collectionFunctions } from './collection';
import { conversionFunctions } from './conversion';
import { encodingFunctions } from './encoding';
import { filesystemFunctions } from './filesystem';
import { networkFunctions } from './network';
import { numericFunctions } from './numeric';
import { regexFunctions } from './regex';
import { stringFunctions } from './string';
import { fail, propagate, type FnContext, type FnDef } from './types';

export type { FnContext } from './types';

const TABLE: ReadonlyMap<string, FnDef> = new Map(
  Object.entries({
    ...collectionFunctions,
    ...conversionFunctions,
    ...encodingFunctions,
    ...filesystemFunctions,
    ...networkFunctions,
    ...numericFunctions,
    ...regexFunctions,
    ...stringFunctions,
  }),
);

/** Calls a built-in function. Never throws: unknown names, bad arity and failures are unknown values. */
export function callFunction(name: string, args: Value[], ctx: FnContext): Value {
  const def = TABLE.get(name);
  if (!def) {
    return unknown('unsupported-function', `function ${name}() is not evaluated (its result depends on time, the environment, or is not modelled)`, ctx.at);
  }
  if (args.length < def.min || (def.max >= 0 && args.length > def.max)) {
    return fail(ctx, `${name}() takes ${def.min === def.max ? def.min : `${def.min} to ${def.max < 0 ? 'any number of' : def.max}`} arguments, not ${args.length}`, def.returns);
  }
  if (!def.partial && !args.every((a) => isWhollyKnown(a))) return propagate(args, def.returns);
  try {
    return def.impl(args, ctx);
  } catch (e) {
    // A safety net: a function must never take the analysis down with it.
    return fail(ctx, `${name}() failed: ${e instanceof Error ? e.message : String(e)}`, def.returns);
  }
}
