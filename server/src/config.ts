// The configuration (`.lambda-vpc-lint.json`): its JSON Schema (schema/config.schema.json, the one
// source of truth, also used to generate the VS Code settings), validation with ajv, defaults,
// merging of command-line overrides, and the mapping to `AnalysisOptions`.
//
// Pure: the caller reads the file and hands its text in; paths in the file are resolved against
// the file's directory with POSIX helpers only.

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { posix } from 'node:path';
import schemaJson from '../../schema/config.schema.json';
import type { AnalysisOptions } from './analysis';
import { LineIndex } from './hcl/source';
import { compile, exec, toCodePoints, type Regex } from './terraform/functions/re2';
import { trimTrailingSlashes } from './terraform/paths';
import { allRules } from './rules/registry';
import type { RuleMeta, SeveritySetting } from './rules/types';

export const CONFIG_FILE_NAME = '.lambda-vpc-lint.json';

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

/** A rule's setting: its severity, or an object with the severity and rule options. */
export type RuleSetting = SeveritySetting | { severity?: SeveritySetting; [option: string]: unknown };

export interface LintConfig {
  rules: Record<string, RuleSetting>;
  minAzs: number;
  eniBudget: number;
  /** Absolute POSIX paths, in the order they apply. */
  varFiles: string[];
  /** Variable values by name: strings as written (like `-var`), other JSON values as they are. */
  variables: Record<string, unknown>;
  /** Absolute glob patterns (see `ignoreMatcher`). */
  ignorePaths: string[];
  reportUnusedIgnores: boolean;
}

/** Settings that override a base configuration (from a file or the command line). */
export type ConfigOverride = Partial<LintConfig>;

export type ParseConfigResult = { config: LintConfig; warnings: string[] } | { error: string };

/** The configuration JSON Schema (draft-07) as shipped in schema/config.schema.json. */
export const configSchema: Readonly<Record<string, unknown>> = schemaJson;

/** The defaults of schema/config.schema.json (a test keeps the two in step). */
export const defaultConfig: Readonly<LintConfig> = Object.freeze({
  rules: {},
  minAzs: 2,
  eniBudget: 350,
  varFiles: [],
  variables: {},
  ignorePaths: [],
  reportUnusedIgnores: false,
});

let validator: ValidateFunction | undefined;

function validate(value: unknown): ErrorObject[] {
  if (!validator) {
    // verbose: errors carry the offending data and schema, used to pick the clearest message.
    validator = new Ajv({ allErrors: true, verbose: true, strict: true, logger: false }).compile(schemaJson);
  }
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/**
 * Parses and validates a configuration file's text.
 * `fileName` is the file's absolute POSIX path: relative `varFiles` and `ignorePaths` are resolved
 * against its directory. Messages name the file as `displayName` (default: `fileName`).
 * Never throws.
 */
export function parseConfig(text: string, fileName: string, displayName: string = fileName): ParseConfigResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const syntax = jsonSyntaxError(body);
  if (syntax) {
    const pos = new LineIndex(body).position(syntax.offset);
    return { error: `${displayName}:${pos.line + 1}:${pos.character + 1}: invalid JSON: ${syntax.message}` };
  }
  const value: unknown = JSON.parse(body);
  const errors = validate(value);
  if (errors.length > 0) return { error: `${displayName}: ${describeErrors(errors)}` };

  const raw = value as Partial<LintConfig>;
  const warnings: string[] = [];
  for (const id of Object.keys(raw.rules ?? {})) {
    if (allRules.some((r) => r.id === id)) continue;
    const near = closest(id, allRules.map((r) => r.id));
    warnings.push(`${displayName}: /rules/${id}: unknown rule "${id}"${near ? ` (did you mean "${near}"?)` : ''}`);
  }
  const dir = posix.dirname(fileName);
  return {
    config: {
      rules: { ...(raw.rules ?? {}) },
      minAzs: raw.minAzs ?? defaultConfig.minAzs,
      eniBudget: raw.eniBudget ?? defaultConfig.eniBudget,
      varFiles: (raw.varFiles ?? []).map((p) => resolvePath(dir, p)),
      variables: { ...(raw.variables ?? {}) },
      ignorePaths: (raw.ignorePaths ?? []).map((p) => absoluteGlob(dir, p)),
      reportUnusedIgnores: raw.reportUnusedIgnores ?? defaultConfig.reportUnusedIgnores,
    },
    warnings,
  };
}

