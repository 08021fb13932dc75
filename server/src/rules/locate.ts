// Where a finding is reported. A rule names an anchor (the subnet list, the vpc_config block, the role, the
// block header); this file turns it into a place in the user's files:
// - an aws_lambda_function in the root module: the anchor itself (the whole `subnet_ids = ...` attribute, the
//   `vpc_config` / `dynamic "vpc_config"` header, the `role` attribute, the block header);
// - a Lambda module call (terraform-aws-modules/lambda): `vpc_subnet_ids` for subnet anchors, the first `vpc_*`
//   argument for vpc_config anchors, the call header otherwise;
// - a function inside child modules: the outermost module call argument that supplies the anchored value (followed
//   through `var.x` arguments), else the outermost call header; the inner place becomes related information.

import { findAttribute, type Attribute, type Block, type Body, type ConfigFile, type Expr } from '../hcl/ast';
import type { Span } from '../hcl/source';
import type { FunctionPicture, Loc, ModuleCallLink } from '../network/types';
import { isOverrideFile, layerAttribute } from '../terraform/loader';
import { functionId, type Draft, type RuleContext } from './context';
import type { Fix, RelatedLocation } from './types';

export type Anchor = 'subnets' | 'vpcConfig' | 'role' | 'header';

export interface Place {
  file: string;
  span: Span;
  related: RelatedLocation[];
}

/** The attribute (with its body's module scope) that holds a value where the user can change it. */
export interface EditableAttribute {
  file: ConfigFile;
  attr: Attribute;
  /** Address of the module instance whose scope the attribute's expression is evaluated in ('' = root). */
  module: string;
}

// ---------------------------------------------------------------------------
// Syntax lookups

/** Every block of a body, depth first (nested blocks included). */
function* allBlocks(body: Body): Generator<Block> {
  for (const item of body.items) {
    if (item.kind !== 'Block') continue;
    yield item;
    yield* allBlocks(item.body);
  }
}

/**
 * The blocks and attributes of a file by position, built once per (immutable) syntax tree: rules ask
 * for places again and again (the ENI quota rule for every contributing function of every finding),
 * and a walk of the file per question made that quadratic.
 */
interface FileIndex {
  /** Blocks by the start of their type name; the first in depth-first order wins. */
  blocks: Map<number, Block>;
  /** Attributes by `start:end` of their expression and of their whole span; the first wins, top-level ones before those in blocks. */
  attributes: Map<string, Attribute>;
}

const indexes = new WeakMap<ConfigFile, FileIndex>();

function indexOf(file: ConfigFile): FileIndex {
  let index = indexes.get(file);
  if (index) return index;
  const built: FileIndex = { blocks: new Map(), attributes: new Map() };
  const addAttributes = (body: Body): void => {
    for (const item of body.items) {
      if (item.kind !== 'Attribute') continue;
      for (const key of [spanKey(item.expr.span), spanKey(item.span)]) if (!built.attributes.has(key)) built.attributes.set(key, item);
    }
  };
  addAttributes(file.body);
  for (const b of allBlocks(file.body)) {
    if (!built.blocks.has(b.type.span.start)) built.blocks.set(b.type.span.start, b);
    addAttributes(b.body);
  }
  indexes.set(file, built);
  return built;
}

function spanKey(span: Span): string {
  return `${span.start}:${span.end}`;
}

/** The block whose type name starts at `start` (a header location's start), at any depth. */
export function blockAt(file: ConfigFile, start: number): Block | undefined {
  return indexOf(file).blocks.get(start);
}

/** The attribute whose expression or whole span is exactly `span`, at any depth. */
export function attributeAt(file: ConfigFile, span: Span): Attribute | undefined {
  return indexOf(file).attributes.get(spanKey(span));
}

/** `var.a[0].b` → `a` (also inside a JSON-style `"${var.a}"` template); undefined for anything else. */
export function variableRoot(e: Expr): string | undefined {
  let x = e;
  if (x.kind === 'Template' && x.parts.length === 1 && x.parts[0].kind === 'TemplateInterp') x = x.parts[0].expr;
  let name: string | undefined;
  while (x.kind === 'GetAttr' || x.kind === 'Index' || x.kind === 'Parens' || x.kind === 'Splat') {
    if (x.kind === 'GetAttr') name = x.name.name;
    x = x.kind === 'Parens' ? x.expr : x.kind === 'Splat' ? x.source : x.object;
  }
  return x.kind === 'Variable' && x.name === 'var' ? name : undefined;
}

