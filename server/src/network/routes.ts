// Route tables and default routes: which table a subnet uses (its explicit association, else its VPC's main
// table), and where that table sends 0.0.0.0/0 and ::/0. A route target is classified by the resource it refers
// to, whatever argument holds it (`gateway_id = aws_nat_gateway.x.id` is a NAT gateway).

import type { BodyView, ModuleInstance, ResourceInstance } from '../terraform/model';
import { asMap, asString, isAbsent, type Value } from '../terraform/values';
import { DEFAULT_ROUTE_IPV4, DEFAULT_ROUTE_IPV6 } from './catalogue';
import {
  headerOf,
  identify,
  instanceKey,
  known,
  loc,
  managedTarget,
  note,
  optAttrLoc,
  sameThing,
  unknownFact,
  whyUnknown,
  type NetContext,
  type Thing,
} from './resolve';
import type { Fact, Loc, RoutePicture, RouteTablePicture, RouteTableSource, RouteTarget, RouteTargetKind, UnknownNote } from './types';

const ROUTE_TABLE_TYPES = ['aws_route_table', 'aws_default_route_table'];

/** Route arguments that name a target, in the order the provider documents them. */
const TARGET_ATTRS = [
  'nat_gateway_id',
  'gateway_id',
  'egress_only_gateway_id',
  'transit_gateway_id',
  'vpc_peering_connection_id',
  'vpc_endpoint_id',
  'network_interface_id',
  'instance_id',
  'carrier_gateway_id',
  'core_network_arn',
  'local_gateway_id',
];

/** Resource types (managed or data) a route target may refer to, and what they are. */
const TARGET_TYPES: Readonly<Record<string, RouteTargetKind>> = {
  aws_nat_gateway: 'nat_gateway',
  aws_internet_gateway: 'internet_gateway',
  aws_egress_only_internet_gateway: 'egress_only_internet_gateway',
  aws_ec2_transit_gateway: 'transit_gateway',
  aws_ec2_transit_gateway_vpc_attachment: 'transit_gateway',
  aws_vpc_peering_connection: 'peering',
  aws_vpc_peering_connection_accepter: 'peering',
  aws_vpc_endpoint: 'vpc_endpoint',
  aws_networkfirewall_firewall: 'vpc_endpoint',
  aws_instance: 'nat_instance',
  aws_vpn_gateway: 'vpn_gateway',
};

/** AWS id prefixes of literal targets. */
const TARGET_ID_PREFIXES: readonly [string, RouteTargetKind][] = [
  ['nat-', 'nat_gateway'],
  ['igw-', 'internet_gateway'],
  ['eigw-', 'egress_only_internet_gateway'],
  ['tgw-', 'transit_gateway'],
  ['pcx-', 'peering'],
  ['vpce-', 'vpc_endpoint'],
  ['vgw-', 'vpn_gateway'],
  ['i-', 'nat_instance'],
];

/**
 * The route table a subnet uses. `subnetId` is the value that identifies the subnet (`aws_subnet.a.id`, a literal
 * id); `vpc` is the subnet's VPC when known, `subnet` its instance when it has one; `noVpcReason` says why the
 * route table is unknown when no association names the subnet and its VPC is unknown.
 */
export function routeTableOfSubnet(ctx: NetContext, root: ModuleInstance, subnetId: Value, vpc: Fact<Thing>, subnet: ResourceInstance | undefined, noVpcReason: string): Fact<RouteTablePicture> {
  let maybe: ResourceInstance | undefined;
  for (const assoc of associationsThatMayName(ctx, root, subnetId)) {
    const same = sameThing(ctx, assoc.attr('subnet_id'), subnetId);
    if (same === true) return routeTableFromValue(ctx, root, assoc.attr('route_table_id'), 'association', headerOf(assoc), optAttrLoc(assoc, 'route_table_id'));
    if (same === undefined) maybe ??= assoc;
  }
  if (maybe) {
    const sid = maybe.attr('subnet_id');
    const why = sid ? whyUnknown(sid) : 'it has no subnet_id';
    return unknownFact(`${maybe.address} may associate this subnet with a route table (its subnet_id cannot be compared: ${why})`, headerOf(maybe));
  }
  // A registry module model associates every subnet it creates with a route table; when it gives no association it
  // could not tell which one, and the VPC's main table would be a guess.
  if (subnet?.synthetic) return unknownFact(`the ${subnet.synthetic.model} model could not tell the route table of ${subnet.address}`, headerOf(subnet));
  if (!vpc.known) return unknownFact(noVpcReason, vpc.at);
  return mainRouteTable(ctx, root, vpc.value);
}

