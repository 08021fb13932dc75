// What the function's code talks to, with evidence: environment variables that reference resources (or hold
// well-known endpoint host names, AWS host names, `s3://` URIs and ARNs), the execution role's permission
// policies, `file_system_config` (EFS), and what its security groups' rules let it reach (reach.ts). An
// environment variable holding any other host name, URL or IP address names something the code connects to that
// we cannot classify: the evidence is then incomplete. A resource the environment names is VPC-only by its
// configuration (catalogue RESOURCE_SERVICES) or by a resource policy that admits only requests from a VPC
// (resource-policies.ts).
// Not evidence: the trust policy, ENI-management and Logs actions, event source mappings and the permissions their
// pollers need on their own sources, and `kms:Decrypt` on the function's own environment key (catalogue and
// iam.ts say which).

import type { Expr } from '../hcl/ast';
import type { ModuleInstance, ResourceInstance } from '../terraform/model';
import { asMap, asString, isAbsent, isUnknown, refsIn, refKey, type UnknownReason, type Value } from '../terraform/values';
import {
  BEDROCK_MODEL_PROVIDERS,
  BEDROCK_PROFILE_GEOGRAPHIES,
  IAM_PREFIX_SERVICE,
  IDENTITY_ARN_SERVICES,
  LITERAL_ENDPOINT_PATTERNS,
  VALUE_ATTRIBUTES,
  VPC_RESOURCE_ARN_SERVICES,
  isNonServiceResource,
  resourceService,
  serviceForEndpointName,
  serviceInfo,
  type ResourceServiceInfo,
  type VpcOnlyRule,
} from './catalogue';
import { servicesOfPolicies, type PolicySource, type UnknownPart } from './iam';
import type { FoundMappings } from './mappings';
import type { ReachFinding } from './reach';
import { headerOf, known, loc, note, unknownFact, whereFrom, whyUnknown, type NetContext } from './resolve';
import { resourcePolicyReach } from './resource-policies';
import type { Completeness, Dependency, Evidence, Fact, Loc, UnknownNote } from './types';

/** The environment variables of a function: their value and, when written as an object, their syntax. */
export interface EnvironmentInput {
  value: Value;
  /** Where the variables are written (the `variables` argument, or the Lambda module's `environment_variables`). */
  at: Loc;
  /** The expression written there, in `at.file` (to find resource references inside templates whose value is unknown). */
  expr?: Expr;
  /** The module whose scope `expr` is in. */
  module: ModuleInstance;
}

export interface DependencyInputs {
  environment?: EnvironmentInput;
  /** EFS file systems (`file_system_config.arn`, the Lambda module's `file_system_arn`). */
  fileSystems: { value: Value; at: Loc }[];
  policies: PolicySource[];
  /** Why the role's policies could not be listed at all, when that is so. */
  roleUnresolved?: { reason: string; at?: Loc };
  mappings: FoundMappings;
  /** The function's `kms_key_arn` (the key Lambda decrypts its environment with), when set. */
  environmentKey?: Value;
  /** What the function's security groups let it reach (reach.ts). */
  reach?: { found: ReachFinding[]; reasons: UnknownNote[] };
}

const MAX_LITERAL_LENGTH = 2048;

interface Finding {
  service: string;
  vpcOnly: Fact<boolean>;
  uncatalogued?: boolean;
  admittedOnlyFromVpc?: { detail: string; at: Loc };
  evidence: Evidence;
}

