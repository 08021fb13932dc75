// The extension's answer to the server's `workspace/configuration` request for the `lambdaVpcLint` section.
//
// VS Code's own answer (`getConfiguration(section).get(key)`) includes every contributed setting, unset ones
// at their default, and the server merges the settings over the nearest `.lambda-vpc-lint.json`: a default
// would silently replace what the file says. So for our section the extension answers with the values the
// user set somewhere (user, workspace, folder settings), found with `WorkspaceConfiguration.inspect`.
//
// No `vscode` import here: the extension passes `inspect` in, and the tests (server/test/client/) call these
// functions with plain objects.

/** The fields of `WorkspaceConfiguration.inspect(key)` that hold values the user set (never the defaults). */
export interface InspectedSetting {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  globalLanguageValue?: unknown;
  workspaceLanguageValue?: unknown;
  workspaceFolderLanguageValue?: unknown;
}

/** `inspect` of one key (relative to the section, e.g. `minAzs` or `trace.server`) at one scope. */
export type Inspect = (key: string) => InspectedSetting | undefined;

/**
 * The levels a user can set a value at, weakest first: the order in which VS Code overrides (or, for
 * objects, merges) them to compute `get` (see `WorkspaceConfiguration` in the vscode API), without the
 * two defaults (`defaultValue`, `defaultLanguageValue`).
 */
const EXPLICIT_LEVELS = [
  'globalValue',
  'workspaceValue',
  'workspaceFolderValue',
  'globalLanguageValue',
  'workspaceLanguageValue',
  'workspaceFolderLanguageValue',
] as const satisfies readonly (keyof InspectedSetting)[];

/**
 * The settings package.json contributes under `section.`, as keys relative to the section, in manifest
 * order (`lambdaVpcLint.trace.server` → `trace.server`). `packageJson` is the parsed manifest, any shape.
 */
export function contributedKeys(packageJson: unknown, section: string): string[] {
  const properties = field(field(field(packageJson, 'contributes'), 'configuration'), 'properties');
  if (!isPlainObject(properties)) return [];
  const prefix = `${section}.`;
  return Object.keys(properties)
    .filter((k) => k.startsWith(prefix) && k.length > prefix.length)
    .map((k) => k.slice(prefix.length));
}

/**
 * The section's settings as the user set them: for each key, its explicit values combined the way VS Code
 * combines them (a later level overrides an earlier one; objects are merged key by key; arrays are replaced).
 * Keys set at no level are left out, and so are keys whose combined value is `null` (our settings without a
 * default use `null` for "not set"). Dotted keys nest (`trace.server` → `{ trace: { server } }`), as in
 * VS Code's own answer. The result is plain JSON, sharing nothing with what `inspect` returned.
 */
export function explicitSettings(keys: readonly string[], inspect: Inspect): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const inspected = inspect(key);
    if (!inspected) continue;
    let value: unknown;
    for (const level of EXPLICIT_LEVELS) {
      const v = inspected[level];
      if (v !== undefined) value = combine(value, v);
    }
    if (value === undefined || value === null) continue;
    setPath(result, key.split('.'), value);
  }
  return result;
}

/** What a `workspace/configuration` item asks for. */
export interface ConfigurationItem {
  scopeUri?: string | null;
  section?: string | null;
}

/**
 * The answers to a `workspace/configuration` request: VS Code's own answers (`defaults`, one per item)
 * except for items asking for `section` (or a part of it, `section.key`), which get the explicitly set
 * values from `explicit(scopeUri)`; a part nobody set is `null`. Items without a section (all of VS Code's
 * settings) keep VS Code's answer.
 */
export function answerConfiguration(
  items: readonly ConfigurationItem[],
  defaults: readonly unknown[],
  section: string,
  explicit: (scopeUri: string | undefined) => Record<string, unknown>,
): unknown[] {
  return items.map((item, i) => {
    const asked = item.section ?? undefined;
    const scopeUri = item.scopeUri ?? undefined;
    if (asked === section) return explicit(scopeUri);
    if (asked !== undefined && asked.startsWith(`${section}.`)) {
      let cur: unknown = explicit(scopeUri);
      for (const part of asked.slice(section.length + 1).split('.')) cur = field(cur, part);
      return cur ?? null;
    }
    return defaults[i] ?? null;
  });
}

/** `over` on top of `base`: plain objects merge key by key (recursively); anything else replaces. */
function combine(base: unknown, over: unknown): unknown {
  if (!isPlainObject(over)) return cloneJson(over);
  const out: Record<string, unknown> = isPlainObject(base) ? (cloneJson(base) as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(over)) put(out, k, combine(field(out, k), v));
  return out;
}

/** Puts `value` at `path` in `target` (combined with what is there), creating the objects on the way. */
function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cur = target;
  for (const part of path.slice(0, -1)) {
    const next = field(cur, part);
    const child = isPlainObject(next) ? next : {};
    put(cur, part, child);
    cur = child;
  }
  const last = path[path.length - 1]!;
  put(cur, last, combine(field(cur, last), value));
}

/** `obj[key] = value` as an own property, also for `__proto__` (a variable may be named so). */
function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy of a JSON-like value (VS Code hands out its own, possibly frozen, objects). */
function cloneJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(cloneJson);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) put(out, k, cloneJson(x));
    return out;
  }
  return v;
}

function field(v: unknown, key: string): unknown {
  return isPlainObject(v) && Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