/** The route table associations of a root module tree, indexed by what their subnet_id names (see below). */
interface AssociationIndex {
  all: ResourceInstance[];
  /** Positions in `all` by the one managed resource instance a subnet_id reference points at. */
  byTarget: Map<ResourceInstance, number[]>;
  /** Positions by resource address (`aws_subnet.a`) of that instance, and of those of unknown expansion. */
  byResource: Map<string, number[]>;
  byResourceUnknownExpansion: Map<string, number[]>;
  /** Positions by literal subnet id. */
  byLiteral: Map<string, number[]>;
  /** Positions of associations whose subnet_id is neither: they are compared with every subnet. */
  others: number[];
}

function addTo<K>(m: Map<K, number[]>, key: K, position: number): void {
  const list = m.get(key);
  if (list) list.push(position);
  else m.set(key, [position]);
}

function associationIndex(ctx: NetContext, root: ModuleInstance): AssociationIndex {
  return ctx.cached(`rta-index\0${root.dir}`, () => {
    const all = ctx.resources(root, 'aws_route_table_association');
    const index: AssociationIndex = { all, byTarget: new Map(), byResource: new Map(), byResourceUnknownExpansion: new Map(), byLiteral: new Map(), others: [] };
    all.forEach((assoc, i) => {
      const v = assoc.attr('subnet_id');
      const target = v?.kind === 'unknown' ? managedTarget(ctx, v) : undefined;
      if (target) {
        addTo(index.byTarget, target, i);
        addTo(index.byResource, target.resourceAddress, i);
        if (target.expansion === 'unknown') addTo(index.byResourceUnknownExpansion, target.resourceAddress, i);
      } else if (v?.kind === 'string') {
        addTo(index.byLiteral, v.value, i);
      } else {
        index.others.push(i);
      }
    });
    return index;
  });
}

/**
 * The associations, in order, whose subnet_id may name the subnet `subnetId` names (sameThing true or undefined);
 * every other association is certainly about another subnet. Comparing each subnet with every association made S
 * subnets and A associations cost S × A comparisons. Exact by sameThing's rules: references to two different
 * managed instances name different things (unless one stands for every instance of its resource), a literal id
 * names nothing managed here, and two literals are the same only when equal. Any other subnet id is compared with
 * every association.
 */
function associationsThatMayName(ctx: NetContext, root: ModuleInstance, subnetId: Value): ResourceInstance[] {
  const index = associationIndex(ctx, root);
  const target = subnetId.kind === 'unknown' ? managedTarget(ctx, subnetId) : undefined;
  let positions: number[];
  if (target) {
    const sameResource = (target.expansion === 'unknown' ? index.byResource : index.byResourceUnknownExpansion).get(target.resourceAddress) ?? [];
    positions = [...(index.byTarget.get(target) ?? []), ...sameResource, ...index.others];
  } else if (subnetId.kind === 'string') {
    positions = [...(index.byLiteral.get(subnetId.value) ?? []), ...index.others];
  } else {
    return index.all;
  }
  return [...new Set(positions)].sort((a, b) => a - b).map((i) => index.all[i]);
}

/** The main route table of a VPC: its main association, its aws_default_route_table, or the implicit one. */
export function mainRouteTable(ctx: NetContext, root: ModuleInstance, vpc: Thing): Fact<RouteTablePicture> {
  for (const m of ctx.resources(root, 'aws_main_route_table_association')) {
    const same = sameThing(ctx, m.attr('vpc_id'), vpc.value);
    if (same === true) return routeTableFromValue(ctx, root, m.attr('route_table_id'), 'main-association', headerOf(m), optAttrLoc(m, 'route_table_id'));
    if (same === undefined) return unknownFact(`${m.address} may replace the main route table of ${vpc.ref} (its vpc_id cannot be compared)`, headerOf(m));
  }
  const vpcInst = vpc.instance;
  if (!vpcInst || vpcInst.mode !== 'managed') {
    return unknownFact(`${vpc.ref} is not managed in this configuration, so its main route table is not known`, vpc.at);
  }
  const drt = defaultRouteTableOf(ctx, root, vpcInst);
  if (drt.kind === 'maybe') return unknownFact(`${drt.inst.address} may manage the main route table of ${vpc.ref}`, headerOf(drt.inst));
  if (drt.kind === 'found') return known(tablePicture(ctx, root, drt.inst, 'default-route-table'), headerOf(drt.inst));
  return known(implicitMainTable(ctx, root, vpcInst), headerOf(vpcInst));
}