// ---------------------------------------------------------------------------
// Override files
//
// A declaration that override files merge into takes each argument and nested block type from the last block that
// sets it (see terraform/model.ts). Edits must go where the effective argument is written: fixes built from exact
// locations (an argument's location, traced call arguments) do so; fixes that edit a declaration's body by its
// header (add or remove arguments and blocks) are not offered for a declaration with override blocks.

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(0, i) : '';
}

/** Whether the directory of `file` has an override file among the analysed files (when there is no workspace to ask). */
function dirHasOverrides(ctx: RuleContext, file: string): boolean {
  const dir = dirOf(file);
  return ctx.files.some((f) => dirOf(f.file.path) === dir && isOverrideFile(f.file.path.slice(dir.length + 1)));
}

/**
 * Whether override files merge into the block that declares the function: its `aws_lambda_function` block, or the
 * Lambda module call. Without a workspace, whether its directory has override files at all.
 */
export function declarationOverridden(ctx: RuleContext, pic: FunctionPicture): boolean {
  const ws = ctx.workspace;
  if (!ws) return dirHasOverrides(ctx, pic.locations.header.file);
  const inst = ws.instance(pic.id, pic.root);
  if (!inst) return dirHasOverrides(ctx, pic.locations.header.file);
  if (inst.decl) return inst.decl.layers !== undefined;
  return inst.module.call?.layers !== undefined;
}

/**
 * The argument `name` of a module call in effect, with its file: from the last of the call's blocks that sets it
 * when override files merge into the call. Undefined when it is not set or cannot be found.
 */
function callArgument(ctx: RuleContext, pic: FunctionPicture, link: ModuleCallLink, name: string): { attr: Attribute; file: ConfigFile; path: string } | undefined {
  const call = ctx.workspace?.moduleAt(link.address, pic.root)?.call;
  if (call?.layers) {
    const a = layerAttribute(call, name);
    const file = a && ctx.file(a.file);
    return a && file ? { attr: a.attr, file, path: a.file } : undefined;
  }
  if (!call && dirHasOverrides(ctx, link.at.file)) return undefined;
  const file = ctx.file(link.at.file);
  const block = file && blockAt(file, link.at.span.start);
  const arg = block && findAttribute(block.body, name);
  return file && arg ? { attr: arg, file, path: link.at.file } : undefined;
}

// ---------------------------------------------------------------------------
// The function's module chain

/**
 * The module calls above the block that declares the function. A Lambda module modelled as synthetic resources has
 * its own call as the last link of `moduleChain`; that call *is* the function, so it is not a parent.
 */
export function parentChain(pic: FunctionPicture): ModuleCallLink[] {
  const chain = pic.moduleChain;
  const last = chain[chain.length - 1];
  if (pic.kind === 'lambda-module' && last && sameLoc(last.at, pic.locations.header)) return chain.slice(0, -1);
  return chain;
}

/** Address of the module instance that holds the function's block (or its Lambda module call). */
export function ownerModule(pic: FunctionPicture): string {
  if (pic.kind === 'resource') return pic.module;
  const chain = parentChain(pic);
  return chain.length === pic.moduleChain.length ? pic.module : (chain[chain.length - 1]?.address ?? '');
}

function sameLoc(a: Loc, b: Loc): boolean {
  return a.file === b.file && a.span.start === b.span.start && a.span.end === b.span.end;
}

// ---------------------------------------------------------------------------
// Anchors

interface Inner {
  loc: Loc;
  /** The attribute written at the function, when the anchor is (or follows) one. */
  attr?: Attribute;
  /** What the inner place is, for the related note: "subnet_ids", "vpc_config", ... */
  what: string;
}

function attrPlace(ctx: RuleContext, at: Loc | undefined): { loc: Loc; attr: Attribute } | undefined {
  if (!at) return undefined;
  const file = ctx.file(at.file);
  const attr = file && attributeAt(file, at.span);
  return attr ? { loc: { file: at.file, span: attr.span }, attr } : undefined;
}

/** The first `vpc_*` argument of a Lambda module call, by its header location. */
function firstVpcArgument(ctx: RuleContext, header: Loc): Attribute | undefined {
  const file = ctx.file(header.file);
  const call = file && blockAt(file, header.span.start);
  return call?.body.items.find((i): i is Attribute => i.kind === 'Attribute' && i.name.name.startsWith('vpc_'));
}

