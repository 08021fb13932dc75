// Hover (and the `lambdaVpcLint.networkPicture` command): on the header of an `aws_lambda_function`
// resource or a Lambda module call, or inside its VPC settings, the function's network picture as
// markdown, rendered from the analysis' `FunctionPicture`s by `renderPictureMarkdown`.

import type { Hover, Position as LspPosition } from 'vscode-languageserver';
import type { Block, ConfigFile } from '../hcl/ast';
import { blocks } from '../hcl/ast';
import { explainPicture, type ExplanationLine, type Segment } from '../network/explain';
import type { FunctionPicture, Loc } from '../network/types';
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
/** At most this many lines of a section (not counting their details) are shown. */
const MAX_LINES = 20;

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
  let markdown: string;
  if (pictures.length === 0) {
    const address = target.kind === 'resource' ? `aws_lambda_function.${target.name}` : `module.${target.name}`;
    markdown = `**Lambda function \`${address}\`**\n\nNo network picture: the analysis has not produced one for this function (yet).`;
  } else {
    const shown = pictures.slice(0, MAX_PICTURES).map((p) => renderPictureMarkdown(p, { link: (l) => source.link(l), showPath: (d) => source.showPath(d) }));
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
// Rendering: the explanation (network/explain.ts) as markdown. What it says is decided there, so that the
// hover and the CLI's --explain show the same facts.

/** How the markdown links a location and shows an absolute directory. */
export interface MarkdownOptions {
  /** A link for a location (label and target), or undefined to show none. */
  link?: (l: Loc) => { label: string; target: string } | undefined;
  showPath?: (dir: string) => string;
}

/** `code` that survives backticks in the value. */
function code(s: string): string {
  const t = s.replace(/\s+/g, ' ');
  return t.includes('`') ? '`` ' + t + ' ``' : '`' + t + '`';
}

/** Text that markdown must not interpret. */
function text(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|])/g, '\\$1').replace(/\s+/g, ' ');
}

function segments(parts: readonly Segment[], showPath: (dir: string) => string): string {
  return parts.map((s) => (typeof s === 'string' ? text(s) : 'code' in s ? code(s.code) : code(showPath(s.path)))).join('');
}

function links(locs: readonly Loc[], link: NonNullable<MarkdownOptions['link']>): string {
  const shown = locs.flatMap((l) => {
    const r = link(l);
    return r ? [`[${text(r.label)}](${r.target})`] : [];
  });
  return shown.length > 0 ? ` (${shown.join(', ')})` : '';
}

/**
 * The markdown picture of one function instance: the explanation's title, then each section as a bold title over
 * a nested list. A hover stays short: a section shows at most MAX_LINES lines (the unknowns can be many).
 */
export function renderPictureMarkdown(p: FunctionPicture, { link = () => undefined, showPath = (d) => d }: MarkdownOptions = {}): string {
  const e = explainPicture(p);
  const render = (l: ExplanationLine, depth: number): string[] => [
    `${'  '.repeat(depth)}- ${segments(l.segments, showPath)}${links(l.locs, link)}`,
    ...l.lines.flatMap((c) => render(c, depth + 1)),
  ];
  const out = [`**${segments(e.title, showPath)}**${links([e.at], link)}`];
  for (const section of e.sections) {
    const lines = section.lines.slice(0, MAX_LINES).flatMap((l) => render(l, 0));
    if (section.lines.length > MAX_LINES) lines.push(`- _…and ${section.lines.length - MAX_LINES} more_`);
    out.push([`**${text(section.title)}**`, ...lines].join('\n'));
  }
  return out.join('\n\n');
}
