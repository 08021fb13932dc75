// Terraform values → IAM policy data (iam.ts): a `policy` argument may be a JSON string (literal, heredoc, file(),
// templatefile()), `jsonencode({...})` (known, or partly known through `jsonOf`), an aws_iam_policy_document data
// source, another policy's `policy`; a `policy_arn` may be an AWS managed policy (also with an unknown partition),
// an aws_iam_policy, or a data.aws_iam_policy. The one reader of policy values: IAM permission policies (role.ts)
// and resource policies (resource-policies.ts, which judges the statements' principals and conditions) both read here.

import type { Expr } from '../hcl/ast';
import type { BlockInstance, BodyView, ModuleInstance, ResourceInstance } from '../terraform/model';
import { asList, asString, isAbsent, isUnknown, refKey, toPlain, type UnknownValue, type Value } from '../terraform/values';
import { MANAGED_POLICIES, managedPolicyName } from './catalogue';
import {
  conditionValues,
  isUnknownPart,
  NO_CONDITIONS,
  policyFromJson,
  policyFromObject,
  unknownPart,
  type PartialList,
  type PolicyCondition,
  type PolicyDocument,
  type PolicyPrincipal,
  type PolicySource,
  type PolicyStatement,
  type UnknownPart,
} from './iam';
import { headerOf, loc, optAttrLoc, whereFrom, whyUnknown, type NetContext } from './resolve';
import type { Loc } from './types';

/** Depth bound for policies that point at policies (source_policy_documents of documents of ...). */
const MAX_POLICY_DEPTH = 8;

/** Nodes one policy value may expand to: values share structure, so a small configuration can describe a huge tree. */
const MAX_PLAIN_NODES = 100_000;

/** A value as plain JSON data, with unknown parts as UnknownPart (symbolic refs keep their reference). */
function valueToPlain(v: Value): unknown {
  return toPlain(
    v,
    {
      limit: (why) => unknownPart(why === 'depth' ? 'the policy is nested too deeply' : 'the policy is too large'),
      unknown: (u) => {
        const part = unknownPart(whyUnknown(u), whereFrom(u));
        if (u.ref) part.ref = refKey(u.ref);
        return part;
      },
      resource: (r) => ({ $unknown: true, reason: `${r.instance.address} is a whole resource object`, ref: r.instance.address }) satisfies UnknownPart,
      module: (m) => unknownPart(`${m.instance.address} is a whole module object`),
    },
    MAX_PLAIN_NODES,
  );
}

/** The policy document held by argument `name` of `body`. Returns an UnknownPart when it cannot be read at all. */
export function policyDocument(ctx: NetContext, body: Pick<BodyView, 'attr' | 'attrLocation' | 'location'>, name: string, depth = 0): PolicyDocument | UnknownPart {
  const v = body.attr(name);
  const at = optAttrLoc(body, name) ?? loc(body.location);
  if (v === undefined || isAbsent(v)) return unknownPart(`no ${name} is set`, at);
  return policyFromValue(ctx, v, at, depth);
}

function policyFromValue(ctx: NetContext, v: Value, at: Loc, depth: number): PolicyDocument | UnknownPart {
  if (depth > MAX_POLICY_DEPTH) return unknownPart('policies refer to each other too deeply', at);
  const s = asString(v);
  if (s !== undefined) return policyFromJson(s, whereFrom(v) ?? at);
  if (v.kind === 'map' || v.kind === 'object') return policyFromObject(valueToPlain(v), at);
  if (!isUnknown(v)) return unknownPart('the policy is not a JSON string', at);
  if (v.jsonOf) return policyFromObject(valueToPlain(v.jsonOf), at);
  // A heredoc, quoted template or templatefile() whose interpolations are not all known
  // (`"Resource": "${aws_s3_bucket.b.arn}/*"`).
  const fromParts = v.parts ? policyFromParts(v.parts, at) : undefined;
  if (fromParts) return fromParts;
  if (v.ref) {
    const inst = ctx.ws.resolveRef(v)[0];
    if (inst && inst.mode === 'data' && inst.type === 'aws_iam_policy_document') return policyDocumentDataSource(ctx, inst, depth + 1);
    if (inst && inst.mode === 'managed' && inst.type === 'aws_iam_policy' && v.ref.path[0] === 'policy') return policyDocument(ctx, inst, 'policy', depth + 1);
  }
  return unknownPart(whyUnknown(v), whereFrom(v) ?? at);
}