type DefaultTableLookup = { kind: 'found'; inst: ResourceInstance } | { kind: 'maybe'; inst: ResourceInstance } | { kind: 'none' };

/** The aws_default_route_table that manages a VPC's default (= main, unless reassigned) route table. */
function defaultRouteTableOf(ctx: NetContext, root: ModuleInstance, vpcInst: ResourceInstance): DefaultTableLookup {
  return ctx.cached(`drt\0${instanceKey(vpcInst)}`, () => {
    const vpcDefault = vpcInst.ref('default_route_table_id');
    let maybe: ResourceInstance | undefined;
    for (const d of ctx.resources(root, 'aws_default_route_table')) {
      const same = sameThing(ctx, d.attr('default_route_table_id'), vpcDefault);
      if (same === true) return { kind: 'found', inst: d } as DefaultTableLookup;
      if (same === undefined) maybe ??= d;
    }
    return maybe ? ({ kind: 'maybe', inst: maybe } as DefaultTableLookup) : ({ kind: 'none' } as DefaultTableLookup);
  });
}

/** The canonical ref of a VPC's main route table when no resource manages it. */
export function implicitMainRef(vpcInst: ResourceInstance): string {
  return `${vpcInst.address}.main_route_table_id`;
}

function implicitMainTable(ctx: NetContext, root: ModuleInstance, vpcInst: ResourceInstance): RouteTablePicture {
  return ctx.cached(`implicit\0${instanceKey(vpcInst)}`, () => {
    const ids = [vpcInst.ref('main_route_table_id'), vpcInst.ref('default_route_table_id')];
    const { defaultRoutes, unresolvedRoutes } = routesOf(ctx, root, ids, undefined);
    const t: RouteTablePicture = { ref: implicitMainRef(vpcInst), refKind: 'resource', at: headerOf(vpcInst), source: 'implicit-main', defaultRoutes, unresolvedRoutes };
    return t;
  });
}

/** The route table a `route_table_id` value names. */
function routeTableFromValue(ctx: NetContext, root: ModuleInstance, v: Value | undefined, source: RouteTableSource, associationAt: Loc, valueAt: Loc | undefined): Fact<RouteTablePicture> {
  if (v === undefined || isAbsent(v)) return unknownFact('the association has no route_table_id', associationAt);
  const vpcTable = vpcTableRef(ctx, root, v);
  if (vpcTable) {
    if (!vpcTable.known) return vpcTable;
    return known({ ...vpcTable.value, source, associationAt }, vpcTable.value.at);
  }
  const t = identify(ctx, v, ROUTE_TABLE_TYPES);
  if (!('ref' in t)) return unknownFact(`the route table is unknown: ${t.reason}`, t.at ?? valueAt);
  if (t.instance && t.instance.mode === 'managed') {
    const base = tablePicture(ctx, root, t.instance, source);
    return known({ ...base, source, associationAt }, base.at);
  }
  // A route table from a data source, a literal id or an opaque expression: its inline routes are not visible,
  // but aws_route resources may still add routes to it.
  const { defaultRoutes, unresolvedRoutes } = routesOf(ctx, root, [t.value], undefined);
  unresolvedRoutes.push(note(`routes of ${t.ref}`, `${t.ref} is not managed in this configuration, so its routes are not known`, t.at ?? valueAt));
  const pic: RouteTablePicture = { ref: t.ref, refKind: t.refKind, source, associationAt, defaultRoutes, unresolvedRoutes };
  if (t.at) pic.at = t.at;
  return known(pic, t.at ?? valueAt);
}

/**
 * `aws_vpc.x.main_route_table_id` / `default_route_table_id` used as a route table id: the VPC's main table (as
 * managed by aws_default_route_table when there is one). Undefined when `v` is not such a reference.
 */
