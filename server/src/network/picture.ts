// The network picture of every Lambda function instance: every aws_lambda_function instance, including those
// inside local and installed modules and those the terraform layer's model of terraform-aws-modules/lambda/aws
// creates for a module call (kind `lambda-module`). Facts only: nothing here reports problems.

import type { Block, Expr } from '../hcl/ast';
import type { BlockInstance, ModuleInstance, ResourceInstance, Workspace } from '../terraform/model';
import { providerRegion } from '../terraform/providers';
import { layerAttribute } from '../terraform/loader';
import { asString, isAbsent, isUnknown, type Value } from '../terraform/values';
import { dependenciesOf, type EnvironmentInput } from './dependencies';
import { endpointsOfVpc } from './endpoints';
import { combinations, mappingsOf, type FunctionIdentity } from './mappings';
import {
  boolFact,
  headerOf,
  identify,
  known,
  listItems,
  loc,
  note,
  optAttrLoc,
  unknownFact,
  whereFrom,
  whyUnknown,
  NetContext,
  type Thing,
} from './resolve';
import { securityGroupReach } from './reach';
import { resolveRole, type ResolvedRole } from './role';
import { azCount, legacyListValue, resolveSecurityGroups, resolveSubnets } from './subnets';
import type {
  Attachment,
  EniPicture,
  Fact,
  FunctionLocations,
  FunctionPicture,
  Loc,
  ModuleCallLink,
  UnknownNote,
  VpcPicture,
} from './types';

export type * from './types';

/** The terraform layer's model id of the Lambda module. */
const LAMBDA_MODULE_MODEL = 'terraform-aws-modules/lambda/aws';

/** Registry and GitHub sources of the Lambda module's root (not its `//modules/...`), as installed by `terraform init`. */
const LAMBDA_MODULE_SOURCE = /^(?:(?:registry\.terraform\.io|registry\.opentofu\.org)\/)?terraform-aws-modules\/lambda\/aws$|github\.com[/:]terraform-aws-modules\/terraform-aws-lambda(?:\.git)?(?:\?ref=[^/]*)?$/;

/**
 * The Lambda module call a function belongs to: the call the terraform layer's model expanded, or an installed copy
 * of the module (`.terraform/modules`), whose files the user does not edit.
 */
function lambdaModuleOf(inst: ResourceInstance): ModuleInstance | undefined {
  if (inst.synthetic) return inst.synthetic.model === LAMBDA_MODULE_MODEL ? inst.module : undefined;
  const mod = inst.module;
  return mod.source.kind === 'installed' && LAMBDA_MODULE_SOURCE.test(mod.source.source.trim()) ? mod : undefined;
}

