// The execution role: which aws_iam_role the function uses, its permission policies (inline `aws_iam_role_policy`,
// `inline_policy` blocks, `managed_policy_arns`, `aws_iam_role_policy_attachment`, `aws_iam_policy_attachment`,
// `aws_iam_role_policy_attachments_exclusive`), and whether they grant the ENI actions (with the permissions
// boundary, when there is one). Only permission policies count; `assume_role_policy` is the trust policy.

import type { ModuleInstance, ResourceInstance } from '../terraform/model';
import { asList, asString, isAbsent, type Value } from '../terraform/values';
import { eniPermission, type EniResult, type PolicySource } from './iam';
import { elementExpr, policySourceFromArn, policySourceFromDocument } from './policies';
import { argumentValues, headerOf, identify, known, loc, optAttrLoc, sameThing, unknownFact, whyUnknown, type NetContext } from './resolve';
import type { Fact, Loc, PolicyPicture, RolePicture } from './types';

export interface ResolvedRole {
  picture: RolePicture;
  /** The role's permission policies (for dependencies); includes `unresolved` sources. */
  sources: PolicySource[];
  /** Why the role's policies cannot be listed at all (role not managed here, role unknown). */
  unresolvedReason?: { reason: string; at?: Loc };
}

/** Resolves an aws_lambda_function `role` value (an ARN). */
export function resolveRole(ctx: NetContext, root: ModuleInstance, v: Value | undefined, at: Loc): ResolvedRole {
  if (v === undefined || isAbsent(v)) return unresolvedRole(unknownFact('the function has no role', at), 'the function has no role', at);
  const t = identify(ctx, v, ['aws_iam_role']);
  if (!('ref' in t)) return unresolvedRole(unknownFact(`the role is unknown: ${t.reason}`, t.at ?? at), `the execution role is unknown: ${t.reason}`, t.at ?? at);
  let inst = t.instance;
  if (!inst && t.refKind === 'literal') inst = roleByArn(ctx, root, t.ref);
  if (!inst || inst.mode !== 'managed') {
    const reason = `${t.ref} is not managed in this configuration, so its policies are not visible`;
    return unresolvedRole(known(t.ref, t.at ?? at), reason, t.at ?? at);
  }
  const sources = rolePolicies(ctx, root, inst);
  return { picture: rolePicture(known(inst.address, headerOf(inst)), headerOf(inst), sources, boundaryOf(ctx, root, inst)), sources };
}

function unresolvedRole(ref: Fact<string>, reason: string, at: Loc): ResolvedRole {
  const sources: PolicySource[] = [{ kind: 'unresolved', label: ref.known ? ref.value : 'execution role', at, reason }];
  return { picture: rolePicture(ref, ref.at, sources, undefined), sources, unresolvedReason: { reason, at } };
}

/** `arn:aws:iam::123456789012:role/path/name` → the aws_iam_role here with that name. */
function roleByArn(ctx: NetContext, root: ModuleInstance, arn: string): ResourceInstance | undefined {
  const m = /^arn:[a-z-]+:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!m) return undefined;
  return ctx.resources(root, 'aws_iam_role').find((r) => asString(r.attr('name')) === m[1]);
}

/** The roles of an aws_iam_policy_attachment (none when their number is unknown: it is skipped then). */
function rolesOf(r: ResourceInstance): Value[] {
  return asList(r.attr('roles') ?? { kind: 'null' }) ?? [];
}

