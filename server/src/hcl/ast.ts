// The ranged syntax tree shared by the native HCL parser (parser.ts) and the JSON
// syntax mapper (json.ts). Every node carries its `span` (UTF-16 offsets into the file
// text); names, labels, braces, `=` and template parts carry their own spans.
//
// This file is a contract between layers: the evaluator, the rules and the fix
// builders all read it. Change it on purpose.

import type { LineIndex, Span } from './source';

export type { Span } from './source';

// ---------------------------------------------------------------------------
// Files, bodies, attributes, blocks

export interface Comment {
  kind: 'Comment';
  span: Span;
  /** `#` and `//` are line comments (span excludes the line break); `/*` is inline. */
  style: '#' | '//' | '/*';
  /** Text without the comment markers (for a block comment: what lies between them). */
  text: string;
}

export interface Ident {
  name: string;
  span: Span;
}

export interface Label {
  /** The label's value (unescaped for quoted labels). */
  value: string;
  /** The whole label token, including quotes when quoted. */
  span: Span;
  quoted: boolean;
}

export interface Attribute {
  kind: 'Attribute';
  /** From the name to the end of the expression (line break excluded). */
  span: Span;
  name: Ident;
  /** The `=` token (in JSON syntax: the `:`). */
  equals: Span;
  expr: Expr;
}

export interface Block {
  kind: 'Block';
  /** From the type name to the closing brace (or to where recovery stopped). */
  span: Span;
  type: Ident;
  labels: Label[];
  /** The `{` token. */
  open: Span;
  /** The `}` token; null when the block is unclosed. */
  close: Span | null;
  body: Body;
}

export type BodyItem = Attribute | Block;

export interface Body {
  kind: 'Body';
  /** For a block body: between the braces (exclusive). For a file: the whole text. */
  span: Span;
  /** Attributes and blocks in source order. */
  items: BodyItem[];
}

export interface ConfigFile {
  kind: 'File';
  /** Path as handed to the parser (the core uses absolute POSIX paths). */
  path: string;
  /** The text as parsed (a leading BOM, if any, is kept in the text and skipped by the parser). */
  text: string;
  syntax: 'hcl' | 'json';
  body: Body;
  /**
   * All comments in source order. In JSON syntax these are the `"//"` properties of block bodies
   * (style '//', span = the whole property, text = the string value).
   */
  comments: Comment[];
  lineIndex: LineIndex;
}

export interface HclDiagnostic {
  severity: 'error' | 'warning';
  /** Short, HCL-style: "Missing newline after argument", "Unclosed configuration block". */
  summary: string;
  detail?: string;
  span: Span;
}

export interface ParseResult {
  file: ConfigFile;
  diagnostics: HclDiagnostic[];
}

// ---------------------------------------------------------------------------
// Expressions

export type Expr =
  | LiteralExpr
  | TemplateExpr
  | TupleExpr
  | ObjectExpr
  | VariableExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | FunctionCallExpr
  | ConditionalExpr
  | BinaryExpr
  | UnaryExpr
  | ParensExpr
  | ForExpr
  | AnonSymbolExpr
  | InvalidExpr;

/** Numbers, `true`, `false`, `null`. Quoted strings are TemplateExpr. */
export interface LiteralExpr {
  kind: 'Literal';
  span: Span;
  value: null | boolean | number;
  /** Source text of the literal (numbers keep their exact spelling here). */
  raw: string;
}

export type TemplatePart = TemplateLiteral | TemplateInterp | TemplateIf | TemplateFor;

export interface TemplateLiteral {
  kind: 'TemplateLiteral';
  span: Span;
  /** The value after escapes, heredoc indentation stripping and `~` strip markers. */
  value: string;
}

/** `${ expr }` */
export interface TemplateInterp {
  kind: 'TemplateInterp';
  /** From `${` to `}` inclusive. */
  span: Span;
  expr: Expr;
  stripLeft: boolean;
  stripRight: boolean;
}

/** `%{ if cond }...%{ else }...%{ endif }` */
export interface TemplateIf {
  kind: 'TemplateIf';
  /** From the `%{` of `if` to the `}` of `endif` inclusive. */
  span: Span;
  cond: Expr;
  then: TemplatePart[];
  else: TemplatePart[] | null;
  /** Spans of the directives themselves (`%{if ...}`, `%{else}`, `%{endif}`). */
  ifSpan: Span;
  elseSpan: Span | null;
  endSpan: Span | null;
}

