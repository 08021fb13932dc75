// Resource policies of the resources a function uses (bucket, queue, topic, table, secret, key, repository and
// private REST API policies): one that denies every request that does not come through a VPC endpoint
// (`aws:SourceVpce`, `aws:SourceVpc`, `aws:SourceVpcArn`, `aws:VpcSourceIp`, catalogue VPC_CONDITION_KEYS) makes
// the resource reachable only from inside a VPC, whatever its service is otherwise.
//
// Three-valued:
// - a Deny statement for every principal and every action of the service, whose conditions are all negated
//   conditions on VPC keys (`StringNotEquals aws:SourceVpce`, `Null aws:SourceVpc = true`): VPC-only, known;
// - any other statement that names a VPC key (an Allow: the execution role's own policy may still admit requests
//   from anywhere in the account; a Deny with other conditions, or for some principals or actions only), a policy
//   that applies to the resource and cannot be read (unknown document, statements or conditions), or one that has
//   such statements and may apply (which resource it names cannot be compared): unknown, with the reason;
// - no policy, or policies without VPC keys: nothing to say (undefined).
//
// The policy text is read here rather than through iam.ts's PolicyDocument, which keeps only whether a statement
// has a condition, not its keys; the value forms are the same ones policies.ts reads (JSON text, jsonencode(),
// templates with unknown interpolations, aws_iam_policy_document data sources, an aws_iam_policy's `policy`).

import type { BodyView, ResourceInstance } from '../terraform/model';
import { asList, asString, isAbsent, isUnknown, type UnknownValue, type Value } from '../terraform/values';
import { NEGATED_CONDITION_OPERATORS, RESOURCE_POLICIES, VPC_CONDITION_KEYS } from './catalogue';
import { isUnknownPart, unknownPart, type UnknownPart } from './iam';
import { valueToPlain } from './policies';
import { headerOf, known, loc, optAttrLoc, sameThing, unknownFact, whereFrom, whyUnknown, type NetContext } from './resolve';
import type { Fact, Loc } from './types';

/** What the resource policies of one resource say about where it can be reached from. */
export interface PolicyReach {
  /** Known true (VPC-only), or unknown with the reason. */
  fact: Fact<boolean>;
  /** For a known fact: one line naming the policy and the key. */
  detail?: string;
  /** The policy (its `policy` argument, or the statement block). */
  at: Loc;
}

/** Depth bound for policy documents that include others. */
const MAX_DEPTH = 8;

interface Condition {
  operator: string;
  key: string;
  values: unknown;
}

interface Statement {
  effect: 'Allow' | 'Deny' | UnknownPart;
  /** Principal `*` (or `{ AWS = "*" }`): every caller, the function's role among them. */
  everyone: boolean | UnknownPart;
  /** Action `*` or `<service>:*`. */
  allActions: boolean | UnknownPart;
  conditions: Condition[] | UnknownPart;
  at?: Loc;
}

interface Doc {
  statements: (Statement | UnknownPart)[] | UnknownPart;
}

type Verdict =
  | { kind: 'vpc-only'; key: string; at: Loc }
  | { kind: 'depends'; key: string; effect: string; at: Loc }
  | { kind: 'unreadable'; reason: string; at: Loc };

/**
 * What the resource policies that apply to `inst` say, or undefined when no policy names a VPC key (or the type
 * has no resource policies).
 */
