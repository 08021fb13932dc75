// IAM permission policies as data: which services a role's policies let the code call, and whether they grant
// the ENI actions Lambda needs. Pure functions over plain data; the Terraform side (dependencies.ts) turns
// evaluated values into PolicyDocument and PolicySource values. Statements also keep their principal and their
// conditions one by one, for resource policies (resource-policies.ts).
//
// Three-valued throughout: a part of a policy we could not evaluate is an `UnknownPart`, and any answer that
// depends on it is unknown. "When unsure, unknown": conditions, NotResource, resource patterns other than `*`,
// conditional Deny statements all make the ENI answer unknown rather than yes or no.

import {
  ACTION_SPLITS,
  ENI_ACTIONS_ALL,
  ENVIRONMENT_KEY_ACTIONS,
  ENI_ACTIONS_REQUIRED,
  IAM_PREFIX_SERVICE,
  MANAGED_POLICIES,
  NON_DEPENDENCY_ACTIONS,
  NON_DEPENDENCY_PREFIXES,
} from './catalogue';
import type { Loc } from './types';

/** A part of a policy that could not be evaluated. */
export interface UnknownPart {
  $unknown: true;
  reason: string;
  at?: Loc;
  /** When the part is an attribute of a resource (`aws_sqs_queue.q.arn`): that reference, for matching resources. */
  ref?: string;
}

export function unknownPart(reason: string, at?: Loc): UnknownPart {
  return at ? { $unknown: true, reason, at } : { $unknown: true, reason };
}

export function isUnknownPart(v: unknown): v is UnknownPart {
  return typeof v === 'object' && v !== null && (v as { $unknown?: unknown }).$unknown === true;
}

/** A list whose elements, or the whole of which, may be unknown. */
export type PartialList = (string | UnknownPart)[] | UnknownPart;

export interface PolicyStatement {
  effect: 'Allow' | 'Deny' | UnknownPart;
  /** Exactly one of action / notAction is set in a valid statement. */
  action?: PartialList;
  notAction?: PartialList;
  resource?: PartialList;
  notResource?: PartialList;
  /** Principal or NotPrincipal (resource policies); absent when the statement has neither (identity policies). */
  principal?: PolicyPrincipal;
  /** Whether the statement has a Condition (`"Condition": {}` counts). */
  condition: boolean | UnknownPart;
  /** The conditions one by one; unknown when the Condition (an operator's map, a condition block) cannot be read. */
  conditions: readonly PolicyCondition[] | UnknownPart;
  at?: Loc;
}

/** Principal (or NotPrincipal) of a statement. */
export interface PolicyPrincipal {
  /** True for NotPrincipal: the statement applies to every caller except those named. */
  not: boolean;
  /**
   * Whether the principals named include every caller: `"*"` or an AWS principal `*` (in a data source: a
   * principals block of type `*` or `AWS` with identifier `*`). Unknown when a part that may be `*` is unknown.
   */
  everyone: boolean | UnknownPart;
}

/** A condition value as written: JSON scalars, or unknown. */
export type ConditionValue = string | number | boolean | UnknownPart;

/** One condition: `"Condition": { operator: { key: values } }` (or a data source's `condition` block). */
export interface PolicyCondition {
  /** The operator as written (`StringNotEquals`, `NullIfExists`, `ForAnyValue:StringLike`). */
  operator: string;
  /** The condition key as written (IAM compares keys case-insensitively). */
  key: string;
  /** A single value is a list of one; a value that is not a JSON scalar is an unknown part. */
  values: ConditionValue[] | UnknownPart;
}

export interface PolicyDocument {
  statements: (PolicyStatement | UnknownPart)[] | UnknownPart;
}

/**
 * Where a role's permissions come from:
 * - `document`: a policy whose text we evaluated (inline policy, aws_iam_policy, policy document data source);
 * - `managed`: an AWS managed policy known by name (looked up in the catalogue);
 * - `unresolved`: a policy we could not read (unknown ARN, file we cannot see, unknown value).
 */
