// The explanation of one function's network picture: a title and titled sections of lines, each line text with
// the places in the user's files it comes from. Both surfaces show the same explanation: the LSP hover renders it
// as markdown (lsp/hover.ts), the CLI's --explain as indented text or as JSON (cli/format). What to say lives
// here; the surfaces only lay it out, link the locations and show the paths.
//
// Sections: Function (root module, module calls, Region), Attachment, Subnets (AZ, VPC, route table and its
// default routes), Egress (per subnet: the internet, and each AWS service the function uses: NAT, endpoint or
// none), VPC endpoints, Dependencies (with evidence), Event source mappings, Execution role (ENI permissions),
// ENIs and Unknowns (what, reason). Sections about the VPC appear only for a function attached to one.

import { defaultRoute4, endpointFor, ipv6Allowed, subnetEgress, type KnownSubnet } from './egress';
import type {
  AzFact,
  Dependency,
  EndpointPicture,
  Fact,
  FunctionPicture,
  Loc,
  MappingKind,
  RoutePicture,
  RouteTablePicture,
  RouteTableSource,
  RouteTargetKind,
  SubnetEntry,
  UnknownNote,
  VpcPicture,
} from './types';

/**
 * A piece of a line: words; `code`, a name or value from the user's configuration (an address, an id, a service
 * name), which markdown shows as code; or `path`, an absolute directory, which each surface shows its own way.
 */
export type Segment = string | { code: string } | { path: string };

export interface ExplanationLine {
  segments: Segment[];
  /** Where the facts of the line are written, most telling first; no duplicates. */
  locs: Loc[];
  /** Details, shown indented below the line. */
  lines: ExplanationLine[];
}

export interface ExplanationSection {
  title: string;
  lines: ExplanationLine[];
}

export interface Explanation {
  title: Segment[];
  /** The function's block header. */
  at: Loc;
  sections: ExplanationSection[];
}

/** The text of segments: code as is, paths through `showPath`. */
export function segmentsText(segments: readonly Segment[], showPath: (abs: string) => string = (p) => p): string {
  return segments.map((s) => (typeof s === 'string' ? s : 'code' in s ? s.code : showPath(s.path))).join('');
}

/** The explanation of a picture. Pure; every fact and every unknown of the picture that matters is in it. */
export function explainPicture(p: FunctionPicture): Explanation {
  const title: Segment[] = ['Lambda function ', code(p.id)];
  if (p.name.known) title.push(' (function_name ', code(p.name.value), ')');
  if (p.kind === 'lambda-module') title.push(', from a terraform-aws-modules/lambda/aws module call');
  const attached = p.subnets !== undefined;
  const sections: (ExplanationSection | undefined)[] = [
    functionSection(p),
    attachmentSection(p),
    attached ? subnetsSection(p) : undefined,
    egressSection(p),
    attached ? endpointsSection(p) : undefined,
    dependenciesSection(p),
    p.mappings.length > 0 ? mappingsSection(p) : undefined,
    roleSection(p),
    attached || p.eni.combinations.length > 0 ? eniSection(p) : undefined,
    unknownsSection(p),
  ];
  return { title, at: p.locations.header, sections: sections.filter((s): s is ExplanationSection => s !== undefined) };
}

// ---------------------------------------------------------------------------
// Building blocks

function code(s: string): Segment {
  return { code: s };
}