export function dependenciesOf(ctx: NetContext, input: DependencyInputs): { dependencies: Dependency[]; complete: Completeness } {
  const found: Finding[] = [];
  const reasons: UnknownNote[] = [];
  if (input.environment) environmentFindings(ctx, input.environment, found, reasons);
  for (const fs of input.fileSystems) {
    const insts = fs.value.kind === 'unknown' && fs.value.ref ? ctx.ws.resolveRef(fs.value) : [];
    const ev: Evidence = { kind: 'file-system', detail: `file_system_config mounts ${insts[0]?.address ?? 'an EFS access point'}`, at: fs.at };
    if (insts[0]) {
      ev.resource = insts[0].address;
      ev.resourceAt = headerOf(insts[0]);
    }
    found.push({ service: 'efs', vpcOnly: known(true, fs.at), evidence: ev });
  }
  if (input.reach) {
    found.push(...input.reach.found);
    reasons.push(...input.reach.reasons);
  }
  const policy = servicesOfPolicies(input.policies, {
    pollerActions: input.mappings.pollerActions,
    isMappedResource: input.mappings.isMappedResource,
    isEnvironmentKey: environmentKeyMatcher(ctx, input.environmentKey),
  });
  for (const { source, grant } of policy.grants) {
    const at = grant.at ?? source.at;
    if (!at) continue;
    const info = serviceInfo(grant.service);
    const detail =
      source.kind === 'managed' ? `managed policy ${source.name} allows ${info?.name ?? grant.service}` : `${source.label} allows ${grant.actions.join(', ')}`;
    const ev: Evidence = { kind: source.kind === 'managed' ? 'managed-policy' : 'policy', detail, at };
    if (grant.actions.length > 0) ev.actions = [...grant.actions];
    found.push({ service: grant.service, vpcOnly: serviceReach(grant.service, at), uncatalogued: grant.uncatalogued, evidence: ev });
  }
  for (const inc of policy.incomplete) {
    // An unresolved role already says so once.
    if (input.roleUnresolved && inc.source.kind === 'unresolved' && inc.reason === input.roleUnresolved.reason) continue;
    reasons.push(note(`policy ${inc.source.label}`, inc.reason, inc.at));
  }
  if (input.roleUnresolved) reasons.push(note('execution role', input.roleUnresolved.reason, input.roleUnresolved.at));
  return { dependencies: merge(found), complete: { complete: reasons.length === 0, reasons } };
}

/**
 * Whether a policy Resource element is the function's environment key: the same literal ARN, the same reference,
 * or the ARN of the key resource the function's `kms_key_arn` refers to. Undefined when the function sets no key.
 */
function environmentKeyMatcher(ctx: NetContext, key: Value | undefined): ((r: string | UnknownPart) => boolean) | undefined {
  if (key === undefined || isAbsent(key)) return undefined;
  const literal = asString(key);
  const refText = isUnknown(key) && key.ref ? refKey(key.ref) : undefined;
  const keyArns = literal === undefined ? ctx.ws.resolveRef(key).map((i) => `${i.address}.arn`) : [];
  return (r) => {
    if (typeof r === 'string') return literal !== undefined && r === literal;
    return r.ref !== undefined && (r.ref === refText || keyArns.includes(r.ref));
  };
}

/** Whether a service named only by an IAM action is VPC-only (no resource configuration to look at). */
function serviceReach(service: string, at: Loc): Fact<boolean> {
  const info = serviceInfo(service);
  if (!info) return known(false, at);
  if (service === 'opensearch-domain') return unknownFact('an OpenSearch domain is VPC-only only when it has vpc_options', at);
  return known(info.reach === 'vpc-resource', at);
}

/** One Dependency per service; VPC-only when any evidence says so, unknown when any is unknown. */
function merge(found: Finding[]): Dependency[] {
  const by = new Map<string, Dependency>();
  for (const f of found) {
    let d = by.get(f.service);
    if (!d) {
      d = { service: f.service, name: serviceInfo(f.service)?.name ?? f.service, vpcOnly: f.vpcOnly, evidence: [] };
      if (f.uncatalogued) d.uncatalogued = true;
      by.set(f.service, d);
    } else if (!(d.vpcOnly.known && d.vpcOnly.value)) {
      if (f.vpcOnly.known ? f.vpcOnly.value : d.vpcOnly.known) d.vpcOnly = f.vpcOnly;
    }
    if (f.admittedOnlyFromVpc && !d.admittedOnlyFromVpc) d.admittedOnlyFromVpc = f.admittedOnlyFromVpc;
    if (!d.evidence.some((e) => e.detail === f.evidence.detail && e.at.file === f.evidence.at.file && e.at.span.start === f.evidence.at.span.start)) d.evidence.push(f.evidence);
  }
  return [...by.values()].sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}