export type PolicySource =
  | { kind: 'document'; label: string; at?: Loc; doc: PolicyDocument }
  | { kind: 'managed'; label: string; at?: Loc; name: string }
  | { kind: 'unresolved'; label: string; at?: Loc; reason: string };

// ---------------------------------------------------------------------------
// Reading policy JSON

/** Parses a policy document's JSON text. Never throws: bad JSON is an unknown document. */
export function policyFromJson(text: string, at?: Loc): PolicyDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { statements: unknownPart(`the policy is not valid JSON (${e instanceof Error ? e.message : String(e)})`, at) };
  }
  return policyFromObject(parsed, at);
}

/**
 * Reads a policy document from a JSON-like value (`jsonencode({...})` arguments, parsed JSON). Unknown parts
 * may already be UnknownPart values. Keys are matched as IAM does: `Statement`, `Effect`, `Action`, ... (IAM keys
 * are case-sensitive; we accept exactly these spellings).
 */
export function policyFromObject(value: unknown, at?: Loc): PolicyDocument {
  if (isUnknownPart(value)) return { statements: value };
  if (!isRecord(value)) return { statements: unknownPart('the policy is not a JSON object', at) };
  const st = value.Statement;
  if (st === undefined) return { statements: [] };
  if (isUnknownPart(st)) return { statements: st };
  const list = Array.isArray(st) ? st : [st];
  return { statements: list.map((s) => statementFromObject(s, at)) };
}

function statementFromObject(value: unknown, at?: Loc): PolicyStatement | UnknownPart {
  if (isUnknownPart(value)) return value;
  if (!isRecord(value)) return unknownPart('a policy statement is not an object', at);
  const effect = value.Effect;
  const stmt: PolicyStatement = {
    effect: effect === 'Allow' || effect === 'Deny' ? effect : isUnknownPart(effect) ? effect : unknownPart(`statement Effect ${JSON.stringify(effect)} is not Allow or Deny`, at),
    condition: isUnknownPart(value.Condition) ? value.Condition : value.Condition !== undefined && value.Condition !== null,
    conditions: conditionsFromObject(value.Condition, at),
  };
  if (value.NotPrincipal !== undefined) stmt.principal = { not: true, everyone: principalIsEveryone(value.NotPrincipal) };
  else if (value.Principal !== undefined) stmt.principal = { not: false, everyone: principalIsEveryone(value.Principal) };
  if (at) stmt.at = at;
  const action = partialList(value.Action, 'Action', at);
  const notAction = partialList(value.NotAction, 'NotAction', at);
  const resource = partialList(value.Resource, 'Resource', at);
  const notResource = partialList(value.NotResource, 'NotResource', at);
  if (action) stmt.action = action;
  if (notAction) stmt.notAction = notAction;
  if (resource) stmt.resource = resource;
  if (notResource) stmt.notResource = notResource;
  return stmt;
}

function partialList(v: unknown, key: string, at?: Loc): PartialList | undefined {
  if (v === undefined || v === null) return undefined;
  // An unknown attribute of a resource (`aws_sqs_queue.q.arn`) is one string, not an unknown list.
  if (isUnknownPart(v)) return v.ref !== undefined ? [v] : v;
  const items = Array.isArray(v) ? v : [v];
  return items.map((i) => (typeof i === 'string' ? i : isUnknownPart(i) ? i : unknownPart(`a ${key} element is not a string`, at)));
}

/** `"*"`, or `{"AWS": "*"}` / `{"AWS": [..., "*"]}`: every caller. */
function principalIsEveryone(p: unknown): boolean | UnknownPart {
  if (isUnknownPart(p)) return p;
  if (p === '*') return true;
  if (!isRecord(p)) return false;
  const aws = p.AWS;
  if (isUnknownPart(aws)) return aws;
  const items = Array.isArray(aws) ? aws : [aws];
  if (items.includes('*')) return true;
  return items.find(isUnknownPart) ?? false;
}

/** The conditions of a statement without any (shared: statements without conditions are most of them). */
export const NO_CONDITIONS: readonly PolicyCondition[] = Object.freeze([]);

