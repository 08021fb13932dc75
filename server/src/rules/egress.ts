// Egress judgements over the facts of a picture, shared by the no-egress and public-subnet rules and by the fix
// builders that pick other subnets. Three-valued like the facts: 'unknown' whenever a fact needed is unknown.
//
// - A subnet has internet egress when its route table sends 0.0.0.0/0 to a NAT gateway, a NAT instance or a
//   transit gateway (AWS, configuration-vpc: "connect ... through a NAT gateway"). An internet gateway gives a
//   Lambda ENI nothing (ENIs get no public IP), nor does a peering connection (no edge-to-edge routing). A VPN
//   gateway or a firewall / Gateway Load Balancer endpoint may lead to egress we cannot see: unknown.
// - A service is served by a VPC endpoint when a Gateway endpoint for it is associated with the subnet's route
//   table, or an Interface endpoint for it in the VPC has private DNS enabled (without private DNS the SDK's default
//   host name still resolves to public addresses, unless the code is configured with the endpoint's own name, which
//   we cannot see: unknown).

import type { Dependency, FunctionPicture, RoutePicture, RouteTablePicture, SubnetEntry, SubnetPicture } from '../network/types';

export type Tri = 'yes' | 'no' | 'unknown';

const EGRESS_TARGETS = new Set(['nat_gateway', 'nat_instance', 'transit_gateway']);
const NO_EGRESS_TARGETS = new Set(['internet_gateway', 'peering', 'local', 'egress_only_internet_gateway']);

export type KnownSubnet = { known: true } & SubnetPicture;

export function isKnownSubnet(e: SubnetEntry): e is KnownSubnet {
  return e.known;
}

/** The IPv4 default route of a route table, when known. */
export function defaultRoute4(table: RouteTablePicture): RoutePicture | undefined {
  return table.defaultRoutes.find((r) => r.destination === '0.0.0.0/0');
}

/** The table's IPv4 default route when it goes to an internet gateway (the subnet is "public"). */
export function internetGatewayRoute(entry: SubnetEntry): RoutePicture | undefined {
  if (!entry.known || !entry.routeTable.known) return undefined;
  const r = defaultRoute4(entry.routeTable.value);
  return r && r.target.kind === 'internet_gateway' ? r : undefined;
}

/** Whether a subnet gives the function internet egress (see the file comment). */
export function subnetEgress(entry: SubnetEntry, ipv6Allowed: boolean | undefined): Tri {
  if (!entry.known || !entry.routeTable.known) return 'unknown';
  const table = entry.routeTable.value;
  const r4 = defaultRoute4(table);
  if (r4 && EGRESS_TARGETS.has(r4.target.kind)) return 'yes';
  if (r4 && !NO_EGRESS_TARGETS.has(r4.target.kind)) return 'unknown';
  if (!r4 && table.unresolvedRoutes.length > 0) return 'unknown';
  // IPv6 egress (egress-only gateway, dual-stack) reaches only services with dual-stack endpoints: not judged.
  const r6 = table.defaultRoutes.find((r) => r.destination === '::/0');
  if (r6 && ipv6Allowed !== false) return 'unknown';
  return 'no';
}

/** `ipv6_allowed_for_dual_stack` of the function: true/false when known, undefined when unknown. */
export function ipv6Allowed(pic: FunctionPicture): boolean | undefined {
  const f = pic.ipv6AllowedForDualStack;
  return f === undefined ? false : f.known ? f.value : undefined;
}

/** Whether a VPC endpoint in the subnet's VPC serves `service` for that subnet. */
export function endpointServes(pic: FunctionPicture, subnet: KnownSubnet, service: string): Tri {
  if (!subnet.vpc.known || !subnet.routeTable.known) return 'unknown';
  const vpcRef = subnet.vpc.value;
  const vpc = pic.vpcs.find((v) => v.ref === vpcRef);
  if (!vpc) return 'unknown';
  const table = subnet.routeTable.value.ref;
  let maybe = vpc.unresolvedEndpoints.length > 0;
  for (const ep of vpc.endpoints) {
    if (!ep.service.known) {
      maybe = true;
      continue;
    }
    if (ep.service.value !== service) continue;
    if (!ep.type.known) {
      maybe = true;
      continue;
    }
    if (ep.type.value === 'Gateway') {
      if (!ep.routeTables || !ep.routeTables.known) maybe = true;
      else if (ep.routeTables.value.includes(table)) return 'yes';
    } else if (ep.type.value === 'Interface') {
      if (ep.privateDnsEnabled?.known && ep.privateDnsEnabled.value) return 'yes';
      maybe = true;
    }
  }
  return maybe ? 'unknown' : 'no';
}

/** Dependencies on services reached over the network (known not VPC-only, and in the catalogue). */
export function publicDependencies(pic: FunctionPicture): Dependency[] {
  return pic.dependencies.filter((d) => d.vpcOnly.known && !d.vpcOnly.value && !d.uncatalogued);
}

/** Dependencies known to be reachable only from inside a VPC. */
export function vpcOnlyDependencies(pic: FunctionPicture): Dependency[] {
  return pic.dependencies.filter((d) => d.vpcOnly.known && d.vpcOnly.value);
}

/** A short description of a route's target: `NAT gateway aws_nat_gateway.a`, `internet gateway igw-0abc`. */
export function targetText(r: RoutePicture): string {
  const kind = r.target.kind.replace(/_/g, ' ').replace(/^nat /, 'NAT ').replace(/^vpc /, 'VPC ').replace(/^vpn /, 'VPN ');
  return r.target.ref ? `${kind} ${r.target.ref}` : kind;
}