export function resourcePolicyReach(ctx: NetContext, inst: ResourceInstance): PolicyReach | undefined {
  const spec = Object.prototype.hasOwnProperty.call(RESOURCE_POLICIES, inst.type) ? RESOURCE_POLICIES[inst.type] : undefined;
  if (!spec) return undefined;
  const root = inst.module.root;
  return ctx.cached(`resource-policy-reach\0${root.dir}\0${inst.mode}\0${inst.address}`, () => {
    const found: { label: string; verdict: Verdict; sure: boolean; arg?: string }[] = [];
    if (spec.inline && inst.mode === 'managed') {
      const v = inst.attr(spec.inline);
      // The provider treats "" as no policy.
      if (v !== undefined && !isAbsent(v) && asString(v) !== '') {
        const verdict = verdictOf(ctx, inst, spec.inline);
        if (verdict) found.push({ label: `${inst.address} ${spec.inline}`, verdict, sure: true });
      }
    }
    for (const { type, arg } of spec.attachments) {
      const all = ctx.resources(root, type);
      // A data source may be a resource managed here under another name: compare it with every policy.
      const list = inst.mode === 'managed' ? ctx.mayName(`resource-policy\0${root.dir}\0${type}\0${arg}`, all, valuesOf(arg), inst) : all;
      for (const p of list) {
        const same = applies(ctx, p.attr(arg), inst, spec.names);
        if (same === false) continue;
        const verdict = verdictOf(ctx, p, 'policy');
        if (verdict) found.push({ label: p.address, verdict, sure: same === true, arg });
      }
    }
    const vpcOnly = found.find((f) => f.sure && f.verdict.kind === 'vpc-only');
    if (vpcOnly && vpcOnly.verdict.kind === 'vpc-only') {
      const { key, at } = vpcOnly.verdict;
      const detail = `${vpcOnly.label} admits only requests ${fromText(key)} (${key})`;
      return { fact: known(true, at), detail, at };
    }
    const first = found.find((f) => f.sure) ?? found[0];
    if (!first) return undefined;
    const v = first.verdict;
    const what =
      v.kind === 'unreadable'
        ? `${first.label} applies to ${inst.address} and cannot be read: ${v.reason}`
        : v.kind === 'vpc-only'
          ? `${first.label} admits only requests ${fromText(v.key)} (${v.key})`
          : `${first.label} has a statement that ${v.effect === 'Allow' ? 'allows' : v.effect === 'Deny' ? 'denies' : 'allows or denies'} requests by ${v.key}`;
    const reason = first.sure
      ? v.kind === 'unreadable'
        ? `${what}, so whether ${inst.address} admits requests from outside a VPC cannot be told`
        : `${what}, so whether ${inst.address} can be reached from outside a VPC cannot be told`
      : `${first.label} may apply to ${inst.address} (its ${first.arg ?? 'target'} cannot be compared with it) and ${v.kind === 'unreadable' ? `cannot be read: ${v.reason}` : 'names a VPC condition key'}`;
    return { fact: unknownFact(reason, v.at), at: v.at };
  });
}

function fromText(key: string): string {
  return VPC_CONDITION_KEYS.find((k) => k.key.toLowerCase() === key.toLowerCase())?.from ?? 'from a VPC';
}

function valuesOf(name: string): (r: ResourceInstance) => Value[] {
  return (r) => {
    const v = r.attr(name);
    return v === undefined ? [] : [v];
  };
}

/** Whether a policy's target argument names `inst`: one of its attributes, or the known value of one of its arguments. */
function applies(ctx: NetContext, v: Value | undefined, inst: ResourceInstance, names: readonly string[]): boolean | undefined {
  if (v === undefined || isAbsent(v)) return false;
  let r: boolean | undefined = false;
  for (const n of names) {
    const own = inst.attr(n);
    // The attribute itself, and the argument's known value (`bucket = "orders"` also names the bucket "orders").
    const candidates = own !== undefined && asString(own) !== undefined ? [inst.ref(n), own] : [inst.ref(n)];
    for (const other of candidates) {
      const s = sameThing(ctx, v, other);
      if (s === true) return true;
      if (s === undefined) r = undefined;
    }
  }
  return r;
}

// ---------------------------------------------------------------------------
// Verdicts