function conditionsFromObject(c: unknown, at?: Loc): readonly PolicyCondition[] | UnknownPart {
  if (c === undefined || c === null) return NO_CONDITIONS;
  if (isUnknownPart(c)) return c;
  if (!isRecord(c)) return unknownPart('a Condition is not an object', at);
  const out: PolicyCondition[] = [];
  for (const [operator, keys] of Object.entries(c)) {
    if (isUnknownPart(keys)) return keys;
    if (!isRecord(keys)) return unknownPart(`the ${operator} condition is not an object`, at);
    for (const [key, values] of Object.entries(keys)) out.push({ operator, key, values: conditionValues(values, at) });
  }
  return out;
}

/** The values of a condition (plain JSON data, unknown parts as UnknownPart) as a list. */
export function conditionValues(v: unknown, at?: Loc): ConditionValue[] | UnknownPart {
  // An unknown attribute of a resource (`aws_vpc_endpoint.s3.id`) is one value, not an unknown list.
  if (isUnknownPart(v)) return v.ref !== undefined ? [v] : v;
  const items = Array.isArray(v) ? v : [v];
  return items.map((i) =>
    typeof i === 'string' || typeof i === 'number' || typeof i === 'boolean' || isUnknownPart(i) ? i : unknownPart('a condition value is not a string, number or boolean', at),
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---------------------------------------------------------------------------
// Action patterns

/** Longer texts or patterns never match: IAM actions and ARNs are far shorter, and it bounds the work. */
const MAX_MATCH_LENGTH = 4096;

/**
 * IAM wildcard match (case-insensitive; `*` any run, `?` one character). A two-pointer glob match that backtracks
 * only to the last `*`: O(pattern × text) at worst, whatever the pattern (no regular expressions).
 */
export function actionMatches(pattern: string, text: string): boolean {
  if (pattern.length > MAX_MATCH_LENGTH || text.length > MAX_MATCH_LENGTH) return false;
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === t[ti])) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = ti;
    } else if (star >= 0) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?');
}

/**
 * What an Allow action pattern says about the code's services:
 * - `services`: service ids it grants (empty for ENI management and Logs, see the catalogue);
 * - `everything`: the pattern covers every service (`*`, `*:Get*`), so the set cannot be told;
 * - `uncatalogued`: the prefix is not in the catalogue (then `services` holds the prefix itself).
 */
export interface PatternServices {
  services: string[];
  everything: boolean;
  uncatalogued: boolean;
  /** ENI management or Logs: not a dependency. */
  nonDependency: boolean;
}

export function servicesForActionPattern(pattern: string): PatternServices {
  const p = pattern.trim();
  const colon = p.indexOf(':');
  if (p === '*' || colon < 0) {
    // IAM rejects a bare word other than `*`; treat it as covering everything rather than guess.
    return { services: [], everything: true, uncatalogued: false, nonDependency: false };
  }
  const prefix = p.slice(0, colon).toLowerCase();
  const name = p.slice(colon + 1);
  if (hasWildcard(prefix)) return { services: [], everything: true, uncatalogued: false, nonDependency: false };
  if (isNonDependencyPattern(prefix, p)) return { services: [], everything: false, uncatalogued: false, nonDependency: true };
  const split = Object.prototype.hasOwnProperty.call(ACTION_SPLITS, prefix) ? ACTION_SPLITS[prefix] : undefined;
  if (split) return { services: splitServices(split, name), everything: false, uncatalogued: false, nonDependency: false };
  const service = Object.prototype.hasOwnProperty.call(IAM_PREFIX_SERVICE, prefix) ? IAM_PREFIX_SERVICE[prefix] : undefined;
  if (service) return { services: [service], everything: false, uncatalogued: false, nonDependency: false };
  return { services: [prefix], everything: false, uncatalogued: true, nonDependency: false };
}

function splitServices(split: (typeof ACTION_SPLITS)[string], name: string): string[] {
  if (!hasWildcard(name)) {
    const part = split.parts.find((pt) => pt.actions.some((a) => a.toLowerCase() === name.toLowerCase()));
    return [part ? part.service : split.default.service];
  }
  const out: string[] = [];
  for (const pt of split.parts) if (pt.actions.some((a) => actionMatches(name, a))) out.push(pt.service);
  if (out.length === 0 || split.default.sample.some((a) => actionMatches(name, a))) out.unshift(split.default.service);
  return out;
}

