// Subnets and security groups of a function: what each element of `subnet_ids` names, the subnet's AZ, VPC,
// route table, public-IP and IPv6 settings, and how many distinct AZs the subnets provably span.

import type { Body, Expr } from '../hcl/ast';
import type { ModuleInstance, ResourceInstance } from '../terraform/model';
import { layersOf } from '../terraform/loader';
import { asList, asString, isAbsent, isUnknown, refKey, tuple, unknown, type Value } from '../terraform/values';
import { boolFact, headerOf, identify, known, listItems, optAttrLoc, unknownFact, usesInstanceScope, whereFrom, whyUnknown, type NetContext, type Thing } from './resolve';
import { routeTableOfSubnet } from './routes';
import type { AzCount, AzFact, Fact, Loc, SecurityGroupEntry, SubnetEntry, SubnetPicture } from './types';

export const SUBNET_TYPES = ['aws_subnet', 'aws_default_subnet'];
export const VPC_TYPES = ['aws_vpc', 'aws_default_vpc'];
export const SECURITY_GROUP_TYPES = ['aws_security_group', 'aws_default_security_group'];

export interface ResolvedSubnets {
  entries: Fact<SubnetEntry[]>;
  /** Known subnets with their things (for VPCs and ENIs), in list order, without duplicates. */
  things: { thing: Thing; vpc: Fact<Thing> }[];
}

/** Resolves a `subnet_ids` value. `at` is the argument's location. */
export function resolveSubnets(ctx: NetContext, root: ModuleInstance, v: Value | undefined, at: Loc): ResolvedSubnets {
  const items = listItems(v);
  if (items === undefined) return { entries: unknownFact(`the subnet list is unknown: ${whyUnknown(v as Value)}`, whereFrom(v as Value) ?? at), things: [] };
  const entries: SubnetEntry[] = [];
  const things: ResolvedSubnets['things'] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const t = identify(ctx, item, SUBNET_TYPES);
    if (!('ref' in t)) {
      entries.push(t.at ? t : { ...t, at });
      continue;
    }
    if (seen.has(t.ref)) continue;
    seen.add(t.ref);
    const { picture, vpc } = subnetPicture(ctx, root, t, at);
    entries.push({ known: true, ...picture });
    things.push({ thing: t, vpc });
  }
  return { entries: known(entries, at), things };
}

/**
 * A list argument written as a tuple whose elements may be Terraform 0.11 list interpolations: 0.11 flattened
 * `["${module.net.subnet_ids}"]` into the list itself (0.12 and later reject a list there, so that reading is the
 * only one that works). An element written as a lone `"${...}"` whose value is a list stands for its elements; one
 * that may be a list of unknown length (an unknown of list or undetermined type) makes the whole list's length
 * unknown. Other values are returned as they are.
 */
export function legacyListValue(v: Value | undefined, expr: Expr, file: string): Value | undefined {
  if (!v || expr.kind !== 'Tuple' || (v.kind !== 'tuple' && v.kind !== 'list') || v.items.length !== expr.elements.length) return v;
  const items = v.items;
  const out: Value[] = [];
  let changed = false;
  for (let i = 0; i < items.length; i++) {
    const e = expr.elements[i];
    const item = items[i];
    const lone = e.kind === 'Template' && e.parts.length === 1 && e.parts[0].kind === 'TemplateInterp';
    const elems = lone ? asList(item) : undefined;
    if (elems) {
      out.push(...elems);
      changed = true;
    } else if (lone && isUnknown(item) && MAYBE_LIST.has(item.type)) {
      const known = items.filter((x) => x.kind === 'string' || (isUnknown(x) && x.ref !== undefined && !MAYBE_LIST.has(x.type))).length;
      return unknown(
        'unsupported',
        `element ${i + 1} is written "\${...}", which Terraform 0.11 expands to a whole list, and its length is not known: ${whyUnknown(item)}`,
        { file, span: e.span },
        { type: 'list', ...(known > 0 ? { minLength: known } : {}) },
      );
    } else out.push(item);
  }
  return changed ? tuple(out, v.origins) : v;
}

