// Model of terraform-aws-modules/vpc/aws (written from the module's documented variables
// and outputs; v5/v6 behaviour). It creates the resources that decide a Lambda function's
// network: the VPC, subnets per list (public, private, database, elasticache, redshift,
// intra) with AZ `element(azs, i)`, route tables and their associations, the internet
// gateway and its routes, NAT gateways and their routes, the database routes, the
// egress-only gateway, and the default security group. Flow logs, ACLs, VPN, DHCP options
// and customer gateways do not affect the analysis and are not modelled.
//
// Counts follow the module:
//   nat_gateway_count = single_nat_gateway ? 1 : one_nat_gateway_per_az ? length(azs) : max_subnet_length
//   private route tables: nat_gateway_count of them (when there are private subnets);
//   private subnet i uses private route table element(tables, single_nat_gateway ? 0 : i);
//   public route tables: one (or one per public subnet with create_multiple_public_route_tables);
//   intra route tables: one (or one per intra subnet) and no NAT route;
//   database/elasticache/redshift subnets use their own route table when create_*_subnet_route_table,
//   else the private route tables (redshift: the public ones with enable_public_redshift).
// Unset list arguments take the module's defaults (`[]`, variables.tf). When a count is known only from below
// (another subnet list is unknown, so max_subnet_length is at least the known lists'; azs of unknown length but at
// least two), the model creates the instances below the bound, which are certain to exist, and the outputs that
// list all of them are unknown: private subnet i still gets route table i and its NAT route.
// Subnets of a kind are max(length(<kind>_subnets), length(<kind>_subnet_ipv6_prefixes)), as in the module.

import type { ResourceInstance } from '../model';
import { nullValue, str, tuple, type SourceLocation, type UnknownReason, type Value } from '../values';
import type { AttrSpec, ModelContext, ModelResult, RegistryModel } from './types';
import { elementOf, flag, ids, isReasons, lengthOf, listArg, located, unknownOutput } from './util';

const SUBNET_KINDS = ['public', 'private', 'database', 'elasticache', 'redshift', 'intra'] as const;
type SubnetKind = (typeof SUBNET_KINDS)[number];

const OUTPUTS = [
  'vpc_id',
  'vpc_arn',
  'vpc_cidr_block',
  'default_security_group_id',
  'default_route_table_id',
  'vpc_main_route_table_id',
  'igw_id',
  'igw_arn',
  'natgw_ids',
  'egress_only_internet_gateway_id',
  'azs',
  'name',
  'public_route_table_ids',
  'private_route_table_ids',
  'intra_route_table_ids',
  'database_route_table_ids',
  'elasticache_route_table_ids',
  'redshift_route_table_ids',
  'database_subnet_group',
  'database_subnet_group_name',
  'elasticache_subnet_group',
  'elasticache_subnet_group_name',
  'redshift_subnet_group',
  ...SUBNET_KINDS.flatMap((k) => [`${k}_subnets`, `${k}_subnet_arns`, `${k}_subnets_cidr_blocks`]),
];

