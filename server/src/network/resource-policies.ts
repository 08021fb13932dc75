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
// The policies are read by policies.ts (JSON text, jsonencode(), templates with unknown interpolations,
// aws_iam_policy_document data sources, an aws_iam_policy's `policy`) into iam.ts's statements, whose principal and
// conditions are judged here.

import type { BodyView, ResourceInstance } from '../terraform/model';
import { asString, isAbsent, type Value } from '../terraform/values';
import { NEGATED_CONDITION_OPERATORS, RESOURCE_POLICIES, VPC_CONDITION_KEYS } from './catalogue';
import { isUnknownPart, type PolicyCondition, type PolicyStatement } from './iam';
import { policyDocument } from './policies';
import { argumentValues, loc, optAttrLoc, sameThing, unknownFact, type NetContext } from './resolve';
import type { Loc, UnknownFact } from './types';

/**
 * What the resource policies of one resource say about where it can be reached from: only from a VPC (with one line
 * naming the policy and the key), or unknown with the reason. `at` is the policy (its `policy` argument, or the
 * statement block).
 */
export type PolicyReach = { vpcOnly: true; detail: string; at: Loc } | { vpcOnly: UnknownFact; at: Loc };

/** A VPC condition key as the catalogue has it: its spelling, and where requests that carry it come from. */
type VpcKey = (typeof VPC_CONDITION_KEYS)[number];

type Verdict =
  | { kind: 'vpc-only'; key: VpcKey; at: Loc }
  | { kind: 'depends'; key: VpcKey; effect: string; at: Loc }
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
      const list = inst.mode === 'managed' ? ctx.mayName(`resource-policy\0${root.dir}\0${type}\0${arg}`, all, argumentValues(arg), inst) : all;
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
      const detail = `${vpcOnly.label} admits only requests ${key.from} (${key.key})`;
      return { vpcOnly: true, detail, at };
    }
    const first = found.find((f) => f.sure) ?? found[0];
    if (!first) return undefined;
    const v = first.verdict;
    const what =
      v.kind === 'unreadable'
        ? `${first.label} applies to ${inst.address} and cannot be read: ${v.reason}`
        : v.kind === 'vpc-only'
          ? `${first.label} admits only requests ${v.key.from} (${v.key.key})`
          : `${first.label} has a statement that ${v.effect === 'Allow' ? 'allows' : v.effect === 'Deny' ? 'denies' : 'allows or denies'} requests by ${v.key.key}`;
    const reason = first.sure
      ? v.kind === 'unreadable'
        ? `${what}, so whether ${inst.address} admits requests from outside a VPC cannot be told`
        : `${what}, so whether ${inst.address} can be reached from outside a VPC cannot be told`
      : `${first.label} may apply to ${inst.address} (its ${first.arg ?? 'target'} cannot be compared with it) and ${v.kind === 'unreadable' ? `cannot be read: ${v.reason}` : 'names a VPC condition key'}`;
    return { vpcOnly: unknownFact(reason, v.at), at: v.at };
  });
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
  const doc = policyDocument(ctx, body, name);
  const statements = isUnknownPart(doc) ? doc : doc.statements;
  if (isUnknownPart(statements)) return { kind: 'unreadable', reason: statements.reason, at: statements.at ?? at };
  let depends: Verdict | undefined;
  let unreadable: Verdict | undefined;
  for (const s of statements) {
    if (isUnknownPart(s)) {
      unreadable ??= { kind: 'unreadable', reason: s.reason, at: s.at ?? at };
      continue;
    }
    if (isUnknownPart(s.conditions)) {
      unreadable ??= { kind: 'unreadable', reason: `the conditions of a statement are unknown: ${s.conditions.reason}`, at: s.conditions.at ?? s.at ?? at };
      continue;
    }
    const key = s.conditions.map((c) => vpcKey(c.key)).find((k) => k !== undefined);
    if (!key) continue;
    const sat = s.at ?? at;
    if (s.effect === 'Deny' && forEveryone(s) && allActions(s) && s.conditions.every((c) => vpcKey(c.key) !== undefined && deniesOutsideVpc(c))) {
      return { kind: 'vpc-only', key, at: sat };
    }
    depends ??= { kind: 'depends', key, effect: isUnknownPart(s.effect) ? 'unknown' : s.effect, at: sat };
  }
  return depends ?? unreadable;
}

/** Principal `*` (or `{ AWS = "*" }`): every caller, the function's role among them. NotPrincipal never is. */
function forEveryone(s: PolicyStatement): boolean {
  return s.principal !== undefined && !s.principal.not && s.principal.everyone === true;
}

/** Action `*` or `<service>:*` (NotAction never is). */
function allActions(s: PolicyStatement): boolean {
  if (s.notAction !== undefined || s.action === undefined || isUnknownPart(s.action)) return false;
  return s.action.some((a) => typeof a === 'string' && (a === '*' || /^[a-z0-9-]+:\*$/i.test(a)));
}

/** The catalogue entry of a VPC condition key (keys are case-insensitive), or undefined for any other key. */
function vpcKey(key: string): VpcKey | undefined {
  const k = key.toLowerCase();
  return VPC_CONDITION_KEYS.find((x) => x.key.toLowerCase() === k);
}

/** Whether a condition is true for a request without the key (so a Deny with it denies such requests). */
function deniesOutsideVpc(c: PolicyCondition): boolean {
  // Set operators (ForAllValues:, ForAnyValue:) are for multivalued keys; these keys are single-valued.
  if (c.operator.includes(':')) return false;
  const base = c.operator.replace(/IfExists$/i, '').toLowerCase();
  if (base === 'null') {
    const vals = c.values;
    return !isUnknownPart(vals) && vals.length > 0 && vals.every((x) => x === true || (typeof x === 'string' && x.toLowerCase() === 'true'));
  }
  return NEGATED_CONDITION_OPERATORS.some((o) => o.toLowerCase() === base);
}