/** Unknown types that may hold a list. */
const MAYBE_LIST = new Set(['list', 'tuple', 'set', 'dynamic']);

function subnetPicture(ctx: NetContext, root: ModuleInstance, t: Thing, listAt: Loc): { picture: SubnetPicture; vpc: Fact<Thing> } {
  const inst = t.instance;
  const via = whereFrom(t.value);
  const vpc = inst ? vpcOfSubnet(ctx, inst) : unknownFact(`${t.ref} is not managed in this configuration, so its VPC is not known`, t.at ?? listAt);
  const idValue = inst ? inst.ref('id') : t.value;
  const notHere = (what: string): Fact<boolean> => unknownFact(`${t.ref} is not managed in this configuration, so its ${what} is not known`, t.at ?? listAt);
  const picture: SubnetPicture = {
    ref: t.ref,
    refKind: t.refKind,
    az: inst ? azOf(inst) : { kind: 'unknown', reason: `${t.ref} is not managed in this configuration, so its Availability Zone is not known`, at: t.at ?? listAt },
    vpc: vpc.known ? known(vpc.value.ref, vpc.value.at) : vpc,
    routeTable: routeTableOfSubnet(ctx, root, idValue, vpc, inst, inst ? `the VPC of ${t.ref} is unknown, so its main route table is unknown` : `${t.ref} is not managed in this configuration, so its route table is not known`),
    mapPublicIpOnLaunch: inst && inst.mode === 'managed' ? boolFact(inst.attr('map_public_ip_on_launch'), inst.type === 'aws_default_subnet', optAttrLoc(inst, 'map_public_ip_on_launch') ?? headerOf(inst)) : notHere('public IP setting'),
    ipv6: inst && inst.mode === 'managed' ? subnetIpv6(inst) : notHere('IPv6 setting'),
  };
  if (t.at) picture.at = t.at;
  if (via && (!t.at || via.file !== t.at.file || via.span.start !== t.at.span.start)) picture.via = via;
  return { picture, vpc };
}

function vpcOfSubnet(ctx: NetContext, inst: ResourceInstance): Fact<Thing> {
  const v = inst.attr('vpc_id');
  const at = optAttrLoc(inst, 'vpc_id') ?? headerOf(inst);
  if (v === undefined || isAbsent(v)) {
    if (inst.type === 'aws_default_subnet') return unknownFact(`${inst.address} is in the Region's default VPC, which is not in this configuration`, headerOf(inst));
    return unknownFact(inst.mode === 'data' ? `${inst.address} is looked up by filters, so its VPC is not known` : `${inst.address} has no vpc_id`, at);
  }
  const t = identify(ctx, v, VPC_TYPES);
  if ('ref' in t) return known(t, at);
  return unknownFact(`the VPC of ${inst.address} is unknown: ${t.reason}`, t.at ?? at);
}

function subnetIpv6(inst: ResourceInstance): Fact<boolean> {
  const at = optAttrLoc(inst, 'ipv6_cidr_block') ?? optAttrLoc(inst, 'ipv6_native') ?? headerOf(inst);
  const native = inst.attr('ipv6_native');
  if (native && !isAbsent(native) && native.kind === 'bool' && native.value) return known(true, at);
  const cidr = inst.attr('ipv6_cidr_block');
  if (cidr === undefined || isAbsent(cidr)) {
    if (native && !isAbsent(native) && native.kind !== 'bool') return unknownFact(`ipv6_native is unknown: ${whyUnknown(native)}`, at);
    return known(false, at);
  }
  // A computed CIDR (cidrsubnet of the VPC's Amazon-provided block) is still a CIDR: the subnet is dual-stack.
  return known(true, at);
}

// ---------------------------------------------------------------------------
// Availability Zones