export const vpcModel: RegistryModel = {
  id: 'terraform-aws-modules/vpc/aws',
  outputs: OUTPUTS,
  build(ctx: ModelContext): ModelResult {
    const outputs = new Map<string, Value>();
    const unknownAll = (reasons: UnknownReason[]): ModelResult => {
      for (const o of OUTPUTS) outputs.set(o, unknownOutput(reasons));
      return { outputs };
    };
    const create = flag(ctx, 'create_vpc', true);
    if (isReasons(create)) return unknownAll(create);
    const putin = flag(ctx, 'putin_khuylo', true);
    if (isReasons(putin)) return unknownAll(putin);
    if (!create || !putin) {
      for (const o of OUTPUTS) outputs.set(o, o.endsWith('_ids') || o.endsWith('_subnets') || o.endsWith('_arns') || o.endsWith('_blocks') ? tuple([]) : nullValue());
      return { outputs };
    }

    const f = (name: string, dflt: boolean): boolean | UnknownReason[] => flag(ctx, name, dflt);
    const azs = ctx.arg('azs', tuple([]));
    const enableIpv6 = f('enable_ipv6', false);
    const ipv6 = enableIpv6 === true;

    // VPC
    const useIpam = f('use_ipam_pool', false);
    const vpc = ctx.resource('aws_vpc', 'this', 0, {
      cidr_block: useIpam === true ? undefined : ctx.from('cidr', str('10.0.0.0/16')),
      enable_dns_hostnames: ctx.from('enable_dns_hostnames', { kind: 'bool', value: true }),
      enable_dns_support: ctx.from('enable_dns_support', { kind: 'bool', value: true }),
      assign_generated_ipv6_cidr_block: ipv6 && useIpam !== true ? { value: { kind: 'bool', value: true }, at: ctx.at('enable_ipv6') } : undefined,
      instance_tenancy: ctx.from('instance_tenancy', str('default')),
    });
    const vpcId = vpc.ref('id');
    outputs.set('vpc_id', vpcId);
    outputs.set('vpc_arn', vpc.ref('arn'));
    outputs.set('vpc_cidr_block', vpc.ref('cidr_block'));
    outputs.set('default_security_group_id', vpc.ref('default_security_group_id'));
    outputs.set('default_route_table_id', vpc.ref('default_route_table_id'));
    outputs.set('vpc_main_route_table_id', vpc.ref('main_route_table_id'));
    outputs.set('azs', azs);
    outputs.set('name', ctx.arg('name', str('')));

    const manageDefaultSg = f('manage_default_security_group', true);
    if (manageDefaultSg === true) ctx.resource('aws_default_security_group', 'this', 0, { vpc_id: vpcId });

    // Subnets: the module creates max(length(<kind>_subnets), length(<kind>_subnet_ipv6_prefixes)) of each kind.
    const subnets = new Map<SubnetKind, ResourceInstance[] | UnknownReason[]>();
    const oneNatPerAz = f('one_nat_gateway_per_az', false);
    for (const kind of SUBNET_KINDS) {
      const cidrs = listArg(ctx, `${kind}_subnets`);
      const prefixes = listArg(ctx, `${kind}_subnet_ipv6_prefixes`);
      if (isReasons(cidrs) || isReasons(prefixes)) {
        subnets.set(kind, isReasons(cidrs) ? cidrs : (prefixes as UnknownReason[]));
        continue;
      }
      let n: number | UnknownReason[] = Math.max(cidrs.length, prefixes.length);
      // No public subnets when one NAT per AZ is asked for but there are fewer public subnets than AZs.
      if (kind === 'public' && n > 0) n = publicCount(n, oneNatPerAz, azs, ctx.at('azs'));
      if (isReasons(n)) {
        subnets.set(kind, n);
        continue;
      }
      const native = f(`${kind}_subnet_ipv6_native`, false) === true;
      const list: ResourceInstance[] = [];
      for (let i = 0; i < n; i++) {
        const az = elementOf(azs, i);
        const isZoneId = az.kind === 'string' && !/^[a-z]{2}-/.test(az.value);
        list.push(
          ctx.resource('aws_subnet', kind, i, {
            availability_zone: isZoneId ? undefined : located(az, ctx.at('azs')),
            availability_zone_id: isZoneId ? located(az, ctx.at('azs')) : undefined,
            cidr_block: native ? undefined : { value: cidrs[i] ?? str(''), at: ctx.at(`${kind}_subnets`) },
            vpc_id: vpcId,
            map_public_ip_on_launch: kind === 'public' ? ctx.from('map_public_ip_on_launch', { kind: 'bool', value: false }) : undefined,
            ipv6_native: ipv6 && native ? { value: { kind: 'bool', value: true }, at: ctx.at(`${kind}_subnet_ipv6_native`) } : undefined,
            ipv6_cidr_block: ipv6 && prefixes.length > 0 ? vpc.ref('ipv6_cidr_block') : undefined,
          }),
        );
      }
      subnets.set(kind, list);
    }
    for (const kind of SUBNET_KINDS) {
      const s = subnets.get(kind)!;
      if (isReasons(s)) {
        for (const o of [`${kind}_subnets`, `${kind}_subnet_arns`, `${kind}_subnets_cidr_blocks`]) outputs.set(o, unknownOutput(s));
      } else {
        outputs.set(`${kind}_subnets`, ids(s));
        outputs.set(`${kind}_subnet_arns`, ids(s, 'arn'));
        outputs.set(`${kind}_subnets_cidr_blocks`, tuple(s.map((x) => x.attr('cidr_block')).filter((c): c is Value => c !== undefined)));
      }
    }
    const count = (kind: SubnetKind): number | UnknownReason[] => {
      const s = subnets.get(kind)!;
      return isReasons(s) ? s : s.length;
    };
    const known = (kind: SubnetKind): ResourceInstance[] => {
      const s = subnets.get(kind)!;
      return isReasons(s) ? [] : s;
    };
    const nPublic = count('public');
    const nPrivate = count('private');
    // max_subnet_length: known exactly, or at least the largest of the lists that are known.
    const maxLen: Bound = { min: 0, exact: true, reasons: [] };
    for (const k of ['private', 'public', 'elasticache', 'database', 'redshift'] as const) {
      const c = count(k);
      if (isReasons(c)) {
        if (maxLen.exact) maxLen.reasons = c;
        maxLen.exact = false;
      } else maxLen.min = Math.max(maxLen.min, c);
    }

    // Internet gateway and public routing
    const createIgw = f('create_igw', true);
    let igw: ResourceInstance | undefined;
    if (!isReasons(nPublic) && nPublic > 0 && createIgw === true) {
      igw = ctx.resource('aws_internet_gateway', 'this', 0, { vpc_id: vpcId });
    }
    outputs.set('igw_id', igw ? igw.ref('id') : isReasons(nPublic) ? unknownOutput(nPublic) : nullValue());
    outputs.set('igw_arn', igw ? igw.ref('arn') : isReasons(nPublic) ? unknownOutput(nPublic) : nullValue());

    const routeTable = (name: string, k: number): ResourceInstance => ctx.resource('aws_route_table', name, k, { vpc_id: vpcId });
    const associate = (name: string, i: number, subnet: ResourceInstance, table: ResourceInstance | UnknownReason[], at: string): void => {
      ctx.resource('aws_route_table_association', name, i, {
        subnet_id: subnet.ref('id'),
        route_table_id: { value: isReasons(table) ? unknownOutput(table) : table.ref('id'), at: ctx.at(at) },
      });
    };
    const route = (name: string, k: number, table: ResourceInstance, attrs: Record<string, AttrSpec>): void => {
      ctx.resource('aws_route', name, k, { route_table_id: table.ref('id'), ...attrs });
    };

    const multiPublic = f('create_multiple_public_route_tables', false) === true;
    const publicTables: Tables = { list: [], exact: true, reasons: [] };
    if (!isReasons(nPublic) && nPublic > 0) {
      const nTables = multiPublic ? nPublic : 1;
      for (let k = 0; k < nTables; k++) publicTables.list.push(routeTable('public', k));
      known('public').forEach((s, i) => associate('public', i, s, publicTables.list[multiPublic ? i : 0], 'create_multiple_public_route_tables'));
      if (igw) {
        publicTables.list.forEach((t, k) => {
          route('public_internet_gateway', k, t, { destination_cidr_block: str('0.0.0.0/0'), gateway_id: { value: igw!.ref('id'), at: ctx.at('create_igw') } });
          if (ipv6) route('public_internet_gateway_ipv6', k, t, { destination_ipv6_cidr_block: str('::/0'), gateway_id: igw!.ref('id') });
        });
      }
    } else if (isReasons(nPublic)) {
      publicTables.exact = false;
      publicTables.reasons = nPublic;
    }
    outputs.set('public_route_table_ids', tableIds(publicTables));

    // NAT gateways and private routing: nat_gateway_count of each (or the first ones, when only a lower bound of
    // the count is known: private subnet i uses table i whatever the exact count, as long as i is below it).
    const enableNat = f('enable_nat_gateway', false);
    const single = f('single_nat_gateway', false);
    const natCount = natGatewayCount(single, oneNatPerAz, azs, maxLen, ctx.at('azs'));

    const privateTables: Tables = { list: [], exact: true, reasons: [] };
    if (isReasons(nPrivate)) {
      privateTables.exact = false;
      privateTables.reasons = nPrivate;
    } else if (nPrivate > 0) {
      for (let k = 0; k < natCount.min; k++) privateTables.list.push(routeTable('private', k));
      if (!natCount.exact) {
        privateTables.exact = false;
        privateTables.reasons = natCount.reasons;
      }
    }
    known('private').forEach((s, i) => associate('private', i, s, pick(privateTables, isReasons(single) ? single : single ? 0 : i), 'single_nat_gateway'));
    outputs.set('private_route_table_ids', tableIds(privateTables));

    const nats: ResourceInstance[] = [];
    let natUnknown: UnknownReason[] | undefined;
    if (isReasons(enableNat)) natUnknown = enableNat;
    else if (enableNat) {
      if (!natCount.exact) natUnknown = natCount.reasons;
      const publicSubnets = known('public');
      for (let k = 0; k < natCount.min; k++) {
        const subnet = publicSubnets.length ? elementAt(publicSubnets, single === true ? 0 : k) : undefined;
        nats.push(
          ctx.resource('aws_nat_gateway', 'this', k, {
            subnet_id: subnet ? subnet.ref('id') : undefined,
            connectivity_type: { value: str('public'), at: ctx.at('enable_nat_gateway') },
          }),
        );
      }
      const createPrivateRoute = f('create_private_nat_gateway_route', true);
      if (createPrivateRoute === true) {
        for (let k = 0; k < nats.length && k < privateTables.list.length; k++) {
          route('private_nat_gateway', k, privateTables.list[k], {
            destination_cidr_block: ctx.from('nat_gateway_destination_cidr_block', str('0.0.0.0/0')),
            nat_gateway_id: { value: nats[k].ref('id'), at: ctx.at('enable_nat_gateway') },
          });
        }
      }
    }
    outputs.set('natgw_ids', natUnknown ? unknownOutput(natUnknown) : ids(nats));

    // IPv6 egress-only gateway
    const createEgressOnly = f('create_egress_only_igw', true);
    let egressOnly: ResourceInstance | undefined;
    if (ipv6 && createEgressOnly === true && maxLen.min > 0) {
      egressOnly = ctx.resource('aws_egress_only_internet_gateway', 'this', 0, { vpc_id: vpcId });
      for (let k = 0; k < privateTables.list.length; k++) {
        route('private_ipv6_egress', k, privateTables.list[k], { destination_ipv6_cidr_block: str('::/0'), egress_only_gateway_id: egressOnly.ref('id') });
      }
    }
    outputs.set('egress_only_internet_gateway_id', egressOnly ? egressOnly.ref('id') : ipv6 && createEgressOnly === true && !maxLen.exact ? unknownOutput(maxLen.reasons) : nullValue());

    // Database subnets: their own route tables (create_database_subnet_route_table), else the private ones.
    const db = known('database');
    const createDbRt = f('create_database_subnet_route_table', false) === true;
    const dbIgwRoute = f('create_database_internet_gateway_route', false) === true;
    const dbNatRoute = f('create_database_nat_gateway_route', false) === true;
    const dbOwn: Tables = { list: [], exact: true, reasons: [] };
    if (db.length > 0 && createDbRt) {
      const n = single === true || dbIgwRoute ? 1 : db.length;
      for (let k = 0; k < n; k++) dbOwn.list.push(routeTable('database', k));
    }
    const dbTables = dbOwn.list.length ? dbOwn : privateTables;
    db.forEach((s, i) => associate('database', i, s, pick(dbTables, createDbRt && (single === true || dbIgwRoute) ? 0 : i), 'create_database_subnet_route_table'));
    if (dbOwn.list.length > 0 && igw && dbIgwRoute && !dbNatRoute) {
      route('database_internet_gateway', 0, dbOwn.list[0], { destination_cidr_block: str('0.0.0.0/0'), gateway_id: { value: igw.ref('id'), at: ctx.at('create_database_internet_gateway_route') } });
    }
    if (dbOwn.list.length > 0 && !dbIgwRoute && dbNatRoute && nats.length > 0) {
      const n = single === true ? 1 : db.length;
      for (let k = 0; k < n && k < nats.length; k++) {
        route('database_nat_gateway', k, elementAt(dbOwn.list, k), {
          destination_cidr_block: str('0.0.0.0/0'),
          nat_gateway_id: { value: nats[k].ref('id'), at: ctx.at('create_database_nat_gateway_route') },
        });
      }
    }
    outputs.set('database_route_table_ids', tableIds(dbTables));
    const createDbGroup = f('create_database_subnet_group', true) === true;
    if (db.length > 0 && createDbGroup) {
      const name = ctx.arg('database_subnet_group_name', nullValue());
      const groupName = name.kind === 'string' && name.value !== '' ? name : ctx.arg('name', str(''));
      const g = ctx.resource('aws_db_subnet_group', 'database', 0, {
        name: { value: groupName.kind === 'string' ? str(groupName.value.toLowerCase(), groupName.origins) : groupName, at: ctx.at('database_subnet_group_name') },
        subnet_ids: ids(db),
      });
      outputs.set('database_subnet_group', g.ref('id'));
      outputs.set('database_subnet_group_name', g.ref('name'));
    } else {
      outputs.set('database_subnet_group', nullValue());
      outputs.set('database_subnet_group_name', nullValue());
    }

    // ElastiCache and Redshift subnets: their own single route table, or the private (public) ones.
    for (const kind of ['elasticache', 'redshift'] as const) {
      const list = known(kind);
      const ownRt = f(`create_${kind}_subnet_route_table`, false) === true;
      const publicRedshift = kind === 'redshift' && f('enable_public_redshift', false) === true;
      const own: Tables = { list: list.length > 0 && ownRt ? [routeTable(kind, 0)] : [], exact: true, reasons: [] };
      const tables = own.list.length ? own : publicRedshift ? publicTables : privateTables;
      list.forEach((s, i) => {
        const idx = single === true || ownRt ? 0 : isReasons(single) && !ownRt ? single : i;
        associate(publicRedshift ? 'redshift_public' : kind, i, s, pick(tables, idx), `create_${kind}_subnet_route_table`);
      });
      outputs.set(`${kind}_route_table_ids`, tableIds(tables));
      const createGroup = f(`create_${kind}_subnet_group`, true) === true;
      if (list.length > 0 && createGroup) {
        const type = kind === 'redshift' ? 'aws_redshift_subnet_group' : 'aws_elasticache_subnet_group';
        const g = ctx.resource(type, kind, 0, { subnet_ids: ids(list) });
        outputs.set(`${kind}_subnet_group`, g.ref('id'));
        if (kind === 'elasticache') outputs.set('elasticache_subnet_group_name', g.ref('name'));
      } else {
        outputs.set(`${kind}_subnet_group`, nullValue());
        if (kind === 'elasticache') outputs.set('elasticache_subnet_group_name', nullValue());
      }
    }

    // Intra subnets: route tables without any route to the internet.
    const intra = known('intra');
    const multiIntra = f('create_multiple_intra_route_tables', false) === true;
    const intraTables: ResourceInstance[] = [];
    if (intra.length > 0) for (let k = 0; k < (multiIntra ? intra.length : 1); k++) intraTables.push(routeTable('intra', k));
    intra.forEach((s, i) => associate('intra', i, s, intraTables[multiIntra ? i : 0], 'create_multiple_intra_route_tables'));
    const nIntra = count('intra');
    outputs.set('intra_route_table_ids', isReasons(nIntra) ? unknownOutput(nIntra) : ids(intraTables));

    return { outputs };
  },
};