/** Pictures of every Lambda function instance in the workspace, ordered by root and address. */
export function buildPictures(ws: Workspace): FunctionPicture[] {
  const ctx = new NetContext(ws);
  const out: FunctionPicture[] = [];
  for (const inst of ws.resources({ type: 'aws_lambda_function', mode: 'managed' })) out.push(resourcePicture(ctx, inst));
  return out.sort((a, b) => (a.root !== b.root ? (a.root < b.root ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// ---------------------------------------------------------------------------
// The parts of a picture, gathered from the function's block before they are assembled

/** Where the function's network settings come from. */
interface NetworkSpec {
  attachment: Attachment;
  subnets?: ArgSpec;
  securityGroups?: ArgSpec;
  ipv6?: ArgSpec;
  /** The vpc_config block (or dynamic header). */
  vpcConfigAt?: Loc;
  vpcConfigDynamic?: boolean;
}

/** An argument: its value, location, syntax and the module scope of that syntax. */
interface ArgSpec {
  value: Value | undefined;
  at: Loc;
  expr?: Expr;
  module: ModuleInstance;
}

interface FunctionSpec {
  id: string;
  kind: FunctionPicture['kind'];
  /** The module instance holding the function's block. */
  module: ModuleInstance;
  header: Loc;
  name: Fact<string>;
  region: Fact<string>;
  network: NetworkSpec;
  role: ResolvedRole;
  roleAt?: Loc;
  attachNetworkPolicy?: { fact: Fact<boolean>; at: Loc };
  environment?: EnvironmentInput;
  /** `kms_key_arn`: the key Lambda decrypts the environment with. */
  environmentKey?: Value;
  fileSystems: { value: Value; at: Loc }[];
  fileSystemConfigAt?: Loc;
  capacityProviderConfigAt?: Loc;
  identity: FunctionIdentity;
  notes: UnknownNote[];
}

// ---------------------------------------------------------------------------
// aws_lambda_function

function resourcePicture(ctx: NetContext, inst: ResourceInstance): FunctionPicture {
  const lambdaModule = lambdaModuleOf(inst);
  // A function of the Lambda module is reported at the module call, where the user writes its settings.
  const header = lambdaModule?.call ? loc({ file: lambdaModule.call.file, span: headerSpan(lambdaModule.call.block) }) : headerOf(inst);
  const name = stringFact(inst.attr('function_name'), optAttrLoc(inst, 'function_name') ?? header, 'function_name');
  const region = regionOf(inst, header);
  const network = resourceNetwork(ctx, inst, header);
  if (lambdaModule && network.attachment.status === 'not_attached' && !network.vpcConfigAt && !network.attachment.capacityProvider) {
    network.attachment.reason = 'the module call does not set both vpc_subnet_ids and vpc_security_group_ids';
  }
  const roleAt = optAttrLoc(inst, 'role') ?? header;
  const role = resolveRole(ctx, inst.module.root, inst.attr('role'), roleAt);
  const envBlock = inst.nestedBlocks('environment')[0];
  let environment: EnvironmentInput | undefined;
  const envValue = envBlock?.attr('variables');
  if (envBlock && envValue !== undefined) {
    // The Lambda module's variables are written in the call's `environment_variables`.
    const arg = lambdaModule ? callArg(lambdaModule, 'environment_variables') : undefined;
    environment = arg
      ? { value: envValue, at: arg.at, expr: arg.expr, module: arg.module }
      : { value: envValue, at: optAttrLoc(envBlock, 'variables') ?? loc(envBlock.location), expr: envBlock.attribute('variables')?.expr, module: inst.module };
  }
  const fsBlocks = inst.nestedBlocks('file_system_config');
  const fileSystems = fsBlocks.flatMap((b) => {
    const v = b.attr('arn');
    return v === undefined || isAbsent(v) ? [] : [{ value: v, at: loc(b.location) }];
  });
  const notes: UnknownNote[] = [];
  if (inst.expansion === 'unknown') notes.push(note('instances', inst.meta.reason?.message ?? 'count or for_each is unknown: this stands for zero or more instances', inst.meta.location ? loc(inst.meta.location) : header));
  const spec: FunctionSpec = {
    id: inst.address,
    kind: lambdaModule ? 'lambda-module' : 'resource',
    module: inst.module,
    header,
    name,
    region,
    network,
    role,
    roleAt,
    environment,
    environmentKey: inst.attr('kms_key_arn'),
    fileSystems,
    identity: { instance: inst, name },
    notes,
  };
  if (lambdaModule) {
    const a = callArg(lambdaModule, 'attach_network_policy');
    spec.attachNetworkPolicy = { fact: boolFact(a?.value, false, a?.at ?? header), at: a?.at ?? header };
  }
  if (fsBlocks[0]) spec.fileSystemConfigAt = loc(fsBlocks[0].location);
  const cap = inst.nestedBlocks('capacity_provider_config')[0];
  if (cap) spec.capacityProviderConfigAt = loc(cap.location);
  return assemble(ctx, spec);
}

function resourceNetwork(ctx: NetContext, inst: ResourceInstance, header: Loc): NetworkSpec {
  const cap = inst.nestedBlocks('capacity_provider_config')[0];
  if (cap) return { attachment: capacityProviderAttachment(ctx, cap) };
  const blocks = inst.nestedBlocks('vpc_config');
  const dyn = dynamicHeader(inst.block, 'vpc_config', inst.file);
  if (blocks.length === 0) {
    if (dyn) return { attachment: { status: 'not_attached', reason: 'the dynamic "vpc_config" block has an empty for_each', at: dyn }, vpcConfigAt: dyn, vpcConfigDynamic: true };
    return { attachment: { status: 'not_attached', reason: 'the function has no vpc_config', at: header } };
  }
  const b = blocks[0];
  const blockAt = b.dynamic ? loc(b.dynamic.location) : loc(b.location);
  if (b.unknownExpansion) {
    return { attachment: { status: 'unknown', reason: `the for_each of the dynamic "vpc_config" block is unknown: ${b.unknownExpansion.message}`, at: blockAt }, vpcConfigAt: blockAt, vpcConfigDynamic: true };
  }
  const arg = (n: string): ArgSpec => ({ value: b.attr(n), at: optAttrLoc(b, n) ?? blockAt, expr: b.attribute(n)?.expr, module: inst.module });
  const list = (n: string): ArgSpec => {
    const a = arg(n);
    return a.expr ? { ...a, value: legacyListValue(a.value, a.expr, b.file) } : a;
  };
  const subnets = list('subnet_ids');
  const securityGroups = list('security_group_ids');
  const ipv6 = arg('ipv6_allowed_for_dual_stack');
  return { attachment: attachmentOf(subnets, securityGroups, blockAt), subnets, securityGroups, ipv6, vpcConfigAt: blockAt, vpcConfigDynamic: b.dynamic !== undefined };
}

/** `dynamic "type"` blocks of a body, by header location (for the empty-for_each case, which expands to nothing). */
function dynamicHeader(block: Block | undefined, type: string, file: string): Loc | undefined {
  if (!block) return undefined;
  for (const item of block.body.items) {
    if (item.kind !== 'Block' || item.type.name !== 'dynamic' || item.labels[0]?.value !== type) continue;
    return loc({ file, span: headerSpan(item) });
  }
  return undefined;
}

function headerSpan(b: Block): { start: number; end: number } {
  const last = b.labels.length > 0 ? b.labels[b.labels.length - 1].span : b.type.span;
  return { start: b.type.span.start, end: last.end };
}

/**
 * Attached when the subnet list is non-empty; not attached when subnets and security groups are both empty (the
 * provider treats such a vpc_config as unset); unknown when the subnet list may or may not be empty.
 */
function attachmentOf(subnets: ArgSpec, sgs: ArgSpec, blockAt: Loc): Attachment {
  const s = subnets.value;
  const items = listItems(s);
  if (items === undefined) {
    const v = s as Value;
    if (isUnknown(v) && (v.minLength ?? 0) > 0) return { status: 'attached', reason: 'the subnet list is unknown but not empty', at: subnets.at };
    return { status: 'unknown', reason: `the subnet list is unknown, so it may be empty: ${whyUnknown(v)}`, at: whereFrom(v) ?? subnets.at };
  }
  if (items.length > 0) return { status: 'attached', reason: 'vpc_config lists subnets', at: subnets.at };
  const sgItems = listItems(sgs.value);
  if (sgItems === undefined || sgItems.length > 0) {
    return { status: 'unknown', reason: 'vpc_config has security groups but no subnets (the Lambda API rejects that)', at: sgs.at };
  }
  const why = s === undefined ? 'subnet_ids is not set' : isAbsent(s) ? 'subnet_ids is null' : 'subnet_ids is empty';
  return { status: 'not_attached', reason: `vpc_config is empty (${why}), which the provider treats as no VPC configuration`, at: blockAt };
}

function capacityProviderAttachment(ctx: NetContext, cap: BlockInstance): Attachment {
  const at = loc(cap.location);
  const inner = cap.nestedBlocks('lambda_managed_instances_capacity_provider_config')[0];
  const arn = inner?.attr('capacity_provider_arn');
  let ref: Fact<string> = unknownFact('the capacity provider is not set', at);
  let vpcConfigAt: Loc | undefined;
  if (arn !== undefined && !isAbsent(arn)) {
    const t = identify(ctx, arn, ['aws_lambda_capacity_provider']);
    if ('ref' in t) {
      ref = known(t.ref, t.at ?? at);
      const vc = t.instance?.nestedBlocks('vpc_config')[0];
      if (vc) vpcConfigAt = loc(vc.location);
    } else ref = t;
  }
  const capacityProvider: NonNullable<Attachment['capacityProvider']> = { ref, at };
  if (vpcConfigAt) capacityProvider.vpcConfigAt = vpcConfigAt;
  return {
    status: 'not_attached',
    reason: `the function runs on Lambda Managed Instances of ${ref.known ? ref.value : 'a capacity provider'}, whose own vpc_config gives it its network; it is not a VPC function of its own`,
    at,
    capacityProvider,
  };
}

// ---------------------------------------------------------------------------
// Module call arguments

/**
 * A module call argument: its value as the module sees it (`var.<name>` inside the module instance), with the
 * argument's location in the calling file. Undefined when the call does not set it.
 */
function callArg(mod: ModuleInstance, name: string): ArgSpec | undefined {
  const call = mod.call;
  const parent = mod.parent;
  if (!call || !parent) return undefined;
  // The argument in effect: the call's own, or an override file's (then located there).
  const found = layerAttribute(call, name);
  if (!found) return undefined;
  return { value: mod.variable(name), at: loc({ file: found.file, span: found.attr.span }), expr: found.attr.expr, module: parent };
}

// ---------------------------------------------------------------------------
// Assembling a picture

function assemble(ctx: NetContext, spec: FunctionSpec): FunctionPicture {
  const root = spec.module.root;
  const net = spec.network;
  const locations: FunctionLocations = { header: spec.header };
  if (net.vpcConfigAt) locations.vpcConfig = net.vpcConfigAt;
  if (net.vpcConfigDynamic) locations.vpcConfigDynamic = true;
  if (net.subnets && net.subnets.value !== undefined) locations.subnetIds = net.subnets.at;
  if (net.securityGroups && net.securityGroups.value !== undefined) locations.securityGroupIds = net.securityGroups.at;
  if (net.ipv6 && net.ipv6.value !== undefined) locations.ipv6AllowedForDualStack = net.ipv6.at;
  if (spec.roleAt) locations.role = spec.roleAt;
  if (spec.environment) locations.environment = spec.environment.at;
  if (spec.fileSystemConfigAt) locations.fileSystemConfig = spec.fileSystemConfigAt;
  if (spec.capacityProviderConfigAt) locations.capacityProviderConfig = spec.capacityProviderConfigAt;
  if (spec.attachNetworkPolicy && spec.attachNetworkPolicy.at !== spec.header) locations.attachNetworkPolicy = spec.attachNetworkPolicy.at;
  const subnetOrigin = net.subnets?.expr ? traceOrigin(net.subnets.module, net.subnets.expr) : undefined;
  if (subnetOrigin) locations.subnetIdsOrigin = subnetOrigin;
  const sgOrigin = net.securityGroups?.expr ? traceOrigin(net.securityGroups.module, net.securityGroups.expr) : undefined;
  if (sgOrigin) locations.securityGroupIdsOrigin = sgOrigin;

  const regionValue = spec.region.known ? spec.region.value : null;
  const attached = net.attachment.status !== 'not_attached';
  const vpcs: VpcPicture[] = [];
  let eni: EniPicture = { combinations: [], complete: true, reasons: [] };
  let reach: ReturnType<typeof securityGroupReach> | undefined;
  const pic: Partial<FunctionPicture> = {};
  if (attached && net.subnets) {
    const subnets = resolveSubnets(ctx, root, net.subnets.value, net.subnets.at);
    const sgs = resolveSecurityGroups(ctx, net.securityGroups?.value, net.securityGroups?.at ?? spec.header);
    pic.subnets = subnets.entries;
    pic.securityGroups = sgs.entries;
    pic.ipv6AllowedForDualStack = boolFact(net.ipv6?.value, false, net.ipv6?.at ?? spec.header);
    if (subnets.entries.known) pic.azs = azCount(subnets.entries.value);
    const seenVpc = new Set<string>();
    for (const { vpc } of subnets.things) {
      if (!vpc.known || seenVpc.has(vpc.value.ref)) continue;
      seenVpc.add(vpc.value.ref);
      vpcs.push(vpcPicture(ctx, root, vpc.value));
    }
    eni = combinations(ctx, net.subnets.value, net.securityGroups?.value, regionValue, net.subnets.at);
    reach = securityGroupReach(ctx, root, sgs.things);
  }
  const mappings = mappingsOf(ctx, root, spec.identity, regionValue);
  const deps = dependenciesOf(ctx, {
    environment: spec.environment,
    fileSystems: spec.fileSystems,
    policies: spec.role.sources,
    roleUnresolved: spec.role.unresolvedReason,
    mappings,
    environmentKey: spec.environmentKey,
    reach,
  });
  const role = { ...spec.role.picture };
  if (spec.attachNetworkPolicy) role.attachNetworkPolicy = spec.attachNetworkPolicy.fact;

  const picture: FunctionPicture = {
    id: spec.id,
    kind: spec.kind,
    module: spec.module.address,
    root: root.dir,
    name: spec.name,
    locations,
    moduleChain: moduleChain(spec.module),
    region: spec.region,
    attachment: net.attachment,
    ...pic,
    vpcs,
    dependencies: deps.dependencies,
    dependenciesComplete: deps.complete,
    eni,
    mappings: mappings.pictures,
    role,
    unknowns: [],
  };
  picture.unknowns = collectUnknowns(picture, [...spec.notes, ...mappings.unknowns]);
  return picture;
}

function vpcPicture(ctx: NetContext, root: ModuleInstance, vpc: Thing): VpcPicture {
  const { endpoints, unresolved } = endpointsOfVpc(ctx, root, vpc);
  const inst = vpc.instance;
  let ipv6: Fact<boolean>;
  if (inst && inst.mode === 'managed') {
    const at = optAttrLoc(inst, 'assign_generated_ipv6_cidr_block') ?? optAttrLoc(inst, 'ipv6_cidr_block') ?? headerOf(inst);
    const generated = boolFact(inst.attr('assign_generated_ipv6_cidr_block'), false, at);
    const cidr = inst.attr('ipv6_cidr_block');
    const pool = inst.attr('ipv6_ipam_pool_id');
    ipv6 = (cidr !== undefined && !isAbsent(cidr)) || (pool !== undefined && !isAbsent(pool)) ? known(true, at) : generated;
  } else {
    ipv6 = unknownFact(`${vpc.ref} is not managed in this configuration, so its IPv6 setting is not known`, vpc.at);
  }
  const p: VpcPicture = { ref: vpc.ref, refKind: vpc.refKind, ipv6, endpoints, unresolvedEndpoints: unresolved };
  if (vpc.at) p.at = vpc.at;
  return p;
}

// ---------------------------------------------------------------------------
// Region, module chain, origins

/**
 * The Region: the function's own `region` argument (provider v6), else the `region` of the aws provider
 * configuration the function uses (following `provider = aws.x` and module `providers` maps).
 */
function regionOf(inst: ResourceInstance, header: Loc): Fact<string> {
  const own = inst.attr('region');
  if (own !== undefined && !isAbsent(own)) return stringFact(own, optAttrLoc(inst, 'region') ?? header, 'region');
  const r = providerRegion(inst);
  if (!('value' in r)) return unknownFact(r.reason, r.at ? loc(r.at) : undefined);
  return stringFact(r.value, loc(r.at), 'region');
}

function moduleChain(mod: ModuleInstance): ModuleCallLink[] {
  const links: ModuleCallLink[] = [];
  for (let m: ModuleInstance | undefined = mod; m && m.call && m.parent; m = m.parent) {
    links.unshift({ address: m.address, at: loc({ file: m.call.file, span: headerSpan(m.call.block) }), source: m.source.source });
  }
  return links;
}

/**
 * The outermost place that supplied a value written as `var.x...`: through each module call's argument up to the
 * root module, where it is the tfvars line, the variable's default or its declaration. Undefined when the
 * expression is not a variable reference.
 */
function traceOrigin(mod: ModuleInstance, expr: Expr): Loc | undefined {
  let m = mod;
  let e: Expr = expr;
  let origin: Loc | undefined;
  for (let hops = 0; hops < 64; hops++) {
    const name = variableRoot(e);
    if (name === undefined) break;
    if (!m.call || !m.parent) return rootVariableOrigin(m, name) ?? origin;
    const found = layerAttribute(m.call, name);
    if (!found) {
      const decl = m.config.variables.get(name);
      return decl?.default ? loc({ file: decl.file, span: decl.default.span }) : origin;
    }
    origin = loc({ file: found.file, span: found.attr.span });
    e = found.attr.expr;
    m = m.parent;
  }
  return origin;
}

/** `var.a[0].b` → `a`; undefined when the expression is not a traversal of a variable. */
function variableRoot(e: Expr): string | undefined {
  let x = e;
  let name: string | undefined;
  while (x.kind === 'GetAttr' || x.kind === 'Index' || x.kind === 'Parens') {
    if (x.kind === 'GetAttr') name = x.name.name;
    x = x.kind === 'Parens' ? x.expr : x.object;
  }
  return x.kind === 'Variable' && x.name === 'var' ? name : undefined;
}

function rootVariableOrigin(root: ModuleInstance, name: string): Loc | undefined {
  const decl = root.config.variables.get(name);
  const v = root.variable(name);
  const fromVarFile = (v.origins ?? []).find((o) => /\.tfvars(\.json)?$/.test(o.file));
  if (fromVarFile) return loc(fromVarFile);
  if (decl?.default) return loc({ file: decl.file, span: decl.default.span });
  return decl ? loc({ file: decl.file, span: headerSpan(decl.block) }) : undefined;
}

function stringFact(v: Value | undefined, at: Loc, what: string): Fact<string> {
  if (v === undefined || isAbsent(v)) return unknownFact(`${what} is not set`, at);
  const s = asString(v);
  return s !== undefined ? known(s, at) : unknownFact(`${what} is unknown: ${whyUnknown(v)}`, whereFrom(v) ?? at);
}

// ---------------------------------------------------------------------------
// Unknowns

/** Every unknown fact and unresolved note in the picture, with a path saying what it is about. */
function collectUnknowns(picture: FunctionPicture, extra: UnknownNote[]): UnknownNote[] {
  const out: UnknownNote[] = [];
  const seen = new Set<string>();
  const add = (n: UnknownNote): void => {
    // The same reason reached along two paths (the subnet list and its ENIs) is one unknown.
    const k = n.reason;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(n);
  };
  for (const n of extra) add(n);
  // The walk visits every object of the picture, so it allocates nothing per node: `for...in`
  // rather than Object.entries, and the path is a stack of segments joined only for a note.
  const segments: string[] = [];
  const pathText = (): string => segments.join('');
  const walk = (x: unknown, depth: number): void => {
    if (depth > 32 || typeof x !== 'object' || x === null) return;
    if (Array.isArray(x)) {
      for (let idx = 0; idx < x.length; idx++) {
        segments.push(`[${idx}]`);
        walk(x[idx], depth + 1);
        segments.pop();
      }
      return;
    }
    const o = x as Record<string, unknown>;
    if (typeof o.reason === 'string') {
      const at = o.at as Loc | undefined;
      if (o.known === false) add(note(pathText(), o.reason, at));
      if (o.kind === 'unknown' && segments[segments.length - 1] === '.az') add(note(pathText(), o.reason, at));
      if (o.status === 'unknown') add(note(pathText(), o.reason, at));
    }
    for (const k in o) {
      const v = o[k];
      if (k === 'unknowns') continue;
      if ((k === 'unresolvedRoutes' || k === 'unresolved' || k === 'unresolvedEndpoints' || k === 'reasons') && Array.isArray(v)) {
        for (const n of v as UnknownNote[]) add(n);
        continue;
      }
      segments.push(segments.length === 0 ? k : `.${k}`);
      walk(v, depth + 1);
      segments.pop();
    }
  };
  walk(picture, 0);
  return out;
}
