// What the function's security groups let it reach inside the VPC. A rule that lets the function's security group
// send to another security group (an egress rule naming that group, or an ingress rule of that group naming the
// function's) is the network path to whatever uses that group: a database, a proxy, a cache. Code often reads such
// a host from a secret rather than an environment variable, so these rules are evidence of a dependency when
// nothing else shows one. Rules to CIDR ranges are not read (0.0.0.0/0 is the default egress of every group).

import type { BlockInstance, ModuleInstance, ResourceInstance } from '../terraform/model';
import { asBool, isAbsent, type Value } from '../terraform/values';
import { resourceService } from './catalogue';
import { headerOf, listItems, loc, note, sameThing, type NetContext, type Thing } from './resolve';
import { SECURITY_GROUP_TYPES } from './subnets';
import type { Evidence, Fact, Loc, UnknownNote } from './types';

/** A dependency found through a security group rule (the caller merges these with the others). */
export interface ReachFinding {
  service: string;
  vpcOnly: Fact<boolean>;
  evidence: Evidence;
}

/** Arguments that hold a resource's security groups, at the top level or in these nested blocks. */
const GROUP_ATTRS = ['vpc_security_group_ids', 'security_group_ids', 'security_groups'];
const GROUP_BLOCKS = ['vpc_config', 'vpc_options', 'broker_node_group_info', 'network_configuration', 'vpc_configuration'];

/** Resource types whose security groups never make them a destination of the function's traffic. */
function isNeverDestination(type: string): boolean {
  // Other functions take no inbound connections; endpoint traffic goes to services the policies already show.
  return type === 'aws_lambda_function' || type === 'aws_vpc_endpoint' || type.startsWith('aws_security_group') || type.startsWith('aws_vpc_security_group');
}

/** A security group the function may send to, and the rule that says so. */
interface Peer {
  group: Thing;
  rule: string;
  at: Loc;
}

/**
 * Dependencies (and unknowns) from the rules that let the function's security groups reach other groups. `groups`
 * are the function's security groups that resolved to instances.
 */
export function securityGroupReach(ctx: NetContext, root: ModuleInstance, groups: Thing[]): { found: ReachFinding[]; reasons: UnknownNote[] } {
  const found: ReachFinding[] = [];
  const reasons: UnknownNote[] = [];
  const own = groups.filter((g) => g.instance && g.instance.mode === 'managed');
  for (const peer of peersOf(ctx, root, own, reasons)) {
    const all = membersOf(ctx, root, peer.group);
    const members = all.filter((m) => !isNeverDestination(m.type));
    if (members.length === 0) {
      // Only functions and endpoints use the group (the default group's self rule, an endpoints group): nothing to
      // reach. A group nothing uses at all hides what the rule is for.
      const isOwn = own.some((g) => g.ref === peer.group.ref);
      if (all.length === 0 && !isOwn) reasons.push(note(peer.rule, `${peer.rule} lets the function reach ${peer.group.ref}, which nothing in this configuration uses`, peer.at));
      continue;
    }
    for (const m of members) {
      const info = resourceService(m.type);
      const detail = `${peer.rule} lets the function reach ${peer.group.ref}, used by ${m.address}`;
      if (!info) {
        reasons.push(note(peer.rule, `${detail}, which is not in the catalogue`, peer.at));
        continue;
      }
      // Security group references match traffic between private addresses: the path is inside the VPC, whatever
      // the resource (a publicly accessible database is still reached at its private address here).
      found.push({
        service: info.service,
        vpcOnly: { known: true, value: true, at: peer.at },
        evidence: { kind: 'security-group', detail, at: peer.at, resource: m.address, resourceAt: headerOf(m) },
      });
    }
  }
  return { found, reasons };
}