/** The AZ of a subnet instance: a name, an id, a symbol comparable with its siblings, or unknown. */
export function azOf(inst: ResourceInstance): AzFact {
  const v = inst.attr('availability_zone');
  const at = optAttrLoc(inst, 'availability_zone') ?? headerOf(inst);
  if (v !== undefined && !isAbsent(v)) {
    const s = asString(v);
    if (s !== undefined) return { kind: 'name', name: s, at };
    if (isUnknown(v) && v.ref) return { kind: 'symbolic', set: v.ref.distinctGroup ?? refKey(v.ref), member: refKey(v.ref), at };
    const sym = azTemplateSymbol(inst, at);
    if (sym) return { kind: 'symbolic', ...sym, at };
    return { kind: 'unknown', reason: `availability_zone is unknown: ${whyUnknown(v)}`, at };
  }
  const id = inst.attr('availability_zone_id');
  const idAt = optAttrLoc(inst, 'availability_zone_id') ?? headerOf(inst);
  if (id !== undefined && !isAbsent(id)) {
    const s = asString(id);
    if (s !== undefined) return { kind: 'id', id: s, at: idAt };
    if (isUnknown(id) && id.ref) return { kind: 'symbolic', set: id.ref.distinctGroup ?? refKey(id.ref), member: refKey(id.ref), at: idAt };
    return { kind: 'unknown', reason: `availability_zone_id is unknown: ${whyUnknown(id)}`, at: idAt };
  }
  if (inst.mode === 'data') return { kind: 'unknown', reason: `${inst.address} is looked up by filters, so its Availability Zone is not known`, at: headerOf(inst) };
  return { kind: 'unknown', reason: `${inst.address} sets no availability_zone, so AWS picks one`, at: headerOf(inst) };
}

/**
 * The symbol of a templated `availability_zone`: the subnet's own argument, or for a subnet a registry model
 * creates, the template written in the module call at the argument's location (an element of `azs`).
 */
function azTemplateSymbol(inst: ResourceInstance, at: Loc): { set: string; member: string } | undefined {
  if (!inst.synthetic) {
    const expr = inst.attribute('availability_zone')?.expr;
    return expr ? templateSymbol(expr, fileText(inst.module, inst.file), inst.module.address, (e) => inst.evaluateInScope(e)) : undefined;
  }
  const call = inst.module.call;
  const caller = inst.module.parent;
  if (!call || !caller) return undefined;
  // The layer of the call (its own block, or an override file's) that holds the argument at `at`.
  const layer = layersOf(call).find((l) => l.file === at.file);
  if (!layer) return undefined;
  const expr = expressionAt(layer.block.body, at.span);
  return expr ? templateSymbol(expr, fileText(caller, layer.file), caller.address, (e) => (usesInstanceScope(e) ? undefined : caller.evaluate(e, layer.file))) : undefined;
}

/** The argument expression (or element of a tuple argument) of a body whose span is exactly `span`. */
function expressionAt(body: Body, span: { start: number; end: number }): Expr | undefined {
  for (const item of body.items) {
    if (item.kind !== 'Attribute') continue;
    const e = item.expr;
    if (e.span.start > span.start || e.span.end < span.end) continue;
    if (e.span.start === span.start && e.span.end === span.end) return e;
    if (e.kind === 'Tuple') return e.elements.find((x) => x.span.start === span.start && x.span.end === span.end);
  }
  return undefined;
}

/**
 * `"${var.region}a"` with an unknown Region: not known, but different from `"${var.region}b"`. The symbol's set is
 * the text up to and including the last unknown interpolation (with known interpolations rendered), its member
 * the known text after it. `evaluatePart` evaluates an interpolation in the scope the template is evaluated in
 * (the instance's own, with count/each); an unknown part that depends on count or each may differ between
 * instances and ends the attempt, as does a part that cannot be evaluated there. Undefined when the expression is
 * not such a template.
 */