/** The verdict of the policy in argument `name` of `body`: undefined when it names no VPC key. */
function verdictOf(ctx: NetContext, body: Pick<BodyView, 'attr' | 'attrLocation' | 'location'>, name: string): Verdict | undefined {
  const at = optAttrLoc(body, name) ?? loc(body.location);
  const v = body.attr(name);
  if (v === undefined || isAbsent(v)) return { kind: 'unreadable', reason: `no ${name} is set`, at };
  const doc = docOfValue(ctx, v, at, 0);
  if (isUnknownPart(doc.statements)) return { kind: 'unreadable', reason: doc.statements.reason, at: doc.statements.at ?? at };
  let depends: Verdict | undefined;
  let unreadable: Verdict | undefined;
  for (const s of doc.statements) {
    if (isUnknownPart(s)) {
      unreadable ??= { kind: 'unreadable', reason: s.reason, at: s.at ?? at };
      continue;
    }
    if (isUnknownPart(s.conditions)) {
      unreadable ??= { kind: 'unreadable', reason: `the conditions of a statement are unknown: ${s.conditions.reason}`, at: s.conditions.at ?? s.at ?? at };
      continue;
    }
    const vpc = s.conditions.filter((c) => isVpcKey(c.key));
    if (vpc.length === 0) continue;
    const key = VPC_CONDITION_KEYS.find((k) => k.key.toLowerCase() === vpc[0].key.toLowerCase())?.key ?? vpc[0].key;
    const sat = s.at ?? at;
    if (s.effect === 'Deny' && s.everyone === true && s.allActions === true && s.conditions.every((c) => isVpcKey(c.key) && deniesOutsideVpc(c))) {
      return { kind: 'vpc-only', key, at: sat };
    }
    depends ??= { kind: 'depends', key, effect: isUnknownPart(s.effect) ? 'unknown' : s.effect, at: sat };
  }
  return depends ?? unreadable;
}

function isVpcKey(key: string): boolean {
  const k = key.toLowerCase();
  return VPC_CONDITION_KEYS.some((x) => x.key.toLowerCase() === k);
}

/** Whether a condition is true for a request without the key (so a Deny with it denies such requests). */
function deniesOutsideVpc(c: Condition): boolean {
  // Set operators (ForAllValues:, ForAnyValue:) are for multivalued keys; these keys are single-valued.
  if (c.operator.includes(':')) return false;
  const base = c.operator.replace(/IfExists$/i, '').toLowerCase();
  if (base === 'null') {
    const vals = Array.isArray(c.values) ? c.values : [c.values];
    return vals.length > 0 && vals.every((x) => x === true || (typeof x === 'string' && x.toLowerCase() === 'true'));
  }
  return NEGATED_CONDITION_OPERATORS.some((o) => o.toLowerCase() === base);
}

// ---------------------------------------------------------------------------
// Reading policies (the same value forms as policies.ts)

function docOfValue(ctx: NetContext, v: Value, at: Loc, depth: number): Doc {
  if (depth > MAX_DEPTH) return { statements: unknownPart('policies refer to each other too deeply', at) };
  const s = asString(v);
  if (s !== undefined) return docOfJson(s, whereFrom(v) ?? at);
  if (v.kind === 'map' || v.kind === 'object') return docOfPlain(valueToPlain(v), at);
  if (!isUnknown(v)) return { statements: unknownPart('the policy is not a JSON string', at) };
  if (v.jsonOf) return docOfPlain(valueToPlain(v.jsonOf), at);
  const fromParts = v.parts ? docOfParts(v.parts, at) : undefined;
  if (fromParts) return fromParts;
  if (v.ref) {
    const inst = ctx.ws.resolveRef(v)[0];
    if (inst && inst.mode === 'data' && inst.type === 'aws_iam_policy_document') return docOfDataSource(ctx, inst, depth + 1);
    if (inst && inst.mode === 'managed' && inst.type === 'aws_iam_policy' && v.ref.path[0] === 'policy') {
      const p = inst.attr('policy');
      const pat = optAttrLoc(inst, 'policy') ?? headerOf(inst);
      return p === undefined || isAbsent(p) ? { statements: unknownPart('no policy is set', pat) } : docOfValue(ctx, p, pat, depth + 1);
    }
  }
  return { statements: unknownPart(whyUnknown(v), whereFrom(v) ?? at) };
}

function docOfJson(text: string, at: Loc): Doc {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { statements: unknownPart(`the policy is not valid JSON (${e instanceof Error ? e.message : String(e)})`, at) };
  }
  return docOfPlain(parsed, at);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function docOfPlain(value: unknown, at: Loc): Doc {
  if (isUnknownPart(value)) return { statements: value };
  if (!isRecord(value)) return { statements: unknownPart('the policy is not a JSON object', at) };
  const st = value.Statement;
  if (st === undefined || st === null) return { statements: [] };
  if (isUnknownPart(st)) return { statements: st };
  const list = Array.isArray(st) ? st : [st];
  return { statements: list.map((x) => statementOfPlain(x, at)) };
}

