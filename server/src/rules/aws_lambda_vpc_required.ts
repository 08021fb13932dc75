// aws_lambda_vpc_required: a function known not to be attached to a VPC uses a resource reachable only from inside
// a VPC (a database, a cache, a broker, an internal load balancer, ... that is not publicly accessible), mounts a
// file system, or uses a resource whose resource policy admits only requests from a VPC. The seed: "When you use
// some AWS services, they create resources that are only accessible from within your customer VPC. To access these
// resources with Lambda, your function must also be configured for access to the same VPC." Lambda also rejects a
// file_system_config without a VPC configuration.

import type { Dependency, FunctionPicture } from '../network/types';
import type { ResourceInstance, Workspace } from '../terraform/model';
import { localAddress } from './candidates';
import { format, functionLabel, listText, perFunction, type Draft, type RuleContext } from './context';
import { admittedEvidence, vpcOnlyDependencies } from './egress';
import { FileEditor, type CodeLine } from './fixes';
import { blockAt, declarationOverridden, findingAt, ownerModule, parentChain } from './locate';
import { eniPolicyEdits } from './aws_lambda_vpc_eni_permissions';
import { docsUrl, type Fix, type RelatedLocation, type RuleMeta, type TextEdit } from './types';
import { findAttribute } from '../hcl/ast';

const ID = 'aws_lambda_vpc_required';

export const meta: RuleMeta = {
  id: ID,
  defaultSeverity: 'error',
  summary: 'A function uses a resource that is reachable only from inside a VPC, but is not attached to one.',
  description:
    'The function is not attached to a VPC, yet it uses a resource that only has private addresses in a VPC (an RDS ' +
    'database that is not publicly accessible, an ElastiCache cluster, an EFS file system, an MSK cluster, an internal ' +
    'load balancer, ...). Its connections will time out until it gets a vpc_config with subnets and a security group that ' +
    'reach the resource. A resource whose resource policy admits only requests from a VPC refuses the requests instead.',
  docsUrl: docsUrl(ID),
  messages: {
    default: '{fn} is not attached to a VPC but uses {what}, which {is} reachable only from inside a VPC; its connections will time out. Add a vpc_config with subnets and security groups that reach {them}.',
    fileSystem: "{fn} mounts an EFS file system (file_system_config) but is not attached to a VPC; Lambda mounts file systems only through a VPC, so creating or updating the function fails. Add a vpc_config with the subnets and security groups of the file system's mount targets.",
    fileSystemPart: 'an EFS file system (file_system_config)',
    policy: '{fn} is not attached to a VPC but uses {what}, whose resource policy admits only requests from a VPC; its requests will be refused. Attach it to a VPC with a VPC endpoint for {them}.',
  },
  fixable: 'unsafe',
};

export function check(ctx: RuleContext): Draft[] {
  return perFunction(ctx, ID, (pic) => {
    if (pic.attachment.status !== 'not_attached' || pic.attachment.capacityProvider) return [];
    const fs = pic.locations.fileSystemConfig;
    const all = vpcOnlyDependencies(pic);
    const deps = fs ? all.filter((d) => d.service !== 'efs') : all;
    if (deps.length === 0 && !fs) return policyFindings(ctx, pic);
    const evidence: RelatedLocation[] = [];
    if (fs && !all.some((d) => d.service === 'efs')) evidence.push({ ...fs, message: 'file_system_config mounts an EFS file system' });
    for (const d of all) {
      for (const e of d.evidence.slice(0, 3)) {
        evidence.push({ ...e.at, message: `uses ${d.name}: ${e.detail}` });
        if (e.resourceAt) evidence.push({ ...e.resourceAt, message: `${e.resource ?? d.name} is reachable only from inside its VPC` });
      }
    }
    const parts = deps.map((d) => d.name);
    if (fs) parts.push(meta.messages.fileSystemPart);
    const message =
      deps.length === 0
        ? format(meta.messages.fileSystem, { fn: functionLabel(pic) })
        : format(meta.messages.default, { fn: functionLabel(pic), what: listText(parts), is: parts.length === 1 ? 'is' : 'are', them: parts.length === 1 ? 'it' : 'them' });
    return [findingAt(ctx, ID, pic, 'header', message, evidence, vpcConfigFix(ctx, pic))];
  });
}

/**
 * A function that uses a resource whose resource policy admits only requests from a VPC (through a VPC endpoint, or
 * from a VPC: network/resource-policies.ts) while nothing it uses is VPC-only by itself. No fix: which VPC and
 * endpoint the policy means is not something to guess.
 */
function policyFindings(ctx: RuleContext, pic: FunctionPicture): Draft[] {
  const deps = pic.dependencies.filter((d) => d.admittedOnlyFromVpc);
  if (deps.length === 0) return [];
  const evidence = admittedEvidence(deps);
  const parts = deps.map((d) => d.name);
  const message = format(meta.messages.policy, { fn: functionLabel(pic), what: listText(parts), them: parts.length === 1 ? 'it' : 'them' });
  return [findingAt(ctx, ID, pic, 'header', message, evidence)];
}

