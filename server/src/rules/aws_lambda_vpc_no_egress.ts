// aws_lambda_vpc_no_egress: an attached function uses an AWS service reached over the network (not VPC-only), and
// from one of its subnets neither a NAT route nor a VPC endpoint reaches that service. AWS: "By default, Lambda
// functions have access to the public internet. This is not the case after they have been configured with access
// to one of your VPCs" (seed). Every judgement is three-valued (egress.ts); unknown never fires.

import type { Dependency, FunctionPicture } from '../network/types';
import { serviceInfo } from '../network/catalogue';
import type { ResourceInstance, Workspace } from '../terraform/model';
import { localAddress, subnetListExpr } from './candidates';
import { format, functionLabel, listText, perFunction, type Draft, type RuleContext } from './context';
import { admittedEvidence, defaultRoute4, endpointServes, ipv6Allowed, isKnownSubnet, publicDependencies, subnetEgress, targetText, type KnownSubnet } from './egress';
import { FileEditor, hclString, type CodeLine } from './fixes';
import { blockAt, findingAt } from './locate';
import { docsUrl, type Fix, type RelatedLocation, type RuleMeta, type TextEdit } from './types';

const ID = 'aws_lambda_vpc_no_egress';

export const meta: RuleMeta = {
  id: ID,
  defaultSeverity: 'error',
  summary: 'A VPC-attached function cannot reach an AWS service it uses: no NAT route and no VPC endpoint.',
  description:
    'A function attached to a VPC loses the default internet access of Lambda. To reach a public AWS API (S3, SQS, ' +
    'DynamoDB, Secrets Manager, ...) it needs a default route through a NAT gateway, a NAT instance or a transit gateway, ' +
    'or a VPC endpoint for the service. Without one, calls time out at run time.',
  docsUrl: docsUrl(ID),
  messages: {
    default: '{fn} cannot reach {services}: {subnets} {have} no default route through a NAT gateway, NAT instance or transit gateway, and no VPC endpoint serves {them} there. Calls will time out.',
    endpointOnly: '{fn} reaches {services} from {subnets} only through NAT, but {its} resource policy admits only requests that come through a VPC endpoint, and no VPC endpoint serves {them} there. Its requests will be refused.',
  },
  fixable: 'unsafe',
};

export function check(ctx: RuleContext): Draft[] {
  return perFunction(ctx, ID, (pic) => {
    if (pic.attachment.status !== 'attached' || !pic.subnets?.known) return [];
    const deps = publicDependencies(pic);
    if (deps.length === 0) return [];
    const v6 = ipv6Allowed(pic);
    const known = pic.subnets.value.filter(isKnownSubnet);
    const out: Draft[] = [];
    const stuck = known.filter((s) => subnetEgress(s, v6) === 'no');
    const unreachable = deps.filter((d) => stuck.some((s) => endpointServes(pic, s, d.service) === 'no'));
    if (unreachable.length > 0) {
      const subnets = stuck.map((s) => s.ref);
      const message = format(meta.messages.default, {
        fn: functionLabel(pic),
        services: listText(unreachable.map((d) => d.name)),
        subnets: subnets.length === 1 ? `subnet ${subnets[0]}` : `subnets ${listText(subnets)}`,
        have: subnets.length === 1 ? 'has' : 'have',
        them: unreachable.length === 1 ? 'it' : 'them',
      });
      out.push(findingAt(ctx, ID, pic, 'vpcConfig', message, evidence(unreachable, stuck), endpointFix(ctx, pic, unreachable, stuck)));
    }
    // A resource whose policy admits only requests through a VPC endpoint (network/resource-policies.ts): a NAT
    // route reaches the service, but the requests are refused.
    const natted = known.filter((s) => subnetEgress(s, v6) === 'yes');
    const refused = deps.filter((d) => d.admittedOnlyFromVpc && natted.some((s) => endpointServes(pic, s, d.service) === 'no'));
    if (refused.length > 0) {
      const subnets = natted.filter((s) => refused.some((d) => endpointServes(pic, s, d.service) === 'no'));
      const refs = subnets.map((s) => s.ref);
      const message = format(meta.messages.endpointOnly, {
        fn: functionLabel(pic),
        services: listText(refused.map((d) => d.name)),
        subnets: refs.length === 1 ? `subnet ${refs[0]}` : `subnets ${listText(refs)}`,
        its: refused.length === 1 ? 'its' : 'their',
        them: refused.length === 1 ? 'it' : 'them',
      });
      const related = admittedEvidence(refused);
      for (const s of subnets) if (s.at) related.push({ ...s.at, message: `${s.ref} reaches the internet only through NAT` });
      out.push(findingAt(ctx, ID, pic, 'vpcConfig', message, related, endpointFix(ctx, pic, refused, subnets)));
    }
    return out;
  });
}