/** Security groups the function's groups may send to: by their egress rules, and by other groups' ingress rules. */
function peersOf(ctx: NetContext, root: ModuleInstance, own: Thing[], reasons: UnknownNote[]): Peer[] {
  const peers: Peer[] = [];
  /** Adds the group a value names (a list of groups, for `security_groups`). */
  const add = (v: Value | undefined, rule: string, at: Loc): void => {
    if (v === undefined) return;
    for (const item of listItems(v) ?? [v]) {
      const g = groupThing(ctx, item);
      if (g && !peers.some((p) => p.group.ref === g.ref && p.rule === rule)) peers.push({ group: g, rule, at });
    }
  };
  const groupIds = own.map((g) => g.instance!.ref('id'));
  const isOwn = (v: Value | undefined): boolean | undefined => {
    let r: boolean | undefined = false;
    for (const id of groupIds) {
      const s = sameThing(ctx, v, id);
      if (s === true) return true;
      if (s === undefined) r = undefined;
    }
    return r;
  };
  // Inline rules: egress of the function's groups, ingress of any group.
  for (const g of own) {
    for (const b of g.instance!.nestedBlocks('egress')) inlinePeers(b, g, `egress of ${g.ref}`, add, reasons, peers);
  }
  for (const type of SECURITY_GROUP_TYPES) {
    for (const sg of ctx.resources(root, type)) {
      for (const b of sg.nestedBlocks('ingress')) {
        const names = listItems(b.attr('security_groups'));
        if (!names || !names.some((n) => isOwn(n) === true)) continue;
        const g = groupThing(ctx, sg.ref('id'));
        if (g) peers.push({ group: g, rule: `ingress of ${sg.address}`, at: loc(b.dynamic ? b.dynamic.location : b.location) });
      }
    }
  }
  // Rule resources.
  for (const r of ctx.resources(root, 'aws_security_group_rule')) {
    const type = r.attr('type');
    const kind = type && type.kind === 'string' ? type.value : undefined;
    if (kind === 'egress' && isOwn(r.attr('security_group_id')) === true) {
      if (asBool(r.attr('self')) === true) add(r.attr('security_group_id'), r.address, headerOf(r));
      else add(r.attr('source_security_group_id'), r.address, headerOf(r));
    } else if (kind === 'ingress' && isOwn(r.attr('source_security_group_id')) === true) {
      add(r.attr('security_group_id'), r.address, headerOf(r));
    }
  }
  for (const r of ctx.resources(root, 'aws_vpc_security_group_egress_rule')) {
    if (isOwn(r.attr('security_group_id')) === true) add(r.attr('referenced_security_group_id'), r.address, headerOf(r));
  }
  for (const r of ctx.resources(root, 'aws_vpc_security_group_ingress_rule')) {
    if (isOwn(r.attr('referenced_security_group_id')) === true) add(r.attr('security_group_id'), r.address, headerOf(r));
  }
  return peers;
}

/** Peers of one inline egress block: its `security_groups`, and the group itself with `self = true`. */
function inlinePeers(b: BlockInstance, group: Thing, rule: string, add: (v: Value | undefined, rule: string, at: Loc) => void, reasons: UnknownNote[], peers: Peer[]): void {
  const at = loc(b.dynamic ? b.dynamic.location : b.location);
  if (b.unknownExpansion) {
    reasons.push(note(rule, `the egress rules of ${group.ref} are not known: ${b.unknownExpansion.message}`, at));
    return;
  }
  add(b.attr('security_groups'), rule, at);
  if (asBool(b.attr('self')) === true) peers.push({ group, rule, at });
}

/** The security group a value names, when it is one managed here. */
function groupThing(ctx: NetContext, v: Value): Thing | undefined {
  if (isAbsent(v)) return undefined;
  const insts = v.kind === 'resource' ? [v.instance] : v.kind === 'unknown' && v.ref ? ctx.ws.resolveRef(v) : [];
  const inst = insts.length === 1 && SECURITY_GROUP_TYPES.includes(insts[0].type) && insts[0].mode === 'managed' ? insts[0] : undefined;
  return inst ? { ref: inst.address, refKind: 'resource', instance: inst, value: inst.ref('id'), at: headerOf(inst) } : undefined;
}

/** Managed resources that use a security group (any of GROUP_ATTRS, at the top level or in GROUP_BLOCKS). */
function membersOf(ctx: NetContext, root: ModuleInstance, group: Thing): ResourceInstance[] {
  return ctx.cached(`members\0${root.dir}\0${group.ref}`, () => {
    const uses = (body: Pick<BlockInstance, 'attr'>): boolean =>
      GROUP_ATTRS.some((a) => (listItems(body.attr(a)) ?? []).some((item) => sameThing(ctx, item, group.value) === true));
    const all = ctx.resources(root, undefined);
    // Only resources with a group value that may be this group are tested (see NetContext.mayName).
    const shortlist = group.instance ? ctx.mayName(`members\0${root.dir}`, all, groupValues, group.instance) : all;
    return shortlist.filter((inst) => uses(inst) || GROUP_BLOCKS.some((t) => inst.nestedBlocks(t).some(uses)));
  });
}

/** Every security group value of a resource: the items of GROUP_ATTRS, at the top level and in GROUP_BLOCKS. */
function groupValues(inst: ResourceInstance): Value[] {
  const out: Value[] = [];
  const collect = (body: Pick<BlockInstance, 'attr'>): void => {
    for (const a of GROUP_ATTRS) for (const item of listItems(body.attr(a)) ?? []) out.push(item);
  };
  collect(inst);
  for (const t of GROUP_BLOCKS) for (const b of inst.nestedBlocks(t)) collect(b);
  return out;
}
