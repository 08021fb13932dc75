// aws_lambda_vpc_eni_permissions: an attached function whose execution role resolves and provably grants none of
// the ENI permissions Lambda needs to attach it to a VPC (ec2:CreateNetworkInterface, DescribeNetworkInterfaces,
// DeleteNetworkInterface, wildcards included), through inline or attached policies, a known managed policy or the
// Lambda module's attach_network_policy. Lambda developer guide, configuration-vpc ("Required IAM permissions").

import type { FunctionPicture, Fact } from '../network/types';
import { findAttribute } from '../hcl/ast';
import { localAddress } from './candidates';
import { format, functionLabel, perFunction, type Draft, type RuleContext } from './context';
import { FileEditor } from './fixes';
import { blockAt, declarationOverridden, findingAt } from './locate';
import { docsUrl, type Fix, type RelatedLocation, type RuleMeta, type TextEdit } from './types';

const ID = 'aws_lambda_vpc_eni_permissions';

const POLICY = 'AWSLambdaVPCAccessExecutionRole';

export const meta: RuleMeta = {
  id: ID,
  defaultSeverity: 'error',
  summary: 'The execution role of a VPC-attached function cannot create network interfaces.',
  description:
    'To attach a function to a VPC, Lambda creates and deletes network interfaces with the function\'s execution role. ' +
    'The role needs ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces and ec2:DeleteNetworkInterface (the AWS ' +
    `managed policy ${POLICY} grants them); without them creating or updating the function fails.`,
  docsUrl: docsUrl(ID),
  messages: {
    default: '{fn} is attached to a VPC, but its execution role {role} does not grant all of ec2:CreateNetworkInterface, ec2:DescribeNetworkInterfaces and ec2:DeleteNetworkInterface; creating or updating the function will fail. Attach ' + POLICY + ' to the role.',
    module: '{fn} is attached to a VPC, but the role the module creates gets no ENI permissions (attach_network_policy is not true); creating or updating the function will fail.',
  },
  fixable: 'safe',
};

function isTrue(f: Fact<boolean> | undefined): boolean {
  return f !== undefined && f.known && f.value;
}

/** True when the role is the one a Lambda module call creates (not a role resource of the user's). */
function moduleCreatedRole(ctx: RuleContext, pic: FunctionPicture): boolean {
  if (pic.kind !== 'lambda-module' || !pic.role.ref.known) return false;
  const inst = ctx.workspace?.instance(pic.role.ref.value, pic.root);
  return !inst || inst.synthetic !== undefined;
}

export function check(ctx: RuleContext): Draft[] {
  return perFunction(ctx, ID, (pic) => {
    if (pic.attachment.status !== 'attached') return [];
    const role = pic.role;
    if (!role.ref.known || !role.eniPermissions.known || role.eniPermissions.value || isTrue(role.attachNetworkPolicy)) return [];
    const byModule = moduleCreatedRole(ctx, pic);
    const evidence: RelatedLocation[] = [];
    if (role.at) evidence.push({ ...role.at, message: `the execution role ${role.ref.value}` });
    for (const p of role.policies) if (p.at) evidence.push({ ...p.at, message: `${p.label} grants no ENI permissions` });
    if (pic.locations.attachNetworkPolicy) evidence.push({ ...pic.locations.attachNetworkPolicy, message: 'attach_network_policy is not true' });
    const template = byModule ? meta.messages.module : meta.messages.default;
    const message = format(template, { fn: functionLabel(pic), role: role.ref.value });
    const edits = byModule ? attachNetworkPolicyEdits(ctx, pic) : eniPolicyEdits(ctx, pic);
    const fixes: Fix[] = edits.length > 0 ? [{ title: byModule ? 'Set attach_network_policy = true' : `Attach ${POLICY} to ${role.ref.value}`, safe: true, edits }] : [];
    return [findingAt(ctx, ID, pic, 'role', message, evidence, fixes)];
  });
}

/** The partition of a Region: `aws-cn` for China, `aws-us-gov` for GovCloud, else `aws` (also when unknown). */
function partition(pic: FunctionPicture): string {
  const r = pic.region.known ? pic.region.value : '';
  return r.startsWith('cn-') ? 'aws-cn' : r.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/**
 * An aws_iam_role_policy_attachment of AWSLambdaVPCAccessExecutionRole for the function's role, after the role's
 * block in the role's file. Empty when the role is not a single aws_iam_role resource the user can edit.
 */
export function eniPolicyEdits(ctx: RuleContext, pic: FunctionPicture): TextEdit[] {
  const ws = ctx.workspace;
  if (!ws || !pic.role.ref.known) return [];
  const inst = ws.instance(pic.role.ref.value, pic.root);
  if (!inst || inst.type !== 'aws_iam_role' || inst.mode !== 'managed' || inst.synthetic || inst.expansion !== 'single' || !inst.decl) return [];
  const file = ctx.file(inst.file);
  const ed = FileEditor.for(file);
  const block = file && blockAt(file, inst.decl.block.type.span.start);
  const local = localAddress(inst, inst.module.address);
  if (!ed || !block || !local) return [];
  const taken = new Set(inst.module.config.resources.filter((r) => r.type === 'aws_iam_role_policy_attachment').map((r) => r.name));
  let name = `${inst.name}_vpc_access`;
  for (let i = 2; taken.has(name); i++) name = `${inst.name}_vpc_access_${i}`;
  const edit = ed.blocksAfter(block, [
    {
      header: `resource "aws_iam_role_policy_attachment" "${name}"`,
      body: [
        { attr: 'role', value: `${local}.name` },
        { attr: 'policy_arn', value: `"arn:${partition(pic)}:iam::aws:policy/service-role/${POLICY}"` },
      ],
    },
  ]);
  return edit ? [edit] : [];
}

/** `attach_network_policy = true` in the Lambda module call (set when absent, `false` turned into `true`). */
function attachNetworkPolicyEdits(ctx: RuleContext, pic: FunctionPicture): TextEdit[] {
  // An override file may set attach_network_policy: the call's own block is not where it is decided.
  if (declarationOverridden(ctx, pic)) return [];
  const header = pic.locations.header;
  const file = ctx.file(header.file);
  const ed = FileEditor.for(file);
  const call = file && blockAt(file, header.span.start);
  if (!ed || !call) return [];
  const anp = findAttribute(call.body, 'attach_network_policy');
  if (anp) return anp.expr.kind === 'Literal' && anp.expr.value === false ? [ed.replace(anp.expr.span, 'true')] : [];
  const add = ed.appendToBody(call, [{ attr: 'attach_network_policy', value: 'true' }]);
  return add ? [add] : [];
}
