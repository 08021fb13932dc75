// Event source mappings of a function. They are not dependencies of the code (the Lambda service polls the
// source with the function's role), so the permissions they need on their own source are not either; MSK, MQ,
// self-managed Kafka in a VPC and DocumentDB mappings create ENIs of their own in the source's subnets.

import type { BlockInstance, ModuleInstance, ResourceInstance } from '../terraform/model';
import { asList, asMap, asString, isAbsent, isUnknown, list, refKey, str, type Value } from '../terraform/values';
import { MAPPING_KINDS_WITH_ENIS, MAPPING_POLLER_ACTIONS, type EventSourceKind } from './catalogue';
import { actionMatches, type UnknownPart } from './iam';
import { headerOf, identify, loc, note, optAttrLoc, whyUnknown, type NetContext } from './resolve';
import { SECURITY_GROUP_TYPES, SUBNET_TYPES } from './subnets';
import type { EniCombination, EniPicture, Fact, Loc, MappingKind, MappingPicture, UnknownNote } from './types';

/** How a function can be named by a mapping's `function_name`. */
export interface FunctionIdentity {
  /** The aws_lambda_function instance (resource functions). */
  instance?: ResourceInstance;
  /** `function_name`, when known. */
  name: Fact<string>;
}

export interface FoundMappings {
  pictures: MappingPicture[];
  /** IAM actions the mappings' pollers need (catalogue MAPPING_POLLER_ACTIONS of their kinds). */
  pollerActions: string[];
  /** True when a policy Resource names a mapped source or a mapping's auth secret. */
  isMappedResource: (r: string | UnknownPart) => boolean;
  unknowns: UnknownNote[];
}

/** Mapped things, for matching policy resources: known ARNs and resource addresses. */
interface MappedSet {
  arns: string[];
  addresses: string[];
}

/** The aws_lambda_event_source_mapping resources of `root` (including modelled ones) that target the function. */
export function mappingsOf(ctx: NetContext, root: ModuleInstance, fn: FunctionIdentity, region: string | null): FoundMappings {
  const pictures: MappingPicture[] = [];
  const unknowns: UnknownNote[] = [];
  const mapped: MappedSet = { arns: [], addresses: [] };
  for (const m of ctx.resources(root, 'aws_lambda_event_source_mapping')) {
    const target = targetsFunction(ctx, m, fn);
    if (target === false) continue;
    if (target === undefined) {
      unknowns.push(note(m.address, `${m.address} may be a mapping of this function (its function_name cannot be compared)`, headerOf(m)));
      continue;
    }
    pictures.push(mappingPicture(ctx, m, region, mapped));
  }
  const kinds = new Set(pictures.map((p) => p.kind));
  const pollerActions: string[] = [];
  for (const k of kinds) if (k !== 'unknown') pollerActions.push(...MAPPING_POLLER_ACTIONS[k]);
  return { pictures, pollerActions, isMappedResource: (r) => isMapped(mapped, r), unknowns };
}

function isMapped(mapped: MappedSet, r: string | UnknownPart): boolean {
  if (typeof r === 'string') return mapped.arns.some((a) => actionMatches(r, a));
  const ref = r.ref;
  return ref !== undefined && mapped.addresses.some((a) => ref === a || ref.startsWith(`${a}.`) || ref.startsWith(`${a}[`));
}

/** Whether mapping `m` names the function (by reference, alias, name or ARN). */
function targetsFunction(ctx: NetContext, m: ResourceInstance, fn: FunctionIdentity): boolean | undefined {
  return namesFunction(ctx, m.attr('function_name'), fn, 0);
}