function innerPlace(ctx: RuleContext, pic: FunctionPicture, anchor: Anchor): Inner {
  const L = pic.locations;
  const header: Inner = { loc: L.header, what: pic.kind === 'lambda-module' ? 'module call' : 'function' };
  const subnets = attrPlace(ctx, L.subnetIds);
  switch (anchor) {
    case 'subnets':
      if (subnets) return { ...subnets, what: subnets.attr.name.name };
      return innerPlace(ctx, pic, 'vpcConfig');
    case 'vpcConfig': {
      if (pic.kind === 'lambda-module') {
        const first = firstVpcArgument(ctx, L.header);
        if (first) return { loc: { file: L.header.file, span: first.span }, attr: subnets?.attr ?? first, what: first.name.name };
        return { ...header, attr: subnets?.attr };
      }
      if (L.vpcConfig) return { loc: L.vpcConfig, attr: subnets?.attr, what: L.vpcConfigDynamic ? 'dynamic "vpc_config"' : 'vpc_config' };
      return { ...header, attr: subnets?.attr };
    }
    case 'role': {
      if (pic.kind === 'lambda-module') return header;
      const role = attrPlace(ctx, L.role);
      return role ? { ...role, what: 'role' } : header;
    }
    case 'header':
      return header;
  }
}

/**
 * The outermost module call argument that supplies `attr`'s value, followed through `var.x` arguments up the
 * chain, with the module whose scope it is written in. Undefined when the first step is not a `var.x` argument.
 */
function traceOutwards(ctx: RuleContext, pic: FunctionPicture, chain: ModuleCallLink[], attr: Attribute | undefined): { at: Loc; attr: Attribute; file: ConfigFile; module: string } | undefined {
  let expr = attr?.expr;
  let found: { at: Loc; attr: Attribute; file: ConfigFile; module: string } | undefined;
  for (let i = chain.length - 1; i >= 0 && expr; i--) {
    const name = variableRoot(expr);
    if (name === undefined) break;
    const arg = callArgument(ctx, pic, chain[i], name);
    if (!arg) break;
    found = { at: { file: arg.path, span: arg.attr.span }, attr: arg.attr, file: arg.file, module: i > 0 ? chain[i - 1].address : '' };
    expr = arg.attr.expr;
  }
  return found;
}

/** Where to report an anchor of a function, with the inner place as related information when they differ. */
export function placeOf(ctx: RuleContext, pic: FunctionPicture, anchor: Anchor): Place {
  const inner = innerPlace(ctx, pic, anchor);
  const chain = parentChain(pic);
  if (chain.length === 0) return { file: inner.loc.file, span: inner.loc.span, related: [] };
  const traced = anchor === 'header' ? undefined : traceOutwards(ctx, pic, chain, inner.attr);
  const at = traced?.at ?? chain[0].at;
  const innermost = chain[chain.length - 1].address;
  return {
    file: at.file,
    span: at.span,
    related: [{ ...inner.loc, message: `the ${inner.what} of ${pic.kind === 'lambda-module' ? functionId(pic) : blockLabel(pic)} inside ${innermost}` }],
  };
}

function blockLabel(pic: FunctionPicture): string {
  const i = pic.id.lastIndexOf('aws_lambda_function.');
  return i >= 0 ? pic.id.slice(i) : pic.id;
}

/**
 * The attribute where the user changes the function's subnet list: the outermost call argument that supplies it
 * (as for `placeOf`), else the function's own `subnet_ids` / `vpc_subnet_ids`. Undefined when it cannot be found.
 */
export function editableSubnets(ctx: RuleContext, pic: FunctionPicture): EditableAttribute | undefined {
  const inner = attrPlace(ctx, pic.locations.subnetIds);
  const innerFile = inner && ctx.file(inner.loc.file);
  if (!inner || !innerFile) return undefined;
  const chain = parentChain(pic);
  const traced = chain.length > 0 ? traceOutwards(ctx, pic, chain, inner.attr) : undefined;
  const target = traced ?? { file: innerFile, attr: inner.attr, module: ownerModule(pic) };
  // A `var.x` that no call argument supplies gets its value from a default or tfvars: not edited here.
  return variableRoot(target.attr.expr) === undefined ? target : undefined;
}

/** A draft finding about a function, reported at its anchor's place (see placeOf), evidence first. */
export function findingAt(
  ctx: RuleContext,
  rule: string,
  pic: FunctionPicture,
  anchor: Anchor,
  message: string,
  evidence: RelatedLocation[],
  fixes: Fix[] = [],
): Draft {
  const place = placeOf(ctx, pic, anchor);
  return { rule, message, file: place.file, span: place.span, resource: functionId(pic), related: [...evidence, ...place.related], fixes };
}
