// VPC endpoints of a VPC: type (Gateway when not set, as in the provider), the service they serve (from a literal
// or templated `service_name`, or an aws_vpc_endpoint_service data source), the route tables of Gateway endpoints
// and the subnets and private DNS of Interface endpoints.

import type { ModuleInstance, ResourceInstance } from '../terraform/model';
import { asString, isAbsent, isUnknown, type Value } from '../terraform/values';
import type { Expr, TemplatePart } from '../hcl/ast';
import { DEFAULT_VPC_ENDPOINT_TYPE, parseEndpointServiceName, serviceForEndpointName } from './catalogue';
import { boolFact, headerOf, identify, known, listItems, note, optAttrLoc, sameThing, unknownFact, whereFrom, whyUnknown, type NetContext, type Thing } from './resolve';
import { routeTableRef } from './routes';
import type { EndpointPicture, EndpointType, Fact, Loc, UnknownNote } from './types';

const ENDPOINT_TYPES: readonly EndpointType[] = ['Gateway', 'Interface', 'GatewayLoadBalancer', 'Resource', 'ServiceNetwork'];

export interface VpcEndpoints {
  endpoints: EndpointPicture[];
  unresolved: UnknownNote[];
}

/** The aws_vpc_endpoint resources in `vpc` (compared by `vpc_id`). */
export function endpointsOfVpc(ctx: NetContext, root: ModuleInstance, vpc: Thing): VpcEndpoints {
  return ctx.cached(`endpoints\0${root.dir}\0${vpc.ref}`, () => {
    const out: VpcEndpoints = { endpoints: [], unresolved: [] };
    for (const ep of ctx.resources(root, 'aws_vpc_endpoint')) {
      const same = sameThing(ctx, ep.attr('vpc_id'), vpc.value);
      if (same === false) continue;
      if (same === undefined) {
        const v = ep.attr('vpc_id');
        out.unresolved.push(note(ep.address, `${ep.address} may be in ${vpc.ref} (its vpc_id cannot be compared: ${v ? whyUnknown(v) : 'it has no vpc_id'})`, headerOf(ep)));
        continue;
      }
      out.endpoints.push(endpointPicture(ctx, root, ep));
    }
    return out;
  });
}

function endpointPicture(ctx: NetContext, root: ModuleInstance, ep: ResourceInstance): EndpointPicture {
  const type = endpointType(ep);
  const { serviceName, service } = endpointService(ctx, ep);
  const pic: EndpointPicture = { ref: ep.address, at: headerOf(ep), type, serviceName, service };
  const isType = (t: EndpointType): boolean | undefined => (type.known ? type.value === t : undefined);
  if (isType('Gateway') !== false) pic.routeTables = refSetFact(gatewayRouteTables(ctx, root, ep), headerOf(ep));
  if (isType('Interface') !== false) {
    pic.subnets = refSetFact(interfaceSubnets(ctx, root, ep), headerOf(ep));
    pic.privateDnsEnabled = boolFact(ep.attr('private_dns_enabled'), false, optAttrLoc(ep, 'private_dns_enabled') ?? headerOf(ep));
  }
  return pic;
}

interface RefSet {
  refs: string[];
  unresolved: UnknownNote[];
}

/** Known when every ref resolved; else unknown with the first reason. */
function refSetFact(set: RefSet, at: Loc): Fact<string[]> {
  if (set.unresolved.length === 0) return known(set.refs, at);
  const first = set.unresolved[0];
  return unknownFact(first.reason, first.at ?? at);
}

function endpointType(ep: ResourceInstance): Fact<EndpointType> {
  const v = ep.attr('vpc_endpoint_type');
  const at = optAttrLoc(ep, 'vpc_endpoint_type') ?? headerOf(ep);
  if (v === undefined || isAbsent(v)) return known(DEFAULT_VPC_ENDPOINT_TYPE as EndpointType, at);
  const s = asString(v);
  if (s === undefined) return unknownFact(`vpc_endpoint_type is unknown: ${whyUnknown(v)}`, at);
  const t = ENDPOINT_TYPES.find((x) => x.toLowerCase() === s.toLowerCase());
  return t ? known(t, at) : unknownFact(`vpc_endpoint_type "${s}" is not an endpoint type`, at);
}

/** `service_name` and the catalogue service it names. */
function endpointService(ctx: NetContext, ep: ResourceInstance): { serviceName: Fact<string>; service: Fact<string> } {
  const at = optAttrLoc(ep, 'service_name') ?? headerOf(ep);
  const v = ep.attr('service_name');
  if (v === undefined || isAbsent(v)) {
    const none = unknownFact('the endpoint has no service_name', at);
    return { serviceName: none, service: none };
  }
  const s = asString(v);
  if (s !== undefined) return { serviceName: known(s, at), service: serviceOfName(s, at) };
  const serviceName = unknownFact(`service_name is unknown: ${whyUnknown(v)}`, at);
  // data.aws_vpc_endpoint_service.x.service_name: the data source's own `service` / `service_name` arguments.
  const fromData = serviceFromDataSource(ctx, v, at);
  if (fromData) return { serviceName, service: fromData };
  // "com.amazonaws.${var.region}.s3": the text after the last interpolation names the service.
  const suffix = templateSuffix(ep);
  if (suffix !== undefined) {
    const id = serviceForEndpointName(suffix);
    return { serviceName, service: id ? known(id, at) : unknownFact(`endpoint name "${suffix}" is not in the catalogue`, at) };
  }
  return { serviceName, service: unknownFact(serviceName.reason, at) };
}

