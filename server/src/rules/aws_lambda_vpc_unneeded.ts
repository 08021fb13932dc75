// aws_lambda_vpc_unneeded: an attached function whose dependency evidence is complete and shows nothing that
// lives in a VPC, and that mounts no file system. The seed: "unless you are accessing services with resources in a
// customer VPC, there is no additional benefit to add a VPC configuration". Deliberately opposite to checkov
// CKV_AWS_117 and Security Hub Lambda.3, which require a VPC: the docs explain, and the rule can be switched off.

import type { FunctionPicture } from '../network/types';
import { format, functionLabel, listText, perFunction, type Draft, type RuleContext } from './context';
import { publicDependencies } from './egress';
import { FileEditor } from './fixes';
import { blockAt, declarationOverridden, findingAt, parentChain } from './locate';
import { docsUrl, type Fix, type RelatedLocation, type RuleMeta, type TextEdit } from './types';

const ID = 'aws_lambda_vpc_unneeded';

export const meta: RuleMeta = {
  id: ID,
  defaultSeverity: 'warning',
  summary: 'A function is attached to a VPC although nothing it uses lives in one.',
  description:
    'Everything the function is known to use is reachable without a VPC (public AWS APIs), and it mounts no file system. ' +
    'AWS: "unless you are accessing services with resources in a customer VPC, there is no additional benefit to add a VPC ' +
    'configuration". The attachment costs ENIs from a limited quota, needs NAT or endpoints for every AWS call, and ties ' +
    'availability to the chosen subnets. Policies that require every function to be in a VPC (checkov CKV_AWS_117, AWS ' +
    'Security Hub Lambda.3) disagree; switch the rule off if you follow them.',
  docsUrl: docsUrl(ID),
  messages: {
    default: '{fn} is attached to a VPC but uses nothing that lives in one ({uses}); without the VPC it keeps direct access to AWS APIs and uses no ENIs.',
    nothing: 'no service is referenced',
  },
  fixable: 'unsafe',
};

export function check(ctx: RuleContext): Draft[] {
  return perFunction(ctx, ID, (pic) => {
    if (pic.attachment.status !== 'attached' || pic.attachment.capacityProvider) return [];
    if (!pic.dependenciesComplete.complete || pic.locations.fileSystemConfig) return [];
    if (!pic.dependencies.every((d) => d.vpcOnly.known && !d.vpcOnly.value)) return [];
    // A resource policy that admits requests only from a VPC: the function needs its VPC for that resource.
    if (pic.dependencies.some((d) => d.admittedOnlyFromVpc)) return [];
    const deps = publicDependencies(pic);
    if (deps.length !== pic.dependencies.length) return []; // an uncatalogued service: we only assumed it is public
    const uses = deps.length === 0 ? meta.messages.nothing : `it uses ${listText(deps.map((d) => d.name))}`;
    const evidence: RelatedLocation[] = [];
    for (const d of deps) for (const e of d.evidence.slice(0, 3)) evidence.push({ ...e.at, message: `${d.name} is reachable without a VPC: ${e.detail}` });
    const message = format(meta.messages.default, { fn: functionLabel(pic), uses });
    return [findingAt(ctx, ID, pic, 'vpcConfig', message, evidence, removeVpcFix(ctx, pic))];
  });
}

/** Removes the `vpc_config` block (or the `vpc_*` arguments of a Lambda module call), where the function is declared. */
function removeVpcFix(ctx: RuleContext, pic: FunctionPicture): Fix[] {
  if (parentChain(pic).length > 0) return []; // a shared child module: the change belongs to its callers
  // Removing a block or arguments from one layer of a declaration that override files merge into may let another
  // layer's take effect: no fix there.
  if (declarationOverridden(ctx, pic)) return [];
  const L = pic.locations;
  const at = pic.kind === 'lambda-module' ? L.header : L.vpcConfig;
  const file = at && ctx.file(at.file);
  const ed = FileEditor.for(file);
  const block = file && at && blockAt(file, at.span.start);
  if (!ed || !block) return [];
  const edits: TextEdit[] = [];
  if (pic.kind === 'lambda-module') {
    for (const item of block.body.items) {
      if (item.kind !== 'Attribute' || !item.name.name.startsWith('vpc_')) continue;
      const e = ed.removeLines(item);
      if (!e) return [];
      edits.push(e);
    }
  } else {
    const e = ed.removeLines(block);
    if (!e) return [];
    edits.push(e);
  }
  if (edits.length === 0) return [];
  const what = pic.kind === 'lambda-module' ? 'the vpc_* arguments' : L.vpcConfigDynamic ? 'the dynamic "vpc_config" block' : 'the vpc_config block';
  return [{ title: `Remove ${what}`, safe: false, edits }];
}