/**
 * `override` on top of `base`: scalars replace; `rules` merge per rule (a bare severity keeps the
 * base's options); `variables` merge by name; `varFiles` and `ignorePaths` are appended (later files win).
 */
export function mergeConfig(base: Readonly<LintConfig>, override: ConfigOverride): LintConfig {
  const rules: Record<string, RuleSetting> = { ...base.rules };
  for (const [id, setting] of Object.entries(override.rules ?? {})) rules[id] = mergeRule(rules[id], setting);
  return {
    rules,
    minAzs: override.minAzs ?? base.minAzs,
    eniBudget: override.eniBudget ?? base.eniBudget,
    varFiles: [...base.varFiles, ...(override.varFiles ?? [])],
    variables: { ...base.variables, ...(override.variables ?? {}) },
    ignorePaths: [...base.ignorePaths, ...(override.ignorePaths ?? [])],
    reportUnusedIgnores: override.reportUnusedIgnores ?? base.reportUnusedIgnores,
  };
}

function mergeRule(base: RuleSetting | undefined, over: RuleSetting): RuleSetting {
  if (base === undefined || typeof base === 'string') return typeof over === 'string' ? over : { ...(base ? { severity: base } : {}), ...over };
  return typeof over === 'string' ? { ...base, severity: over } : { ...base, ...over };
}

/** The options `analyze()` takes for this configuration. */
export function toAnalysisOptions(config: Readonly<LintConfig>): AnalysisOptions {
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.variables)) {
    // Non-strings become their JSON text, which is also a valid HCL expression.
    variables[name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return {
    rules: { ...config.rules },
    minAzs: config.minAzs,
    eniBudget: config.eniBudget,
    varFiles: [...config.varFiles],
    variables,
    ignorePaths: [...config.ignorePaths],
    reportUnusedIgnores: config.reportUnusedIgnores,
  };
}

/** The schema entry of one rule under `rules` (schema/config.schema.json holds one per registered rule). */
export function ruleConfigSchema(meta: RuleMeta): Record<string, unknown> {
  const options: Record<string, unknown> = { severity: { $ref: '#/definitions/severity' } };
  for (const [name, o] of Object.entries(meta.options ?? {})) {
    options[name] = {
      description: o.description,
      type: o.type,
      default: o.default,
      ...(o.minimum !== undefined ? { minimum: o.minimum } : {}),
      ...(o.maximum !== undefined ? { maximum: o.maximum } : {}),
    };
  }
  return {
    description: `${meta.summary.replace(/\.$/, '')}. Default: ${meta.defaultSeverity}. ${meta.docsUrl}`,
    default: meta.defaultSeverity,
    anyOf: [{ $ref: '#/definitions/severity' }, { type: 'object', properties: options, additionalProperties: false }],
  };
}

// ---------------------------------------------------------------------------
// Paths and globs

function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:\//.test(p);
}

function resolvePath(dir: string, p: string): string {
  const slashed = p.replace(/\\/g, '/');
  return posix.normalize(isAbsolutePath(slashed) ? slashed : posix.join(dir, slashed));
}


/** Escapes glob syntax in a literal path. */
function escapeGlob(s: string): string {
  return s.replace(/[\\*?{},[\]]/g, (c) => '\\' + c);
}

/**
 * A pattern relative to `dir` as an absolute glob: a leading `./` or `/` anchors at `dir` (as does any
 * pattern with an inner `/`); a pattern without `/` matches at any depth below `dir`.
 */