function serviceOfName(name: string, at: Loc): Fact<string> {
  const p = parseEndpointServiceName(name);
  if (!p) return unknownFact(`"${name}" is not an AWS endpoint service name`, at);
  if (p.custom) return unknownFact(`"${name}" is a custom endpoint service, not an AWS service`, at);
  return p.service ? known(p.service, at) : unknownFact(`endpoint name "${p.name}" is not in the catalogue`, at);
}

function serviceFromDataSource(ctx: NetContext, v: Value, at: Loc): Fact<string> | undefined {
  if (!isUnknown(v) || !v.ref) return undefined;
  const inst = ctx.ws.resolveRef(v).find((i) => i.mode === 'data' && i.type === 'aws_vpc_endpoint_service');
  if (!inst) return undefined;
  const svc = inst.attr('service');
  const sname = inst.attr('service_name');
  const dsAt = headerOf(inst);
  if (svc && !isAbsent(svc)) {
    const s = asString(svc);
    if (s === undefined) return unknownFact(`${inst.address}.service is unknown: ${whyUnknown(svc)}`, dsAt);
    const id = serviceForEndpointName(s);
    return id ? known(id, at) : unknownFact(`endpoint name "${s}" is not in the catalogue`, dsAt);
  }
  if (sname && !isAbsent(sname)) {
    const s = asString(sname);
    return s !== undefined ? serviceOfName(s, at) : unknownFact(`${inst.address}.service_name is unknown: ${whyUnknown(sname)}`, dsAt);
  }
  return unknownFact(`${inst.address} selects its service by filters`, dsAt);
}

/**
 * For a templated `service_name` whose value is unknown only because of the Region part: the literal after the
 * last interpolation, without its leading dot (`"com.amazonaws.${var.region}.s3"` → `s3`). A final `${each.value}`
 * or `${each.key}` is taken from the instance's for_each.
 */
function templateSuffix(ep: ResourceInstance): string | undefined {
  const expr = ep.attribute('service_name')?.expr;
  if (!expr || expr.kind !== 'Template') return undefined;
  const parts: TemplatePart[] = expr.parts;
  let text = '';
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i];
    if (p.kind === 'TemplateLiteral') {
      text = p.value + text;
      continue;
    }
    if (p.kind === 'TemplateInterp') {
      const each = eachPart(ep, p.expr);
      if (each !== undefined) {
        text = each + text;
        continue;
      }
    }
    break;
  }
  if (!text.startsWith('.') || text.length < 2) return undefined;
  return text.slice(1);
}

function eachPart(ep: ResourceInstance, e: Expr): string | undefined {
  if (e.kind !== 'GetAttr' || e.object.kind !== 'Variable' || e.object.name !== 'each') return undefined;
  const v = e.name.name === 'key' ? ep.meta.eachKey : e.name.name === 'value' ? ep.meta.eachValue : undefined;
  return v ? asString(v) : undefined;
}

/** Route tables of a Gateway endpoint: `route_table_ids` and aws_vpc_endpoint_route_table_association. */
function gatewayRouteTables(ctx: NetContext, root: ModuleInstance, ep: ResourceInstance): RefSet {
  const refs: string[] = [];
  const unresolved: UnknownNote[] = [];
  const add = (v: Value, at: Loc): void => {
    const r = routeTableRef(ctx, root, v);
    if ('ref' in r) {
      if (!refs.includes(r.ref)) refs.push(r.ref);
    } else unresolved.push(note(`route table of ${ep.address}`, r.reason, r.at ?? at));
  };
  const ids = ep.attr('route_table_ids');
  const idsAt = optAttrLoc(ep, 'route_table_ids') ?? headerOf(ep);
  const items = listItems(ids);
  if (items === undefined) unresolved.push(note(`route_table_ids of ${ep.address}`, whyUnknown(ids as Value), idsAt));
  else for (const i of items) add(i, idsAt);
  const epId = ep.ref('id');
  for (const a of ctx.resources(root, 'aws_vpc_endpoint_route_table_association')) {
    const same = sameThing(ctx, a.attr('vpc_endpoint_id'), epId);
    if (same === false) continue;
    if (same === undefined) {
      unresolved.push(note(a.address, `${a.address} may associate ${ep.address} with a route table`, headerOf(a)));
      continue;
    }
    const rt = a.attr('route_table_id');
    if (rt) add(rt, headerOf(a));
  }
  return { refs, unresolved };
}

/** Subnets of an Interface endpoint: `subnet_ids` and aws_vpc_endpoint_subnet_association. */
function interfaceSubnets(ctx: NetContext, root: ModuleInstance, ep: ResourceInstance): RefSet {
  const refs: string[] = [];
  const unresolved: UnknownNote[] = [];
  const add = (v: Value, at: Loc): void => {
    const t = identify(ctx, v, ['aws_subnet', 'aws_default_subnet']);
    if ('ref' in t) {
      if (!refs.includes(t.ref)) refs.push(t.ref);
    } else unresolved.push(note(`subnet of ${ep.address}`, t.reason, t.at ?? at));
  };
  const ids = ep.attr('subnet_ids');
  const idsAt = optAttrLoc(ep, 'subnet_ids') ?? headerOf(ep);
  const items = listItems(ids);
  if (items === undefined) unresolved.push(note(`subnet_ids of ${ep.address}`, whyUnknown(ids as Value), whereFrom(ids as Value) ?? idsAt));
  else for (const i of items) add(i, idsAt);
  const epId = ep.ref('id');
  for (const a of ctx.resources(root, 'aws_vpc_endpoint_subnet_association')) {
    const same = sameThing(ctx, a.attr('vpc_endpoint_id'), epId);
    if (same === false) continue;
    if (same === undefined) {
      unresolved.push(note(a.address, `${a.address} may add a subnet to ${ep.address}`, headerOf(a)));
      continue;
    }
    const s = a.attr('subnet_id');
    if (s) add(s, headerOf(a));
  }
  return { refs, unresolved };
}