// ---------------------------------------------------------------------------
// Environment variables

function environmentFindings(ctx: NetContext, env: EnvironmentInput, found: Finding[], reasons: UnknownNote[]): void {
  const entries = asMap(env.value);
  const items = env.expr && env.expr.kind === 'Object' ? env.expr.items : undefined;
  if (!entries) {
    if (isAbsent(env.value)) return;
    reasons.push(note('environment variables', `the environment variables are unknown: ${whyUnknown(env.value)}`, whereFrom(env.value) ?? env.at));
    entryFindings(ctx, env, 'environment', env.value, env.expr, env.at, found, reasons, true);
    return;
  }
  for (const [name, v] of entries) {
    const item = items?.find((i) => keyText(i.key) === name);
    const at = item ? loc({ file: env.at.file, span: item.span }) : env.at;
    entryFindings(ctx, env, name, v, item?.value, at, found, reasons, false);
  }
}

function keyText(k: Expr): string | undefined {
  if (k.kind === 'Variable') return k.name;
  if (k.kind === 'Template' && k.parts.length === 1 && k.parts[0].kind === 'TemplateLiteral') return k.parts[0].value;
  if (k.kind === 'Template' && k.parts.length === 0) return '';
  return undefined;
}

/**
 * Findings of one environment variable. Resources come from the value's symbolic references and, for parts the
 * evaluator could not keep symbolic (`"${aws_s3_bucket.b.bucket}-x"`), from the references written in the syntax.
 */
function entryFindings(ctx: NetContext, env: EnvironmentInput, name: string, v: Value, expr: Expr | undefined, at: Loc, found: Finding[], reasons: UnknownNote[], quiet: boolean): void {
  const s = asString(v);
  // Host names and URLs are short; longer strings are not matched (it also bounds the regular expressions' work).
  if (s !== undefined && s.length <= MAX_LITERAL_LENGTH) {
    const meaning = literalMeaning(name, s.trim(), at);
    const detail = `${name} = ${JSON.stringify(s)}`;
    if (meaning?.kind === 'service') found.push({ service: meaning.service, vpcOnly: meaning.vpcOnly, evidence: { kind: 'environment', detail, at } });
    else if (meaning?.kind === 'unclassified' && !quiet) {
      reasons.push(note(`environment variable ${name}`, `${detail} names ${meaning.what} that no resource in this configuration stands for, so what the code reaches there cannot be told`, at));
    }
  }
  const resources = new Map<string, { inst: ResourceInstance; text: string }>();
  for (const r of refsIn(v)) {
    const attr = r.path[0];
    for (const inst of ctx.ws.resolveRef(r)) {
      if (typeof attr === 'string' && VALUE_ATTRIBUTES[inst.type]?.includes(attr)) continue;
      resources.set(inst.address, { inst, text: refKey(r) });
    }
  }
  // A known value that is a resource's own configuration, read through a local, a variable or a module output
  // (`bucket = "orders"` of an aws_s3_bucket): it names that resource, as a reference would. Only instances whose
  // argument has this very value (a module called twice gives two instances of one argument).
  if (s !== undefined && v.origins && resources.size === 0) {
    for (const o of v.origins) {
      for (const { inst, attr } of ctx.resourcesAt(env.module.root, o)) {
        if (resources.has(inst.address) || VALUE_ATTRIBUTES[inst.type]?.includes(attr)) continue;
        if (asString(inst.attr(attr) ?? { kind: 'null' }) !== s) continue;
        resources.set(inst.address, { inst, text: `${inst.address}.${attr}` });
      }
    }
  }
  if (expr) {
    // The syntax names a resource block, not an instance: when the value already names an instance of that block
    // (`aws_sqs_queue.q[count.index]`), its other instances are not used.
    const blocks = new Set([...resources.values()].map((r) => r.inst.resourceAddress));
    for (const { inst, text } of syntacticResources(env.module, expr)) {
      if (!resources.has(inst.address) && !blocks.has(inst.resourceAddress)) resources.set(inst.address, { inst, text });
    }
  }
  let unclassified = false;
  for (const { inst, text } of resources.values()) {
    const info = resourceService(inst.type);
    if (!info) {
      if (inst.type.startsWith('aws_') && !isNonServiceResource(inst.type)) {
        unclassified = true;
        if (!quiet) reasons.push(note(`environment variable ${name}`, `${inst.type} is not in the catalogue, so what ${name} is used for cannot be told`, at));
      }
      continue;
    }
    const evidence: Evidence = { kind: 'environment', detail: `${name} = ${text}`, at, resource: inst.address, resourceAt: headerOf(inst) };
    const reach = resourceReach(ctx, inst, info, found);
    found.push({ service: info.service, vpcOnly: reach.vpcOnly, ...(reach.admitted ? { admittedOnlyFromVpc: reach.admitted } : {}), evidence });
  }
  if (quiet || unclassified || s !== undefined) return;
  // Unknown parts that no resource explains (unset variables, unavailable modules, unsupported functions).
  const unexplained = unexplainedReasons(v, resources.size > 0);
  if (unexplained.length > 0) reasons.push(note(`environment variable ${name}`, unexplained[0].message, unexplained[0].at ? loc(unexplained[0].at) : at));
}