function vpcTableRef(ctx: NetContext, root: ModuleInstance, v: Value): Fact<RouteTablePicture> | undefined {
  if (v.kind !== 'unknown' || !v.ref) return undefined;
  const attr = v.ref.path[0];
  if (v.ref.path.length !== 1 || (attr !== 'main_route_table_id' && attr !== 'default_route_table_id')) return undefined;
  const insts = ctx.ws.resolveRef(v);
  const vpcInst = insts.length === 1 && insts[0].type === 'aws_vpc' && insts[0].mode === 'managed' ? insts[0] : undefined;
  if (!vpcInst) return undefined;
  const drt = defaultRouteTableOf(ctx, root, vpcInst);
  if (drt.kind === 'found') return known(tablePicture(ctx, root, drt.inst, 'default-route-table'), headerOf(drt.inst));
  if (drt.kind === 'maybe') return unknownFact(`${drt.inst.address} may manage this route table`, headerOf(drt.inst));
  return known(implicitMainTable(ctx, root, vpcInst), headerOf(vpcInst));
}

/**
 * The canonical ref of the route table a value names, as used in RouteTablePicture.ref (endpoints compare their
 * route tables with the subnets' by this string). Undefined when it cannot be told.
 */
export function routeTableRef(ctx: NetContext, root: ModuleInstance, v: Value): { ref: string; at?: Loc } | UnknownNote {
  const vpcTable = vpcTableRef(ctx, root, v);
  if (vpcTable) return vpcTable.known ? { ref: vpcTable.value.ref, at: vpcTable.value.at } : note('route table', vpcTable.reason, vpcTable.at);
  const t = identify(ctx, v, ROUTE_TABLE_TYPES);
  if ('ref' in t) return { ref: t.ref, at: t.at };
  return note('route table', t.reason, t.at);
}

function tablePicture(ctx: NetContext, root: ModuleInstance, inst: ResourceInstance, source: RouteTableSource): RouteTablePicture {
  const base = ctx.cached(`table\0${instanceKey(inst)}`, () => {
    const { defaultRoutes, unresolvedRoutes } = routesOf(ctx, root, [inst.ref('id')], inst);
    const t: RouteTablePicture = { ref: inst.address, refKind: 'resource', at: headerOf(inst), source, defaultRoutes, unresolvedRoutes };
    return t;
  });
  return { ...base, source };
}

/** Default routes of a table: its inline `route` blocks (literal and dynamic) and the aws_route resources on it. */
function routesOf(ctx: NetContext, root: ModuleInstance, tableIds: Value[], table: ResourceInstance | undefined): { defaultRoutes: RoutePicture[]; unresolvedRoutes: UnknownNote[] } {
  const defaultRoutes: RoutePicture[] = [];
  const unresolvedRoutes: UnknownNote[] = [];
  if (table) {
    const blocks = table.nestedBlocks('route');
    for (const b of blocks) {
      const from = b.dynamic ? 'dynamic' : 'inline';
      const at = loc(b.dynamic ? b.dynamic.location : b.location);
      if (b.unknownExpansion) {
        unresolvedRoutes.push(note(`dynamic "route" of ${table.address}`, b.unknownExpansion.message, at));
        continue;
      }
      addRoute(ctx, b, 'cidr_block', 'ipv6_cidr_block', from, at, `route of ${table.address}`, defaultRoutes, unresolvedRoutes);
    }
    if (blocks.length === 0) routesFromAttribute(ctx, table, defaultRoutes, unresolvedRoutes);
  }
  for (const r of ctx.resources(root, 'aws_route')) {
    let same: boolean | undefined = false;
    for (const id of tableIds) {
      const s = sameThing(ctx, r.attr('route_table_id'), id);
      if (s === true) {
        same = true;
        break;
      }
      if (s === undefined) same = undefined;
    }
    if (same === false) continue;
    if (same === undefined) {
      if (couldBeDefault(r, 'destination_cidr_block', 'destination_ipv6_cidr_block')) {
        unresolvedRoutes.push(note(r.address, `${r.address} may add a default route to this table (its route_table_id cannot be compared)`, headerOf(r)));
      }
      continue;
    }
    addRoute(ctx, r, 'destination_cidr_block', 'destination_ipv6_cidr_block', 'aws_route', headerOf(r), r.address, defaultRoutes, unresolvedRoutes);
  }
  return { defaultRoutes, unresolvedRoutes };
}

