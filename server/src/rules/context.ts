// What a rule sees and what it returns. A rule reads the network pictures (facts per function), the parsed
// files (for report locations and fix builders) and, for fixes that look beyond one function (other subnets of
// the same VPC), the loaded workspace. It returns drafts: the engine adds the configured severity, merges the
// count/for_each instances of one block and applies suppression.

import type { ConfigFile, HclDiagnostic } from '../hcl/ast';
import type { FunctionPicture } from '../network/types';
import type { Workspace } from '../terraform/model';
import type { Finding, RuleMeta } from './types';

/** A finding as a rule reports it: the engine sets `severity` and `instances`. */
export type Draft = Omit<Finding, 'severity' | 'instances'>;

/** Options of the rules, after config and defaults are merged (see engine.ts `resolveOptions`). */
export interface RuleOptions {
  /** Fewest Availability Zones an attached function must span (aws_lambda_vpc_single_az). */
  minAzs: number;
  /** Hyperplane ENIs the functions of one Region may use (aws_lambda_vpc_eni_quota). */
  eniBudget: number;
}

/** A parsed file with its syntax diagnostics (the shape `ParseCache.get` returns). */
export interface ParsedFile {
  file: ConfigFile;
  diagnostics: HclDiagnostic[];
}

export interface RuleContext {
  /** Every function instance of the workspace, all roots. */
  readonly pictures: readonly FunctionPicture[];
  /** The loaded workspace; fix builders that need more than the pictures stay silent without it. */
  readonly workspace: Workspace | undefined;
  /** Parsed files by absolute path (config files and tfvars that were read). */
  file(path: string): ConfigFile | undefined;
  /** Every parsed file, in path order. */
  readonly files: readonly ParsedFile[];
  readonly options: RuleOptions;
  /** Reports an internal problem (a check that threw on one function); never user-facing output. */
  log(message: string): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): Draft[];
}

/**
 * Runs `fn` for every picture, isolating failures: a check that throws on one function is logged and the other
 * functions are still checked.
 */
export function perFunction(ctx: RuleContext, ruleId: string, fn: (pic: FunctionPicture) => Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const pic of ctx.pictures) {
    try {
      out.push(...fn(pic));
    } catch (err) {
      ctx.log(`rule ${ruleId} failed on ${pic.id}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  return out;
}

/** Runs `fn` for every parsed file, isolating failures as `perFunction` does. */
export function perFile(ctx: RuleContext, ruleId: string, fn: (parsed: ParsedFile) => Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const parsed of ctx.files) {
    try {
      out.push(...fn(parsed));
    } catch (err) {
      ctx.log(`rule ${ruleId} failed on ${parsed.file.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  return out;
}

/** Fills `{name}` placeholders of a message template. Unknown placeholders stay as written. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** `a`, `a and b`, `a, b and c`. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** An address without instance keys: `module.app["eu"].aws_lambda_function.f[0]` → `module.app.aws_lambda_function.f`. */
export function blockAddress(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '');
}

/**
 * The address a finding names as its `resource`: the function instance, or for a Lambda module call modelled as
 * resources the call itself (`module.api`, not `module.api.aws_lambda_function.this[0]`).
 */
export function functionId(pic: FunctionPicture): string {
  if (pic.kind !== 'lambda-module') return pic.id;
  return pic.id.replace(/\.aws_lambda_function\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?$/, '');
}

/** How a function is named in messages: its block address (instances of one block share their findings). */
export function functionLabel(pic: FunctionPicture): string {
  return blockAddress(functionId(pic));
}