// ---------------------------------------------------------------------------
// Fix: a vpc_config with the resource's own subnets and security groups

interface Network {
  resource: string;
  subnets: string;
  securityGroups: string;
}

/** Arguments naming a resource's subnet group, and the subnet group types they point at. */
const SUBNET_GROUP_ARGS: Readonly<Record<string, { arg: string; groupTypes: string[]; sgArg: string }>> = {
  aws_db_instance: { arg: 'db_subnet_group_name', groupTypes: ['aws_db_subnet_group'], sgArg: 'vpc_security_group_ids' },
  aws_rds_cluster: { arg: 'db_subnet_group_name', groupTypes: ['aws_db_subnet_group'], sgArg: 'vpc_security_group_ids' },
  aws_docdb_cluster: { arg: 'db_subnet_group_name', groupTypes: ['aws_docdb_subnet_group'], sgArg: 'vpc_security_group_ids' },
  aws_neptune_cluster: { arg: 'neptune_subnet_group_name', groupTypes: ['aws_neptune_subnet_group'], sgArg: 'vpc_security_group_ids' },
  aws_elasticache_cluster: { arg: 'subnet_group_name', groupTypes: ['aws_elasticache_subnet_group'], sgArg: 'security_group_ids' },
  aws_elasticache_replication_group: { arg: 'subnet_group_name', groupTypes: ['aws_elasticache_subnet_group'], sgArg: 'security_group_ids' },
  aws_memorydb_cluster: { arg: 'subnet_group_name', groupTypes: ['aws_memorydb_subnet_group'], sgArg: 'security_group_ids' },
  aws_redshift_cluster: { arg: 'cluster_subnet_group_name', groupTypes: ['aws_redshift_subnet_group'], sgArg: 'vpc_security_group_ids' },
};

/** Resources that list their subnets and security groups themselves. */
const DIRECT_ARGS: Readonly<Record<string, { subnets: string; sgs: string }>> = {
  aws_db_proxy: { subnets: 'vpc_subnet_ids', sgs: 'vpc_security_group_ids' },
  aws_elasticache_serverless_cache: { subnets: 'subnet_ids', sgs: 'security_group_ids' },
  aws_mq_broker: { subnets: 'subnet_ids', sgs: 'security_groups' },
  aws_lb: { subnets: 'subnets', sgs: 'security_groups' },
  aws_alb: { subnets: 'subnets', sgs: 'security_groups' },
};

function set(inst: ResourceInstance, name: string): boolean {
  const v = inst.attr(name);
  return v !== undefined && v.kind !== 'null';
}

/** The network of a VPC-only resource, as references valid in `module`; undefined when it cannot be told. */
function networkOf(ws: Workspace, inst: ResourceInstance, module: string): Network | undefined {
  const local = localAddress(inst, module);
  if (!local || inst.mode !== 'managed') return undefined;
  const direct = DIRECT_ARGS[inst.type];
  if (direct) {
    if (!set(inst, direct.subnets) || !set(inst, direct.sgs)) return undefined;
    return { resource: inst.address, subnets: `${local}.${direct.subnets}`, securityGroups: `${local}.${direct.sgs}` };
  }
  const grouped = SUBNET_GROUP_ARGS[inst.type];
  if (grouped) {
    const v = inst.attr(grouped.arg);
    if (!v || !set(inst, grouped.sgArg)) return undefined;
    const group = referenced(ws, inst, grouped.arg, grouped.groupTypes);
    const groupLocal = group && localAddress(group, module);
    if (!groupLocal) return undefined;
    return { resource: inst.address, subnets: `${groupLocal}.subnet_ids`, securityGroups: `${local}.${grouped.sgArg}` };
  }
  if (inst.type === 'aws_efs_access_point') {
    const fsInst = referenced(ws, inst, 'file_system_id', ['aws_efs_file_system']);
    return fsInst ? efsNetwork(ws, fsInst, module) : undefined;
  }
  if (inst.type === 'aws_efs_file_system') return efsNetwork(ws, inst, module);
  return undefined;
}

/**
 * The managed resource of one of `types` an argument refers to: through the value's references, else through the
 * syntax (`aws_db_subnet_group.main.name` evaluates to the configured name, a plain string).
 */
