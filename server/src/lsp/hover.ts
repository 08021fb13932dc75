// Hover (and the `lambdaVpcLint.networkPicture` command): on the header of an `aws_lambda_function`
// resource or a Lambda module call, or inside its VPC settings, the function's network picture as
// markdown, rendered from the analysis' `FunctionPicture`s by `renderPictureMarkdown`.

import type { Hover, Position as LspPosition } from 'vscode-languageserver';
import type { Block, ConfigFile } from '../hcl/ast';
import { blocks } from '../hcl/ast';
import type {
  AzFact,
  Dependency,
  EndpointPicture,
  Fact,
  FunctionPicture,
  Loc,
  RouteTablePicture,
  RoutePicture,
  SubnetEntry,
  UnknownNote,
} from '../network/types';
import { PositionMapper } from './convert';

/** What the hover needs from the workspace. */
export interface HoverSource {
  parsed(path: string): ConfigFile | undefined;
  picturesFor(path: string): FunctionPicture[];
  /** A link target for a location (`file:///...#L12`) and its label (`lambda.tf:12`). */
  link(loc: Loc): { label: string; target: string } | undefined;
  /** How to show an absolute directory (relative to its workspace folder). */
  showPath(path: string): string;
}

/** The module sources that make a `module` block a Lambda function (a registry model knows their arguments). */
const LAMBDA_MODULE_SOURCE = /(^|\/\/|\/)terraform-aws-modules\/lambda\/aws($|\/\/|\?)/;
/** At most this many pictures (instances, callers) are shown for one block. */
const MAX_PICTURES = 5;
/** At most this many unknowns are listed per picture. */
const MAX_UNKNOWNS = 20;

interface FunctionBlock {
  block: Block;
  kind: 'resource' | 'lambda-module';
  name: string;
}

/** The function block whose header or VPC settings contain the offset. */
function functionBlockAt(file: ConfigFile, offset: number): FunctionBlock | undefined {
  for (const b of file.body.items) {
    if (b.kind !== 'Block' || offset < b.span.start || offset > b.span.end) continue;
    const inHeader = offset <= b.open.end;
    if (b.type.name === 'resource' && b.labels.length === 2 && b.labels[0].value === 'aws_lambda_function') {
      const inVpc = blocks(b.body, 'vpc_config').some((v) => within(offset, v.span)) || blocks(b.body, 'dynamic').some((d) => d.labels[0]?.value === 'vpc_config' && within(offset, d.span));
      if (inHeader || inVpc) return { block: b, kind: 'resource', name: b.labels[1].value };
    }
    if (b.type.name === 'module' && b.labels.length === 1) {
      const inVpc = b.body.items.some((i) => i.kind === 'Attribute' && (i.name.name.startsWith('vpc_') || i.name.name === 'attach_network_policy') && within(offset, i.span));
      if (inHeader || inVpc) return { block: b, kind: 'lambda-module', name: b.labels[0].value };
    }
  }
  return undefined;
}

function within(offset: number, s: { start: number; end: number }): boolean {
  return offset >= s.start && offset <= s.end;
}

/** The pictures of the function declared by `target` in `path`: one per instance and per root module that reaches it. */
function picturesOf(source: HoverSource, path: string, target: FunctionBlock): FunctionPicture[] {
  const tail = target.kind === 'resource' ? `aws_lambda_function.${target.name}` : `module.${target.name}`;
  const seen = new Set<string>();
  const out: FunctionPicture[] = [];
  for (const p of source.picturesFor(path)) {
    if (p.kind !== target.kind || p.locations.header.file !== path) continue;
    // The address without its module path and instance key names the block.
    const bare = p.id.replace(/\[[^\]]*\]$/, '');
    if (bare !== tail && !bare.endsWith('.' + tail)) continue;
    const key = `${p.root}|${p.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

/** The hover markdown for the function at a position, or null when there is no function there. */
export function networkPictureAt(source: HoverSource, path: string, position: LspPosition): { markdown: string; block: Block; file: ConfigFile } | null {
  const file = source.parsed(path);
  if (!file) return null;
  const offset = new PositionMapper(file.text, file.lineIndex).offset(position);
  const target = functionBlockAt(file, offset);
  if (!target) return null;
  const pictures = picturesOf(source, path, target);
  if (target.kind === 'lambda-module' && pictures.length === 0 && !isLambdaModuleSource(target.block)) return null;
  const link = (l: Loc | undefined): string => {
    const r = l && source.link(l);
    return r ? ` ([${r.label}](${r.target}))` : '';
  };
  let markdown: string;
  if (pictures.length === 0) {
    const address = target.kind === 'resource' ? `aws_lambda_function.${target.name}` : `module.${target.name}`;
    markdown = `**Lambda function \`${address}\`**\n\nNo network picture: the analysis has not produced one for this function (yet).`;
  } else {
    const shown = pictures.slice(0, MAX_PICTURES).map((p) => renderPictureMarkdown(p, { link, showPath: (d) => source.showPath(d) }));
    if (pictures.length > MAX_PICTURES) shown.push(`_…and ${pictures.length - MAX_PICTURES} more instances._`);
    markdown = shown.join('\n\n---\n\n');
  }
  return { markdown, block: target.block, file };
}

