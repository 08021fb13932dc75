// Model of terraform-aws-modules/vpc/aws//modules/vpc-endpoints: one aws_vpc_endpoint per
// entry of `endpoints` (skipping entries with `create = false`), keyed like the module.
// The service comes from the entry's `service` (a short name such as "s3", resolved by a
// data.aws_vpc_endpoint_service instance, as the module does) or `service_endpoint` (a full
// name). Interface endpoints get the module's subnet_ids and security_group_ids (plus the
// entry's own); Gateway endpoints get the entry's route_table_ids.

import type { ResourceInstance } from '../model';
import { asList, asMap, equals, nullValue, object, str, tuple, unknownWith, reasonsOf, type Value } from '../values';
import type { ModelContext, ModelResult, RegistryModel } from './types';
import { field, flag, isReasons, located, unknownOutput } from './util';

const OUTPUTS = ['endpoints', 'security_group_id', 'security_group_arn'];

export const vpcEndpointsModel: RegistryModel = {
  id: 'terraform-aws-modules/vpc/aws//modules/vpc-endpoints',
  outputs: OUTPUTS,
  build(ctx: ModelContext): ModelResult {
    const outputs = new Map<string, Value>();
    const create = flag(ctx, 'create', true);
    if (isReasons(create)) {
      for (const o of OUTPUTS) outputs.set(o, unknownOutput(create));
      return { outputs };
    }
    if (!create) {
      outputs.set('endpoints', object([]));
      outputs.set('security_group_id', nullValue());
      outputs.set('security_group_arn', nullValue());
      return { outputs };
    }
    const vpcId = ctx.from('vpc_id', nullValue());
    let sgIds = ctx.arg('security_group_ids', tuple([]));
    const createSg = flag(ctx, 'create_security_group', false);
    let sg: ResourceInstance | undefined;
    if (createSg === true) {
      sg = ctx.resource('aws_security_group', 'this', 0, { vpc_id: vpcId, name: ctx.from('security_group_name', nullValue()) });
      const list = asList(sgIds);
      sgIds = list ? tuple([...list, sg.ref('id')]) : unknownWith(reasonsOf(sgIds), { type: 'list' });
    }
    outputs.set('security_group_id', sg ? sg.ref('id') : isReasons(createSg) ? unknownOutput(createSg) : nullValue());
    outputs.set('security_group_arn', sg ? sg.ref('arn') : isReasons(createSg) ? unknownOutput(createSg) : nullValue());

    const endpoints = ctx.arg('endpoints', object([]));
    const entries = asMap(endpoints);
    if (!entries) {
      outputs.set('endpoints', unknownOutput(reasonsOf(endpoints).length ? reasonsOf(endpoints) : [{ code: 'invalid', message: 'endpoints must be a map', at: ctx.at('endpoints') }]));
      return { outputs };
    }
    const region = ctx.arg('region', nullValue());
    const subnetIds = ctx.arg('subnet_ids', tuple([]));
    const endpointsAt = ctx.at('endpoints');
    const result: [string, Value][] = [];
    for (const [key, ep] of entries) {
      const createEp = field(ep, 'create');
      if (createEp && createEp.kind === 'bool' && !createEp.value) continue;
      const type = field(ep, 'service_type') ?? str('Interface');
      const isInterface = equals(type, str('Interface'));
      const isGateway = equals(type, str('Gateway'));
      let serviceName: Value;
      const explicit = field(ep, 'service_endpoint');
      if (explicit) {
        serviceName = explicit;
      } else if (region.kind === 'null') {
        const svc = ctx.data('aws_vpc_endpoint_service', 'this', key, {
          service: located(field(ep, 'service') ?? nullValue(), endpointsAt),
          service_name: field(ep, 'service_name') ? located(field(ep, 'service_name')!, endpointsAt) : undefined,
          service_type: located(type, endpointsAt),
        });
        serviceName = svc.ref('service_name');
      } else {
        serviceName = unknownWith([{ code: 'unsupported', message: `endpoint "${key}" in another region: its service name is not resolved`, at: endpointsAt }], { type: 'string' });
      }
      const merged = (base: Value, extra: Value | undefined): Value => {
        const a = asList(base);
        const b = extra ? asList(extra) : [];
        if (!a || !b) return unknownWith([...reasonsOf(base), ...(extra ? reasonsOf(extra) : [])], { type: 'list' });
        const out: Value[] = [];
        for (const v of [...a, ...b]) if (!out.some((o) => equals(o, v) === true)) out.push(v);
        return tuple(out);
      };
      const sgs = isInterface === true ? merged(sgIds, field(ep, 'security_group_ids')) : undefined;
      const inst = ctx.resource('aws_vpc_endpoint', 'this', key, {
        vpc_id: vpcId,
        service_name: located(serviceName, endpointsAt),
        vpc_endpoint_type: located(type, endpointsAt),
        security_group_ids: sgs && asList(sgs)?.length === 0 ? undefined : sgs ? { value: sgs, at: ctx.at('security_group_ids') } : undefined,
        subnet_ids: isInterface === true ? { value: merged(subnetIds, field(ep, 'subnet_ids')), at: ctx.at('subnet_ids') } : undefined,
        route_table_ids: isGateway === true && field(ep, 'route_table_ids') ? located(field(ep, 'route_table_ids')!, endpointsAt) : undefined,
        policy: field(ep, 'policy') ? located(field(ep, 'policy')!, endpointsAt) : undefined,
        private_dns_enabled: isInterface === true && field(ep, 'private_dns_enabled') ? located(field(ep, 'private_dns_enabled')!, endpointsAt) : undefined,
      });
      result.push([key, { kind: 'resource', instance: inst }]);
    }
    outputs.set('endpoints', object(result));
    return { outputs };
  },
};
