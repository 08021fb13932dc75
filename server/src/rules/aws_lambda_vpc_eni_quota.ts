// aws_lambda_vpc_eni_quota: Lambda creates one Hyperplane ENI per distinct (subnet, security-group set) pair of the
// VPC-attached functions, shared across functions; MSK and MQ event source mappings add their own. When the known
// pairs of one root module and Region reach 80% of the ENI budget (`eniBudget`, default 350: the seed's "soft limit
// of 350 ENIs per Region"), every contributing function is reported. The known pairs are a lower bound, so the rule
// may stay silent when subnets are unknown, never the reverse. Pairs of an unknown Region are not counted.

import type { EniCombination, FunctionPicture } from '../network/types';
import { format, functionLabel, perFunction, type Draft, type RuleContext } from './context';
import { findingAt, placeOf } from './locate';
import { docsUrl, type RelatedLocation, type RuleMeta } from './types';

const ID = 'aws_lambda_vpc_eni_quota';

/** The share of the budget at which the rule fires. */
const ENI_THRESHOLD = 0.8;

export const meta: RuleMeta = {
  id: ID,
  defaultSeverity: 'warning',
  summary: 'The VPC-attached functions of one Region need most of the ENI budget.',
  description:
    'Lambda creates a Hyperplane network interface for each distinct combination of subnet and security groups used by ' +
    'VPC-attached functions (and MSK / Amazon MQ event source mappings add their own). AWS: "ENIs are an exhaustible ' +
    'resource and there is a soft limit of 350 ENIs per Region ... If the limit is reached, this causes invocations of ' +
    'VPC-enabled Lambda functions to be throttled." The rule fires at 80% of `eniBudget`.',
  docsUrl: docsUrl(ID),
  messages: {
    default: 'Lambda needs at least {count} Hyperplane ENIs in {region} for this configuration (one per distinct subnet and security-group combination of the VPC-attached functions and of MSK / MQ event source mappings), {percent}% of the ENI budget of {budget}; when ENIs run out, invocations are throttled. {fn} adds {own}. Share security groups and subnets between functions, or raise the quota and set eniBudget.',
  },
  options: {
    eniBudget: {
      type: 'integer',
      description: 'Hyperplane ENIs the functions of one Region may use (the AWS page cites a soft limit of 350; set your account quota). Overrides the top-level eniBudget.',
      default: 350,
      minimum: 1,
    },
  },
  fixable: 'none',
};

function comboKey(c: EniCombination): string {
  return `${c.subnet}\u0000${c.securityGroups.join('\u0000')}`;
}

interface RegionGroup {
  root: string;
  region: string;
  combos: Set<string>;
  /** Attached functions with their own known combinations in this Region. */
  functions: Map<FunctionPicture, number>;
}

export function check(ctx: RuleContext): Draft[] {
  const groups = new Map<string, RegionGroup>();
  const group = (root: string, region: string): RegionGroup => {
    const k = `${root}\u0000${region}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { root, region, combos: new Set(), functions: new Map() }));
    return g;
  };
  for (const pic of ctx.pictures) {
    if (pic.attachment.status === 'attached') {
      for (const c of pic.eni.combinations) {
        if (c.region === null) continue;
        const g = group(pic.root, c.region);
        g.combos.add(comboKey(c));
        g.functions.set(pic, (g.functions.get(pic) ?? 0) + 1);
      }
    }
    // A mapping's ENIs are counted by the same key: one that matches a function's combination counts once (lower bound).
    for (const m of pic.mappings) for (const c of m.enis?.combinations ?? []) if (c.region !== null) group(pic.root, c.region).combos.add(comboKey(c));
  }
  const budget = ctx.options.eniBudget;
  const out: Draft[] = [];
  for (const g of groups.values()) {
    if (g.combos.size < ENI_THRESHOLD * budget || g.functions.size === 0) continue;
    const percent = Math.floor((g.combos.size / budget) * 100);
    const contributors = [...g.functions.keys()];
    out.push(
      ...perFunction({ ...ctx, pictures: contributors }, ID, (pic) => {
        const own = g.functions.get(pic) ?? 0;
        const message = format(meta.messages.default, {
          region: g.region,
          count: g.combos.size,
          percent,
          budget,
          fn: functionLabel(pic),
          own: own === 1 ? '1 combination' : `${own} combinations`,
        });
        return [findingAt(ctx, ID, pic, 'vpcConfig', message, evidence(ctx, pic, contributors))];
      }),
    );
  }
  return out;
}

/** The function's subnet and security group lists, and the places of a few other contributing functions. */
function evidence(ctx: RuleContext, pic: FunctionPicture, contributors: FunctionPicture[]): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  if (pic.locations.subnetIds) out.push({ ...pic.locations.subnetIds, message: 'the subnets of this function' });
  if (pic.locations.securityGroupIds) out.push({ ...pic.locations.securityGroupIds, message: 'the security groups of this function' });
  for (const m of pic.mappings) {
    const n = m.enis?.combinations.length ?? 0;
    if (n > 0) out.push({ ...m.at, message: `${m.ref} has ENIs of its own in ${n} subnet and security-group combination${n === 1 ? '' : 's'} of ${m.source ?? 'its source'}` });
  }
  const own = placeOf(ctx, pic, 'vpcConfig');
  const seen = new Set<string>([`${own.file}:${own.span.start}`]);
  for (const other of contributors) {
    if (seen.size > 5) break;
    if (other === pic) continue;
    const place = placeOf(ctx, other, 'vpcConfig');
    const key = `${place.file}:${place.span.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file: place.file, span: place.span, message: `${functionLabel(other)} also needs ENIs in this Region` });
  }
  return out;
}