/** The permission policies of a managed role. */
function rolePolicies(ctx: NetContext, root: ModuleInstance, role: ResourceInstance): PolicySource[] {
  return ctx.cached(`role\0${root.dir}\0${role.address}`, () => {
    const sources: PolicySource[] = [];
    // inline_policy blocks
    for (const b of role.nestedBlocks('inline_policy')) {
      const at = loc(b.dynamic ? b.dynamic.location : b.location);
      const label = `${role.address} inline_policy`;
      if (b.unknownExpansion) {
        sources.push({ kind: 'unresolved', label, at, reason: b.unknownExpansion.message });
        continue;
      }
      const p = b.attr('policy');
      if (p === undefined || isAbsent(p)) continue; // an empty inline_policy block removes inline policies
      sources.push(policySourceFromDocument(ctx, b, 'policy', label, at));
    }
    // managed_policy_arns (deprecated argument, still common)
    addArnList(ctx, root, role, 'managed_policy_arns', sources);

    const matchesRole = (v: Value | undefined): boolean | undefined => {
      const byName = sameThing(ctx, v, role.ref('name'));
      if (byName === true) return true;
      const byId = sameThing(ctx, v, role.ref('id'));
      if (byId === true) return true;
      return byName === undefined || byId === undefined ? undefined : false;
    };
    for (const p of ctx.mayName(`role-policy\0${root.dir}`, ctx.resources(root, 'aws_iam_role_policy'), argumentValues('role'), role)) {
      const same = matchesRole(p.attr('role'));
      if (same === false) continue;
      if (same === undefined) {
        sources.push({ kind: 'unresolved', label: p.address, at: headerOf(p), reason: `${p.address} may belong to this role (its role cannot be compared)` });
        continue;
      }
      sources.push(policySourceFromDocument(ctx, p, 'policy', p.address, headerOf(p)));
    }
    for (const a of ctx.mayName(`role-attachment\0${root.dir}`, ctx.resources(root, 'aws_iam_role_policy_attachment'), argumentValues('role'), role)) {
      const same = matchesRole(a.attr('role'));
      if (same === false) continue;
      if (same === undefined) {
        sources.push({ kind: 'unresolved', label: a.address, at: headerOf(a), reason: `${a.address} may attach a policy to this role (its role cannot be compared)` });
        continue;
      }
      const arn = a.attr('policy_arn');
      if (arn !== undefined && !isAbsent(arn)) sources.push(policySourceFromArn(ctx, root, arn, optAttrLoc(a, 'policy_arn') ?? headerOf(a), a.address, a.attribute('policy_arn')?.expr));
    }
    for (const a of ctx.mayName(`policy-attachment\0${root.dir}`, ctx.resources(root, 'aws_iam_policy_attachment'), rolesOf, role)) {
      const roles = asList(a.attr('roles'));
      if (!roles) continue;
      let same: boolean | undefined = false;
      for (const r of roles) {
        const s = matchesRole(r);
        if (s === true) {
          same = true;
          break;
        }
        if (s === undefined) same = undefined;
      }
      if (same === false) continue;
      if (same === undefined) {
        sources.push({ kind: 'unresolved', label: a.address, at: headerOf(a), reason: `${a.address} may attach a policy to this role` });
        continue;
      }
      const arn = a.attr('policy_arn');
      if (arn !== undefined && !isAbsent(arn)) sources.push(policySourceFromArn(ctx, root, arn, optAttrLoc(a, 'policy_arn') ?? headerOf(a), a.address, a.attribute('policy_arn')?.expr));
    }
    for (const a of ctx.mayName(`role-exclusive\0${root.dir}`, ctx.resources(root, 'aws_iam_role_policy_attachments_exclusive'), argumentValues('role_name'), role)) {
      const same = matchesRole(a.attr('role_name'));
      if (same === false) continue;
      if (same === undefined) {
        sources.push({ kind: 'unresolved', label: a.address, at: headerOf(a), reason: `${a.address} may attach policies to this role` });
        continue;
      }
      addArnList(ctx, root, a, 'policy_arns', sources);
    }
    return sources;
  });
}

function addArnList(ctx: NetContext, root: ModuleInstance, body: ResourceInstance, name: string, sources: PolicySource[]): void {
  const v = body.attr(name);
  if (v === undefined || isAbsent(v)) return;
  const at = optAttrLoc(body, name) ?? headerOf(body);
  const items = asList(v);
  if (!items) {
    sources.push({ kind: 'unresolved', label: `${body.address} ${name}`, at, reason: `${name} is unknown: ${whyUnknown(v)}` });
    return;
  }
  items.forEach((item, i) => sources.push(policySourceFromArn(ctx, root, item, at, `${body.address} ${name}[${i}]`, elementExpr(body, name, i))));
}

function boundaryOf(ctx: NetContext, root: ModuleInstance, role: ResourceInstance): PolicySource | undefined {
  const v = role.attr('permissions_boundary');
  // The provider sends no boundary for an empty string (modules default the variable to "").
  if (v === undefined || isAbsent(v) || asString(v) === '') return undefined;
  return policySourceFromArn(ctx, root, v, optAttrLoc(role, 'permissions_boundary') ?? headerOf(role), `${role.address} permissions_boundary`, role.attribute('permissions_boundary')?.expr);
}

/** The RolePicture of a set of permission policies (and an optional permissions boundary). */
function rolePicture(ref: Fact<string>, at: Loc | undefined, sources: PolicySource[], boundary: PolicySource | undefined): RolePicture {
  const eni = combinedEni(sources, boundary);
  const evidence: Loc[] = [];
  for (const s of eni.evidence) if (s.at && !evidence.some((e) => e.file === s.at?.file && e.span.start === s.at.span.start)) evidence.push(s.at);
  const eniFact: Fact<boolean> = eni.granted === 'unknown' ? unknownFact(eni.reason, evidence[0] ?? at) : known(eni.granted, evidence[0] ?? at);
  const policies: PolicyPicture[] = sources.map((s) => {
    const p: PolicyPicture = { label: s.label, resolved: s.kind !== 'unresolved' };
    if (s.at) p.at = s.at;
    if (s.kind === 'unresolved') p.reason = s.reason;
    return p;
  });
  const pic: RolePicture = { ref, eniPermissions: eniFact, eniEvidence: evidence, policies };
  if (at) pic.at = at;
  return pic;
}

/** ENI permissions of the policies, intersected with the permissions boundary when there is one. */
function combinedEni(sources: PolicySource[], boundary: PolicySource | undefined): EniResult {
  const main = eniPermission(sources);
  if (!boundary || main.granted === false) return main;
  const b = eniPermission([boundary]);
  if (b.granted === true) return main;
  if (b.granted === false) return { granted: false, reason: `the permissions boundary ${boundary.label} does not allow the ENI actions (${b.reason})`, evidence: [boundary] };
  return { granted: 'unknown', reason: `the permissions boundary ${boundary.label} may limit the ENI actions (${b.reason})`, evidence: [boundary, ...main.evidence] };
}