function line(segments: Segment[], locs: (Loc | undefined)[] = [], lines: ExplanationLine[] = []): ExplanationLine {
  const seen = new Set<string>();
  const unique: Loc[] = [];
  for (const l of locs) {
    if (!l) continue;
    const key = `${l.file}\u0000${l.span.start}\u0000${l.span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(l);
  }
  return { segments, locs: unique, lines };
}

/** A fact's value through `show`, or `unknown (reason)`. */
function fact<T>(f: Fact<T>, show: (v: T) => Segment[]): Segment[] {
  return f.known ? show(f.value) : [`unknown (${f.reason})`];
}

/** `a`, `b` and `c` as code, comma-separated; `none` when empty. */
function codeList(items: readonly string[]): Segment[] {
  if (items.length === 0) return ['none'];
  return items.flatMap((s, i) => (i === 0 ? [code(s)] : [', ', code(s)]));
}

/** `what: reason`, or the reason alone when it starts by naming what it is about. */
function noteText(u: UnknownNote): string {
  return u.reason.startsWith(`${u.what} `) ? u.reason : `${u.what}: ${u.reason}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------
// Function and attachment

function functionSection(p: FunctionPicture): ExplanationSection {
  const calls = p.moduleChain.map((m) => line(['Called through ', code(m.address), ' (source ', code(m.source), ')'], [m.at]));
  return {
    title: 'Function',
    lines: [line(['Root module ', { path: p.root }], [], calls), line(['Region: ', ...fact(p.region, (v) => [code(v)])], [p.region.at])],
  };
}

function attachmentSection(p: FunctionPicture): ExplanationSection {
  const a = p.attachment;
  const status = a.status === 'attached' ? 'Attached to a VPC' : a.status === 'not_attached' ? 'Not attached to a VPC' : 'VPC attachment unknown';
  const lines = [line([`${status}: ${a.reason}`], [a.at, p.locations.vpcConfig])];
  if (a.capacityProvider) {
    const cp = a.capacityProvider;
    lines.push(line(['Runs on capacity provider ', ...fact(cp.ref, (v) => [code(v)]), ", whose vpc_config is the function's network"], [cp.at, cp.vpcConfigAt]));
  }
  if (p.securityGroups) {
    const sgs = p.securityGroups;
    const shown = fact(sgs, (v) => (v.length === 0 ? ['none'] : v.flatMap((g, i) => [...(i > 0 ? [', '] : []), ...(g.known ? [code(g.ref)] : [`unknown (${g.reason})`])])));
    lines.push(line(['Security groups: ', ...shown], [p.locations.securityGroupIds ?? sgs.at, p.locations.securityGroupIdsOrigin]));
  }
  if (p.ipv6AllowedForDualStack) {
    const v6 = p.ipv6AllowedForDualStack;
    lines.push(line(['IPv6 for dual-stack subnets: ', ...fact(v6, (v) => [v ? 'allowed' : 'not allowed'])], [p.locations.ipv6AllowedForDualStack ?? v6.at]));
  }
  return { title: 'Attachment', lines };
}

// ---------------------------------------------------------------------------
// Subnets and route tables

function subnetsSection(p: FunctionPicture): ExplanationSection {
  const subnets = p.subnets;
  const lines: ExplanationLine[] = [];
  const listedAt = [p.locations.subnetIds, p.locations.subnetIdsOrigin];
  if (!subnets || !subnets.known) {
    lines.push(line([`Unknown: ${subnets ? subnets.reason : 'the function has no subnets'}`], [...listedAt, subnets?.at]));
    return { title: 'Subnets', lines };
  }
  const azs = p.azs;
  const count = !azs ? 'unknown' : azs.max === azs.min ? `${azs.min}` : `${azs.min} to ${azs.max ?? 'more'}`;
  lines.push(line([`Availability Zones: ${count}${azs?.reason ? ` (${azs.reason})` : ''}`], listedAt));
  if (subnets.value.length === 0) lines.push(line(['None listed']));
  const showIpv6 = ipv6Allowed(p) !== false;
  for (const s of subnets.value) lines.push(subnetLine(s, showIpv6));
  return { title: 'Subnets', lines };
}

function subnetLine(s: SubnetEntry, showIpv6: boolean): ExplanationLine {
  if (!s.known) return line([`Unknown subnet: ${s.reason}`], [s.at]);
  const details = [
    line(['AZ: ', ...az(s.az)], [s.az.at]),
    line(['VPC: ', ...fact(s.vpc, (v) => [code(v)])], [s.vpc.at]),
    s.routeTable.known ? routeTableLine(s.routeTable.value) : line([`Route table: unknown (${s.routeTable.reason})`], [s.routeTable.at]),
  ];
  if (showIpv6) details.push(line(['IPv6 CIDR block: ', ...fact(s.ipv6, (v) => [v ? 'yes (dual-stack)' : 'no'])], [s.ipv6.at]));
  return line([code(s.ref)], [s.at], details);
}

function az(a: AzFact): Segment[] {
  switch (a.kind) {
    case 'name':
      return [code(a.name)];
    case 'id':
      return [code(a.id), ' (zone id)'];
    case 'symbolic':
      // A reference (`data.aws_availability_zones.x.names[0]`) is shown as such; a template with an unknown
      // part (`"${var.region}a"`) by the known text it ends with.
      if (/[.[]/.test(a.member)) return [code(a.member), ', known only at apply (differs from the other elements of its list)'];
      return a.member ? ['known only at apply, ending in ', code(a.member)] : ['known only at apply'];
    case 'unknown':
      return [`unknown (${a.reason})`];
  }
}

const ROUTE_TABLE_SOURCES: Record<RouteTableSource, string> = {
  association: 'associated with the subnet',
  'main-association': "the VPC's main route table, chosen by aws_main_route_table_association",
  'default-route-table': "the VPC's main route table, managed by aws_default_route_table",
  'implicit-main': "the VPC's main route table: no association names the subnet",
};

function routeTableLine(t: RouteTablePicture): ExplanationLine {
  const routes = t.defaultRoutes.map((r) => line([`${r.destination} → `, ...routeTarget(r)], [r.at, r.target.at]));
  if (!t.defaultRoutes.some((r) => r.destination === '0.0.0.0/0')) routes.unshift(line(['No IPv4 default route (0.0.0.0/0)']));
  for (const u of t.unresolvedRoutes) routes.push(line([`Unresolved: ${noteText(u)}`], [u.at]));
  return line(['Route table: ', code(t.ref), ` (${ROUTE_TABLE_SOURCES[t.source] ?? t.source})`], [t.at, t.associationAt], routes);
}

const ROUTE_TARGETS: Record<RouteTargetKind, string> = {
  nat_gateway: 'NAT gateway',
  nat_instance: 'NAT instance',
  transit_gateway: 'transit gateway',
  peering: 'VPC peering connection',
  internet_gateway: 'internet gateway',
  egress_only_internet_gateway: 'egress-only internet gateway',
  vpc_endpoint: 'VPC endpoint (firewall or Gateway Load Balancer)',
  vpn_gateway: 'VPN gateway',
  local: 'local',
  unknown: 'unknown target',
};

/** `NAT gateway aws_nat_gateway.a`, with what a target means for a Lambda ENI where that is not obvious. */
function routeTarget(r: RoutePicture): Segment[] {
  const t = r.target;
  const out: Segment[] = [ROUTE_TARGETS[t.kind] ?? t.kind];
  if (t.ref) out.push(' ', code(t.ref));
  if (t.kind === 'internet_gateway') out.push(' (gives Lambda nothing: its ENIs get no public IP)');
  if (t.kind === 'peering') out.push(' (no internet through it: peering is not transitive)');
  if (t.reason) out.push(` (${t.reason})`);
  return out;
}

// ---------------------------------------------------------------------------
// Egress

/** Where traffic goes from one subnet: an answer, words and the places that tell. */
interface Path {
  answer: 'yes' | 'no' | 'unknown';
  segments: Segment[];
  locs: (Loc | undefined)[];
}

function egressSection(p: FunctionPicture): ExplanationSection {
  const title = 'Egress (IPv4)';
  if (!p.subnets) {
    const why =
      p.attachment.status === 'unknown'
        ? `Unknown: the VPC attachment is unknown (${p.attachment.reason})`
        : p.attachment.capacityProvider
          ? "Through the capacity provider's VPC (not analysed here)"
          : 'Not attached to a VPC: Lambda gives the function internet access and every public AWS API';
    return { title, lines: [line([why])] };
  }
  if (!p.subnets.known) return { title, lines: [line([`Unknown: the subnets are unknown (${p.subnets.reason})`])] };
  const subnets = p.subnets.value;
  if (subnets.length === 0) return { title, lines: [line(['None: no subnets'])] };
  const v6 = ipv6Allowed(p);
  const lines = [pathsLine(['Internet and public AWS APIs: '], subnets, (s) => internetPath(s, v6))];
  for (const d of p.dependencies) {
    const name: Segment[] = [`${d.name} (`, code(d.service), '): '];
    if (!d.vpcOnly.known) lines.push(line([...name, `unknown whether only reachable inside a VPC (${d.vpcOnly.reason})`], [d.vpcOnly.at]));
    else if (d.vpcOnly.value) lines.push(line([...name, 'reached inside the VPC, not through egress'], [d.vpcOnly.at]));
    // A resource policy that admits only requests from a VPC: still reached over the egress path (its endpoint).
    else if (d.admittedOnlyFromVpc) lines.push(pathsLine([...name, `${d.admittedOnlyFromVpc.detail}; `], subnets, (s) => servicePath(p, s, d, v6)));
    else lines.push(pathsLine(name, subnets, (s) => servicePath(p, s, d, v6)));
  }
  return { title, lines };
}

/**
 * One line for a destination: the path when every subnet takes the same one, otherwise a line per path with the
 * subnets that take it.
 */
function pathsLine(head: Segment[], subnets: readonly SubnetEntry[], pathOf: (s: SubnetEntry) => Path): ExplanationLine {
  const groups = new Map<string, { path: Path; subnets: Segment[][] }>();
  subnets.forEach((s, i) => {
    const path = pathOf(s);
    const key = JSON.stringify([path.segments, path.locs]);
    const group = groups.get(key) ?? { path, subnets: [] };
    // An unknown subnet is named by its place in the list.
    group.subnets.push(s.known ? [code(s.ref)] : [`#${i + 1}`]);
    groups.set(key, group);
  });
  const all = [...groups.values()];
  if (all.length === 1) return line([...head, ...all[0].path.segments], all[0].path.locs);
  return line(
    [...head, 'depends on the subnet'],
    [],
    all.map((g) =>
      line([...g.path.segments, ` (${g.subnets.length === 1 ? 'subnet' : 'subnets'} `, ...g.subnets.flatMap((n, i) => (i === 0 ? n : [', ', ...n])), ')'], g.path.locs),
    ),
  );
}

/** How a subnet reaches the internet (see egress.ts). */
function internetPath(s: SubnetEntry, v6: boolean | undefined): Path {
  if (!s.known) return { answer: 'unknown', segments: [`unknown (${s.reason})`], locs: [s.at] };
  if (!s.routeTable.known) return { answer: 'unknown', segments: [`unknown: the route table is unknown (${s.routeTable.reason})`], locs: [s.routeTable.at] };
  const table = s.routeTable.value;
  const r4 = defaultRoute4(table);
  const answer = subnetEgress(s, v6);
  if (answer === 'yes' && r4) return { answer, segments: ['through ', ...routeTarget(r4)], locs: [r4.at] };
  if (answer === 'no') {
    return r4
      ? { answer, segments: ['none: 0.0.0.0/0 goes to ', ...routeTarget(r4)], locs: [r4.at] }
      : { answer, segments: ['none: ', code(table.ref), ' has no default route'], locs: [table.at] };
  }
  if (r4) return { answer: 'unknown', segments: ['unknown: 0.0.0.0/0 goes to ', ...routeTarget(r4), ', which may or may not lead out'], locs: [r4.at] };
  if (table.unresolvedRoutes.length > 0) {
    const u = table.unresolvedRoutes[0];
    return { answer: 'unknown', segments: [`unknown: a route of `, code(table.ref), ` could not be resolved (${u.reason})`], locs: [u.at] };
  }
  const r6 = table.defaultRoutes.find((r) => r.destination === '::/0');
  return { answer: 'unknown', segments: ['unknown: only an IPv6 default route, to ', ...(r6 ? routeTarget(r6) : ['an unknown target'])], locs: [r6?.at] };
}

/** How a subnet reaches a public AWS service: a VPC endpoint for it, else the internet path. */
function servicePath(p: FunctionPicture, s: SubnetEntry, d: Dependency, v6: boolean | undefined): Path {
  const note = d.uncatalogued ? ' (not in our catalogue: assumed a public API)' : '';
  if (!s.known) return { answer: 'unknown', segments: [`unknown (${s.reason})`], locs: [s.at] };
  const ep = endpointFor(p, s, d.service);
  if (ep.answer === 'yes' && ep.endpoint) {
    const e = ep.endpoint;
    return { answer: 'yes', segments: ['through ', ...endpointKind(e), ' ', code(e.ref), note], locs: [e.at] };
  }
  const inet = internetPath(s, v6);
  // A Gateway endpoint for the service that the subnet's route table is not associated with: a common slip.
  const missed = ep.answer === 'no' ? unassociatedEndpoint(p, s, d.service) : undefined;
  const aside: Segment[] = missed ? [' (', code(missed.ref), " is not associated with the subnet's route table)"] : [];
  const locs = [...inet.locs, missed?.at];
  // A resource policy that admits only requests through a VPC endpoint: a NAT route does not count.
  if (d.admittedOnlyFromVpc) {
    if (ep.answer === 'no') return { answer: 'no', segments: ['none: only a VPC endpoint is admitted, and none serves it here', ...aside, note], locs: [d.admittedOnlyFromVpc.at, missed?.at] };
    return { answer: 'unknown', segments: [`unknown: ${ep.reason}`, note], locs: [d.admittedOnlyFromVpc.at] };
  }
  if (inet.answer === 'yes') return { answer: 'yes', segments: [...inet.segments, ...aside, note], locs };
  if (ep.answer === 'no' && inet.answer === 'no') return { answer: 'no', segments: ['none: no NAT route and no VPC endpoint for it', ...aside, note], locs };
  const why: Segment[] = ep.answer === 'unknown' ? [`unknown: ${ep.reason}`] : inet.segments;
  return { answer: 'unknown', segments: [...why, note], locs: inet.locs };
}

/** A Gateway endpoint for the service in the subnet's VPC whose route tables are known and do not include the subnet's. */
function unassociatedEndpoint(p: FunctionPicture, s: KnownSubnet, service: string): EndpointPicture | undefined {
  if (!s.vpc.known || !s.routeTable.known) return undefined;
  const vpcRef = s.vpc.value;
  const table = s.routeTable.value.ref;
  const vpc = p.vpcs.find((v) => v.ref === vpcRef);
  return vpc?.endpoints.find(
    (e) => e.service.known && e.service.value === service && e.type.known && e.type.value === 'Gateway' && e.routeTables?.known === true && !e.routeTables.value.includes(table),
  );
}

function endpointKind(e: EndpointPicture): Segment[] {
  return [e.type.known ? `${e.type.value} endpoint` : 'VPC endpoint'];
}

// ---------------------------------------------------------------------------
// Endpoints, dependencies, mappings

function endpointsSection(p: FunctionPicture): ExplanationSection {
  const lines = p.vpcs.map(vpcLine);
  if (lines.length === 0) lines.push(line(["No VPC known for the function's subnets"]));
  return { title: 'VPC endpoints', lines };
}

function vpcLine(v: VpcPicture): ExplanationLine {
  const lines = v.endpoints.map(endpointLine);
  if (lines.length === 0) lines.push(line(['None']));
  for (const u of v.unresolvedEndpoints) lines.push(line([`Perhaps: ${u.reason}`], [u.at]));
  return line(['In ', code(v.ref)], [v.at], lines);
}

function endpointLine(e: EndpointPicture): ExplanationLine {
  const head: Segment[] = [code(e.ref), ': ', ...(e.type.known ? [`${e.type.value} endpoint`] : [`endpoint of unknown type (${e.type.reason})`])];
  head.push(' for ', ...fact(e.service, (v) => [code(v)]));
  const details = [line(['Service name: ', ...fact(e.serviceName, (v) => [code(v)])], [e.serviceName.at])];
  if (e.routeTables) details.push(line(['Route tables: ', ...fact(e.routeTables, codeList)], [e.routeTables.at]));
  if (e.subnets) details.push(line(['Subnets: ', ...fact(e.subnets, codeList)], [e.subnets.at]));
  if (e.privateDnsEnabled) details.push(line(['Private DNS: ', ...fact(e.privateDnsEnabled, (v) => [v ? 'enabled' : 'disabled'])], [e.privateDnsEnabled.at]));
  return line(head, [e.at], details);
}

function dependenciesSection(p: FunctionPicture): ExplanationSection {
  const lines = p.dependencies.map(dependencyLine);
  if (lines.length === 0) lines.push(line(['None found']));
  const missing = p.dependenciesComplete.reasons;
  if (!p.dependenciesComplete.complete) {
    const what = missing.length > 0 ? missing.map((u) => segmentsText(unknownSubject(p, u.what))).join('; ') : 'some sources';
    lines.push(line([`Perhaps more: ${what} could not be resolved (see Unknowns)`]));
  }
  return { title: 'Dependencies', lines };
}

function dependencyLine(d: Dependency): ExplanationLine {
  const reach = fact(d.vpcOnly, (v) => [v ? 'reachable only inside a VPC' : 'public AWS API']);
  const note = d.uncatalogued ? ' (not in our catalogue: assumed a public API)' : '';
  const evidence = d.evidence.map((e) => line([e.detail], [e.at, e.resourceAt]));
  // The evidence lines carry the locations; an unknown reach carries its own.
  return line([`${d.name} (`, code(d.service), '): ', ...reach, note], d.vpcOnly.known ? [] : [d.vpcOnly.at], evidence);
}

const MAPPING_KINDS: Record<MappingKind, string> = {
  sqs: 'SQS queue',
  kinesis: 'Kinesis stream',
  dynamodb: 'DynamoDB stream',
  msk: 'MSK cluster',
  mq: 'Amazon MQ broker',
  kafka: 'self-managed Kafka',
  docdb: 'DocumentDB change stream',
  unknown: 'unknown source',
};

function mappingsSection(p: FunctionPicture): ExplanationSection {
  const lines = p.mappings.map((m) => {
    const enis = m.enis
      ? [line([`Creates its own ENIs: ${m.enis.complete ? '' : 'at least '}${plural(m.enis.combinations.length, 'subnet and security-group combination')}`])]
      : [];
    return line([code(m.ref), `: ${MAPPING_KINDS[m.kind] ?? m.kind}`, ...(m.source ? [' ', code(m.source)] : [])], [m.at], enis);
  });
  return { title: 'Event source mappings (polled by the Lambda service, not by the code)', lines };
}

// ---------------------------------------------------------------------------
// Role, ENIs, unknowns

function roleSection(p: FunctionPicture): ExplanationSection {
  const r = p.role;
  const policies = r.policies.map((x) => {
    // A role not managed here has one "policy" labelled with the role itself: its policies are not visible.
    if (!x.resolved && r.ref.known && x.label === r.ref.value) return line([`Policies: unknown (${x.reason ?? 'not visible'})`], [x.at]);
    return line([x.label, ...(x.resolved ? [] : [`: not resolved (${x.reason ?? 'unknown'})`])], [x.at]);
  });
  const lines = [line(['Role: ', ...fact(r.ref, (v) => [code(v)])], [r.at, p.locations.role], policies)];
  const eni = r.eniPermissions;
  const eniText = eni.known ? (eni.value ? 'granted' : 'missing') : `unknown (${eni.reason})`;
  const needed = p.attachment.status === 'not_attached' ? ' (needed only for a VPC attachment)' : '';
  lines.push(line([`ENI permissions${needed}: ${eniText}`], eni.known ? r.eniEvidence : [eni.at, ...r.eniEvidence]));
  if (r.attachNetworkPolicy) {
    lines.push(line(['attach_network_policy: ', ...fact(r.attachNetworkPolicy, (v) => [code(String(v))])], [p.locations.attachNetworkPolicy ?? r.attachNetworkPolicy.at]));
  }
  return { title: 'Execution role', lines };
}

function eniSection(p: FunctionPicture): ExplanationSection {
  const e = p.eni;
  const combos = e.combinations.map((c) =>
    line([code(c.subnet), ...(c.securityGroups.length > 0 ? [' with ', ...codeList(c.securityGroups)] : [' without security groups']), ...(c.region ? [' in ', code(c.region)] : [])]),
  );
  const count = `${e.complete ? '' : 'At least '}${plural(e.combinations.length, 'Hyperplane ENI')}`;
  return { title: 'ENIs', lines: [line([`${count}: one per subnet and security-group combination, shared by functions that use it`], [], combos)] };
}

function unknownsSection(p: FunctionPicture): ExplanationSection {
  const lines = p.unknowns.map((u) => line(u.reason.startsWith(`${u.what} `) ? [u.reason] : [...unknownSubject(p, u.what), `: ${u.reason}`], [u.at]));
  if (lines.length === 0) lines.push(line(['None: every fact above is known']));
  return { title: 'Unknowns', lines };
}

/** Names of picture fields in an unknown's `what` path. */
const FIELD_NAMES: ReadonlyMap<string, string> = new Map(Object.entries({
  name: 'function_name',
  region: 'Region',
  attachment: 'VPC attachment',
  subnets: 'subnets',
  securityGroups: 'security groups',
  ipv6AllowedForDualStack: 'ipv6_allowed_for_dual_stack',
  az: 'Availability Zone',
  vpc: 'VPC',
  routeTable: 'route table',
  mapPublicIpOnLaunch: 'map_public_ip_on_launch',
  ipv6: 'IPv6 CIDR block',
  type: 'type',
  serviceName: 'service_name',
  service: 'service',
  routeTables: 'route tables',
  privateDnsEnabled: 'private DNS',
  vpcOnly: 'whether it is only reachable inside a VPC',
  'role.ref': 'execution role',
  'role.eniPermissions': 'ENI permissions',
  'role.attachNetworkPolicy': 'attach_network_policy',
}));

/**
 * What an unknown is about, readable: a path into the picture (`subnets.value[0].az`) becomes the field of the
 * thing it belongs to (`Availability Zone of aws_subnet.a[0]`); other notes (`execution role`) stay as they are.
 */
function unknownSubject(p: FunctionPicture, what: string): Segment[] {
  if (!/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*|\[\d+\])*$/.test(what)) return [what];
  let node: unknown = p;
  let owner: string | undefined;
  let fields: string[] = [];
  for (const step of what.match(/[A-Za-z][A-Za-z0-9]*|\[\d+\]/g) ?? []) {
    if (typeof node !== 'object' || node === null) return [what];
    if (step.startsWith('[')) {
      node = (node as unknown[])[Number(step.slice(1, -1))];
      const ref = (node as { ref?: unknown } | undefined)?.ref;
      if (typeof ref === 'string') {
        owner = ref;
        fields = [];
      }
    } else {
      node = (node as Record<string, unknown>)[step];
      if (step !== 'value') fields.push(step);
    }
  }
  const field = fields.join('.');
  const label = FIELD_NAMES.get(field) ?? (field || what);
  return owner ? [`${label} of `, code(owner)] : [label];
}