/**
 * data "aws_iam_policy_document": its statement blocks (with their principals / not_principals and condition
 * blocks), plus source/override documents (merged as a union). Its `json` is usually evaluated already (a known
 * string, or `jsonOf`); this reads the blocks when it is not.
 */
function policyDocumentDataSource(ctx: NetContext, inst: ResourceInstance, depth: number): PolicyDocument {
  const statements: (PolicyStatement | UnknownPart)[] = [];
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
      const d = policyFromValue(ctx, item, at, depth);
      if (isUnknownPart(d)) statements.push(d);
      else if (isUnknownPart(d.statements)) statements.push(d.statements);
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
    const stmt: PolicyStatement = {
      effect: es === 'Allow' || es === 'Deny' ? es : unknownPart(es === undefined ? `effect is unknown: ${whyUnknown(effect as Value)}` : `effect "${es}" is not Allow or Deny`, at),
      condition: b.hasBlock('condition'),
      conditions: conditionsOfBlocks(b.nestedBlocks('condition'), at),
      at,
    };
    const principal = principalOfBlocks(b, at);
    if (principal) stmt.principal = principal;
    const lists: [keyof PolicyStatement, string][] = [
      ['action', 'actions'],
      ['notAction', 'not_actions'],
      ['resource', 'resources'],
      ['notResource', 'not_resources'],
    ];
    for (const [key, attr] of lists) {
      const l = partialListOf(b.attr(attr), optAttrLoc(b, attr) ?? at);
      if (l) (stmt as unknown as Record<string, PartialList>)[key] = l;
    }
    statements.push(stmt);
  }
  return { statements };
}

/** The statement's `not_principals` blocks, else its `principals` blocks (NotPrincipal wins, as in the JSON reader). */
function principalOfBlocks(b: BodyView, at: Loc): PolicyPrincipal | undefined {
  if (b.hasBlock('not_principals')) return { not: true, everyone: everyoneOfBlocks(b.nestedBlocks('not_principals'), at) };
  const blocks = b.nestedBlocks('principals');
  return blocks.length > 0 ? { not: false, everyone: everyoneOfBlocks(blocks, at) } : undefined;
}

/** Whether principals blocks name every caller: type `*` or `AWS` with identifier `*`. */
function everyoneOfBlocks(blocks: readonly BlockInstance[], at: Loc): boolean | UnknownPart {
  let unknown: UnknownPart | undefined;
  for (const p of blocks) {
    if (p.unknownExpansion) {
      unknown ??= unknownPart(`the principals are unknown: ${p.unknownExpansion.message}`, at);
      continue;
    }
    const type = asString(p.attr('type'));
    if (type === undefined) {
      unknown ??= unknownPart('a principals type is unknown', at);
      continue;
    }
    if (type !== '*' && type !== 'AWS') continue;
    const ids = partialListOf(p.attr('identifiers'), at) ?? [];
    if (isUnknownPart(ids)) {
      unknown ??= ids;
      continue;
    }
    if (ids.includes('*')) return true;
    unknown ??= ids.find(isUnknownPart);
  }
  return unknown ?? false;
}

/** `condition` blocks: each one condition; unknown when a block's test or variable is unknown. */
function conditionsOfBlocks(blocks: readonly BlockInstance[], at: Loc): readonly PolicyCondition[] | UnknownPart {
  if (blocks.length === 0) return NO_CONDITIONS;
  const out: PolicyCondition[] = [];
  for (const c of blocks) {
    if (c.unknownExpansion) return unknownPart(`dynamic "condition": ${c.unknownExpansion.message}`, at);
    const operator = asString(c.attr('test'));
    const key = asString(c.attr('variable'));
    if (operator === undefined || key === undefined) return unknownPart(`a condition's ${operator === undefined ? 'test' : 'variable'} is unknown`, at);
    const values = c.attr('values');
    out.push({ operator, key, values: values === undefined || isAbsent(values) ? [] : conditionValues(valueToPlain(values), at) });
  }
  return out;
}

function partialListOf(v: Value | undefined, at: Loc): PartialList | undefined {
  if (v === undefined || isAbsent(v)) return undefined;
  const items = asList(v);
  if (!items) return unknownPart(whyUnknown(v), whereFrom(v) ?? at);
  return items.map((i) => {
    const s = asString(i);
    if (s !== undefined) return s;
    const p = unknownPart(whyUnknown(i), whereFrom(i) ?? at);
    if (isUnknown(i) && i.ref) p.ref = refKey(i.ref);
    return p;
  });
}