/** Whether a `function_name` value (a name, an ARN, a reference to the function or to one of its aliases) names `fn`. */
function namesFunction(ctx: NetContext, v: Value | undefined, fn: FunctionIdentity, depth: number): boolean | undefined {
  if (v === undefined || isAbsent(v) || depth > 2) return false;
  const s = asString(v);
  if (s !== undefined) {
    if (!fn.name.known) return undefined;
    return s === fn.name.value || new RegExp(`:function:${escapeRe(fn.name.value)}(?::[^:]+)?$`).test(s);
  }
  const insts = v.kind === 'resource' ? [v.instance] : isUnknown(v) && v.ref ? ctx.ws.resolveRef(v) : [];
  if (insts.length === 0) return isUnknown(v) ? undefined : false;
  let result: boolean | undefined = false;
  for (const i of insts) {
    if (fn.instance && i === fn.instance) return true;
    if (i.type === 'aws_lambda_alias') {
      const r = namesFunction(ctx, i.attr('function_name'), fn, depth + 1);
      if (r === true) return true;
      if (r === undefined) result = undefined;
    }
  }
  return result;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Kinds of the resources a mapping's event_source_arn may name. */
const SOURCE_TYPES: Readonly<Record<string, EventSourceKind>> = {
  aws_sqs_queue: 'sqs',
  aws_kinesis_stream: 'kinesis',
  aws_dynamodb_table: 'dynamodb',
  aws_msk_cluster: 'msk',
  aws_msk_serverless_cluster: 'msk',
  aws_mq_broker: 'mq',
  aws_docdb_cluster: 'docdb',
};

const ARN_SERVICES: Readonly<Record<string, EventSourceKind>> = {
  sqs: 'sqs',
  kinesis: 'kinesis',
  dynamodb: 'dynamodb',
  kafka: 'msk',
  mq: 'mq',
  rds: 'docdb',
};

function mappingPicture(ctx: NetContext, m: ResourceInstance, region: string | null, mapped: MappedSet): MappingPicture {
  const at = headerOf(m);
  const src = m.attr('event_source_arn');
  let kind: MappingKind = 'unknown';
  let source: ResourceInstance | undefined;
  if (src !== undefined && !isAbsent(src)) {
    const s = asString(src);
    if (s !== undefined) {
      mapped.arns.push(s);
      const svc = /^arn:[a-z-]+:([a-z0-9-]+):/.exec(s)?.[1];
      kind = (svc && ARN_SERVICES[svc]) || 'unknown';
    } else if (isUnknown(src) && src.ref) {
      source = ctx.ws.resolveRef(src)[0];
      mapped.addresses.push(source ? source.address : refKey(src.ref));
      if (source) kind = SOURCE_TYPES[source.type] ?? 'unknown';
    }
  } else if (m.hasBlock('self_managed_event_source')) {
    kind = 'kafka';
  }
  for (const b of m.nestedBlocks('source_access_configuration')) {
    const uri = b.attr('uri');
    if (!uri) continue;
    const u = asString(uri);
    if (u !== undefined) mapped.arns.push(u);
    else if (isUnknown(uri) && uri.ref) mapped.addresses.push(ctx.ws.resolveRef(uri)[0]?.address ?? refKey(uri.ref));
  }
  const pic: MappingPicture = { ref: m.address, at, kind };
  if (source) pic.source = source.address;
  if (MAPPING_KINDS_WITH_ENIS.includes(kind as EventSourceKind)) pic.enis = mappingEnis(ctx, m, kind as EventSourceKind, source, region);
  return pic;
}

/** The ENIs a mapping creates: one per (subnet, security-group set) of the source's network. */
function mappingEnis(ctx: NetContext, m: ResourceInstance, kind: EventSourceKind, source: ResourceInstance | undefined, region: string | null): EniPicture {
  if (kind === 'kafka') {
    const subnets: Value[] = [];
    const sgs: Value[] = [];
    for (const b of m.nestedBlocks('source_access_configuration')) {
      const type = asString(b.attr('type'));
      const uri = b.attr('uri');
      if (!uri) continue;
      const u = asString(uri);
      if (type === 'VPC_SUBNET' && u) subnets.push(str(u.replace(/^subnet:/, '')));
      if (type === 'VPC_SECURITY_GROUP' && u) sgs.push(str(u.replace(/^security_group:/, '')));
    }
    return combinations(ctx, list(subnets), list(sgs), region, headerOf(m));
  }
  if (!source) return { combinations: [], complete: false, reasons: [note(`ENIs of ${m.address}`, 'the event source is not a resource in this configuration, so its subnets are not known', headerOf(m))] };
  if (source.mode === 'data') return { combinations: [], complete: false, reasons: [note(`ENIs of ${m.address}`, `${source.address} is a data source, so its subnets are not known`, headerOf(source))] };
  const net = sourceNetwork(ctx, source);
  if (!net) return { combinations: [], complete: false, reasons: [note(`ENIs of ${m.address}`, `the subnets of ${source.address} are not known`, headerOf(source))] };
  return combinations(ctx, net.subnets, net.sgs, region, net.at);
}

function sourceNetwork(ctx: NetContext, source: ResourceInstance): { subnets: Value | undefined; sgs: Value | undefined; at: Loc } | undefined {
  const first = (type: string): BlockInstance | undefined => source.nestedBlocks(type)[0];
  switch (source.type) {
    case 'aws_msk_cluster': {
      const b = first('broker_node_group_info');
      return b ? { subnets: b.attr('client_subnets'), sgs: b.attr('security_groups'), at: loc(b.location) } : undefined;
    }
    case 'aws_msk_serverless_cluster': {
      const b = first('vpc_config');
      return b ? { subnets: b.attr('subnet_ids'), sgs: b.attr('security_group_ids'), at: loc(b.location) } : undefined;
    }
    case 'aws_mq_broker':
      return { subnets: source.attr('subnet_ids'), sgs: source.attr('security_groups'), at: headerOf(source) };
    case 'aws_docdb_cluster': {
      const group = source.attr('db_subnet_group_name');
      const g = group ? ctx.ws.resolveRef(group).find((i) => i.type === 'aws_docdb_subnet_group') : undefined;
      return g ? { subnets: g.attr('subnet_ids'), sgs: source.attr('vpc_security_group_ids'), at: optAttrLoc(source, 'db_subnet_group_name') ?? headerOf(source) } : undefined;
    }
    default:
      return undefined;
  }
}

/** Distinct (subnet, security-group set) pairs of a subnet list and a security group list. */
export function combinations(ctx: NetContext, subnets: Value | undefined, sgs: Value | undefined, region: string | null, at: Loc): EniPicture {
  const reasons: UnknownNote[] = [];
  const subnetRefs = refsOf(ctx, subnets, SUBNET_TYPES, 'subnet', at, reasons);
  const sgRefs = refsOf(ctx, sgs, SECURITY_GROUP_TYPES, 'security group', at, reasons);
  const sorted = [...sgRefs].sort();
  const combos: EniCombination[] = subnetRefs.map((subnet) => ({ region, subnet, securityGroups: sorted }));
  return { combinations: combos, complete: reasons.length === 0, reasons };
}

function refsOf(ctx: NetContext, v: Value | undefined, types: readonly string[], what: string, at: Loc, reasons: UnknownNote[]): string[] {
  if (v === undefined || isAbsent(v)) return [];
  const items = asList(v) ?? (asMap(v) ? [...(asMap(v) as ReadonlyMap<string, Value>).values()] : undefined);
  if (!items || (v.kind === 'set' && v.uncertain)) {
    reasons.push(note(`${what}s`, `the ${what} list is unknown: ${whyUnknown(v)}`, at));
    return [];
  }
  // A set, not `out.includes`: the list may be long (a hostile one is quadratic otherwise).
  const out = new Set<string>();
  for (const i of items) {
    const t = identify(ctx, i, types);
    if ('ref' in t) out.add(t.ref);
    else reasons.push(note(what, t.reason, t.at ?? at));
  }
  return [...out];
}