function statementOfPlain(value: unknown, at: Loc): Statement | UnknownPart {
  if (isUnknownPart(value)) return value;
  if (!isRecord(value)) return unknownPart('a policy statement is not an object', at);
  const e = value.Effect;
  return {
    effect: e === 'Allow' || e === 'Deny' ? e : isUnknownPart(e) ? e : unknownPart(`statement Effect ${JSON.stringify(e)} is not Allow or Deny`, at),
    everyone: value.NotPrincipal !== undefined ? false : principalIsEveryone(value.Principal),
    allActions: value.NotAction !== undefined ? false : actionsAreAll(value.Action),
    conditions: conditionsOfPlain(value.Condition, at),
    at,
  };
}

function principalIsEveryone(p: unknown): boolean | UnknownPart {
  if (isUnknownPart(p)) return p;
  if (p === '*') return true;
  if (!isRecord(p)) return false;
  const aws = p.AWS;
  if (isUnknownPart(aws)) return aws;
  const items = Array.isArray(aws) ? aws : [aws];
  if (items.includes('*')) return true;
  const u = items.find(isUnknownPart);
  return u ?? false;
}

function actionsAreAll(a: unknown): boolean | UnknownPart {
  if (isUnknownPart(a)) return a;
  const items = Array.isArray(a) ? a : [a];
  if (items.some((x) => typeof x === 'string' && (x === '*' || /^[a-z0-9-]+:\*$/i.test(x)))) return true;
  const u = items.find(isUnknownPart);
  return u ?? false;
}

function conditionsOfPlain(c: unknown, at: Loc): Condition[] | UnknownPart {
  if (c === undefined || c === null) return [];
  if (isUnknownPart(c)) return c;
  if (!isRecord(c)) return unknownPart('a Condition is not an object', at);
  const out: Condition[] = [];
  for (const [operator, keys] of Object.entries(c)) {
    if (isUnknownPart(keys)) return keys;
    if (!isRecord(keys)) return unknownPart(`the ${operator} condition is not an object`, at);
    for (const [key, values] of Object.entries(keys)) out.push({ operator, key, values });
  }
  return out;
}

/** data "aws_iam_policy_document": statement blocks, plus its source and override documents (as a union). */
function docOfDataSource(ctx: NetContext, inst: ResourceInstance, depth: number): Doc {
  const statements: (Statement | UnknownPart)[] = [];
  for (const listAttr of ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json']) {
    const v = inst.attr(listAttr);
    if (v === undefined || isAbsent(v)) continue;
    const at = optAttrLoc(inst, listAttr) ?? headerOf(inst);
    const items = listAttr.endsWith('_json') ? [v] : asList(v);
    if (!items) {
      statements.push(unknownPart(`${listAttr} of ${inst.address} is unknown: ${whyUnknown(v)}`, at));
      continue;
    }
    for (const item of items) {
      if (asString(item) === '') continue; // compact() leaves none, but "" is no document
      const d = docOfValue(ctx, item, at, depth);
      if (isUnknownPart(d.statements)) statements.push(d.statements);
      else statements.push(...d.statements);
    }
  }
  for (const b of inst.nestedBlocks('statement')) {
    const at = loc(b.dynamic ? b.dynamic.location : b.location);
    if (b.unknownExpansion) {
      statements.push(unknownPart(`dynamic "statement" of ${inst.address}: ${b.unknownExpansion.message}`, at));
      continue;
    }
    const effect = b.attr('effect');
    const es = effect === undefined || isAbsent(effect) ? 'Allow' : asString(effect);
    const stmt: Statement = {
      effect: es === 'Allow' || es === 'Deny' ? es : unknownPart(es === undefined ? `effect is unknown: ${whyUnknown(effect as Value)}` : `effect "${es}" is not Allow or Deny`, at),
      everyone: b.hasBlock('not_principals') ? false : principalsOfBlocks(b.nestedBlocks('principals'), at),
      allActions: b.attr('not_actions') !== undefined && !isAbsent(b.attr('not_actions')) ? false : actionsAreAll(listPlain(b.attr('actions'), at)),
      conditions: conditionsOfBlocks(b.nestedBlocks('condition'), at),
      at,
    };
    statements.push(stmt);
  }
  return { statements };
}