/**
 * ENI management and Logs are the Lambda service's traffic, not the code's (catalogue: NON_DEPENDENCY_*).
 * An `ec2:` wildcard that covers an ENI action is read as ENI management.
 */
function isNonDependencyPattern(prefix: string, pattern: string): boolean {
  if (NON_DEPENDENCY_PREFIXES.includes(prefix)) return true;
  if (!hasWildcard(pattern)) return NON_DEPENDENCY_ACTIONS.some((a) => a.toLowerCase() === pattern.toLowerCase());
  return prefix === 'ec2' && ENI_ACTIONS_ALL.some((a) => actionMatches(pattern, a));
}

// ---------------------------------------------------------------------------
// Services granted by policies

export interface ServiceGrant {
  service: string;
  /** The action patterns that granted it. */
  actions: string[];
  uncatalogued: boolean;
  at?: Loc;
}

export interface ServicesResult {
  /** One entry per (source, service). */
  grants: { source: PolicySource; grant: ServiceGrant }[];
  /** Sources or statements whose services cannot be told (`*`, NotAction, unknown parts), with reasons. */
  incomplete: { source: PolicySource; reason: string; at?: Loc }[];
}

export interface ServicesOptions {
  /**
   * Actions an event source poller needs on its source (catalogue MAPPING_POLLER_ACTIONS for the function's
   * mappings). A literal action in this list is the poller's; so is a wildcard pattern of the same prefix in a
   * statement whose resources are all mapped sources.
   */
  pollerActions?: readonly string[];
  /** True when a Resource element names one of the function's mapped sources (or their auth secrets). */
  isMappedResource?: (resource: string | UnknownPart) => boolean;
  /**
   * True when a Resource element is the function's own environment key (`kms_key_arn`). ENVIRONMENT_KEY_ACTIONS in
   * a statement whose resources are all that key are the Lambda service's, not the code's.
   */
  isEnvironmentKey?: (resource: string | UnknownPart) => boolean;
}

/** The services each source's Allow statements grant. Deny statements never add services. */
export function servicesOfPolicies(sources: readonly PolicySource[], opts: ServicesOptions = {}): ServicesResult {
  const result: ServicesResult = { grants: [], incomplete: [] };
  for (const source of sources) {
    if (source.kind === 'unresolved') {
      result.incomplete.push({ source, reason: source.reason, at: source.at });
      continue;
    }
    if (source.kind === 'managed') {
      const info = Object.prototype.hasOwnProperty.call(MANAGED_POLICIES, source.name) ? MANAGED_POLICIES[source.name] : undefined;
      if (!info) {
        result.incomplete.push({ source, reason: `managed policy ${source.name} is not in the catalogue`, at: source.at });
      } else if (info.services === '*') {
        result.incomplete.push({ source, reason: `managed policy ${source.name} allows every action, so the services the code uses cannot be told from it`, at: source.at });
      } else {
        for (const service of info.services) result.grants.push({ source, grant: { service, actions: [], uncatalogued: false, at: source.at } });
      }
      continue;
    }
    const byService = new Map<string, ServiceGrant>();
    const stmts = source.doc.statements;
    if (isUnknownPart(stmts)) {
      result.incomplete.push({ source, reason: stmts.reason, at: stmts.at ?? source.at });
      continue;
    }
    for (const s of stmts) {
      if (isUnknownPart(s)) {
        result.incomplete.push({ source, reason: s.reason, at: s.at ?? source.at });
        continue;
      }
      if (isUnknownPart(s.effect)) {
        result.incomplete.push({ source, reason: s.effect.reason, at: s.effect.at ?? s.at ?? source.at });
        continue;
      }
      if (s.effect !== 'Allow') continue;
      if (s.notAction !== undefined) {
        result.incomplete.push({ source, reason: 'an Allow statement with NotAction allows every other action, so the services cannot be told', at: s.at ?? source.at });
        continue;
      }
      if (s.action === undefined) continue;
      if (isUnknownPart(s.action)) {
        result.incomplete.push({ source, reason: s.action.reason, at: s.action.at ?? s.at ?? source.at });
        continue;
      }
      const resourcesMapped = allResources(s, opts.isMappedResource);
      const onEnvironmentKey = allResources(s, opts.isEnvironmentKey);
      for (const a of s.action) {
        if (isUnknownPart(a)) {
          result.incomplete.push({ source, reason: a.reason, at: a.at ?? s.at ?? source.at });
          continue;
        }
        if (isPollerAction(a, resourcesMapped, opts)) continue;
        if (onEnvironmentKey && ENVIRONMENT_KEY_ACTIONS.some((k) => k.toLowerCase() === a.toLowerCase())) continue;
        const ps = servicesForActionPattern(a);
        if (ps.everything) {
          result.incomplete.push({ source, reason: `action ${JSON.stringify(a)} covers every service, so the services the code uses cannot be told`, at: s.at ?? source.at });
          continue;
        }
        for (const service of ps.services) {
          const g = byService.get(service) ?? { service, actions: [], uncatalogued: ps.uncatalogued, at: s.at ?? source.at };
          if (!g.actions.includes(a)) g.actions.push(a);
          byService.set(service, g);
        }
      }
    }
    for (const grant of byService.values()) result.grants.push({ source, grant });
  }
  return result;
}

