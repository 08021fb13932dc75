// Egress judgements over the facts of a picture: whether a subnet gives the function internet egress, and whether
// a VPC endpoint serves a service for a subnet. Three-valued like the facts: 'unknown' whenever a fact needed is
// unknown. The explanation (explain.ts) shows them; the rules layer makes the same judgements (rules/egress.ts,
// whose answers a test compares with these).
//
// - A subnet has internet egress when its route table sends 0.0.0.0/0 to a NAT gateway, a NAT instance or a
//   transit gateway (AWS, configuration-vpc: "connect ... through a NAT gateway"). An internet gateway gives a
//   Lambda ENI nothing (ENIs get no public IP), nor does a peering connection (no edge-to-edge routing). A VPN
//   gateway or a firewall / Gateway Load Balancer endpoint may lead to egress we cannot see: unknown.
// - A service is served by a VPC endpoint when a Gateway endpoint for it is associated with the subnet's route
//   table, or an Interface endpoint for it in the VPC has private DNS enabled (without private DNS the SDK's default
//   host name still resolves to public addresses, unless the code is configured with the endpoint's own name, which
//   we cannot see: unknown).

import type { EndpointPicture, FunctionPicture, RoutePicture, RouteTablePicture, RouteTargetKind, SubnetEntry, SubnetPicture } from './types';

export type Tri = 'yes' | 'no' | 'unknown';

export type KnownSubnet = { known: true } & SubnetPicture;

const EGRESS_TARGETS: ReadonlySet<RouteTargetKind> = new Set(['nat_gateway', 'nat_instance', 'transit_gateway']);
const NO_EGRESS_TARGETS: ReadonlySet<RouteTargetKind> = new Set(['internet_gateway', 'peering', 'local', 'egress_only_internet_gateway']);

/** The IPv4 default route of a route table, when known. */
export function defaultRoute4(table: RouteTablePicture): RoutePicture | undefined {
  return table.defaultRoutes.find((r) => r.destination === '0.0.0.0/0');
}

/** `ipv6_allowed_for_dual_stack` of the function: true/false when known (false when not attached), undefined when unknown. */
export function ipv6Allowed(pic: FunctionPicture): boolean | undefined {
  const f = pic.ipv6AllowedForDualStack;
  return f === undefined ? false : f.known ? f.value : undefined;
}

/** Whether a subnet gives the function internet egress (see the file comment). */
export function subnetEgress(entry: SubnetEntry, ipv6: boolean | undefined): Tri {
  if (!entry.known || !entry.routeTable.known) return 'unknown';
  const table = entry.routeTable.value;
  const r4 = defaultRoute4(table);
  if (r4 && EGRESS_TARGETS.has(r4.target.kind)) return 'yes';
  if (r4 && !NO_EGRESS_TARGETS.has(r4.target.kind)) return 'unknown';
  if (!r4 && table.unresolvedRoutes.length > 0) return 'unknown';
  // IPv6 egress (egress-only gateway, dual-stack) reaches only services with dual-stack endpoints: not judged.
  const r6 = table.defaultRoutes.find((r) => r.destination === '::/0');
  if (r6 && ipv6 !== false) return 'unknown';
  return 'no';
}

/** Whether an endpoint serves a service for a subnet: the endpoint that does, or why it cannot be told. */
export interface EndpointMatch {
  answer: Tri;
  /** answer 'yes': the endpoint. */
  endpoint?: EndpointPicture;
  /** answer 'unknown': the first reason met. */
  reason?: string;
}

/** Whether a VPC endpoint in the subnet's VPC serves `service` for that subnet (see the file comment). */
export function endpointFor(pic: FunctionPicture, subnet: KnownSubnet, service: string): EndpointMatch {
  if (!subnet.vpc.known) return { answer: 'unknown', reason: `the VPC of ${subnet.ref} is unknown` };
  if (!subnet.routeTable.known) return { answer: 'unknown', reason: `the route table of ${subnet.ref} is unknown` };
  const vpcRef = subnet.vpc.value;
  const vpc = pic.vpcs.find((v) => v.ref === vpcRef);
  if (!vpc) return { answer: 'unknown', reason: `the endpoints of ${vpcRef} are not known` };
  const table = subnet.routeTable.value.ref;
  let reason: string | undefined = vpc.unresolvedEndpoints[0]?.reason;
  for (const ep of vpc.endpoints) {
    if (!ep.service.known) {
      reason ??= `the service of ${ep.ref} is unknown`;
      continue;
    }
    if (ep.service.value !== service) continue;
    if (!ep.type.known) {
      reason ??= `the type of ${ep.ref} is unknown`;
      continue;
    }
    if (ep.type.value === 'Gateway') {
      if (!ep.routeTables || !ep.routeTables.known) reason ??= `the route tables of ${ep.ref} are unknown`;
      else if (ep.routeTables.value.includes(table)) return { answer: 'yes', endpoint: ep };
    } else if (ep.type.value === 'Interface') {
      if (ep.privateDnsEnabled?.known && ep.privateDnsEnabled.value) return { answer: 'yes', endpoint: ep };
      reason ??= `${ep.ref} has no private DNS, so only code that uses the endpoint's own DNS name reaches it`;
    }
  }
  return reason ? { answer: 'unknown', reason } : { answer: 'no' };
}
