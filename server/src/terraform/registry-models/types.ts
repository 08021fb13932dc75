// The contract of a built-in registry-module model: from the module call's arguments it
// creates synthetic resource instances (read by the network layer exactly like real ones)
// and the module's outputs. Every synthetic argument records the call argument it came
// from, so findings point where the user can act.

import type { ResourceInstance } from '../model';
import type { SyntheticAttr } from '../instances';
import type { InstanceKey, SourceLocation, Value } from '../values';

/** An argument of a synthetic instance: a plain value, or a value with the location it came from. */
export type AttrSpec = Value | SyntheticAttr | undefined;

export interface BlockSpec {
  attrs: Record<string, AttrSpec>;
  blocks?: Record<string, BlockSpec[]>;
}

export interface ModelContext {
  /** The module source as written. */
  readonly source: string;
  /**
   * The call's literal `version` constraint, when it has one. Without one, `terraform init` installs the newest
   * release.
   */
  readonly version: string | undefined;
  /**
   * A call argument evaluated in the calling module (with the call's count.index / each),
   * or undefined when not set. A null argument is returned as null (the module's default
   * then applies; see `arg`).
   */
  input(name: string): Value | undefined;
  /** The argument, or `dflt` when it is not set or null (the module variable's default). */
  arg(name: string, dflt: Value): Value;
  /** Where the argument is written (its expression), or the call header when it is not set. */
  at(name?: string): SourceLocation;
  /** `{ value: arg(name, dflt), at: at(name) }`: an attribute fed by that argument. */
  from(name: string, dflt: Value): SyntheticAttr;
  /** Adds a managed resource instance to the module instance. Undefined attributes are left unset. */
  resource(type: string, name: string, key: InstanceKey | undefined, attrs: Record<string, AttrSpec>, blocks?: Record<string, BlockSpec[]>): ResourceInstance;
  /** Adds a data source instance. */
  data(type: string, name: string, key: InstanceKey | undefined, attrs: Record<string, AttrSpec>, blocks?: Record<string, BlockSpec[]>): ResourceInstance;
}

export interface ModelResult {
  /** Output values by name (lazy values are not needed: everything is built from memoised inputs). */
  outputs: Map<string, Value>;
}

export interface RegistryModel {
  /** Registry address, e.g. 'terraform-aws-modules/vpc/aws' or '.../vpc/aws//modules/vpc-endpoints'. */
  id: string;
  /** Outputs the model provides (others read as unknown). */
  outputs: readonly string[];
  build(ctx: ModelContext): ModelResult;
}