function isLambdaModuleSource(b: Block): boolean {
  const src = b.body.items.find((i) => i.kind === 'Attribute' && i.name.name === 'source');
  if (src?.kind !== 'Attribute' || src.expr.kind !== 'Template') return false;
  return src.expr.parts.some((p) => p.kind === 'TemplateLiteral' && LAMBDA_MODULE_SOURCE.test(p.value));
}

export function hoverAt(source: HoverSource, path: string, position: LspPosition): Hover | null {
  const r = networkPictureAt(source, path, position);
  if (!r) return null;
  const mapper = new PositionMapper(r.file.text, r.file.lineIndex);
  return {
    contents: { kind: 'markdown', value: r.markdown },
    range: mapper.range({ start: r.block.span.start, end: r.block.open.end }),
  };
}

// ---------------------------------------------------------------------------
// Rendering

/** `code` that survives backticks in the value. */
function code(s: string): string {
  const t = s.replace(/\s+/g, ' ');
  return t.includes('`') ? '`` ' + t + ' ``' : '`' + t + '`';
}

/** Text that markdown must not interpret. */
function text(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|])/g, '\\$1').replace(/\s+/g, ' ');
}

function fact<T>(f: Fact<T> | undefined, show: (v: T) => string): string {
  if (!f) return 'none';
  return f.known ? show(f.value) : `unknown (${text(f.reason)})`;
}

function az(a: AzFact): string {
  switch (a.kind) {
    case 'name':
      return code(a.name);
    case 'id':
      return code(a.id);
    case 'symbolic':
      return `${code(a.member)} of ${code(a.set)}`;
    case 'unknown':
      return `unknown (${text(a.reason)})`;
  }
}

const ROUTE_TARGET_LABELS: Record<string, string> = {
  nat_gateway: 'NAT gateway',
  nat_instance: 'NAT instance',
  transit_gateway: 'transit gateway',
  peering: 'VPC peering',
  internet_gateway: 'internet gateway (no internet for Lambda: its ENIs get no public IP)',
  egress_only_internet_gateway: 'egress-only internet gateway',
  vpc_endpoint: 'VPC endpoint',
  vpn_gateway: 'VPN gateway',
  local: 'local',
  unknown: 'unknown target',
};

function route(r: RoutePicture): string {
  const t = r.target;
  const label = ROUTE_TARGET_LABELS[t.kind] ?? t.kind;
  return `${r.destination} → ${label}${t.ref ? ' ' + code(t.ref) : ''}${t.reason ? ` (${text(t.reason)})` : ''}`;
}

function routeTable(rt: RouteTablePicture): string {
  const routes = rt.defaultRoutes.length > 0 ? rt.defaultRoutes.map(route).join('; ') : 'no default route';
  const unresolved = rt.unresolvedRoutes.length > 0 ? `; ${rt.unresolvedRoutes.length} route(s) unresolved` : '';
  return `${code(rt.ref)} (${rt.source.replace(/-/g, ' ')}): ${routes}${unresolved}`;
}

function subnet(s: SubnetEntry, link: (l: Loc | undefined) => string): string {
  if (!s.known) return `- unknown subnet: ${text(s.reason)}${link(s.at)}`;
  return [
    `- ${code(s.ref)}${link(s.at)}`,
    `  - AZ: ${az(s.az)}`,
    `  - route table: ${fact(s.routeTable, routeTable)}`,
  ].join('\n');
}

function endpoint(e: EndpointPicture, link: (l: Loc | undefined) => string): string {
  const parts = [`${fact(e.type, (t) => t)} ${fact(e.serviceName, code)}`];
  if (e.routeTables) parts.push(`route tables: ${fact(e.routeTables, (v) => (v.length ? v.map(code).join(', ') : 'none'))}`);
  if (e.subnets) parts.push(`subnets: ${fact(e.subnets, (v) => (v.length ? v.map(code).join(', ') : 'none'))}`);
  if (e.privateDnsEnabled) parts.push(`private DNS: ${fact(e.privateDnsEnabled, (v) => (v ? 'on' : 'off'))}`);
  return `- ${code(e.ref)}${link(e.at)}: ${parts.join('; ')}`;
}

function dependency(d: Dependency, link: (l: Loc | undefined) => string): string {
  const where = fact(d.vpcOnly, (v) => (v ? 'reachable only inside a VPC' : 'public AWS API'));
  const lines = [`- **${text(d.name)}** (${code(d.service)}): ${where}${d.uncatalogued ? ', not in our catalogue (assumed public)' : ''}`];
  for (const e of d.evidence) lines.push(`  - ${text(e.detail)}${link(e.at)}`);
  return lines.join('\n');
}

