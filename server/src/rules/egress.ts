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

import { defaultRoute4, endpointFor, type KnownSubnet, type Tri } from '../network/egress';
import type { Dependency, FunctionPicture, RoutePicture, SubnetEntry } from '../network/types';
import type { RelatedLocation } from './types';

// The judgements themselves live in the network layer (network/egress.ts), so that the explanation shown by
// hover and --explain and the rules can never disagree.
export { defaultRoute4, ipv6Allowed, subnetEgress, type KnownSubnet, type Tri } from '../network/egress';

export function isKnownSubnet(e: SubnetEntry): e is KnownSubnet {
  return e.known;
}

/** The table's IPv4 default route when it goes to an internet gateway (the subnet is "public"). */
export function internetGatewayRoute(entry: SubnetEntry): RoutePicture | undefined {
  if (!entry.known || !entry.routeTable.known) return undefined;
  const r = defaultRoute4(entry.routeTable.value);
  return r && r.target.kind === 'internet_gateway' ? r : undefined;
}

/** Whether a VPC endpoint in the subnet's VPC serves `service` for that subnet. */
export function endpointServes(pic: FunctionPicture, subnet: KnownSubnet, service: string): Tri {
  return endpointFor(pic, subnet, service).answer;
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

/**
 * The evidence of dependencies on resources whose policy admits only requests from a VPC: each policy, then the
 * environment variables that name the resource.
 */
export function admittedEvidence(deps: readonly Dependency[]): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  for (const d of deps) {
    if (!d.admittedOnlyFromVpc) continue;
    out.push({ ...d.admittedOnlyFromVpc.at, message: d.admittedOnlyFromVpc.detail });
    for (const e of d.evidence.filter((x) => x.kind === 'environment').slice(0, 3)) out.push({ ...e.at, message: `uses ${d.name}: ${e.detail}` });
  }
  return out;
}
