// The effective configuration of a module directory, as the CLI finds it: the nearest
// `.lambda-vpc-lint.json` at or above the directory (the search stops at a directory holding
// `.git`), with the editor's `lambdaVpcLint` settings (same shape as the file) merged over it.

import * as posix from 'node:path/posix';
import type { AnalysisOptions } from '../analysis';
import type { FileHost } from '../core/host';
import { CONFIG_FILE_NAME, configSchema, defaultConfig, ignoreMatcher, mergeConfig, parseConfig, toAnalysisOptions, type ConfigOverride, type LintConfig } from '../config';

export interface EffectiveConfig {
  options: AnalysisOptions;
  /** True for absolute paths the configuration's `ignorePaths` skip. */
  isIgnored(path: string): boolean;
  /** Problems to show the user (invalid file or settings); the defaults stand in for what was invalid. */
  problems: string[];
}

/** The keys of the configuration file; editor settings may hold others (`trace`), which are not ours to validate. */
const CONFIG_KEYS = Object.keys((configSchema.properties ?? {}) as Record<string, unknown>).filter((k) => k !== '$schema');

/**
 * The nearest configuration file at or above `dir`, as the CLI searches: up to a directory with
 * `.git`, or the root. `memo` remembers the answer for every directory on the way.
 */
export function findConfigFile(host: FileHost, dir: string, memo: Map<string, string | undefined>): string | undefined {
  if (memo.has(dir)) return memo.get(dir);
  const candidate = posix.join(dir, CONFIG_FILE_NAME);
  let found: string | undefined;
  if (host.readFile(candidate) !== undefined) found = candidate;
  else if ((host.readDir(dir) ?? []).some((e) => e.name === '.git') || posix.dirname(dir) === dir) found = undefined;
  else found = findConfigFile(host, posix.dirname(dir), memo);
  memo.set(dir, found);
  return found;
}

/**
 * The configuration from a file (`file`: its absolute path and text) with `settings` (the
 * client's `lambdaVpcLint` section, any shape; unset values are null or absent) merged over it.
 * Relative paths in the settings are resolved against `settingsBase` (the workspace folder).
 * Never throws.
 */
export function effectiveConfig(file: { path: string; text: string } | undefined, settings: unknown, settingsBase: string): EffectiveConfig {
  const problems: string[] = [];
  let config: LintConfig = { ...defaultConfig };
  if (file) {
    const r = parseConfig(file.text, file.path);
    if ('error' in r) problems.push(`${r.error} (using the defaults)`);
    else {
      config = r.config;
      problems.push(...r.warnings);
    }
  }
  const override = settingsOverride(settings, posix.join(settingsBase, CONFIG_FILE_NAME), problems);
  if (override) config = mergeConfig(config, override);
  return { options: toAnalysisOptions(config), isIgnored: ignoreMatcher(config.ignorePaths), problems };
}

/**
 * The settings as an override of the file: every key present in them (null or absent means unset).
 * A present value wins over the file even when it equals the default, so the client must send only
 * what its user set: the VS Code extension answers `workspace/configuration` with the explicitly set
 * values only (client/src/settings.ts), and other clients send what their user configured.
 */
function settingsOverride(settings: unknown, anchor: string, problems: string[]): ConfigOverride | undefined {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return undefined;
  const given: Record<string, unknown> = {};
  for (const k of CONFIG_KEYS) {
    const v = (settings as Record<string, unknown>)[k];
    if (v === null || v === undefined) continue;
    given[k] = v;
  }
  if (Object.keys(given).length === 0) return undefined;
  const r = parseConfig(JSON.stringify(given), anchor, 'settings (lambdaVpcLint)');
  if ('error' in r) {
    problems.push(`${r.error} (these settings are ignored)`);
    return undefined;
  }
  problems.push(...r.warnings);
  const override: Record<string, unknown> = {};
  for (const k of Object.keys(given)) override[k] = r.config[k as keyof LintConfig];
  return override as ConfigOverride;
}