/** element(list, i) over instances (wrapping). */
function elementAt(list: ResourceInstance[], i: number): ResourceInstance {
  return list[i % list.length];
}

/** A count of which at least `min` is known; when not `exact`, `reasons` says why the rest is unknown. */
interface Bound {
  min: number;
  exact: boolean;
  reasons: UnknownReason[];
}

/** Route tables of one kind: all of them (`exact`), or only the first ones (the count is not known). */
interface Tables {
  list: ResourceInstance[];
  exact: boolean;
  reasons: UnknownReason[];
}

/** `element(tables[*].id, index)`: the table, or why it cannot be told (index unknown, beyond the known tables). */
function pick(tables: Tables, index: number | UnknownReason[]): ResourceInstance | UnknownReason[] {
  if (isReasons(index)) return index;
  if (tables.exact) return tables.list.length ? elementAt(tables.list, index) : [{ code: 'invalid', message: 'the module has no route table for this subnet (element() of an empty list)' }];
  return index < tables.list.length ? tables.list[index] : tables.reasons;
}

/** The ids of a kind of route tables: known when the tables are. */
function tableIds(tables: Tables): Value {
  return tables.exact ? ids(tables.list) : unknownOutput(tables.reasons);
}

/** local.nat_gateway_count = single_nat_gateway ? 1 : one_nat_gateway_per_az ? length(azs) : max_subnet_length */
function natGatewayCount(single: boolean | UnknownReason[], perAz: boolean | UnknownReason[], azs: Value, maxLen: Bound, azsAt: SourceLocation): Bound {
  if (isReasons(single)) return { min: 0, exact: false, reasons: single };
  if (single) return { min: 1, exact: true, reasons: [] };
  if (isReasons(perAz)) return { min: 0, exact: false, reasons: perAz };
  if (!perAz) return maxLen;
  const n = lengthOf(azs);
  if (n !== undefined) return { min: n, exact: true, reasons: [] };
  return { min: azs.kind === 'unknown' ? (azs.minLength ?? 0) : 0, exact: false, reasons: [{ code: 'unknown-expansion', message: 'the number of AZs (azs) is not known', at: azsAt }] };
}

/**
 * The number of public subnets: `n`, unless one NAT gateway per AZ is asked for and there are fewer than AZs
 * (then none).
 */
function publicCount(n: number, perAz: boolean | UnknownReason[], azs: Value, azsAt: SourceLocation): number | UnknownReason[] {
  if (perAz === false) return n;
  const nAzs = lengthOf(azs);
  if (nAzs !== undefined && n >= nAzs) return n;
  if (isReasons(perAz)) return perAz;
  if (nAzs !== undefined) return 0;
  if (azs.kind === 'unknown' && azs.minLength !== undefined && n < azs.minLength) return 0;
  return [{ code: 'unknown-expansion', message: 'one_nat_gateway_per_az: whether there are fewer public subnets than AZs is not known', at: azsAt }];
}