// ---------------------------------------------------------------------------
// Literal strings: endpoint host names, URLs, IP addresses, ARNs

/** What a literal environment value says about the code's traffic. */
type LiteralMeaning = { kind: 'service'; service: string; vpcOnly: Fact<boolean> } | { kind: 'unclassified'; what: string };

/** `scheme://[user@]host`, also `jdbc:postgresql://host`; the host is group 2. */
const URL_HOST = /^([a-z][a-z0-9+.-]*)(?::[a-z][a-z0-9+.-]*)*:\/\/(?:[^@/?#\s]*@)?([^/?#:\s]+)/i;
/** `host:port`. */
const HOST_PORT = /^([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?):\d{1,5}$/i;
/** A DNS name of at least two labels, in lower case (a Java class `com.example.Handler` is not one). */
const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/**
 * Last labels of host names: generic and internal suffixes; any two-letter one is a country code. A dotted word
 * ending otherwise (`claude-v2`, `handler`) is a host name only in a variable whose name says so.
 */
const HOST_SUFFIXES = new Set([
  'com', 'net', 'org', 'io', 'edu', 'gov', 'mil', 'int', 'internal', 'local', 'localdomain', 'lan', 'home', 'corp', 'intranet',
  'private', 'cloud', 'dev', 'app', 'ai', 'info', 'biz', 'tech', 'online', 'site', 'services', 'systems', 'svc', 'consul',
]);
/** Variable names that say their value is a host. */
const HOST_NAME_VARIABLE = /HOST|ENDPOINT|URL|URI|ADDR|SERVER|DSN|DOMAIN|FQDN|BROKER|BOOTSTRAP/i;
/** Last labels that make a dotted word a file name or a handler, not a host name. */
const NOT_HOST_SUFFIXES = new Set([
  'json', 'yaml', 'yml', 'txt', 'log', 'csv', 'tsv', 'py', 'js', 'mjs', 'cjs', 'ts', 'rb', 'go', 'java', 'jar', 'zip', 'gz', 'tar',
  'html', 'htm', 'xml', 'conf', 'cfg', 'ini', 'toml', 'properties', 'sh', 'pem', 'crt', 'key', 'env', 'md', 'sql', 'png', 'jpg',
  'jpeg', 'gif', 'svg', 'pdf', 'parquet', 'avro', 'handler', 'lambda_handler', 'main', 'run',
]);
const ARN = /^arn:aws[a-z-]*:([a-z0-9-]+):/;

/**
 * The meaning of a literal environment value: a service (known endpoint host names, AWS API host names, `s3://`
 * URIs, ARNs of public APIs), something reached over the network that cannot be classified (any other host name,
 * URL, `host:port` or IP address, ARNs of VPC resources), or nothing (other text, loopback addresses).
 */
function literalMeaning(name: string, s: string, at: Loc): LiteralMeaning | undefined {
  const hit = LITERAL_ENDPOINT_PATTERNS.find((p) => p.pattern.test(s));
  if (hit) return { kind: 'service', service: hit.service, vpcOnly: hit.vpcOnly === 'depends' ? unknownFact(`${s} may be a publicly accessible endpoint`, at) : known(hit.vpcOnly, at) };
  const arn = ARN.exec(s);
  if (arn) return arnMeaning(arn[1], at);
  if (isModelId(s) || s.startsWith('com.amazonaws.')) return undefined; // a Bedrock model, an endpoint service name
  const url = URL_HOST.exec(s);
  if (url && url[1].toLowerCase() === 's3') return { kind: 'service', service: 's3', vpcOnly: known(false, at) };
  const host = url ? url[2].toLowerCase() : (HOST_PORT.exec(s)?.[1].toLowerCase() ?? (IPV4.test(s) || isHostName(name, s) ? s : undefined));
  if (host === undefined || isLocalHost(host)) return undefined;
  return awsHostMeaning(host, at) ?? { kind: 'unclassified', what: IPV4.test(host) ? `the address ${host}` : `the host ${host}` };
}

/** A dotted word that is a DNS name by its last label, or by the name of the variable that holds it. */
function isHostName(variable: string, s: string): boolean {
  if (!HOST_NAME.test(s)) return false;
  const last = s.slice(s.lastIndexOf('.') + 1);
  if (NOT_HOST_SUFFIXES.has(last)) return false;
  return HOST_SUFFIXES.has(last) || /^[a-z]{2}$/.test(last) || HOST_NAME_VARIABLE.test(variable);
}

/** `anthropic.claude-v2`, `us.amazon.nova-pro-v1:0`: a Bedrock model or inference profile id. */
function isModelId(s: string): boolean {
  const labels = s.split('.');
  const rest = BEDROCK_PROFILE_GEOGRAPHIES.includes(labels[0]) ? labels.slice(1) : labels;
  return rest.length === 2 && BEDROCK_MODEL_PROVIDERS.includes(rest[0]) && !HOST_SUFFIXES.has(rest[1]);
}

/** Loopback and link-local addresses: the function itself or its extensions, never a dependency. */
function isLocalHost(host: string): boolean {
  return host === 'localhost' || host === '0.0.0.0' || /^127\./.test(host) || /^169\.254\./.test(host);
}

/** An AWS host name (`sqs.eu-west-1.amazonaws.com`, `<id>.execute-api.<region>.amazonaws.com`, VPC endpoint names). */
function awsHostMeaning(host: string, at: Loc): LiteralMeaning | undefined {
  if (/\.lambda-url\.[a-z0-9-]+\.on\.aws$/.test(host)) return { kind: 'service', service: 'lambda', vpcOnly: known(false, at) };
  if (!/\.amazonaws\.com(?:\.cn)?$/.test(host)) return undefined;
  const labels = host.split('.');
  if (labels.some((l) => l.startsWith('vpce-'))) return { kind: 'service', service: 'vpc-private', vpcOnly: known(true, at) };
  for (const l of labels.slice(0, -2)) {
    const service = serviceForEndpointName(l);
    if (service) return { kind: 'service', service, vpcOnly: known(serviceInfo(service)?.reach === 'vpc-resource', at) };
  }
  return undefined;
}

/** An ARN by its service namespace: a public API the code calls, an identity handed on, or a resource we cannot place. */
function arnMeaning(namespace: string, at: Loc): LiteralMeaning | undefined {
  if (IDENTITY_ARN_SERVICES.includes(namespace)) return undefined;
  const service = Object.prototype.hasOwnProperty.call(IAM_PREFIX_SERVICE, namespace) ? IAM_PREFIX_SERVICE[namespace] : undefined;
  const info = service ? serviceInfo(service) : undefined;
  if (service && info?.reach === 'public-api' && !VPC_RESOURCE_ARN_SERVICES.includes(namespace)) return { kind: 'service', service, vpcOnly: known(false, at) };
  return { kind: 'unclassified', what: `an ARN of service ${namespace}` };
}

/** Reasons of unknowns without a reference; `computed` ones are explained when resources were found. */
function unexplainedReasons(v: Value, haveResources: boolean): UnknownReason[] {
  const out: UnknownReason[] = [];
  // Values share structure (local.b = [local.a, local.a]): each is walked once, or the walk is exponential.
  const seen = new Set<Value>();
  const walk = (x: Value, depth: number): void => {
    if (depth > 64 || out.length > 4 || seen.has(x)) return;
    seen.add(x);
    if (x.kind === 'unknown') {
      if (x.ref) return;
      if (x.jsonOf) {
        walk(x.jsonOf, depth + 1);
        return;
      }
      for (const r of x.reasons) if (!(haveResources && r.code === 'computed')) out.push(r);
    } else if (x.kind === 'list' || x.kind === 'tuple' || x.kind === 'set') for (const i of x.items) walk(i, depth + 1);
    else if (x.kind === 'map' || x.kind === 'object') for (const e of x.entries.values()) walk(e, depth + 1);
  };
  walk(v, 0);
  return out;
}

const NOT_RESOURCE_ROOTS = new Set(['var', 'local', 'module', 'count', 'each', 'path', 'terraform', 'self']);

/** Resources referenced in an expression's syntax (`aws_x.name...`, `data.aws_x.name...`), in module `mod`. */
function syntacticResources(mod: ModuleInstance, expr: Expr): { inst: ResourceInstance; text: string }[] {
  const out: { inst: ResourceInstance; text: string }[] = [];
  const visit = (x: unknown, depth: number): void => {
    if (depth > 64 || typeof x !== 'object' || x === null) return;
    const e = x as Expr;
    if (e.kind === 'GetAttr' || e.kind === 'Index') {
      const chain = traversal(e);
      if (chain) {
        const { root, names } = chain;
        const isData = root === 'data';
        const type = isData ? names[0] : root;
        const name = isData ? names[1] : names[0];
        const attr = isData ? names[2] : names[1];
        if (type && name && !NOT_RESOURCE_ROOTS.has(root) && type.includes('_')) {
          if (!(attr && VALUE_ATTRIBUTES[type]?.includes(attr))) {
            for (const inst of mod.resources({ type, mode: isData ? 'data' : 'managed' })) {
              if (inst.name === name) out.push({ inst, text: `${isData ? 'data.' : ''}${type}.${name}${attr ? `.${attr}` : ''}` });
            }
          }
          return;
        }
      }
    }
    for (const v of Object.values(x as object)) {
      if (Array.isArray(v)) for (const i of v) visit(i, depth + 1);
      else visit(v, depth + 1);
    }
  };
  visit(expr, 0);
  return out;
}

/** `a.b[0].c` → root `a`, names `['b', 'c']` (index steps skipped); undefined for other shapes. */
function traversal(e: Expr): { root: string; names: string[] } | undefined {
  const names: string[] = [];
  let x: Expr = e;
  while (x.kind === 'GetAttr' || x.kind === 'Index') {
    if (x.kind === 'GetAttr') names.unshift(x.name.name);
    x = x.object;
  }
  return x.kind === 'Variable' ? { root: x.name, names } : undefined;
}

/**
 * Whether a resource the function uses is reachable only from inside a VPC (by its configuration: vpcOnlyOf), and
 * whether a resource policy admits requests to it only from a VPC (resource-policies.ts). Such a policy adds its own
 * evidence to `found`; one that applies but cannot be read makes `vpcOnly` unknown (the rules then stay silent).
 */
function resourceReach(ctx: NetContext, inst: ResourceInstance, info: ResourceServiceInfo, found: Finding[]): { vpcOnly: Fact<boolean>; admitted?: { detail: string; at: Loc } } {
  const own = vpcOnlyOf(inst, info.vpcOnly, info.alsoPublicIf);
  if (own.known && own.value) return { vpcOnly: own };
  const policy = resourcePolicyReach(ctx, inst);
  if (!policy) return { vpcOnly: own };
  if (policy.vpcOnly !== true) return { vpcOnly: own.known ? policy.vpcOnly : own };
  const admitted = { detail: policy.detail, at: policy.at };
  // The policy as evidence of its own (the caller's finding carries `admitted` for the dependency).
  found.push({ service: info.service, vpcOnly: own, evidence: { kind: 'policy', detail: policy.detail, at: policy.at, resource: inst.address, resourceAt: headerOf(inst) } });
  return { vpcOnly: own, admitted };
}

/** Applies a catalogue VpcOnlyRule to a resource instance's configuration. */
export function vpcOnlyOf(inst: ResourceInstance, rule: VpcOnlyRule, alsoPublicIf?: { attr: string; service: string }): Fact<boolean> {
  const at = headerOf(inst);
  let f = evalRule(inst, rule, at);
  if (alsoPublicIf && f.known && f.value) {
    const v = inst.attr(alsoPublicIf.attr);
    if (v !== undefined && !isAbsent(v)) {
      const on = v.kind === 'bool' ? v.value : undefined;
      if (on !== false) {
        f = unknownFact(
          on ? `${inst.address} also has the ${serviceInfo(alsoPublicIf.service)?.name ?? alsoPublicIf.service} enabled (${alsoPublicIf.attr}), which the code may use without the VPC` : `${alsoPublicIf.attr} of ${inst.address} is unknown`,
          at,
        );
      }
    }
  }
  return f;
}

function evalRule(inst: ResourceInstance, rule: VpcOnlyRule, at: Loc): Fact<boolean> {
  const dataNote = `${inst.address} is a data source, so its network settings are not known`;
  switch (rule.kind) {
    case 'always':
      return known(true, at);
    case 'never':
      return known(false, at);
    case 'depends':
      return unknownFact(rule.reason, at);
    case 'unless-true':
    case 'if-true': {
      if (inst.mode === 'data') return unknownFact(dataNote, at);
      const v = inst.attr(rule.attr);
      const b = v === undefined || isAbsent(v) ? rule.dflt : v.kind === 'bool' ? v.value : asString(v) === 'true' ? true : asString(v) === 'false' ? false : undefined;
      if (b === undefined) return unknownFact(`${rule.attr} of ${inst.address} is unknown: ${whyUnknown(v as Value)}`, at);
      return known(rule.kind === 'unless-true' ? !b : b, at);
    }
    case 'if-block': {
      if (inst.mode === 'data') return unknownFact(dataNote, at);
      const blocks = inst.nestedBlocks(rule.block);
      if (blocks.some((b) => b.unknownExpansion)) return unknownFact(`whether ${inst.address} has ${rule.block} is unknown`, at);
      return known(blocks.length > 0, at);
    }
  }
}