/** `route = [ { ... } ]` (attribute syntax, also how `route = []` clears a table's routes). */
function routesFromAttribute(ctx: NetContext, table: ResourceInstance, out: RoutePicture[], unresolved: UnknownNote[]): void {
  const v = table.attr('route');
  if (v === undefined || isAbsent(v)) return;
  const at = optAttrLoc(table, 'route') ?? headerOf(table);
  const items = v.kind === 'list' || v.kind === 'tuple' || v.kind === 'set' ? v.items : undefined;
  if (!items) {
    unresolved.push(note(`route of ${table.address}`, whyUnknown(v), at));
    return;
  }
  for (const item of items) {
    const m = asMap(item);
    if (!m) {
      unresolved.push(note(`route of ${table.address}`, whyUnknown(item), at));
      continue;
    }
    const view = {
      attr: (n: string): Value | undefined => m.get(n),
      attrLocation: () => undefined,
      location: table.location,
    };
    addRoute(ctx, view, 'cidr_block', 'ipv6_cidr_block', 'inline', at, `route of ${table.address}`, out, unresolved);
  }
}

type RouteBody = Pick<BodyView, 'attr' | 'location'> & { attrLocation(name: string): ReturnType<BodyView['attrLocation']> };

function couldBeDefault(body: RouteBody, v4Attr: string, v6Attr: string): boolean {
  for (const a of [v4Attr, v6Attr]) {
    const v = body.attr(a);
    if (v === undefined || isAbsent(v)) continue;
    const s = asString(v);
    if (s === undefined || s === DEFAULT_ROUTE_IPV4 || s === DEFAULT_ROUTE_IPV6) return true;
  }
  return false;
}

function addRoute(ctx: NetContext, body: RouteBody, v4Attr: string, v6Attr: string, from: RoutePicture['from'], at: Loc, what: string, out: RoutePicture[], unresolved: UnknownNote[]): void {
  for (const [attr, dflt] of [
    [v4Attr, DEFAULT_ROUTE_IPV4],
    [v6Attr, DEFAULT_ROUTE_IPV6],
  ] as const) {
    const v = body.attr(attr);
    if (v === undefined || isAbsent(v)) continue;
    const s = asString(v);
    if (s === undefined) {
      unresolved.push(note(what, `the destination ${attr} is unknown: ${whyUnknown(v)}`, at));
      continue;
    }
    if (s !== dflt) continue;
    out.push({ destination: dflt, target: routeTarget(ctx, body, at), at, from });
  }
}

function routeTarget(ctx: NetContext, body: RouteBody, routeAt: Loc): RouteTarget {
  for (const attribute of TARGET_ATTRS) {
    const v = body.attr(attribute);
    if (v === undefined || isAbsent(v)) continue;
    const l = body.attrLocation(attribute);
    const at = l ? loc(l) : routeAt;
    return classifyTarget(ctx, v, attribute, at);
  }
  return { kind: 'unknown', attribute: '', at: routeAt, reason: 'the route has no target' };
}

/** What a route target value is: by the resource it refers to, else by the id's prefix. */
export function classifyTarget(ctx: NetContext, v: Value, attribute: string, at: Loc): RouteTarget {
  const s = asString(v);
  if (s !== undefined) {
    if (s === 'local') return { kind: 'local', attribute, at, ref: s };
    const hit = TARGET_ID_PREFIXES.find(([p]) => s.startsWith(p));
    if (hit) return { kind: hit[1], attribute, at, ref: s };
    if (s.startsWith('eni-')) return { kind: 'unknown', attribute, at, ref: s, reason: `${s} is a network interface outside this configuration` };
    return { kind: 'unknown', attribute, at, ref: s, reason: `${s} is not a recognised target id` };
  }
  const insts = v.kind === 'resource' ? [v.instance] : v.kind === 'unknown' && v.ref ? ctx.ws.resolveRef(v) : [];
  if (insts.length === 1) {
    const inst = insts[0];
    const kind = TARGET_TYPES[inst.type];
    if (kind) return { kind, attribute, at, ref: inst.address };
    if (inst.type === 'aws_network_interface') {
      const attached = inst.nestedBlocks('attachment').some((b) => {
        const i = b.attr('instance');
        return i !== undefined && !isAbsent(i) && ctx.ws.resolveRef(i).some((x) => x.type === 'aws_instance');
      });
      if (attached) return { kind: 'nat_instance', attribute, at, ref: inst.address };
      return { kind: 'unknown', attribute, at, ref: inst.address, reason: `${inst.address} is a network interface not attached to an instance in this configuration` };
    }
    return { kind: 'unknown', attribute, at, ref: inst.address, reason: `the target is a ${inst.type}` };
  }
  return { kind: 'unknown', attribute, at, reason: whyUnknown(v) };
}