/** Where IPv4 traffic to the internet and AWS APIs goes, per subnet, summarised. */
function egress(p: FunctionPicture): string {
  if (!p.subnets) return 'none (not attached: Lambda gives the function internet access)';
  if (!p.subnets.known) return `unknown (${text(p.subnets.reason)})`;
  const kinds = new Set<string>();
  let unknown = 0;
  for (const s of p.subnets.value) {
    if (!s.known || !s.routeTable.known) {
      unknown++;
      continue;
    }
    const v4 = s.routeTable.value.defaultRoutes.filter((r) => r.destination === '0.0.0.0/0');
    if (v4.length === 0) kinds.add('no default route');
    for (const r of v4) kinds.add(ROUTE_TARGET_LABELS[r.target.kind] ?? r.target.kind);
  }
  const parts = [...kinds].sort();
  if (unknown > 0) parts.push(`${unknown} subnet(s) unknown`);
  return parts.length > 0 ? parts.join('; ') : 'no subnets';
}

function unknownNote(u: UnknownNote, link: (l: Loc | undefined) => string): string {
  return `- ${text(u.what)}: ${text(u.reason)}${link(u.at)}`;
}

/**
 * The markdown picture of one function instance: attachment, subnets (AZ, route table, default
 * route), the egress path, the endpoints, the dependencies with their evidence and every unknown
 * with its reason (the first MAX_UNKNOWNS). `link` renders a location as a link (or '' to omit it),
 * `showPath` an absolute directory.
 */
export function renderPictureMarkdown(
  p: FunctionPicture,
  { link = () => '', showPath = (d) => d }: { link?: (l: Loc | undefined) => string; showPath?: (dir: string) => string } = {},
): string {
  const out: string[] = [];
  const title = p.kind === 'resource' ? 'Lambda function' : 'Lambda module';
  const name = p.name.known ? ` ${code(p.name.value)}` : '';
  out.push(`**${title} ${code(p.id)}**${name}`);
  const via = p.moduleChain.map((m) => `${code(m.address)} (${code(m.source)})`).join(' → ');
  out.push(`Root module ${code(showPath(p.root))}${via ? `, via ${via}` : ''}; Region ${fact(p.region, code)}.`);

  const a = p.attachment;
  const status = a.status === 'attached' ? 'attached to a VPC' : a.status === 'not_attached' ? 'not attached to a VPC' : 'VPC attachment unknown';
  out.push(`**Network:** ${status} — ${text(a.reason)}${link(a.at)}`);
  if (a.capacityProvider) out.push(`Capacity provider: ${fact(a.capacityProvider.ref, code)}${link(a.capacityProvider.at)}`);

  if (p.subnets) {
    const azs = p.azs ? (p.azs.max === p.azs.min ? `${p.azs.min}` : `${p.azs.min} to ${p.azs.max ?? 'more'}`) : '?';
    const header = `**Subnets** (Availability Zones: ${azs}${p.azs?.reason ? `; ${text(p.azs.reason)}` : ''})`;
    out.push(p.subnets.known ? [header, ...p.subnets.value.map((s) => subnet(s, link))].join('\n') : `${header}: unknown (${text(p.subnets.reason)})`);
  }
  if (p.securityGroups) {
    out.push(`**Security groups:** ${fact(p.securityGroups, (v) => (v.length ? v.map((g) => (g.known ? code(g.ref) : `unknown (${text(g.reason)})`)).join(', ') : 'none'))}`);
  }
  if (p.ipv6AllowedForDualStack) out.push(`IPv6 for dual-stack: ${fact(p.ipv6AllowedForDualStack, (v) => (v ? 'allowed' : 'not allowed'))}`);
  out.push(`**Egress (IPv4):** ${egress(p)}`);

  for (const v of p.vpcs) {
    const lines = [`**Endpoints in VPC ${code(v.ref)}**${link(v.at)}`];
    if (v.endpoints.length === 0) lines.push('- none');
    for (const e of v.endpoints) lines.push(endpoint(e, link));
    for (const u of v.unresolvedEndpoints) lines.push(unknownNote(u, link));
    out.push(lines.join('\n'));
  }

  const deps = [`**Dependencies**${p.dependenciesComplete.complete ? '' : ' (incomplete)'}`];
  if (p.dependencies.length === 0) deps.push('- none found');
  for (const d of p.dependencies) deps.push(dependency(d, link));
  out.push(deps.join('\n'));

  const eni = p.eni;
  out.push(`**ENIs:** ${eni.combinations.length}${eni.complete ? '' : ' or more'} subnet/security-group combination(s)`);
  const role = p.role;
  out.push(`**Execution role:** ${fact(role.ref, code)}${link(role.at)}; ENI permissions: ${fact(role.eniPermissions, (v) => (v ? 'granted' : 'missing'))}`);

  if (p.unknowns.length > 0) {
    const lines = ['**Unknowns**', ...p.unknowns.slice(0, MAX_UNKNOWNS).map((u) => unknownNote(u, link))];
    if (p.unknowns.length > MAX_UNKNOWNS) lines.push(`- _…and ${p.unknowns.length - MAX_UNKNOWNS} more_`);
    out.push(lines.join('\n'));
  }
  return out.join('\n\n');
}