/**
 * A JSON policy produced by a template with unknown interpolations (UnknownValue.parts): each unknown becomes a
 * marker, the text is parsed as JSON, and strings holding a marker become unknown parts. An unknown interpolated
 * inside a JSON string is a marker in that string (`"arn:aws:s3:::${bucket}/*"`); one interpolated where a JSON value
 * goes (`"Resource": ${jsonencode(arns)}`) is that value: the JSON of what it encodes when it is a partly known
 * `jsonencode()`, else a whole unknown value. Undefined when the text is not JSON (`%{for}` over unknowns, ...).
 */
function policyFromParts(parts: (string | UnknownValue)[], at: Loc): PolicyDocument | undefined {
  const markers: UnknownPart[] = [];
  const marker = (v: Value): string => {
    const part = unknownPart(whyUnknown(v), whereFrom(v) ?? at);
    if (v.kind === 'unknown' && v.ref) part.ref = refKey(v.ref);
    markers.push(part);
    return `__lvl_unknown_${markers.length - 1}__`;
  };
  let text = '';
  let inString = false;
  for (const p of parts) {
    if (typeof p === 'string') {
      inString = jsonStringStateAfter(p, inString);
      text += p;
    } else if (inString) text += marker(p);
    else text += p.jsonOf ? jsonWithMarkers(p.jsonOf, marker, 0) : JSON.stringify(marker(p));
  }
  if (markers.length === 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const restore = (x: unknown, depth: number): unknown => {
    if (depth > 64) return unknownPart('the policy is nested too deeply', at);
    if (typeof x === 'string') {
      const m = /__lvl_unknown_(\d+)__/.exec(x);
      if (!m) return x;
      const part = markers[Number(m[1])];
      if (x === m[0]) return part;
      // `${aws_s3_bucket.b.arn}/*` is an unknown string too; it keeps the reference with its suffix.
      const partial = unknownPart(part.reason, part.at);
      if (part.ref && m.index === 0) partial.ref = part.ref + x.slice(m[0].length);
      return partial;
    }
    if (Array.isArray(x)) return x.map((i) => restore(i, depth + 1));
    if (typeof x === 'object' && x !== null) {
      const o: Record<string, unknown> = {};
      for (const [k, e] of Object.entries(x)) {
        if (/__lvl_unknown_\d+__/.test(k)) return unknownPart('a JSON key of the policy is unknown', at);
        o[k] = restore(e, depth + 1);
      }
      return o;
    }
    return x;
  };
  return policyFromObject(restore(parsed, 0), at);
}

/** Whether JSON text that starts inside (`inString`) or outside a string ends inside one. */
function jsonStringStateAfter(text: string, inString: boolean): boolean {
  let s = inString;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (!s) {
      if (c === '"') s = true;
    } else if (c === '\\') i++;
    else if (c === '"') s = false;
  }
  return s;
}

/** The JSON text of a partly known value, unknowns written as quoted markers. */
function jsonWithMarkers(v: Value, marker: (v: Value) => string, depth: number): string {
  if (depth > 64) return JSON.stringify(marker(v));
  switch (v.kind) {
    case 'null':
      return 'null';
    case 'bool':
    case 'number':
    case 'string':
      return JSON.stringify(v.value);
    case 'list':
    case 'tuple':
    case 'set':
      return `[${v.items.map((i) => jsonWithMarkers(i, marker, depth + 1)).join(',')}]`;
    case 'map':
    case 'object':
      return `{${[...v.entries].map(([k, e]) => `${JSON.stringify(k)}:${jsonWithMarkers(e, marker, depth + 1)}`).join(',')}}`;
    case 'unknown':
      return v.jsonOf ? jsonWithMarkers(v.jsonOf, marker, depth + 1) : JSON.stringify(marker(v));
    default:
      return JSON.stringify(marker(v));
  }
}

// ---------------------------------------------------------------------------
// Policy ARNs

/**
 * The policy a `policy_arn` value names. `expr` is the syntax of that value when it is written directly (to read
 * `arn:${partition}:iam::aws:policy/...` with an unknown partition).
 */