function listPlain(v: Value | undefined, at: Loc): unknown {
  if (v === undefined || isAbsent(v)) return [];
  const items = asList(v);
  if (!items) return unknownPart(whyUnknown(v), whereFrom(v) ?? at);
  return items.map((i) => asString(i) ?? unknownPart(whyUnknown(i), whereFrom(i) ?? at));
}

function principalsOfBlocks(blocks: readonly (Pick<BodyView, 'attr'> & { unknownExpansion?: { message: string } })[], at: Loc): boolean | UnknownPart {
  let unknown: UnknownPart | undefined;
  for (const p of blocks) {
    if (p.unknownExpansion) {
      unknown ??= unknownPart(`the principals are unknown: ${p.unknownExpansion.message}`, at);
      continue;
    }
    const type = asString(p.attr('type'));
    const ids = listPlain(p.attr('identifiers'), at);
    if (type === undefined) {
      unknown ??= unknownPart('a principals type is unknown', at);
      continue;
    }
    if (type !== '*' && type !== 'AWS') continue;
    if (isUnknownPart(ids)) {
      unknown ??= ids;
      continue;
    }
    if ((ids as unknown[]).includes('*')) return true;
    const u = (ids as unknown[]).find(isUnknownPart);
    if (u) unknown ??= u;
  }
  return unknown ?? false;
}

function conditionsOfBlocks(blocks: readonly (Pick<BodyView, 'attr'> & { unknownExpansion?: { message: string } })[], at: Loc): Condition[] | UnknownPart {
  const out: Condition[] = [];
  for (const c of blocks) {
    if (c.unknownExpansion) return unknownPart(`dynamic "condition": ${c.unknownExpansion.message}`, at);
    const operator = asString(c.attr('test'));
    const key = asString(c.attr('variable'));
    if (operator === undefined || key === undefined) return unknownPart(`a condition's ${operator === undefined ? 'test' : 'variable'} is unknown`, at);
    const values = c.attr('values');
    out.push({ operator, key, values: values === undefined ? [] : valueToPlain(values) });
  }
  return out;
}

/**
 * A JSON policy produced by a template with unknown interpolations: each unknown becomes a marker, the text is
 * parsed, and strings that hold a marker become unknown parts (a key holding one makes the document unknown).
 * Undefined when the text is not JSON.
 */
function docOfParts(parts: (string | UnknownValue)[], at: Loc): Doc | undefined {
  const markers: UnknownPart[] = [];
  const marker = (v: UnknownValue): string => {
    markers.push(unknownPart(whyUnknown(v), whereFrom(v) ?? at));
    return `__lvl_rp_unknown_${markers.length - 1}__`;
  };
  let text = '';
  let inString = false;
  for (const p of parts) {
    if (typeof p === 'string') {
      for (let i = 0; i < p.length; i++) {
        const ch = p[i];
        if (!inString) {
          if (ch === '"') inString = true;
        } else if (ch === '\\') i++;
        else if (ch === '"') inString = false;
      }
      text += p;
    } else text += inString ? marker(p) : JSON.stringify(marker(p));
  }
  if (markers.length === 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const MARK = /__lvl_rp_unknown_(\d+)__/;
  let badKey = false;
  const restore = (x: unknown, depth: number): unknown => {
    if (depth > 64) return unknownPart('the policy is nested too deeply', at);
    if (typeof x === 'string') {
      const m = MARK.exec(x);
      return m ? markers[Number(m[1])] : x;
    }
    if (Array.isArray(x)) return x.map((i) => restore(i, depth + 1));
    if (isRecord(x)) {
      const o: Record<string, unknown> = {};
      for (const [k, e] of Object.entries(x)) {
        if (MARK.test(k)) badKey = true;
        o[k] = restore(e, depth + 1);
      }
      return o;
    }
    return x;
  };
  const restored = restore(parsed, 0);
  if (badKey) return { statements: unknownPart('a JSON key of the policy is unknown', at) };
  return docOfPlain(restored, at);
}
