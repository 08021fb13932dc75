// Other subnets the fixes of the subnet rules may use: managed subnets declared in the module where the user edits
// the function's subnet list, in the function's VPC, not public, and with egress at least as good as the function
// needs. They are resolved by the network layer (AZ, VPC, route table), exactly as the function's own subnets.

import { NetContext } from '../network/resolve';
import { resolveSubnets } from '../network/subnets';
import type { AzFact, FunctionPicture, Loc } from '../network/types';
import type { ModuleInstance, ResourceInstance, Workspace } from '../terraform/model';
import { list } from '../terraform/values';
import { internetGatewayRoute, isKnownSubnet, publicDependencies, subnetEgress, ipv6Allowed, type KnownSubnet } from './egress';

export interface Candidate {
  inst: ResourceInstance;
  subnet: KnownSubnet;
  /** The HCL reference to the subnet's id in the editing module: `aws_subnet.private[1].id`. */
  ref: string;
}

/** An AZ as a comparable key (names and ids are different spaces); undefined when not known. */
export function azKey(az: AzFact): string | undefined {
  if (az.kind === 'name') return `name:${az.name}`;
  if (az.kind === 'id') return `id:${az.id}`;
  return undefined;
}

/** The resource instance's address relative to `module` (`aws_subnet.a[0]`), or undefined when it lives elsewhere. */
export function localAddress(inst: ResourceInstance, module: string): string | undefined {
  if (inst.module.address !== module) return undefined;
  return module === '' ? inst.address : inst.address.slice(module.length + 1);
}

function moduleOf(ws: Workspace, pic: FunctionPicture, address: string): ModuleInstance | undefined {
  return ws.moduleAt(address, pic.root);
}

/**
 * Whether a subnet may stand in for the function's subnets without breaking anything the rules check: not public,
 * and with egress when the function needs it (it uses a public service, or we cannot tell what it uses). With
 * `sameTables`, a subnet using one of the function's own route tables also qualifies (same routes, same endpoints).
 */
function acceptable(pic: FunctionPicture, s: KnownSubnet, sameTables: ReadonlySet<string>): boolean {
  if (!s.routeTable.known || internetGatewayRoute(s)) return false;
  if (sameTables.has(s.routeTable.value.ref)) return true;
  const egress = subnetEgress(s, ipv6Allowed(pic));
  if (egress === 'yes') return true;
  const needsInternet = publicDependencies(pic).length > 0 || !pic.dependenciesComplete.complete;
  return egress === 'no' && !needsInternet;
}

/** The known managed subnets of a module (of known expansion) by VPC id, ordered by address, resolved as a function's subnets are. */
type ModuleSubnets = Map<string, { inst: ResourceInstance; subnet: KnownSubnet }[]>;

/**
 * Resolved once per module and workspace: every function's fixes look at the same subnets, and resolving them per
 * function made a workspace of F functions and S subnets cost F × S subnet resolutions. `at`, the location given
 * to what stays unknown, is the first caller's; candidates are known subnets, whose facts do not use it.
 */
const subnetsByModule = new WeakMap<Workspace, Map<ModuleInstance, ModuleSubnets>>();

/** Subnets of the function's VPC a fix looks at (in address order): enough for any real module, and F × this at worst. */
const MAX_SCANNED = 500;

function moduleSubnets(ws: Workspace, mod: ModuleInstance, at: Loc): ModuleSubnets {
  let perModule = subnetsByModule.get(ws);
  if (!perModule) {
    perModule = new Map();
    subnetsByModule.set(ws, perModule);
  }
  let hit = perModule.get(mod);
  if (!hit) {
    const insts = mod.resources({ type: 'aws_subnet', mode: 'managed' }).filter((i) => i.expansion !== 'unknown');
    const byAddress = new Map(insts.map((i) => [i.address, i]));
    const resolved = insts.length > 0 ? resolveSubnets(new NetContext(ws), mod.root, list(insts.map((i) => i.ref('id'))), at) : undefined;
    hit = new Map();
    for (const e of resolved?.entries.known ? resolved.entries.value : []) {
      const inst = isKnownSubnet(e) && e.vpc.known ? byAddress.get(e.ref) : undefined;
      if (!inst || !isKnownSubnet(e) || !e.vpc.known) continue;
      const group = hit.get(e.vpc.value) ?? [];
      group.push({ inst, subnet: e });
      hit.set(e.vpc.value, group);
    }
    for (const group of hit.values()) group.sort((a, b) => (a.inst.address < b.inst.address ? -1 : a.inst.address > b.inst.address ? 1 : 0));
    perModule.set(mod, hit);
  }
  return hit;
}

/**
 * Subnets in `module` (an address in the function's root) that are in the function's one known VPC and
 * acceptable (see above), excluding the function's current subnets, among the first MAX_SCANNED of that VPC.
 * Ordered by address.
 */
export function subnetCandidates(ws: Workspace, pic: FunctionPicture, module: string, sameTablesOk: boolean): Candidate[] {
  if (!pic.subnets?.known) return [];
  const current = pic.subnets.value.filter(isKnownSubnet);
  const vpcs = new Set(current.map((s) => (s.vpc.known ? s.vpc.value : '')));
  if (vpcs.size !== 1 || vpcs.has('')) return [];
  const vpc = [...vpcs][0];
  const mod = moduleOf(ws, pic, module);
  if (!mod) return [];
  const currentRefs = new Set(current.map((s) => s.ref));
  const inVpc = moduleSubnets(ws, mod, pic.locations.subnetIds ?? pic.locations.header).get(vpc) ?? [];
  const tables = new Set<string>();
  if (sameTablesOk) for (const s of current) if (s.routeTable.known && !internetGatewayRoute(s)) tables.add(s.routeTable.value.ref);
  const out: Candidate[] = [];
  for (const { inst, subnet } of inVpc.slice(0, MAX_SCANNED)) {
    if (currentRefs.has(subnet.ref) || !acceptable(pic, subnet, tables)) continue;
    const local = localAddress(inst, module);
    if (local) out.push({ inst, subnet, ref: `${local}.id` });
  }
  return out;
}

/**
 * The shortest expression for a list of subnet ids: `aws_subnet.x[*].id` (count) or `values(aws_subnet.x)[*].id`
 * (for_each) when the list is every instance of one resource, else a tuple of references.
 */
export function subnetListExpr(ws: Workspace, pic: FunctionPicture, chosen: { inst: ResourceInstance; ref: string }[], module: string): string {
  const first = chosen[0]?.inst;
  if (first && chosen.every((c) => c.inst.resourceAddress === first.resourceAddress) && (first.expansion === 'count' || first.expansion === 'for_each')) {
    const all = ws.resources({ type: first.type, mode: 'managed' }).filter((r) => r.module.root.dir === pic.root && r.resourceAddress === first.resourceAddress);
    const local = first.module.address === module ? first.resourceAddress.slice(module === '' ? 0 : module.length + 1) : undefined;
    if (local && all.length === chosen.length && new Set(chosen.map((c) => c.inst.address)).size === all.length) {
      return first.expansion === 'count' ? `${local}[*].id` : `values(${local})[*].id`;
    }
  }
  return `[${chosen.map((c) => c.ref).join(', ')}]`;
}