function absoluteGlob(dir: string, pattern: string): string {
  const anchored = /^\.?\//.test(pattern) || trimTrailingSlashes(pattern).includes('/');
  const p = trimTrailingSlashes(pattern.replace(/^\.?\/+/, ''));
  const base = escapeGlob(dir.endsWith('/') ? dir.slice(0, -1) : dir);
  return anchored ? `${base}/${p}` : `${base}/**/${p}`;
}

/**
 * A glob as a compiled RE2 program, or undefined when it is too large to compile. Globs come from configuration
 * files, which a pull request may change: a JavaScript RegExp built from `*a*a*a…b` or `**\/**\/…` backtracks
 * exponentially on long names, while the RE2 engine matches in linear time whatever the pattern.
 */
function compileGlob(glob: string): Regex | undefined {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\' && i + 1 < glob.length) {
      re += escapeRegExp(glob[++i]);
    } else if (c === '*') {
      if (glob[i + 1] === '*') {
        while (glob[i + 1] === '*') i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else if (i + 1 === glob.length && re.endsWith('/')) {
          re = re.slice(0, -1) + '(?:/.*)?';
        } else {
          re += '.*';
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) {
      re += '|';
    } else {
      re += escapeRegExp(c);
    }
  }
  re += ')'.repeat(braces);
  // (?s): `**` and `*` match any character, line breaks included.
  const compiled = compile(`(?s)^${re}$`);
  return 'error' in compiled ? undefined : compiled;
}

function escapeRegExp(c: string): string {
  return /[.*+?^${}()|[\]\\]/.test(c) ? '\\' + c : c;
}

/**
 * A predicate over absolute POSIX paths for absolute glob patterns (as in `LintConfig.ignorePaths`).
 * A path is ignored when it or one of its parent directories matches.
 */
export function ignoreMatcher(globs: readonly string[]): (absPath: string) => boolean {
  // A glob too large to compile (thousands of characters) matches nothing.
  const res = globs.map(compileGlob).filter((r): r is Regex => r !== undefined);
  return (absPath) => {
    if (res.length === 0) return false;
    let cur = absPath.length > 1 ? trimTrailingSlashes(absPath) : absPath;
    for (;;) {
      const codePoints = toCodePoints(cur);
      if (res.some((r) => exec(r, codePoints, 0) !== undefined)) return true;
      const k = cur.lastIndexOf('/');
      if (k <= 0) return false;
      cur = cur.slice(0, k);
    }
  };
}

// ---------------------------------------------------------------------------
// Validation messages

/** One clear line for ajv's errors: the most specific error, worded for people. */
function describeErrors(all: ErrorObject[]): string {
  // Summaries (anyOf, propertyNames) restate their branches; keep them only when nothing else is left.
  let errors = all.filter((e) => e.keyword !== 'anyOf' && e.propertyName === undefined);
  if (errors.length === 0) errors = all;
  // An error below another one's path is more specific (the other is a mismatched anyOf branch).
  errors = errors.filter((e) => !errors.some((f) => f.instancePath.startsWith(e.instancePath + '/')));
  const at = errors[0].instancePath;
  let here = errors.filter((e) => e.instancePath === at);
  // Within one path, drop the alternatives that do not fit the kind of value given.
  const isContainer = typeof here[0].data === 'object' && here[0].data !== null;
  const specific = here.filter((e) => e.keyword !== 'type' && !(isContainer && e.keyword === 'enum'));
  if (specific.length > 0) here = specific;
  else if (here.some((e) => e.keyword === 'enum')) here = here.filter((e) => e.keyword === 'enum');
  return here.map((e) => wordError(e)).find((m) => m !== '') ?? 'invalid configuration';
}