export function policySourceFromArn(ctx: NetContext, root: ModuleInstance, v: Value, at: Loc, label: string, expr?: Expr): PolicySource {
  const s = asString(v);
  if (s !== undefined) {
    const name = managedPolicyName(s);
    if (name) return { kind: 'managed', label: `${label} (${name})`, at, name };
    const custom = customerPolicyByArn(ctx, root, s);
    if (custom) return documentSource(ctx, custom, label);
    return { kind: 'unresolved', label: s, at, reason: `policy ${s} is not managed in this configuration` };
  }
  if (isUnknown(v) && v.ref) {
    const inst = ctx.ws.resolveRef(v)[0];
    if (inst && inst.mode === 'managed' && inst.type === 'aws_iam_policy') return documentSource(ctx, inst, label);
    if (inst && inst.mode === 'data' && inst.type === 'aws_iam_policy') return dataPolicySource(inst);
  }
  const fromExpr = expr ? managedNameFromExpr(expr) : undefined;
  if (fromExpr) return { kind: 'managed', label: `${label} (${fromExpr})`, at, name: fromExpr };
  return { kind: 'unresolved', label, at, reason: `the policy ARN is unknown: ${whyUnknown(v)}` };
}

/** data "aws_iam_policy" (by `arn` or `name`): an AWS managed policy we know, else unresolved. */
function dataPolicySource(inst: ResourceInstance): PolicySource {
  const arn = asString(inst.attr('arn'));
  const arnExpr = inst.attribute('arn')?.expr;
  const name = arn !== undefined ? managedPolicyName(arn) : (arnExpr && managedNameFromExpr(arnExpr)) ?? asString(inst.attr('name'));
  if (name && Object.prototype.hasOwnProperty.call(MANAGED_POLICIES, name)) return { kind: 'managed', label: `${inst.address} (${name})`, at: headerOf(inst), name };
  return { kind: 'unresolved', label: inst.address, at: headerOf(inst), reason: `${inst.address} looks up a policy that is not in this configuration` };
}

/**
 * The policy source of a `policy` argument (inline policies): a document, or the managed policy a
 * `data.aws_iam_policy.x.policy` copies (as the Lambda module does for its VPC and tracing policies).
 */
export function policySourceFromDocument(ctx: NetContext, body: Pick<BodyView, 'attr' | 'attrLocation' | 'location'>, name: string, label: string, at: Loc): PolicySource {
  const v = body.attr(name);
  if (v && isUnknown(v) && v.ref && v.ref.path[0] === 'policy') {
    const inst = ctx.ws.resolveRef(v)[0];
    if (inst && inst.mode === 'data' && inst.type === 'aws_iam_policy') return dataPolicySource(inst);
  }
  const doc = policyDocument(ctx, body, name);
  return isUnknownPart(doc) ? { kind: 'unresolved', label, at, reason: doc.reason } : { kind: 'document', label, at, doc };
}

function documentSource(ctx: NetContext, inst: ResourceInstance, label: string): PolicySource {
  const doc = policyDocument(ctx, inst, 'policy');
  if (isUnknownPart(doc)) return { kind: 'unresolved', label: inst.address || label, at: headerOf(inst), reason: doc.reason };
  return { kind: 'document', label: inst.address, at: headerOf(inst), doc };
}

/** A customer-managed policy ARN (`arn:aws:iam::123:policy/path/name`) matched by name to an aws_iam_policy here. */
function customerPolicyByArn(ctx: NetContext, root: ModuleInstance, arn: string): ResourceInstance | undefined {
  const m = /^arn:[a-z-]+:iam::\d{12}:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!m) return undefined;
  return ctx.resources(root, 'aws_iam_policy').find((p) => asString(p.attr('name')) === m[1]);
}

/** `"arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/X"`: the managed name X. */
function managedNameFromExpr(expr: Expr): string | undefined {
  if (expr.kind !== 'Template') return undefined;
  let tail = '';
  for (let i = expr.parts.length - 1; i >= 0; i--) {
    const p = expr.parts[i];
    if (p.kind !== 'TemplateLiteral') break;
    tail = p.value + tail;
  }
  const m = /^:iam::aws:policy\/(?:.*\/)?([A-Za-z0-9+=,.@_-]+)$/.exec(tail);
  return m ? m[1] : undefined;
}

/** The syntax of element `index` of a list argument written as a tuple literal, when it is one. */
export function elementExpr(body: Pick<BodyView, 'attribute'>, name: string, index: number): Expr | undefined {
  const e = body.attribute(name)?.expr;
  return e && e.kind === 'Tuple' ? e.elements[index] : undefined;
}