function referenced(ws: Workspace, inst: ResourceInstance, arg: string, types: readonly string[]): ResourceInstance | undefined {
  const v = inst.attr(arg);
  if (v === undefined) return undefined;
  const byValue = ws.resolveRef(v).find((r) => types.includes(r.type) && r.mode === 'managed');
  if (byValue) return byValue;
  let e = inst.attribute(arg)?.expr;
  if (e?.kind === 'Template' && e.parts.length === 1 && e.parts[0].kind === 'TemplateInterp') e = e.parts[0].expr;
  const names: string[] = [];
  while (e && e.kind === 'GetAttr') {
    names.unshift(e.name.name);
    e = e.object;
  }
  if (!e || e.kind !== 'Variable' || !types.includes(e.name) || names.length < 2) return undefined;
  const matches = inst.module.resources({ type: e.name, mode: 'managed' }).filter((r) => r.name === names[0]);
  return matches.length === 1 && matches[0].expansion === 'single' ? matches[0] : undefined;
}

/** An EFS file system's network: the subnets and security groups of its mount targets (one resource block). */
function efsNetwork(ws: Workspace, fs: ResourceInstance, module: string): Network | undefined {
  const targets = ws
    .resources({ type: 'aws_efs_mount_target', mode: 'managed' })
    .filter((t) => {
      const id = t.attr('file_system_id');
      return t.module === fs.module && id !== undefined && ws.resolveRef(id).some((r) => r.address === fs.address);
    });
  const first = targets[0];
  if (!first || targets.some((t) => t.resourceAddress !== first.resourceAddress) || first.expansion === 'unknown') return undefined;
  const local = localAddress(first, module);
  if (!local || !set(first, 'security_groups')) return undefined;
  const base = first.resourceAddress.slice(module === '' ? 0 : module.length + 1);
  const subnets = first.expansion === 'count' ? `${base}[*].subnet_id` : first.expansion === 'for_each' ? `values(${base})[*].subnet_id` : `[${base}.subnet_id]`;
  return { resource: fs.address, subnets, securityGroups: `${local}.security_groups` };
}

function resourceOf(ws: Workspace, pic: FunctionPicture, d: Dependency): ResourceInstance[] {
  const out: ResourceInstance[] = [];
  for (const e of d.evidence) {
    if (!e.resource) continue;
    const inst = ws.instance(e.resource, pic.root);
    if (inst) out.push(inst);
  }
  return out;
}

/**
 * Adds a vpc_config (for a Lambda module call: vpc_subnet_ids / vpc_security_group_ids and attach_network_policy)
 * with the subnets and security groups of the first VPC-only resource whose network can be referenced, and attaches
 * the ENI permissions to the role when it lacks them.
 */
function vpcConfigFix(ctx: RuleContext, pic: FunctionPicture): Fix[] {
  const ws = ctx.workspace;
  // The edits go into the declaring block by its header: not where override files may decide those arguments.
  if (!ws || parentChain(pic).length > 0 || declarationOverridden(ctx, pic)) return [];
  const header = pic.locations.header;
  const file = ctx.file(header.file);
  const ed = FileEditor.for(file);
  const block = file && blockAt(file, header.span.start);
  if (!ed || !block) return [];
  const module = ownerModule(pic);
  const candidates = vpcOnlyDependencies(pic).flatMap((d) => resourceOf(ws, pic, d));
  let net: Network | undefined;
  for (const inst of candidates) if ((net = networkOf(ws, inst, module))) break;
  if (!net) return [];
  const edits: TextEdit[] = [];
  if (pic.kind === 'lambda-module') {
    const lines: CodeLine[] = [
      { attr: 'vpc_subnet_ids', value: net.subnets },
      { attr: 'vpc_security_group_ids', value: net.securityGroups },
    ];
    const anp = findAttribute(block.body, 'attach_network_policy');
    if (!anp) lines.push({ attr: 'attach_network_policy', value: 'true' });
    else if (anp.expr.kind === 'Literal' && anp.expr.value === false) edits.push(ed.replace(anp.expr.span, 'true'));
    const add = ed.appendToBody(block, lines);
    if (!add) return [];
    edits.push(add);
  } else if (pic.locations.vpcConfig) {
    // An empty vpc_config: fill in its lists.
    const vc = pic.locations.vpcConfigDynamic ? undefined : blockAt(ed.file, pic.locations.vpcConfig.span.start);
    const subnets = vc && findAttribute(vc.body, 'subnet_ids');
    const sgs = vc && findAttribute(vc.body, 'security_group_ids');
    if (!subnets || !sgs) return [];
    edits.push(ed.replace(subnets.expr.span, net.subnets), ed.replace(sgs.expr.span, net.securityGroups));
  } else {
    const add = ed.appendToBody(block, [
      {
        block: 'vpc_config',
        body: [
          { attr: 'subnet_ids', value: net.subnets },
          { attr: 'security_group_ids', value: net.securityGroups },
        ],
      },
    ]);
    if (!add) return [];
    edits.push(add);
  }
  if (pic.kind === 'resource' && pic.role.eniPermissions.known && !pic.role.eniPermissions.value) edits.push(...eniPolicyEdits(ctx, pic));
  return [{ title: `Attach the function to the subnets and security groups of ${net.resource}`, safe: false, edits }];
}