/** Whether the statement names resources and `test` holds for every one of them. */
function allResources(s: PolicyStatement, test: ((resource: string | UnknownPart) => boolean) | undefined): boolean {
  if (!test || s.resource === undefined || isUnknownPart(s.resource) || s.resource.length === 0) return false;
  return s.resource.every((r) => test(r));
}

function isPollerAction(action: string, resourcesMapped: boolean, opts: ServicesOptions): boolean {
  const poller = opts.pollerActions;
  if (!poller || poller.length === 0) return false;
  if (!hasWildcard(action)) return poller.some((p) => p.toLowerCase() === action.toLowerCase());
  // A wildcard of a poller's prefix counts as the poller's only when scoped to the mapped sources.
  return resourcesMapped && poller.some((p) => actionMatches(action, p));
}

// ---------------------------------------------------------------------------
// ENI permissions

export type Tri = true | false | 'unknown';

export interface EniResult {
  granted: Tri;
  /** Why (one line). */
  reason: string;
  /** Sources that grant the actions (when granted) or whose statements left the answer open. */
  evidence: PolicySource[];
}

/**
 * Whether the sources together allow ENI_ACTIONS_REQUIRED (on `*`) and deny none of them.
 *
 * - An Allow counts only with `Resource: "*"` (DescribeNetworkInterfaces works only on `*`); other resource
 *   patterns, NotResource, or a Condition make that statement's contribution unknown.
 * - A Deny that matches an action takes it away; a conditional or resource-scoped Deny makes it unknown.
 * - An unresolved source may grant: when nothing known grants the actions, the answer is unknown. We assume an
 *   unresolved source holds no Deny of ENI actions (explicit denies of these are very rare in execution roles).
 */
export function eniPermission(sources: readonly PolicySource[], requiredActions: readonly string[] = ENI_ACTIONS_REQUIRED): EniResult {
  const unresolved = sources.filter((s) => s.kind === 'unresolved' || (s.kind === 'managed' && !isKnownManaged(s.name)));
  let all: Tri = true;
  const grantedBy = new Set<PolicySource>();
  const openBy = new Set<PolicySource>();
  let missing: string | undefined;
  let denied: string | undefined;
  for (const action of requiredActions) {
    let allow: Tri = false;
    let deny: Tri = false;
    for (const source of sources) {
      const a = allowState(source, action);
      if (a === true) grantedBy.add(source);
      if (a === 'unknown') openBy.add(source);
      allow = or(allow, a);
      const d = denyState(source, action);
      if (d !== false) openBy.add(source);
      deny = or(deny, d);
    }
    if (allow === false && unresolved.length > 0) allow = 'unknown';
    const granted = and(allow, not(deny));
    if (granted === false && missing === undefined && denied === undefined) {
      if (deny === true) denied = action;
      else missing = action;
    }
    all = and(all, granted);
  }
  if (all === true) return { granted: true, reason: `the role's policies allow ${requiredActions.join(', ')}`, evidence: [...grantedBy] };
  if (all === false) {
    const reason = denied ? `a Deny statement removes ${denied}` : `no policy of the role allows ${missing ?? requiredActions[0]}`;
    return { granted: false, reason, evidence: [...sources.filter((s) => s.kind !== 'unresolved')] };
  }
  const first = unresolved[0];
  let why = 'a statement that may allow or deny the ENI actions has conditions or resource scoping';
  if (first?.kind === 'unresolved') why = first.reason;
  else if (first?.kind === 'managed') why = `managed policy ${first.name} is not in the catalogue`;
  return { granted: 'unknown', reason: why, evidence: [...openBy, ...unresolved] };
}