function evidence(deps: Dependency[], stuck: KnownSubnet[]): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  for (const d of deps) for (const e of d.evidence.slice(0, 3)) out.push({ ...e.at, message: `uses ${d.name}: ${e.detail}` });
  const tables = new Set<string>();
  for (const s of stuck) {
    if (s.at) out.push({ ...s.at, message: `${s.ref} has no NAT route` });
    if (!s.routeTable.known || tables.has(s.routeTable.value.ref)) continue;
    const t = s.routeTable.value;
    tables.add(t.ref);
    const r = defaultRoute4(t);
    if (r) out.push({ ...r.at, message: `${t.ref} sends 0.0.0.0/0 to ${targetText(r)}, which gives a Lambda ENI no internet access` });
    else if (t.at) out.push({ ...t.at, message: `${t.ref} has no default route` });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Fix: VPC endpoints, declared next to the VPC

/**
 * Adds an aws_vpc_endpoint per unreachable service after the VPC's block: Gateway endpoints (S3, DynamoDB) on the
 * route tables of the function's subnets, Interface endpoints in its subnets with its security groups and private
 * DNS. Only when the VPC, route tables, subnets and security groups can all be referenced from the VPC's module
 * and the Region is known (it is part of the service name).
 */
function endpointFix(ctx: RuleContext, pic: FunctionPicture, deps: Dependency[], stuck: KnownSubnet[]): Fix[] {
  const ws = ctx.workspace;
  const vpcRef = stuck[0].vpc.known ? stuck[0].vpc.value : undefined;
  if (!ws || !vpcRef || !pic.region.known || !pic.subnets?.known || !pic.securityGroups?.known) return [];
  const vpc = ws.instance(vpcRef, pic.root);
  if (!vpc || vpc.mode !== 'managed' || vpc.expansion === 'unknown' || !vpc.decl) return [];
  const module = vpc.module.address;
  const vpcLocal = localAddress(vpc, module);
  const file = ctx.file(vpc.file);
  const ed = FileEditor.for(file);
  const block = file && blockAt(file, vpc.decl.block.type.span.start);
  if (!vpcLocal || !ed || !block) return [];

  // The function's subnets and security groups, for Interface endpoints, as references from the VPC's module.
  const subnets = pic.subnets.value;
  const subnetInsts = subnets.map((e) => (e.known ? ws.instance(e.ref, pic.root) : undefined));
  const subnetExpr = subnetInsts.every((i): i is ResourceInstance => i !== undefined && localAddress(i, module) !== undefined)
    ? subnetListExpr(ws, pic, subnetInsts.map((inst) => ({ inst, ref: `${localAddress(inst, module)}.id` })), module)
    : undefined;
  const sgs = securityGroupExprs(ws.instance.bind(ws), pic, module);
  const region = pic.region.value;
  const taken = new Set(vpc.module.config.resources.filter((r) => r.type === 'aws_vpc_endpoint').map((r) => r.name));
  const blocks: { header: string; body: CodeLine[] }[] = [];
  const kinds: string[] = [];
  const edits: TextEdit[] = [];
  for (const d of deps) {
    const info = serviceInfo(d.service);
    if (!info || info.global || info.interfaceEndpoints.length === 0) return [];
    const extended = info.gatewayEndpoint ? extendGatewayEndpoint(ctx, ws, pic, vpcRef, d.service, stuck) : undefined;
    if (extended) {
      edits.push(extended.edit);
      kinds.push(extended.what);
      continue;
    }
    const name = uniqueName(d.service.replace(/[^a-z0-9]+/g, '_'), taken);
    const serviceName = hclString(`com.amazonaws.${region}.${info.interfaceEndpoints[0]}`);
    if (info.gatewayEndpoint) {
      // The route tables of the subnets this service is not served from (a table takes one Gateway endpoint per service).
      const tables = routeTableExprs(ws.instance.bind(ws), pic.root, stuck.filter((x) => endpointServes(pic, x, d.service) === 'no'), module);
      if (!tables || tables.length === 0) return [];
      blocks.push({
        header: `resource "aws_vpc_endpoint" "${name}"`,
        body: [
          { attr: 'vpc_id', value: `${vpcLocal}.id` },
          { attr: 'service_name', value: serviceName },
          { attr: 'vpc_endpoint_type', value: '"Gateway"' },
          { attr: 'route_table_ids', value: `[${tables.join(', ')}]` },
        ],
      });
      kinds.push(`a Gateway endpoint for ${d.name}`);
    } else {
      if (!subnetExpr || !sgs || sgs.length === 0) return [];
      blocks.push({
        header: `resource "aws_vpc_endpoint" "${name}"`,
        body: [
          { attr: 'vpc_id', value: `${vpcLocal}.id` },
          { attr: 'service_name', value: serviceName },
          { attr: 'vpc_endpoint_type', value: '"Interface"' },
          { attr: 'subnet_ids', value: subnetExpr },
          { attr: 'security_group_ids', value: `[${sgs.join(', ')}]` },
          { attr: 'private_dns_enabled', value: 'true' },
        ],
      });
      kinds.push(`an Interface endpoint for ${d.name}`);
    }
  }
  if (blocks.length > 0) {
    const edit = ed.blocksAfter(block, blocks);
    if (!edit) return [];
    edits.push(edit);
  }
  return [{ title: `Add ${listText(kinds)}`, safe: false, edits }];
}

/**
 * Where a Gateway endpoint for the service already exists in the VPC with a literal list of route tables, the
 * missing route tables are added to it (a route table takes one Gateway endpoint per service).
 */
function extendGatewayEndpoint(ctx: RuleContext, ws: Workspace, pic: FunctionPicture, vpcRef: string, service: string, stuck: KnownSubnet[]): { edit: TextEdit; what: string } | undefined {
  const vpc = pic.vpcs.find((v) => v.ref === vpcRef);
  for (const ep of vpc?.endpoints ?? []) {
    if (!ep.service.known || ep.service.value !== service || !ep.type.known || ep.type.value !== 'Gateway' || !ep.routeTables?.known) continue;
    const have = ep.routeTables.value;
    const inst = ws.instance(ep.ref, pic.root);
    const attr = inst?.attribute('route_table_ids');
    const ed = FileEditor.for(inst && ctx.file(inst.file));
    if (!inst || !attr || attr.expr.kind !== 'Tuple' || !ed) continue;
    const missing = stuck.filter((s) => s.routeTable.known && !have.includes(s.routeTable.value.ref));
    const exprs = routeTableExprs(ws.instance.bind(ws), pic.root, missing, inst.module.address);
    const edit = exprs && exprs.length > 0 ? ed.appendToTuple(attr.expr, exprs) : undefined;
    if (edit) return { edit, what: `${listText(missing.map((m) => (m.routeTable.known ? m.routeTable.value.ref : m.ref)).filter((x, i, a) => a.indexOf(x) === i))} to the route tables of ${ep.ref}` };
  }
  return undefined;
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}

type InstanceAt = (address: string, root: string) => ResourceInstance | undefined;

/** References to the route tables of the subnets, in `module`; undefined when one cannot be referenced. */
function routeTableExprs(instance: InstanceAt, root: string, subnets: KnownSubnet[], module: string): string[] | undefined {
  const out: string[] = [];
  for (const s of subnets) {
    if (!s.routeTable.known) return undefined;
    const ref = s.routeTable.value.ref;
    const implicit = /^(.*)\.main_route_table_id$/.exec(ref);
    const inst = instance(implicit ? implicit[1] : ref, root);
    const local = inst && localAddress(inst, module);
    if (!local) return undefined;
    const expr = implicit ? `${local}.main_route_table_id` : `${local}.id`;
    if (!out.includes(expr)) out.push(expr);
  }
  return out;
}

/** References to the function's security groups in `module` (literal ids as strings). */
function securityGroupExprs(instance: InstanceAt, pic: FunctionPicture, module: string): string[] | undefined {
  if (!pic.securityGroups?.known) return undefined;
  const out: string[] = [];
  for (const g of pic.securityGroups.value) {
    if (!g.known) return undefined;
    if (g.refKind === 'literal') {
      out.push(hclString(g.ref));
      continue;
    }
    const inst = instance(g.ref, pic.root);
    const local = inst && localAddress(inst, module);
    if (!local) return undefined;
    out.push(`${local}.id`);
  }
  return out;
}