function templateSymbol(expr: Expr, text: string | undefined, scope: string, evaluatePart: (e: Expr) => Value | undefined): { set: string; member: string } | undefined {
  if (expr.kind !== 'Template') return undefined;
  let prefix = '';
  let member = '';
  let sawUnknown = false;
  for (const p of expr.parts) {
    if (p.kind === 'TemplateLiteral') {
      member += p.value;
      continue;
    }
    if (p.kind !== 'TemplateInterp') return undefined;
    const v = evaluatePart(p.expr);
    if (v === undefined) return undefined;
    const s = asString(v) ?? (v.kind === 'number' || v.kind === 'bool' ? String(v.value) : undefined);
    if (s !== undefined) {
      member += s;
      continue;
    }
    if (!isUnknown(v) || usesInstanceScope(p.expr)) return undefined;
    sawUnknown = true;
    prefix += member + (text?.slice(p.span.start, p.span.end) ?? `${p.span.start}:${p.span.end}`);
    member = '';
  }
  if (!sawUnknown) return undefined;
  return { set: `${scope}|${prefix}`, member };
}

/** The text of one of a module's files. */
function fileText(mod: ModuleInstance, path: string): string | undefined {
  return mod.config.files.find((f) => f.path === path)?.text;
}

/**
 * How many distinct AZs the subnets span. `min` counts AZs provably different from each other (distinct names,
 * distinct ids, or distinct members of one symbolic set); `max` counts AZs not provably equal.
 */
export function azCount(entries: SubnetEntry[]): AzCount {
  const names = new Set<string>();
  const ids = new Set<string>();
  const symbolic = new Map<string, Set<string>>();
  let unknowns = 0;
  const reasons: string[] = [];
  for (const e of entries) {
    if (!e.known) {
      unknowns++;
      reasons.push(e.reason);
      continue;
    }
    const az = e.az;
    if (az.kind === 'name') names.add(az.name);
    else if (az.kind === 'id') ids.add(az.id);
    else if (az.kind === 'symbolic') {
      const s = symbolic.get(az.set) ?? new Set<string>();
      s.add(az.member);
      symbolic.set(az.set, s);
    } else {
      unknowns++;
      reasons.push(az.reason);
    }
  }
  let symbolicTotal = 0;
  let symbolicBest = 0;
  for (const s of symbolic.values()) {
    symbolicTotal += s.size;
    symbolicBest = Math.max(symbolicBest, s.size);
  }
  const max = names.size + ids.size + symbolicTotal + unknowns;
  const min = Math.max(names.size, ids.size, symbolicBest, max > 0 ? 1 : 0);
  const out: AzCount = { min, max };
  if (min < max) out.reason = reasons[0] ?? 'AZ names, AZ ids and AZ expressions of different origins cannot be compared with each other';
  return out;
}

// ---------------------------------------------------------------------------
// Security groups

export interface ResolvedSecurityGroups {
  entries: Fact<SecurityGroupEntry[]>;
  refs: string[];
  /** The known security groups, as things (for what they let the function reach). */
  things: Thing[];
}

export function resolveSecurityGroups(ctx: NetContext, v: Value | undefined, at: Loc): ResolvedSecurityGroups {
  const items = listItems(v);
  if (items === undefined) return { entries: unknownFact(`the security group list is unknown: ${whyUnknown(v as Value)}`, whereFrom(v as Value) ?? at), refs: [], things: [] };
  const entries: SecurityGroupEntry[] = [];
  const refs: string[] = [];
  const things: Thing[] = [];
  for (const item of items) {
    const t = identify(ctx, item, SECURITY_GROUP_TYPES);
    if (!('ref' in t)) {
      entries.push(t.at ? t : { ...t, at });
      continue;
    }
    if (refs.includes(t.ref)) continue;
    refs.push(t.ref);
    things.push(t);
    const e: SecurityGroupEntry = { known: true, ref: t.ref, refKind: t.refKind };
    if (t.at) e.at = t.at;
    const via = whereFrom(item);
    if (via && (!t.at || via.file !== t.at.file || via.span.start !== t.at.span.start)) e.via = via;
    entries.push(e);
  }
  return { entries: known(entries, at), refs, things };
}