/** `%{ for k, v in coll }...%{ endfor }` */
export interface TemplateFor {
  kind: 'TemplateFor';
  span: Span;
  keyVar: Ident | null;
  valVar: Ident;
  coll: Expr;
  body: TemplatePart[];
  forSpan: Span;
  endSpan: Span | null;
}

export interface TemplateExpr {
  kind: 'Template';
  /** Quoted: including both quotes. Heredoc: from `<<` to the end of the closing marker. */
  span: Span;
  parts: TemplatePart[];
  /** Present for heredocs. */
  heredoc?: { marker: string; indented: boolean; markerSpan: Span };
}

export interface TupleExpr {
  kind: 'Tuple';
  span: Span;
  elements: Expr[];
}

export interface ObjectItem {
  /**
   * The key as written. A bare identifier key (`name = 1`) is a VariableExpr whose name is
   * the literal key; a parenthesized key is a ParensExpr and is evaluated.
   */
  key: Expr;
  value: Expr;
  /** `=` or `:` */
  sep: Span;
  span: Span;
}

export interface ObjectExpr {
  kind: 'Object';
  span: Span;
  items: ObjectItem[];
}

/** A root name: `var`, `local`, `aws_subnet`, `count`, `each`, a for-variable, ... */
export interface VariableExpr {
  kind: 'Variable';
  span: Span;
  name: string;
}

/** `object.name` */
export interface GetAttrExpr {
  kind: 'GetAttr';
  span: Span;
  object: Expr;
  name: Ident;
}

/** `object[key]`, or the legacy `object.0` (legacy = true, key is a number literal). */
export interface IndexExpr {
  kind: 'Index';
  span: Span;
  object: Expr;
  key: Expr;
  legacy: boolean;
}

/**
 * `source[*].a.b` (style 'full') or `source.*.a` (style 'attr'). `each` is the traversal
 * applied to every element, rooted at an AnonSymbolExpr; null when nothing follows the splat.
 */
export interface SplatExpr {
  kind: 'Splat';
  span: Span;
  source: Expr;
  style: 'full' | 'attr';
  each: Expr | null;
  /** The `[*]` or `.*` token. */
  splatSpan: Span;
}

/** The element placeholder inside SplatExpr.each. */
export interface AnonSymbolExpr {
  kind: 'AnonSymbol';
  span: Span;
}

export interface FunctionCallExpr {
  kind: 'FunctionCall';
  span: Span;
  /** Full name, including any `provider::ns::` prefix. */
  name: Ident;
  args: Expr[];
  /** True when the last argument is followed by `...`. */
  expandFinal: boolean;
  open: Span;
  close: Span | null;
}

export interface ConditionalExpr {
  kind: 'Conditional';
  span: Span;
  cond: Expr;
  then: Expr;
  else: Expr;
}

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpr {
  kind: 'Binary';
  span: Span;
  op: BinaryOp;
  opSpan: Span;
  left: Expr;
  right: Expr;
}

export interface UnaryExpr {
  kind: 'Unary';
  span: Span;
  op: '-' | '!';
  operand: Expr;
}

export interface ParensExpr {
  kind: 'Parens';
  span: Span;
  expr: Expr;
}

/** `[for k, v in coll : val if cond]` or `{for k, v in coll : key => val... if cond}` */
export interface ForExpr {
  kind: 'For';
  span: Span;
  isObject: boolean;
  keyVar: Ident | null;
  valVar: Ident;
  coll: Expr;
  /** Object for only. */
  keyExpr: Expr | null;
  valExpr: Expr;
  cond: Expr | null;
  /** Object for with `...` after the value (grouping mode). */
  group: boolean;
}

/** Stands where an expression could not be parsed; the diagnostics say why. */
export interface InvalidExpr {
  kind: 'Invalid';
  span: Span;
}

// ---------------------------------------------------------------------------
// Small helpers every layer wants

export function attributes(body: Body): Attribute[] {
  return body.items.filter((i): i is Attribute => i.kind === 'Attribute');
}

export function blocks(body: Body, type?: string): Block[] {
  return body.items.filter((i): i is Block => i.kind === 'Block' && (type === undefined || i.type.name === type));
}

export function findAttribute(body: Body, name: string): Attribute | undefined {
  for (const i of body.items) if (i.kind === 'Attribute' && i.name.name === name) return i;
  return undefined;
}