function wordError(e: ErrorObject): string {
  const at = e.instancePath === '' ? '/' : e.instancePath;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'enum':
      return `${at}: must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      const prop = String(params.additionalProperty);
      return `${e.instancePath}/${prop}: unknown property${known.length ? ` (expected one of ${known.join(', ')})` : ''}`;
    }
    case 'propertyNames': {
      const pattern = (e.schema as { pattern?: string } | undefined)?.pattern;
      return `${at}: invalid name "${String(params.propertyName)}"${pattern ? ` (must match ${pattern})` : ''}`;
    }
    case 'minLength':
      return params.limit === 1 ? `${at}: must not be empty` : `${at}: ${e.message ?? 'is too short'}`;
    default:
      return `${at}: ${e.message ?? 'is invalid'}`;
  }
}

function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

// ---------------------------------------------------------------------------
// JSON syntax errors with positions (JSON.parse does not report them reliably)

const JSON_NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/**
 * The first syntax error of strict JSON (RFC 8259), or undefined when `text` is valid JSON.
 * Iterative, so deep nesting cannot overflow the stack.
 */
function jsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  const n = text.length;
  let i = 0;
  const stack: ('object' | 'array')[] = [];
  const skipSpace = (): void => {
    while (i < n) {
      const c = text[i];
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') break;
      i++;
    }
  };
  const unexpected = (expected: string): { offset: number; message: string } => {
    if (i >= n) return { offset: i, message: `unexpected end of file, expected ${expected}` };
    if (text[i] === '/') return { offset: i, message: 'comments are not allowed in JSON' };
    return { offset: i, message: `expected ${expected}` };
  };
  /** Scans a string at `i` (which holds `"`); returns an error or undefined. */
  const scanString = (): { offset: number; message: string } | undefined => {
    const start = i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, message: 'invalid \\u escape' };
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          return { offset: i, message: 'invalid escape sequence' };
        }
      } else if (c < 0x20) {
        return { offset: i, message: 'control character in string (escape it)' };
      } else {
        i++;
      }
    }
    return { offset: start, message: 'unterminated string' };
  };
  /** Scans an object key and its colon. */
  const scanKey = (): { offset: number; message: string } | undefined => {
    skipSpace();
    if (text[i] === '}') return { offset: i, message: 'trailing comma' };
    if (text[i] !== '"') return unexpected('a property name in double quotes');
    const err = scanString();
    if (err) return err;
    skipSpace();
    if (text[i] !== ':') return unexpected("':'");
    i++;
    return undefined;
  };

  for (;;) {
    // Expecting a value.
    skipSpace();
    const c = text[i];
    if (c === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') {
        i++;
      } else {
        const err = scanKey();
        if (err) return err;
        stack.push('object');
        continue;
      }
    } else if (c === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
      } else {
        stack.push('array');
        continue;
      }
    } else if (c === '"') {
      const err = scanString();
      if (err) return err;
    } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      JSON_NUMBER.lastIndex = i;
      const m = JSON_NUMBER.exec(text);
      const next = m ? text[i + m[0].length] : undefined;
      if (!m || (next !== undefined && /[0-9.eE+-]/.test(next))) return { offset: i, message: 'invalid number' };
      i += m[0].length;
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
      i += 4;
    } else if (text.startsWith('false', i)) {
      i += 5;
    } else {
      if (stack[stack.length - 1] === 'array' && c === ']') return { offset: i, message: 'trailing comma' };
      return unexpected('a value');
    }
    // A value is complete: close containers or move to the next element.
    for (;;) {
      skipSpace();
      const top = stack[stack.length - 1];
      if (top === undefined) return i < n ? { offset: i, message: 'unexpected text after the value' } : undefined;
      const d = text[i];
      if (d === ',') {
        i++;
        if (top === 'object') {
          const err = scanKey();
          if (err) return err;
        }
        break;
      }
      if ((top === 'object' && d === '}') || (top === 'array' && d === ']')) {
        i++;
        stack.pop();
        continue;
      }
      return unexpected(top === 'object' ? "',' or '}'" : "',' or ']'");
    }
  }
}
