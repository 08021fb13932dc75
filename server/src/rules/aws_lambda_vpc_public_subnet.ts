// aws_lambda_vpc_public_subnet: an attached function has a subnet whose default route (0.0.0.0/0) goes to an
// internet gateway. Lambda ENIs never get a public IP address, so that route gives the function no internet
// access (Lambda developer guide, configuration-vpc: "Connecting a function to a public subnet doesn't give it
// internet access or a public IP address").

import type { FunctionPicture } from '../network/types';
import { azKey, subnetCandidates, subnetListExpr, type Candidate } from './candidates';
import { format, functionLabel, listText, perFunction, type Draft, type RuleContext } from './context';
import { internetGatewayRoute, isKnownSubnet, targetText, type KnownSubnet } from './egress';
import { FileEditor } from './fixes';
import { editableSubnets, findingAt } from './locate';
import { docsUrl, type Fix, type RelatedLocation, type RuleMeta } from './types';

const ID = 'aws_lambda_vpc_public_subnet';

export const meta: RuleMeta = {
  id: ID,
  defaultSeverity: 'warning',
  summary: 'A VPC-attached function uses a public subnet, which gives it no internet access.',
  description:
    'The default route of one of the function\'s subnets goes to an internet gateway. Lambda never assigns a public IP ' +
    'address to the function\'s network interfaces, so the function gets no internet access through that route; it needs ' +
    'a private subnet whose default route goes through a NAT gateway.',
  docsUrl: docsUrl(ID),
  messages: {
    default: '{fn} uses {subnets} whose default route goes to an internet gateway; Lambda network interfaces never get a public IP address, so this gives the function no internet access. Use private subnets with a NAT gateway route.',
  },
  fixable: 'unsafe',
};

export function check(ctx: RuleContext): Draft[] {
  return perFunction(ctx, ID, (pic) => {
    if (pic.attachment.status !== 'attached' || !pic.subnets?.known) return [];
    const publicOnes = pic.subnets.value.filter(isKnownSubnet).filter((s) => internetGatewayRoute(s) !== undefined);
    if (publicOnes.length === 0) return [];
    const refs = publicOnes.map((s) => s.ref);
    const message = format(meta.messages.default, {
      fn: functionLabel(pic),
      subnets: refs.length === 1 ? `public subnet ${refs[0]}` : `public subnets ${listText(refs)}`,
    });
    return [findingAt(ctx, ID, pic, 'subnets', message, evidence(publicOnes), privateSubnetsFix(ctx, pic, publicOnes))];
  });
}

function evidence(publicOnes: KnownSubnet[]): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  const routes = new Set<string>();
  for (const s of publicOnes) {
    if (s.at) out.push({ ...s.at, message: `${s.ref} is a public subnet` });
    const r = internetGatewayRoute(s);
    if (!r || !s.routeTable.known) continue;
    const key = `${r.at.file}:${r.at.span.start}`;
    if (routes.has(key)) continue;
    routes.add(key);
    out.push({ ...r.at, message: `${s.routeTable.value.ref} sends 0.0.0.0/0 to ${targetText(r)}` });
  }
  return out;
}

/**
 * Replaces the subnet list with the function's private subnets plus private subnets of the same VPC (same AZ as
 * the public ones first), keeping at least as many AZs as the rules require.
 */
function privateSubnetsFix(ctx: RuleContext, pic: FunctionPicture, publicOnes: KnownSubnet[]): Fix[] {
  const ws = ctx.workspace;
  const target = editableSubnets(ctx, pic);
  const ed = FileEditor.for(target?.file);
  if (!ws || !target || !ed || !pic.subnets?.known || !pic.azs) return [];
  const publicRefs = new Set(publicOnes.map((s) => s.ref));
  // The subnets that stay must be referable from the module being edited.
  const keep: { inst: Candidate['inst']; ref: string; key: string | undefined }[] = [];
  for (const s of pic.subnets.value) {
    if (!s.known) return [];
    if (publicRefs.has(s.ref)) continue;
    const inst = ws.instance(s.ref, pic.root);
    if (!inst || inst.module.address !== target.module) return [];
    const local = target.module === '' ? inst.address : inst.address.slice(target.module.length + 1);
    keep.push({ inst, ref: `${local}.id`, key: azKey(s.az) });
  }
  const candidates = subnetCandidates(ws, pic, target.module, false);
  const chosen = [...keep];
  const zones = new Set(keep.map((k) => k.key).filter((k): k is string => k !== undefined));
  const take = (c: Candidate): void => {
    if (chosen.some((x) => x.inst.address === c.inst.address)) return;
    chosen.push({ inst: c.inst, ref: c.ref, key: azKey(c.subnet.az) });
    const k = azKey(c.subnet.az);
    if (k) zones.add(k);
  };
  // One private subnet in the AZ of each public one, then other AZs until the function spans enough of them.
  for (const p of publicOnes) {
    const k = azKey(p.az);
    const same = candidates.find((c) => k !== undefined && azKey(c.subnet.az) === k && !chosen.some((x) => x.inst.address === c.inst.address));
    if (same) take(same);
  }
  const need = Math.min(ctx.options.minAzs, pic.azs.min);
  for (const c of candidates) {
    if (zones.size >= need) break;
    const k = azKey(c.subnet.az);
    if (k && !zones.has(k)) take(c);
  }
  if (chosen.length === keep.length || zones.size < need) return [];
  const expr = subnetListExpr(ws, pic, chosen, target.module);
  const added = chosen.slice(keep.length).map((c) => c.inst.address);
  return [
    {
      title: `Use private subnet${added.length === 1 ? '' : 's'} ${listText(added)} instead of the public one${publicOnes.length === 1 ? '' : 's'}`,
      safe: false,
      edits: [ed.replace(target.attr.expr.span, expr)],
    },
  ];
}