function isKnownManaged(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(MANAGED_POLICIES, name);
}

function allowState(source: PolicySource, action: string): Tri {
  if (source.kind === 'unresolved') return false; // accounted for by the caller
  if (source.kind === 'managed') {
    const info = isKnownManaged(source.name) ? MANAGED_POLICIES[source.name] : undefined;
    return info ? info.grantsEni && ENI_ACTIONS_REQUIRED.some((a) => a.toLowerCase() === action.toLowerCase()) : false;
  }
  return statementsState(source.doc, action, 'Allow');
}

function denyState(source: PolicySource, action: string): Tri {
  if (source.kind !== 'document') return false;
  return statementsState(source.doc, action, 'Deny');
}

/** Whether some statement with `effect` applies to `action` on every resource. */
function statementsState(doc: PolicyDocument, action: string, effect: 'Allow' | 'Deny'): Tri {
  if (isUnknownPart(doc.statements)) return 'unknown';
  let state: Tri = false;
  for (const s of doc.statements) {
    if (isUnknownPart(s)) {
      state = or(state, 'unknown');
      continue;
    }
    if (isUnknownPart(s.effect)) {
      state = or(state, matchesAction(s, action) === false ? false : 'unknown');
      continue;
    }
    if (s.effect !== effect) continue;
    const m = matchesAction(s, action);
    if (m === false) continue;
    const r = effect === 'Allow' ? coversAllResources(s) : coversAnyResource(s);
    const c: Tri = isUnknownPart(s.condition) ? 'unknown' : s.condition ? 'unknown' : true;
    state = or(state, and(m, and(r, c)));
  }
  return state;
}

function matchesAction(s: PolicyStatement, action: string): Tri {
  if (s.action !== undefined) return listMatches(s.action, action);
  if (s.notAction !== undefined) return not(listMatches(s.notAction, action));
  return false;
}

function listMatches(list: PartialList, action: string): Tri {
  if (isUnknownPart(list)) return 'unknown';
  let r: Tri = false;
  for (const p of list) r = or(r, isUnknownPart(p) ? 'unknown' : actionMatches(p, action));
  return r;
}

/** Allow side: the statement must apply on `*`. */
function coversAllResources(s: PolicyStatement): Tri {
  if (s.notResource !== undefined) return 'unknown';
  if (s.resource === undefined) return false; // IAM requires Resource or NotResource
  if (isUnknownPart(s.resource)) return 'unknown';
  let r: Tri = false;
  for (const p of s.resource) r = or(r, isUnknownPart(p) ? 'unknown' : p === '*' ? true : 'unknown');
  return r;
}

/** Deny side: a Deny on `*` takes the action away; a Deny on some resources may. */
function coversAnyResource(s: PolicyStatement): Tri {
  if (s.notResource !== undefined) return 'unknown';
  if (s.resource === undefined || isUnknownPart(s.resource)) return 'unknown';
  let r: Tri = false;
  for (const p of s.resource) r = or(r, isUnknownPart(p) ? 'unknown' : p === '*' ? true : 'unknown');
  return r;
}

function or(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return false;
}

function and(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return true;
}

function not(a: Tri): Tri {
  return a === 'unknown' ? 'unknown' : !a;
}
