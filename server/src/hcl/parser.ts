// The HCL native-syntax parser: text → ranged syntax tree (ast.ts) + diagnostics.
//
// It accepts exactly the language hashicorp/hcl's `hclsyntax` accepts (hclsyntax/spec.md,
// checked against HCL itself by test/hcl/conformance-fixtures.test.ts), with HCL's
// diagnostic summaries, and builds our own tree. The one difference on valid input: nesting
// deeper than MAX_DEPTH is reported ("Nesting too deep") instead of risking the JS stack.
//
// Where HCL gives up on broken input, it recovers further:
// - a broken body item is skipped to the end of its line, not to the end of its body;
// - a broken top-level item never swallows the rest of the file: when it runs past a line
//   that starts at column 0 with a block header (`name "label" {`, or `name =` after a broken
//   top-level argument), it is cut there, and from then on each stretch of the file between
//   such lines is scanned and parsed on its own (so recovery stays linear in the file size);
//   what is left open at a cut is reported at its opener.
// It never throws (any internal failure becomes an "Internal parser error" diagnostic).

import type {
  AnonSymbolExpr,
  Attribute,
  BinaryExpr,
  BinaryOp,
  Block,
  Body,
  BodyItem,
  Comment,
  ConditionalExpr,
  ConfigFile,
  Expr,
  ForExpr,
  FunctionCallExpr,
  GetAttrExpr,
  HclDiagnostic,
  Ident,
  IndexExpr,
  InvalidExpr,
  Label,
  LiteralExpr,
  ObjectExpr,
  ObjectItem,
  ParensExpr,
  ParseResult,
  Span,
  SplatExpr,
  TemplateExpr,
  TemplateFor,
  TemplateIf,
  TemplateInterp,
  TemplateLiteral,
  TemplatePart,
  TupleExpr,
  UnaryExpr,
  VariableExpr,
} from './ast';
import {
  FLAG_ESCAPES,
  FLAG_FLUSH,
  FLAG_STRIP,
  FLAG_WIDE,
  isGoSpace as goSpace,
  lex,
  LexMode,
  releaseTokens,
  Tok,
  type TokenBuffer,
} from './lexer';
import { LineIndex, newArray, PlainSpan, plainConstructor } from './source';

// Module-level copies of the lexer's exports used on hot paths: per-file transpilers (tsx, as
// the tests and the benchmark run) read an imported binding through a getter on every use.
const T = Tok;
const STRIP = FLAG_STRIP;
const FLUSH = FLAG_FLUSH;
const ESCAPES = FLAG_ESCAPES;
const WIDE = FLAG_WIDE;
const isGoSpace = goSpace;
const SpanNode = PlainSpan;
const list = newArray;

// ---------------------------------------------------------------------------
// Tree nodes. Each kind has its constructor, which assigns the properties in the order of
// ast.ts. They make plain objects; `new` instead of literals keeps V8 from pretenuring the
// tree (see source.ts, "Allocation for the syntax tree").

const FileNode = plainConstructor(function (
  this: ConfigFile,
  path: string,
  text: string,
  body: Body,
  comments: Comment[],
  lineIndex: LineIndex,
) {
  this.kind = 'File';
  this.path = path;
  this.text = text;
  this.syntax = 'hcl';
  this.body = body;
  this.comments = comments;
  this.lineIndex = lineIndex;
});
const ResultNode = plainConstructor(function (this: ParseResult, file: ConfigFile, diagnostics: HclDiagnostic[]) {
  this.file = file;
  this.diagnostics = diagnostics;
});
const TemplateResult = plainConstructor(function (
  this: { parts: TemplatePart[]; diagnostics: HclDiagnostic[] },
  parts: TemplatePart[],
  diagnostics: HclDiagnostic[],
) {
  this.parts = parts;
  this.diagnostics = diagnostics;
});
const ExpressionResult = plainConstructor(function (this: { expr: Expr; diagnostics: HclDiagnostic[] }, expr: Expr, diagnostics: HclDiagnostic[]) {
  this.expr = expr;
  this.diagnostics = diagnostics;
});
const DiagnosticNode = plainConstructor(function (this: HclDiagnostic, summary: string, detail: string, span: Span) {
  this.severity = 'error';
  this.summary = summary;
  this.detail = detail;
  this.span = span;
});
const BodyNode = plainConstructor(function (this: Body, span: Span, items: BodyItem[]) {
  this.kind = 'Body';
  this.span = span;
  this.items = items;
});
const AttributeNode = plainConstructor(function (this: Attribute, span: Span, name: Ident, equals: Span, expr: Expr) {
  this.kind = 'Attribute';
  this.span = span;
  this.name = name;
  this.equals = equals;
  this.expr = expr;
});
const BlockNode = plainConstructor(function (
  this: Block,
  span: Span,
  type: Ident,
  labels: Label[],
  open: Span,
  close: Span | null,
  body: Body,
) {
  this.kind = 'Block';
  this.span = span;
  this.type = type;
  this.labels = labels;
  this.open = open;
  this.close = close;
  this.body = body;
});
const IdentNode = plainConstructor(function (this: Ident, name: string, span: Span) {
  this.name = name;
  this.span = span;
});
const LabelNode = plainConstructor(function (this: Label, value: string, span: Span, quoted: boolean) {
  this.value = value;
  this.span = span;
  this.quoted = quoted;
});
const LiteralNode = plainConstructor(function (this: LiteralExpr, span: Span, value: null | boolean | number, raw: string) {
  this.kind = 'Literal';
  this.span = span;
  this.value = value;
  this.raw = raw;
});
const VariableNode = plainConstructor(function (this: VariableExpr, span: Span, name: string) {
  this.kind = 'Variable';
  this.span = span;
  this.name = name;
});
const TemplateNode = plainConstructor(function (this: TemplateExpr, span: Span, parts: TemplatePart[]) {
  this.kind = 'Template';
  this.span = span;
  this.parts = parts;
});
const HeredocNode = plainConstructor(function (
  this: NonNullable<TemplateExpr['heredoc']>,
  marker: string,
  indented: boolean,
  markerSpan: Span,
) {
  this.marker = marker;
  this.indented = indented;
  this.markerSpan = markerSpan;
});
const TemplateLiteralNode = plainConstructor(function (this: TemplateLiteral, span: Span, value: string) {
  this.kind = 'TemplateLiteral';
  this.span = span;
  this.value = value;
});
const TemplateInterpNode = plainConstructor(function (
  this: TemplateInterp,
  span: Span,
  expr: Expr,
  stripLeft: boolean,
  stripRight: boolean,
) {
  this.kind = 'TemplateInterp';
  this.span = span;
  this.expr = expr;
  this.stripLeft = stripLeft;
  this.stripRight = stripRight;
});
const TemplateIfNode = plainConstructor(function (this: TemplateIf, span: Span, cond: Expr, ifSpan: Span) {
  this.kind = 'TemplateIf';
  this.span = span;
  this.cond = cond;
  this.then = list();
  this.else = null;
  this.ifSpan = ifSpan;
  this.elseSpan = null;
  this.endSpan = null;
});
const TemplateForNode = plainConstructor(function (
  this: TemplateFor,
  span: Span,
  keyVar: Ident | null,
  valVar: Ident,
  coll: Expr,
  forSpan: Span,
) {
  this.kind = 'TemplateFor';
  this.span = span;
  this.keyVar = keyVar;
  this.valVar = valVar;
  this.coll = coll;
  this.body = list();
  this.forSpan = forSpan;
  this.endSpan = null;
});
const TupleNode = plainConstructor(function (this: TupleExpr, span: Span, elements: Expr[]) {
  this.kind = 'Tuple';
  this.span = span;
  this.elements = elements;
});
const ObjectNode = plainConstructor(function (this: ObjectExpr, span: Span, items: ObjectItem[]) {
  this.kind = 'Object';
  this.span = span;
  this.items = items;
});
const ObjectItemNode = plainConstructor(function (this: ObjectItem, key: Expr, value: Expr, sep: Span, span: Span) {
  this.key = key;
  this.value = value;
  this.sep = sep;
  this.span = span;
});
const GetAttrNode = plainConstructor(function (this: GetAttrExpr, span: Span, object: Expr, name: Ident) {
  this.kind = 'GetAttr';
  this.span = span;
  this.object = object;
  this.name = name;
});
const IndexNode = plainConstructor(function (this: IndexExpr, span: Span, object: Expr, key: Expr, legacy: boolean) {
  this.kind = 'Index';
  this.span = span;
  this.object = object;
  this.key = key;
  this.legacy = legacy;
});
const SplatNode = plainConstructor(function (
  this: SplatExpr,
  span: Span,
  source: Expr,
  style: 'full' | 'attr',
  each: Expr | null,
  splatSpan: Span,
) {
  this.kind = 'Splat';
  this.span = span;
  this.source = source;
  this.style = style;
  this.each = each;
  this.splatSpan = splatSpan;
});
const AnonSymbolNode = plainConstructor(function (this: AnonSymbolExpr, span: Span) {
  this.kind = 'AnonSymbol';
  this.span = span;
});
const FunctionCallNode = plainConstructor(function (
  this: FunctionCallExpr,
  span: Span,
  name: Ident,
  args: Expr[],
  expandFinal: boolean,
  open: Span,
  close: Span | null,
) {
  this.kind = 'FunctionCall';
  this.span = span;
  this.name = name;
  this.args = args;
  this.expandFinal = expandFinal;
  this.open = open;
  this.close = close;
});
const ConditionalNode = plainConstructor(function (this: ConditionalExpr, span: Span, cond: Expr, then: Expr, els: Expr) {
  this.kind = 'Conditional';
  this.span = span;
  this.cond = cond;
  this.then = then;
  this.else = els;
});
const BinaryNode = plainConstructor(function (this: BinaryExpr, span: Span, op: BinaryOp, opSpan: Span, left: Expr, right: Expr) {
  this.kind = 'Binary';
  this.span = span;
  this.op = op;
  this.opSpan = opSpan;
  this.left = left;
  this.right = right;
});
const UnaryNode = plainConstructor(function (this: UnaryExpr, span: Span, op: '-' | '!', operand: Expr) {
  this.kind = 'Unary';
  this.span = span;
  this.op = op;
  this.operand = operand;
});
const ParensNode = plainConstructor(function (this: ParensExpr, span: Span, expr: Expr) {
  this.kind = 'Parens';
  this.span = span;
  this.expr = expr;
});
const ForNode = plainConstructor(function (
  this: ForExpr,
  span: Span,
  isObject: boolean,
  keyVar: Ident | null,
  valVar: Ident,
  coll: Expr,
  keyExpr: Expr | null,
  valExpr: Expr,
  cond: Expr | null,
  group: boolean,
) {
  this.kind = 'For';
  this.span = span;
  this.isObject = isObject;
  this.keyVar = keyVar;
  this.valVar = valVar;
  this.coll = coll;
  this.keyExpr = keyExpr;
  this.valExpr = valExpr;
  this.cond = cond;
  this.group = group;
});
const InvalidNode = plainConstructor(function (this: InvalidExpr, span: Span) {
  this.kind = 'Invalid';
  this.span = span;
});

/**
 * Deepest nesting of expressions, blocks and operator/traversal chains. Real configurations
 * stay far below; each level costs a handful of JS stack frames.
 */
export const MAX_DEPTH = 256;

/** Parses a native-syntax file (`.tf`, `.tofu`, `.tfvars`). Never throws. */
export function parseNative(text: string, path: string): ParseResult {
  const lineIndex = new LineIndex(text);
  const p = new Parser(text, path, lineIndex);
  let items: BodyItem[];
  try {
    items = p.parseFile();
  } catch (e) {
    items = list();
    p.internalError(e);
  }
  const file = new FileNode(path, text, new BodyNode(new SpanNode(0, text.length), items), p.comments(), lineIndex);
  const diagnostics = p.allDiagnostics();
  p.release();
  return new ResultNode(file, diagnostics);
}

/**
 * Parses `text` as bare template content (HCL's template mode, as the JSON syntax uses for
 * strings): literals with `${ }` and `%{ }` sequences; the only escapes are `$${` and `%%{`.
 * Spans are relative to `text`. Never throws.
 */
export function parseTemplate(text: string): { parts: TemplatePart[]; diagnostics: HclDiagnostic[] } {
  const p = new Parser(text, '', null);
  let parts: TemplatePart[];
  try {
    parts = p.parseBareTemplate();
  } catch (e) {
    parts = list();
    p.internalError(e);
  }
  const diagnostics = p.allDiagnostics();
  p.release();
  return new TemplateResult(parts, diagnostics);
}

/** Parses `text` as one expression (newlines are insignificant, as in HCL). Never throws. */
export function parseExpression(text: string): { expr: Expr; diagnostics: HclDiagnostic[] } {
  const p = new Parser(text, '', null);
  let expr: Expr = new InvalidNode(new SpanNode(0, text.length));
  try {
    expr = p.parseStandaloneExpression();
  } catch (e) {
    p.internalError(e);
  }
  const diagnostics = p.allDiagnostics();
  p.release();
  return new ExpressionResult(expr, diagnostics);
}

// ---------------------------------------------------------------------------

const enum TT {
  Lit,
  Interp,
  If,
  Else,
  EndIf,
  For,
  EndFor,
}

/** A flat template item, before directives are paired up (HCL's "template tokens"). */
class FlatPart {
  /** Lit: the value (after escapes and stripping). */
  value = '';
  /** Lit: the value may change under NFC (it has characters at or above U+0300). */
  wide = false;
  expr: Expr | null = null;
  stripLeft = false;
  stripRight = false;
  keyVar: Ident | null = null;
  valVar: Ident | null = null;

  constructor(
    readonly t: TT,
    public start: number,
    public end: number,
  ) {}
}

/**
 * The attribute names of one body, to report redefinitions. While there are few, the body's
 * items are searched, and a bit set of name fingerprints (length and last character) settles
 * most lookups of a new name without comparing strings; a map takes over once there are many.
 */
class AttributeNames {
  private fingerprints = 0;
  private count = 0;
  private map: Map<string, Attribute> | null = null;

  /**
   * Records `attr`, about to join `items` (the body's items so far), and returns undefined;
   * or returns the earlier attribute of the same name.
   */
  claim(attr: Attribute, items: BodyItem[]): Attribute | undefined {
    const name = attr.name.name;
    if (this.map !== null) {
      const earlier = this.map.get(name);
      if (earlier === undefined) this.map.set(name, attr);
      return earlier;
    }
    const bit = 1 << ((name.length * 7 + name.charCodeAt(name.length - 1)) & 31);
    if ((this.fingerprints & bit) !== 0) {
      for (const item of items) if (item.kind === 'Attribute' && item.name.name === name) return item;
    }
    this.fingerprints |= bit;
    if (++this.count > 16) {
      const map = new Map<string, Attribute>();
      for (const item of items) if (item.kind === 'Attribute' && !map.has(item.name.name)) map.set(item.name.name, item);
      map.set(name, attr);
      this.map = map;
    }
    return undefined;
  }
}

/** Position in a flat part list while directives are paired up. */
class TemplateCursor {
  k = 0;

  constructor(
    readonly flat: FlatPart[],
    /** The template's closing token. */
    readonly endSpan: Span,
  ) {}
}

/** Binary operator precedence levels by token type (higher binds tighter), 0 for non-operators. */
const BINARY_LEVEL = new Uint8Array(256);
for (const [level, types] of [
  [1, [T.Or]],
  [2, [T.And]],
  [3, [T.EqualOp, T.NotEqual]],
  [4, [T.Lt, T.Le, T.Gt, T.Ge]],
  [5, [T.Plus, T.Minus]],
  [6, [T.Star, T.Slash, T.Percent]],
] as const) {
  for (const t of types) BINARY_LEVEL[t] = level;
}

const BINARY_OPS: Partial<Record<Tok, BinaryOp>> = {
  [T.Or]: '||',
  [T.And]: '&&',
  [T.EqualOp]: '==',
  [T.NotEqual]: '!=',
  [T.Lt]: '<',
  [T.Le]: '<=',
  [T.Gt]: '>',
  [T.Ge]: '>=',
  [T.Plus]: '+',
  [T.Minus]: '-',
  [T.Star]: '*',
  [T.Slash]: '/',
  [T.Percent]: '%',
};

function isOpener(t: Tok): boolean {
  return (
    t === T.OBrace ||
    t === T.OBrack ||
    t === T.OParen ||
    t === T.OQuote ||
    t === T.OHeredoc ||
    t === T.TemplateInterp ||
    t === T.TemplateControl
  );
}

/** The opener a closing token matches (TemplateSeqEnd closes both kinds of sequence). */
function openerOf(t: Tok): Tok | -1 {
  switch (t) {
    case T.CBrace:
      return T.OBrace;
    case T.CBrack:
      return T.OBrack;
    case T.CParen:
      return T.OParen;
    case T.CQuote:
    case T.UnclosedQuote:
      return T.OQuote;
    case T.CHeredoc:
      return T.OHeredoc;
    case T.TemplateSeqEnd:
      return T.TemplateInterp;
    default:
      return -1;
  }
}

/**
 * The comments and lexical diagnostics of one token buffer that belong to the result: those
 * in [from, to) (a file is scanned in more than one buffer only after top-level recovery).
 */
class Segment {
  constructor(
    readonly comments: Comment[],
    readonly diagnostics: HclDiagnostic[],
    readonly from: number,
    readonly to: number,
  ) {}
}

// Placeholders for the token arrays until an entry point has lexed the text (so that these
// fields always hold typed arrays, which the engine can then rely on).
const NO_TYPES = new Uint8Array(0);
const NO_OFFSETS = new Int32Array(0);

class Parser {
  /** The tokens being parsed (null until an entry point has lexed the text). */
  private buf: TokenBuffer | null = null;
  private types: Uint8Array = NO_TYPES;
  private starts: Int32Array = NO_OFFSETS;
  private ends: Int32Array = NO_OFFSETS;
  private flags: Uint8Array = NO_TYPES;
  /** Index of the next token to read. */
  private pos = 0;
  /**
   * Opening tokens of templates whose simpleTemplateParts attempt failed. The general path
   * then re-parses them; remembering the failure keeps nested broken templates (`"${"${"${…`)
   * from being tried twice at every level, which took time exponential in the nesting.
   */
  private simpleFailed: Set<number> | null = null;
  /** End offset of the last token read. */
  private prevEnd = 0;
  /** Whether newlines are significant here (HCL's "include newlines" stack top). */
  private nl = true;
  /** HCL's recovery mode: set after an error, it suppresses follow-on errors. */
  private recovery = false;
  private depth = 0;
  private toldDepth = false;
  private readonly diags: HclDiagnostic[] = list();
  /** What the result keeps from each token buffer used. */
  private readonly segments: Segment[] = list();
  private segFrom = 0;
  private anchors: number[] | null = null;
  /** Set by decodeLiteral: the value may change under NFC. */
  private decodedWide = false;
  /** While re-parsing a top-level item cut at the next top-level block: that block's line (1-based). */
  private cutLine = -1;
  /** Set by the block body parsers: the index of the body's `}`, or -1 when it is unclosed. */
  private bodyClose = -1;
  /** Set by parseTemplateParts: the end offset of the template (its closing token). */
  private templateEnd = 0;

  constructor(
    private readonly text: string,
    private readonly path: string,
    private readonly lineIndex: LineIndex | null,
  ) {}

  // ---- entry points -------------------------------------------------------

  parseFile(): BodyItem[] {
    this.useBuffer(lex(this.text, 0, this.text.length, LexMode.Normal), 0);
    const items: BodyItem[] = list();
    const seen = new AttributeNames();
    // Phase 1: items exactly as HCL parses them, until a broken item runs past a line that
    // starts a top-level block.
    let cutAt = -1;
    let cutAttrs = false;
    this.nl = true;
    for (;;) {
      const i = this.peekIndex();
      const t = this.types[i] as Tok;
      if (t === T.EOF) break;
      if (t === T.Newline) {
        this.pos = i + 1;
        continue;
      }
      this.recovery = false;
      const itemStart = this.starts[i];
      const diagsBefore = this.diags.length;
      const toldDepth = this.toldDepth;
      const item = t === T.Ident ? this.parseBodyItem() : this.badBodyToken(true);
      if (this.diags.length > diagsBefore && this.toldDepth === toldDepth) {
        // A broken item must not swallow later top-level blocks (an item that is merely too
        // deep is not cut: its column-0 lines are not top-level blocks). The item covers
        // everything before the next token (an unclosed comment may have run on).
        const attrs = item !== null && item.kind === 'Attribute';
        const anchor = this.findAnchor(itemStart, this.starts[this.pos], attrs);
        if (anchor >= 0) {
          this.diags.length = diagsBefore;
          this.closeSegment(itemStart);
          this.parseStretch(itemStart, anchor, items, seen);
          cutAt = anchor;
          cutAttrs = attrs;
          break;
        }
      }
      if (item !== null) this.addItem(items, seen, item);
    }
    if (cutAt < 0) {
      this.closeSegment(this.text.length);
      return items;
    }
    // Phase 2: the file is broken; each stretch from one such line to the next is scanned
    // and parsed on its own, which keeps recovery linear in the size of the file.
    for (let from = cutAt; from < this.text.length; ) {
      const next = this.findAnchor(from, this.text.length, cutAttrs);
      const to = next >= 0 ? next : this.text.length;
      this.parseStretch(from, to, items, seen);
      from = to;
    }
    return items;
  }

  parseBareTemplate(): TemplatePart[] {
    this.useBuffer(lex(this.text, 0, this.text.length, LexMode.Template), 0);
    this.nl = false;
    const parts = this.parseTemplateParts(T.EOF, false, 0, -1);
    this.closeSegment(this.text.length);
    return parts;
  }

  parseStandaloneExpression(): Expr {
    this.useBuffer(lex(this.text, 0, this.text.length, LexMode.Normal), 0);
    this.nl = false;
    const expr = this.parseExpression();
    const i = this.peekIndex();
    if (this.types[i] !== T.EOF && !this.recovery) {
      this.error(
        'Extra characters after expression',
        'An expression was successfully parsed, but extra characters were found after it.',
        this.starts[i],
        this.ends[i],
      );
    }
    this.closeSegment(this.text.length);
    return expr;
  }

  internalError(e: unknown): void {
    this.diags.push(
      new DiagnosticNode(
        'Internal parser error',
        `The parser failed on this file; please report it. ${e instanceof Error ? e.message : String(e)}`,
        new SpanNode(0, 0),
      ),
    );
    if (this.buf !== null && this.segFrom < this.text.length) this.closeSegment(this.text.length);
  }

  /** Parser and lexer diagnostics, in source order. */
  allDiagnostics(): HclDiagnostic[] {
    const out: HclDiagnostic[] = list();
    const n = this.text.length;
    for (const seg of this.segments) {
      for (const d of seg.diagnostics) {
        if (d.span.start >= seg.from && (d.span.start < seg.to || seg.to === n)) out.push(d);
      }
    }
    for (const d of this.diags) out.push(d);
    return out.sort((a, b) => a.span.start - b.span.start);
  }

  /** Returns the token buffers for reuse; the parser is done with them. */
  release(): void {
    if (this.buf !== null) releaseTokens(this.buf);
    this.buf = null;
  }

  comments(): Comment[] {
    const segs = this.segments;
    // One scan of the whole text (no recovery cut): its comments are all the file's.
    if (segs.length === 1 && segs[0].from === 0 && segs[0].to === this.text.length) return segs[0].comments;
    const out: Comment[] = list();
    for (const seg of segs) {
      for (const c of seg.comments) if (c.span.start >= seg.from && c.span.start < seg.to) out.push(c);
    }
    return out;
  }

  // ---- token access -------------------------------------------------------

  private useBuffer(buf: TokenBuffer, pos: number): void {
    this.buf = buf;
    this.simpleFailed = null;
    this.types = buf.types;
    this.starts = buf.starts;
    this.ends = buf.ends;
    this.flags = buf.flags;
    this.pos = pos;
  }

  private closeSegment(to: number): void {
    const buf = this.buf;
    if (buf !== null) this.segments.push(new Segment(buf.comments, buf.diagnostics, this.segFrom, to));
    this.segFrom = to;
  }

  /** Index of the next significant token (newlines skipped unless significant). */
  private peekIndex(): number {
    let i = this.pos;
    if (!this.nl) while (this.types[i] === T.Newline) i++;
    return i;
  }

  private peek(): Tok {
    return this.types[this.peekIndex()] as Tok;
  }

  /** Reads the next significant token and returns its index; EOF is never passed (nor recorded as read). */
  private read(): number {
    const i = this.peekIndex();
    if (this.types[i] !== T.EOF) {
      this.pos = i + 1;
      this.prevEnd = this.ends[i];
    }
    return i;
  }

  /** Reads token `i`, just found by peekIndex (and not EOF). */
  private take(i: number): void {
    this.pos = i + 1;
    this.prevEnd = this.ends[i];
  }

  private tokText(i: number): string {
    return this.text.slice(this.starts[i], this.ends[i]);
  }

  private isKeyword(i: number, kw: string): boolean {
    return (
      this.types[i] === T.Ident && this.ends[i] - this.starts[i] === kw.length && this.text.startsWith(kw, this.starts[i])
    );
  }

  private span(i: number): Span {
    return new SpanNode(this.starts[i], this.ends[i]);
  }

  private ident(i: number): Ident {
    return new IdentNode(this.tokText(i), new SpanNode(this.starts[i], this.ends[i]));
  }

  private error(summary: string, detail: string, start: number, end: number): void {
    this.diags.push(new DiagnosticNode(summary, detail, new SpanNode(start, end)));
  }

  private errorAt(summary: string, detail: string, i: number): void {
    this.error(summary, detail, this.starts[i], this.ends[i]);
  }

  /**
   * When re-parsing a top-level item cut before the next top-level block, a construct that is
   * still open at the cut is reported at its opener (`what` names its missing closer).
   */
  private unclosedAtCut(summary: string, what: string, openStart: number, openEnd: number): void {
    if (this.cutLine < 0 || this.types[this.pos] !== T.EOF) return;
    this.error(summary, `There is no closing ${what} before the next top-level block, at line ${this.cutLine}.`, openStart, openEnd);
  }

  private invalid(start: number, end: number): InvalidExpr {
    return new InvalidNode(new SpanNode(start, end));
  }

  private formatRange(s: Span): string {
    if (!this.lineIndex) return `${s.start}-${s.end}`;
    const a = this.lineIndex.position(s.start);
    const b = this.lineIndex.position(s.end);
    return a.line === b.line
      ? `${this.path}:${a.line + 1},${a.character + 1}-${b.character + 1}`
      : `${this.path}:${a.line + 1},${a.character + 1}-${b.line + 1},${b.character + 1}`;
  }

  // ---- recovery -----------------------------------------------------------

  /**
   * Skips to just after the next newline outside brackets (or to EOF). Unlike HCL, a `}` that
   * closes an enclosing block stops the skip without being consumed.
   */
  private recoverAfterBodyItem(): void {
    this.recovery = true;
    const open: Tok[] = list();
    for (;;) {
      const i = this.pos;
      const t = this.types[i] as Tok;
      if (t === T.EOF) return;
      if (t === T.Newline && open.length === 0) {
        this.pos = i + 1;
        this.prevEnd = this.ends[i];
        return;
      }
      if (t === T.CBrace && open.length === 0) return;
      this.pos = i + 1;
      if (isOpener(t)) {
        open.push(t === T.TemplateControl ? T.TemplateInterp : t);
      } else {
        const o = openerOf(t);
        if (o !== -1) {
          while (open.length > 0 && open[open.length - 1] !== o) open.pop();
          if (open.length > 0) open.pop();
        }
      }
      if (t !== T.Newline) this.prevEnd = this.ends[i];
    }
  }

  /**
   * Skips to just after the token of type `end` that closes the current construct, counting
   * nested openers of the matching kind (HCL's `recover`). Returns that token's index, or -1
   * when EOF (or, for `)` and `]`, a `}` closing an enclosing block) came first.
   */
  private recover(end: Tok): number {
    this.recovery = true;
    const start = openerOf(end);
    let nest = 0;
    for (;;) {
      const i = this.pos;
      let t = this.types[i] as Tok;
      if (t === T.EOF) return -1;
      if (end === T.TemplateSeqEnd && t === T.TemplateControl) t = T.TemplateInterp;
      if ((end === T.CParen || end === T.CBrack) && t === T.CBrace && nest === 0) return -1;
      this.pos = i + 1;
      if (t !== T.Newline) this.prevEnd = this.ends[i];
      if (t === start) nest++;
      else if (t === end || (end === T.CQuote && t === T.UnclosedQuote)) {
        if (nest < 1) return i;
        nest--;
      }
    }
  }

  /** Too deep: reports once, then skips the construct at the cursor without recursion. */
  private skipTooDeep(): Expr {
    const i = this.peekIndex();
    if (!this.toldDepth) {
      this.toldDepth = true;
      this.errorAt(
        'Nesting too deep',
        `This configuration nests expressions or blocks more than ${MAX_DEPTH} levels deep, which is not supported.`,
        i,
      );
    }
    this.recovery = true;
    const start = this.starts[i];
    const t = this.types[i] as Tok;
    if (!isOpener(t)) {
      this.read();
      return this.invalid(start, this.prevEnd);
    }
    // Skip the bracketed construct with an explicit stack.
    const open: Tok[] = list();
    for (;;) {
      const j = this.pos;
      const u = this.types[j] as Tok;
      if (u === T.EOF) break;
      this.pos = j + 1;
      if (u !== T.Newline) this.prevEnd = this.ends[j];
      if (isOpener(u)) open.push(u === T.TemplateControl ? T.TemplateInterp : u);
      else {
        const o = openerOf(u);
        if (o !== -1) {
          while (open.length > 0 && open[open.length - 1] !== o) open.pop();
          if (open.length > 0) open.pop();
          if (open.length === 0) break;
        }
      }
    }
    return this.invalid(start, this.prevEnd);
  }

  // ---- top-level recovery anchors ------------------------------------------

  /**
   * The first line start in (after, before) that begins, at column 0, a block header
   * (`name ("label" | name)* {`), or with `attrs` an attribute (`name =`); -1 if none.
   */
  private findAnchor(after: number, before: number, attrs: boolean): number {
    if (this.anchors === null) this.anchors = (this.lineIndex ?? new LineIndex(this.text)).lineStarts;
    const starts = this.anchors;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= after) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < starts.length && starts[k] < before; k++) {
      if (this.isHeaderLine(starts[k], attrs)) return starts[k];
    }
    return -1;
  }

  private isHeaderLine(at: number, attrs: boolean): boolean {
    const text = this.text;
    const n = text.length;
    const c0 = text.charCodeAt(at);
    if (!((c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90) || c0 === 95 || c0 >= 128)) return false;
    let p = at + 1;
    while (p < n && isIdChar(text.charCodeAt(p))) p++;
    let labels = 0;
    for (;;) {
      while (p < n && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
      if (p >= n) return false;
      const c = text.charCodeAt(p);
      if (c === 123) return true; // {
      if (c === 61) return attrs && labels === 0 && text.charCodeAt(p + 1) !== 61;
      if (c === 34) {
        p++;
        while (p < n) {
          const d = text.charCodeAt(p);
          if (d === 34 || d === 10 || d === 13) break;
          p += d === 92 ? 2 : 1;
        }
        if (p >= n || text.charCodeAt(p) !== 34) return false;
        p++;
      } else if (isIdChar(c) && !(c >= 48 && c <= 57) && c !== 45) {
        while (p < n && isIdChar(text.charCodeAt(p))) p++;
      } else {
        return false;
      }
      labels++;
    }
  }

  /**
   * Scans and parses text[from, to) as top-level items of their own. When `to` is not the
   * end of the file, it is the start of the next top-level block: what is still open there
   * is reported at its opener, instead of as an unexpected end of file.
   */
  private parseStretch(from: number, to: number, items: BodyItem[], seen: AttributeNames): void {
    if (this.buf !== null) releaseTokens(this.buf);
    this.useBuffer(lex(this.text, from, to, LexMode.Normal), 0);
    this.segFrom = from;
    const diagsBefore = this.diags.length;
    this.cutLine = to < this.text.length ? (this.lineIndex ?? new LineIndex(this.text)).position(to).line + 1 : -1;
    this.nl = true;
    for (;;) {
      const i = this.peekIndex();
      const t = this.types[i] as Tok;
      if (t === T.EOF) break;
      if (t === T.Newline) {
        this.pos = i + 1;
        continue;
      }
      this.recovery = false;
      const item = t === T.Ident ? this.parseBodyItem() : this.badBodyToken(true);
      if (item !== null) this.addItem(items, seen, item);
    }
    if (this.cutLine >= 0) {
      // Reports at the cut (the stretch's end of input) give way to those of what was left open.
      let kept = diagsBefore;
      for (let k = diagsBefore; k < this.diags.length; k++) if (this.diags[k].span.start < to) this.diags[kept++] = this.diags[k];
      this.diags.length = kept;
    }
    this.cutLine = -1;
    this.closeSegment(to);
  }

  // ---- structure ----------------------------------------------------------

  private addItem(items: BodyItem[], seen: AttributeNames, item: BodyItem): void {
    if (item.kind === 'Attribute') {
      const existing = seen.claim(item, items);
      if (existing !== undefined) {
        this.error(
          'Attribute redefined',
          `The argument "${item.name.name}" was already set at ${this.formatRange(existing.name.span)}. Each argument may be set only once.`,
          item.name.span.start,
          item.name.span.end,
        );
      }
    }
    items.push(item);
  }

  /** A token that cannot start a body item: report it and skip the rest of the line. */
  private badBodyToken(top: boolean): null {
    const i = this.pos;
    const t = this.types[i] as Tok;
    if (!this.recovery) {
      if (t === T.OQuote) {
        this.errorAt('Invalid argument name', 'Argument names must not be quoted.', i);
      } else {
        this.errorAt('Argument or block definition required', 'An argument or block definition is required here.', i);
      }
    }
    if (top && t === T.CBrace) {
      // A stray closing brace at the top level: skip just the brace.
      this.pos = i + 1;
      this.prevEnd = this.ends[i];
      this.recovery = true;
      return null;
    }
    if (!isOpener(t)) {
      this.pos = i + 1;
      this.prevEnd = this.ends[i];
    } // an opener is left for the line skip, which then skips its contents as a unit
    this.recoverAfterBodyItem();
    return null;
  }

  /** Body of a block, after its `{`. Returns the items; sets bodyClose. */
  private parseBlockBody(openIdx: number): BodyItem[] {
    const items: BodyItem[] = list();
    const seen = new AttributeNames();
    for (;;) {
      const i = this.pos;
      const t = this.types[i] as Tok;
      if (t === T.CBrace) {
        this.pos = i + 1;
        this.prevEnd = this.ends[i];
        this.bodyClose = i;
        return items;
      }
      if (t === T.Newline) {
        this.pos = i + 1;
        continue;
      }
      if (t === T.EOF) {
        if (this.cutLine >= 0) {
          this.unclosedAtCut('Unclosed configuration block', 'brace for this block', this.starts[openIdx], this.ends[openIdx]);
        } else if (!this.recovery) {
          this.errorAt(
            'Unclosed configuration block',
            'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
            openIdx,
          );
        }
        this.bodyClose = -1;
        return items;
      }
      this.recovery = false;
      const item = t === T.Ident ? this.parseBodyItem() : this.badBodyToken(false);
      if (item !== null) this.addItem(items, seen, item);
    }
  }

  private parseBodyItem(): BodyItem | null {
    const identIdx = this.read();
    const next = this.peek();
    if (next === T.Equal) return this.parseAttribute(identIdx, false);
    if (next === T.OQuote || next === T.OBrace || next === T.Ident) return this.parseBlock(identIdx);
    this.errorAt(
      'Argument or block definition required',
      'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
      identIdx,
    );
    this.recoverAfterBodyItem();
    return null;
  }

  private parseAttribute(identIdx: number, singleLine: boolean): Attribute {
    const eqIdx = this.read();
    const before = this.diags.length;
    const expr = this.parseExpression();
    const end = Math.max(this.ends[eqIdx], expr.span.end);
    if (this.recovery && this.diags.length > before) {
      this.recoverAfterBodyItem();
    } else if (!singleLine) {
      const i = this.peekIndex();
      const t = this.types[i] as Tok;
      if (t === T.Newline) {
        this.take(i);
      } else if (t !== T.EOF) {
        if (!this.recovery) {
          if (t === T.Comma) {
            this.errorAt(
              'Unexpected comma after argument',
              'Argument definitions must be separated by newlines, not commas. An argument definition must end with a newline.',
              i,
            );
          } else {
            this.errorAt('Missing newline after argument', 'An argument definition must end with a newline.', i);
          }
        }
        this.recoverAfterBodyItem();
      }
    }
    return new AttributeNode(new SpanNode(this.starts[identIdx], end), this.ident(identIdx), this.span(eqIdx), expr);
  }

  private parseBlock(identIdx: number): Block | null {
    const labels: Label[] = list();
    let openIdx = -1;
    for (;;) {
      const i = this.peekIndex();
      const t = this.types[i] as Tok;
      if (t === T.OBrace) {
        openIdx = i;
        this.take(i);
        break;
      }
      if (t === T.OQuote) {
        labels.push(this.parseQuotedLabel());
        continue;
      }
      if (t === T.Ident) {
        this.take(i);
        labels.push(new LabelNode(this.tokText(i), this.span(i), false));
        continue;
      }
      if (t === T.Equal) {
        this.errorAt(
          'Invalid block definition',
          'The equals sign "=" indicates an argument definition, and must not be used when defining a block.',
          i,
        );
      } else if (t === T.Newline) {
        this.errorAt(
          'Invalid block definition',
          'A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.',
          i,
        );
      } else if (!this.recovery) {
        this.errorAt(
          'Invalid block definition',
          'Either a quoted string block label or an opening brace ("{") is expected here.',
          i,
        );
      }
      this.recoverAfterBodyItem();
      return null;
    }

    if (this.depth >= MAX_DEPTH) {
      this.pos = openIdx;
      this.skipTooDeep();
      return null;
    }
    this.depth++;
    const open = this.span(openIdx);
    const first = this.peek();
    const items = first === T.Newline || first === T.EOF || first === T.CBrace ? this.parseBlockBody(openIdx) : this.parseOneLineBody(openIdx);
    const close = this.bodyClose;
    this.depth--;

    const end = close >= 0 ? this.ends[close] : this.prevEnd;
    if (close >= 0) {
      const eol = this.peekIndex();
      const t = this.types[eol] as Tok;
      if (t === T.Newline) this.read();
      else if (t !== T.EOF) {
        if (!this.recovery) {
          this.errorAt('Missing newline after block definition', 'A block definition must end with a newline.', eol);
        }
        this.recoverAfterBodyItem();
      }
    }
    const body = new BodyNode(new SpanNode(open.end, close >= 0 ? this.starts[close] : Math.max(open.end, end)), items);
    return new BlockNode(
      new SpanNode(this.starts[identIdx], Math.max(open.end, end)),
      this.ident(identIdx),
      labels,
      open,
      close >= 0 ? this.span(close) : null,
      body,
    );
  }

  /** `name { arg = value }`: a one-line block holds at most one argument and closes on its line. */
  private parseOneLineBody(openIdx: number): BodyItem[] {
    const items: BodyItem[] = list();
    const i = this.peekIndex();
    if (this.types[i] !== T.Ident) {
      this.badBodyToken(false);
      return this.finishBrokenOneLine(openIdx, items);
    }
    this.read();
    const next = this.peekIndex();
    const nt = this.types[next] as Tok;
    if (nt === T.Equal) {
      items.push(this.parseAttribute(i, true));
    } else if (nt === T.OQuote || nt === T.OBrace || nt === T.Ident) {
      this.error(
        'Argument definition required',
        `A single-line block definition can contain only a single argument. If you meant to define argument "${this.tokText(i)}", use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.`,
        this.starts[i],
        this.ends[next],
      );
      this.recoverAfterBodyItem();
      return this.finishBrokenOneLine(openIdx, items);
    } else {
      this.errorAt(
        'Argument or block definition required',
        'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
        i,
      );
      this.recoverAfterBodyItem();
      return this.finishBrokenOneLine(openIdx, items);
    }

    const j = this.peekIndex();
    const t = this.types[j] as Tok;
    if (t === T.CBrace) {
      this.read();
      this.bodyClose = j;
      return items;
    }
    if (t === T.Newline) {
      // The argument was written on the header line: report it, then read the rest as a normal body.
      this.errorAt(
        'Invalid single-argument block definition',
        "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.",
        j,
      );
      this.recovery = true;
      return items.concat(this.parseBlockBody(openIdx));
    }
    if (!this.recovery || t === T.Comma) {
      if (t === T.Comma) {
        this.errorAt(
          'Invalid single-argument block definition',
          'Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.',
          j,
        );
      } else if (t === T.EOF) {
        this.errorAt(
          'Unclosed configuration block',
          'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
          openIdx,
        );
      } else {
        this.errorAt(
          'Invalid single-argument block definition',
          'A single-line block definition must end with a closing brace immediately after its single argument definition.',
          j,
        );
      }
    }
    this.bodyClose = this.recover(T.CBrace);
    return items;
  }

  /** After a broken one-line block body: close it at a `}` on the same line, if there is one. */
  private finishBrokenOneLine(openIdx: number, items: BodyItem[]): BodyItem[] {
    const i = this.pos;
    if (this.types[i] === T.CBrace) {
      this.pos = i + 1;
      this.prevEnd = this.ends[i];
      this.bodyClose = i;
      return items;
    }
    // The line skip stopped after a newline: read the rest as a normal body.
    return items.concat(this.parseBlockBody(openIdx));
  }

  private parseQuotedLabel(): Label {
    const open = this.read();
    let value = '';
    let end = this.ends[open];
    for (;;) {
      const i = this.read();
      const t = this.types[i] as Tok;
      if (t === T.CQuote || t === T.UnclosedQuote) {
        end = this.ends[i];
        break;
      }
      if (t === T.QuotedLit) {
        value += this.decodeLiteral(i, true);
        end = this.ends[i];
        continue;
      }
      if (t === T.TemplateInterp || t === T.TemplateControl) {
        const which = t === T.TemplateControl ? '%' : '$';
        this.error(
          'Invalid string literal',
          `Template sequences are not allowed in this string. To include a literal "${which}", double it (as "${which}${which}") to escape it.`,
          this.starts[i],
          this.ends[i],
        );
        value += `${which}{ ... }`;
        const seqEnd = this.recover(T.TemplateSeqEnd);
        end = seqEnd >= 0 ? this.ends[seqEnd] : this.prevEnd;
        continue;
      }
      if (t === T.EOF) {
        this.error(
          'Unterminated string literal',
          'Unable to find the closing quote mark before the end of the file.',
          this.starts[i],
          this.ends[i],
        );
        end = this.ends[i];
        break;
      }
      this.error('Invalid string literal', 'This item is not valid in a string literal.', this.starts[i], this.ends[i]);
      const q = this.recover(T.CQuote);
      end = q >= 0 ? this.ends[q] : this.prevEnd;
      break;
    }
    return new LabelNode(value, new SpanNode(this.starts[open], end), true);
  }

  // ---- expressions --------------------------------------------------------

  private parseExpression(): Expr {
    const before = this.diags.length;
    const lhs = this.parseOperand();
    if (this.recovery && this.diags.length > before) return lhs;
    // Most expressions are one operand: there is more to do only before an operator or `?`.
    const t = this.types[this.peekIndex()];
    if (BINARY_LEVEL[t] === 0 && t !== T.Question) return lhs;
    const cond = this.parseBinaryRest(lhs, 1);
    if (this.recovery && this.diags.length > before) return cond;
    if (this.peek() !== T.Question) return cond;
    this.read();
    if (this.depth >= MAX_DEPTH) return this.skipTooDeep();
    this.depth++;
    try {
      const thenBefore = this.diags.length;
      const then = this.parseExpression();
      if (this.recovery && this.diags.length > thenBefore) {
        return new ConditionalNode(new SpanNode(cond.span.start, then.span.end), cond, then, this.invalid(then.span.end, then.span.end));
      }
      const c = this.peekIndex();
      if (this.types[c] !== T.Colon) {
        this.error(
          'Missing false expression in conditional',
          'The conditional operator (...?...:...) requires a false expression, delimited by a colon.',
          this.starts[c],
          this.ends[c],
        );
        return new ConditionalNode(new SpanNode(cond.span.start, then.span.end), cond, then, this.invalid(then.span.end, then.span.end));
      }
      this.read();
      const els = this.parseExpression();
      return new ConditionalNode(new SpanNode(cond.span.start, els.span.end), cond, then, els);
    } finally {
      this.depth--;
    }
  }

  /** An operand and the binary operators after it of precedence `minLevel` and tighter. */
  private parseBinary(minLevel: number): Expr {
    const before = this.diags.length;
    const lhs = this.parseOperand();
    if (this.recovery && this.diags.length > before) return lhs;
    return this.parseBinaryRest(lhs, minLevel);
  }

  /** The binary operators after `lhs` of precedence `minLevel` and tighter, left-associative. */
  private parseBinaryRest(lhs: Expr, minLevel: number): Expr {
    let chain = 0;
    for (;;) {
      const i = this.peekIndex();
      const level = BINARY_LEVEL[this.types[i]];
      if (level === 0 || level < minLevel) return lhs;
      this.take(i);
      const rhsBefore = this.diags.length;
      const rhs = this.parseBinary(level + 1);
      if (this.depth + ++chain > MAX_DEPTH) {
        // A chain this long would make a tree too deep to walk: keep its first part.
        if (!this.toldDepth) {
          this.toldDepth = true;
          this.errorAt('Nesting too deep', `This expression chains more than ${MAX_DEPTH} operators, which is not supported.`, i);
        }
        this.recovery = true;
        continue;
      }
      lhs = new BinaryNode(new SpanNode(lhs.span.start, rhs.span.end), BINARY_OPS[this.types[i] as Tok] as BinaryOp, this.span(i), lhs, rhs);
      if (this.recovery && this.diags.length > rhsBefore) return lhs;
    }
  }

  /** A term with its postfix traversals (HCL's parseExpressionWithTraversals). */
  private parseOperand(): Expr {
    let term: Expr;
    if (this.depth >= MAX_DEPTH) {
      term = this.skipTooDeep();
    } else {
      this.depth++;
      term = this.parseTermInner();
      this.depth--;
    }
    const t = this.types[this.peekIndex()];
    return t === T.Dot || t === T.OBrack ? this.parseTraversals(term) : term;
  }

  private parseTermInner(): Expr {
    const i = this.peekIndex();
    const t = this.types[i] as Tok;
    switch (t) {
      case T.OParen:
        return this.parseParens();
      case T.Number: {
        this.take(i);
        return this.numberLiteral(i);
      }
      case T.Ident: {
        this.take(i);
        const next = this.peek();
        if (next === T.OParen || next === T.DoubleColon) return this.parseCall(i);
        const s = this.starts[i];
        const e = this.ends[i];
        const len = e - s;
        const text = this.text;
        if (len === 4 || len === 5) {
          // `true`, `false` and `null` are literals (the first character rules out most names).
          const c0 = text.charCodeAt(s);
          if (c0 === 116 && len === 4 && text.startsWith('true', s)) return new LiteralNode(new SpanNode(s, e), true, 'true');
          if (c0 === 102 && len === 5 && text.startsWith('false', s)) return new LiteralNode(new SpanNode(s, e), false, 'false');
          if (c0 === 110 && len === 4 && text.startsWith('null', s)) return new LiteralNode(new SpanNode(s, e), null, 'null');
        }
        return new VariableNode(new SpanNode(s, e), text.slice(s, e));
      }
      case T.OQuote:
      case T.OHeredoc:
        return this.parseTemplateExpr();
      case T.Minus:
      case T.Bang: {
        this.take(i);
        const operand = this.parseOperand();
        return new UnaryNode(new SpanNode(this.starts[i], operand.span.end), t === T.Minus ? '-' : '!', operand);
      }
      case T.OBrack:
        return this.parseTuple();
      case T.OBrace:
        return this.parseObject();
      default:
        if (!this.recovery) {
          if (t === T.EOF) {
            this.errorAt('Missing expression', 'Expected the start of an expression, but found the end of the file.', i);
          } else {
            this.errorAt('Invalid expression', 'Expected the start of an expression, but found an invalid expression token.', i);
          }
        }
        this.recovery = true;
        return this.invalid(this.starts[i], this.starts[i]);
    }
  }

  private numberLiteral(i: number): Expr {
    const s = this.starts[i];
    const e = this.ends[i];
    const raw = this.text.slice(s, e);
    if (!validNumber(raw)) {
      this.errorAt('Invalid number literal', 'Failed to recognize the value of this number literal.', i);
      return this.invalid(s, e);
    }
    return new LiteralNode(new SpanNode(s, e), Number(raw), raw);
  }

  private parseParens(): Expr {
    const open = this.read();
    const saved = this.nl;
    this.nl = false;
    const before = this.diags.length;
    const expr = this.parseExpression();
    let end = expr.span.end;
    if (this.diags.length > before) {
      const close = this.recover(T.CParen);
      if (close >= 0) end = this.ends[close];
      else this.unclosedAtCut('Unbalanced parentheses', 'parenthesis', this.starts[open], this.ends[open]);
    } else {
      const c = this.peekIndex();
      if (this.types[c] === T.CParen) {
        this.read();
        end = this.ends[c];
      } else {
        this.error(
          'Unbalanced parentheses',
          'Expected a closing parenthesis to terminate the expression.',
          this.starts[c],
          this.ends[c],
        );
        this.unclosedAtCut('Unbalanced parentheses', 'parenthesis', this.starts[open], this.ends[open]);
        this.recovery = true;
      }
    }
    this.nl = saved;
    return new ParensNode(new SpanNode(this.starts[open], end), expr);
  }

  private parseCall(nameIdx: number): Expr {
    let openIdx = this.read();
    let name = this.tokText(nameIdx);
    let nameEnd = this.ends[nameIdx];
    const start = this.starts[nameIdx];
    while (this.types[openIdx] === T.DoubleColon) {
      const next = this.read();
      if (this.types[next] !== T.Ident) {
        this.error(
          'Missing function name',
          'Function scope resolution symbol :: must be followed by a function name in this scope.',
          this.starts[next],
          this.ends[next],
        );
        this.recovery = true;
        return this.invalid(start, this.ends[next]);
      }
      name += '::' + this.tokText(next);
      nameEnd = this.ends[next];
      openIdx = this.read();
    }
    if (this.types[openIdx] !== T.OParen) {
      this.error(
        'Missing open parenthesis',
        'Function selector must be followed by an open parenthesis to begin the function call.',
        this.starts[openIdx],
        this.ends[openIdx],
      );
      this.recovery = true;
      return this.invalid(start, this.ends[openIdx]);
    }

    const args: Expr[] = list();
    let expandFinal = false;
    let close = -1;
    const saved = this.nl;
    this.nl = false;
    for (;;) {
      const p = this.peekIndex();
      if (this.types[p] === T.CParen) {
        close = this.read();
        break;
      }
      const before = this.diags.length;
      const arg = this.parseExpression();
      args.push(arg);
      if (this.recovery && this.diags.length > before) {
        close = this.recover(T.CParen);
        break;
      }
      const sep = this.peekIndex();
      const st = this.types[sep] as Tok;
      if (st === T.CParen) {
        close = this.read();
        break;
      }
      if (st === T.Ellipsis) {
        this.read();
        expandFinal = true;
        if (this.peek() !== T.CParen) {
          if (!this.recovery) {
            this.error(
              'Missing closing parenthesis',
              'An expanded function argument (with ...) must be immediately followed by closing parentheses.',
              this.starts[sep],
              this.ends[sep],
            );
          }
          close = this.recover(T.CParen);
        } else {
          close = this.read();
        }
        break;
      }
      if (st !== T.Comma) {
        if (st === T.EOF) {
          this.error(
            'Unterminated function call',
            'There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file.',
            start,
            this.ends[openIdx],
          );
        } else {
          this.error(
            'Missing argument separator',
            'A comma is required to separate each function argument from the next.',
            this.starts[sep],
            this.ends[sep],
          );
        }
        close = this.recover(T.CParen);
        break;
      }
      this.read();
    }
    this.nl = saved;
    if (close < 0) {
      this.unclosedAtCut('Unterminated function call', 'parenthesis for this function call', start, this.ends[openIdx]);
    }
    return new FunctionCallNode(
      new SpanNode(start, close >= 0 ? this.ends[close] : this.prevEnd),
      new IdentNode(name, new SpanNode(start, nameEnd)),
      args,
      expandFinal,
      this.span(openIdx),
      close >= 0 ? this.span(close) : null,
    );
  }

  /** Postfix operators: `.name`, `.0`, `.*`, `[key]`, `[*]`. */
  private parseTraversals(from: Expr): Expr {
    let ret = from;
    let chain = 0;
    for (;;) {
      const i = this.peekIndex();
      const t = this.types[i] as Tok;
      if (t !== T.Dot && t !== T.OBrack) return ret;
      if (this.depth + ++chain > MAX_DEPTH) {
        if (!this.toldDepth) {
          this.toldDepth = true;
          this.errorAt('Nesting too deep', `This expression chains more than ${MAX_DEPTH} traversal steps, which is not supported.`, i);
        }
        this.recovery = true;
        // Consume the rest of the chain without building it.
        this.read();
        if (t === T.OBrack) this.recover(T.CBrack);
        else if (this.peek() === T.Ident || this.peek() === T.Number || this.peek() === T.Star) this.read();
        continue;
      }
      if (t === T.Dot) {
        const dot = i;
        this.take(dot);
        const a = this.peekIndex();
        const at = this.types[a] as Tok;
        if (at === T.Ident) {
          this.take(a);
          ret = new GetAttrNode(new SpanNode(from.span.start, this.ends[a]), ret, this.ident(a));
        } else if (at === T.Number) {
          this.read();
          ret = this.legacyIndex(ret, from, a, false);
        } else if (at === T.Star) {
          ret = this.parseAttrSplat(ret, from, dot);
        } else {
          this.errorAt('Invalid attribute name', 'An attribute name is required after a dot.', a);
          this.recovery = true;
          ret = this.invalid(from.span.start, this.ends[dot]);
        }
        continue;
      }

      // `[`
      const open = i;
      this.take(open);
      const k = this.peekIndex();
      if (this.types[k] === T.Star) {
        this.read();
        const c = this.peekIndex();
        let closeEnd: number;
        if (this.types[c] === T.CBrack) {
          this.read();
          closeEnd = this.ends[c];
        } else {
          if (!this.recovery) {
            this.errorAt(
              'Missing close bracket on splat index',
              'The star for a full splat operator must be immediately followed by a closing bracket ("]").',
              c,
            );
          }
          const r = this.recover(T.CBrack);
          closeEnd = r >= 0 ? this.ends[r] : this.prevEnd;
        }
        const splatSpan = new SpanNode(this.starts[open], closeEnd);
        const anon: Expr = new AnonSymbolNode(splatSpan);
        // A full splat applies every following traversal step to each element.
        this.depth += chain;
        const each = this.parseTraversals(anon);
        this.depth -= chain;
        return new SplatNode(new SpanNode(from.span.start, each.span.end), ret, 'full', each === anon ? null : each, splatSpan);
      }
      const saved = this.nl;
      this.nl = false;
      const before = this.diags.length;
      const key = this.parseExpression();
      let closeEnd: number;
      if (this.recovery && this.diags.length > before) {
        const r = this.recover(T.CBrack);
        closeEnd = r >= 0 ? this.ends[r] : this.prevEnd;
      } else {
        const c = this.peekIndex();
        if (this.types[c] === T.CBrack) {
          this.read();
          closeEnd = this.ends[c];
        } else {
          if (!this.recovery) {
            this.errorAt('Missing close bracket on index', 'The index operator must end with a closing bracket ("]").', c);
          }
          const r = this.recover(T.CBrack);
          closeEnd = r >= 0 ? this.ends[r] : this.prevEnd;
        }
      }
      this.nl = saved;
      this.unclosedAtCut('Missing close bracket on index', 'bracket for this index', this.starts[open], this.ends[open]);
      ret = new IndexNode(new SpanNode(from.span.start, closeEnd), ret, key, false);
    }
  }

  /** `.0` (HIL's index syntax). A number token like `0.1` is two chained indexes, which HCL rejects. */
  private legacyIndex(object: Expr, from: Expr, numIdx: number, inSplat: boolean): Expr {
    const raw = this.tokText(numIdx);
    const span = new SpanNode(from.span.start, this.ends[numIdx]);
    const dotAt = raw.indexOf('.');
    if (dotAt >= 0) {
      this.errorAt(
        'Invalid legacy index syntax',
        `When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax${inSplat ? ' with a full splat expression [*]' : ''} instead, like [${raw.slice(0, dotAt)}][${raw.slice(dotAt + 1)}].`,
        numIdx,
      );
      return new IndexNode(span, object, this.invalid(this.starts[numIdx], this.ends[numIdx]), true);
    }
    const key = this.numberLiteral(numIdx);
    return new IndexNode(span, object, key, true);
  }

  /** `.*` then any number of `.name` / `.0` steps, applied to each element. */
  private parseAttrSplat(source: Expr, from: Expr, dot: number): Expr {
    const star = this.read();
    const splatSpan = new SpanNode(this.starts[dot], this.ends[star]);
    const anon: Expr = new AnonSymbolNode(splatSpan);
    let each: Expr = anon;
    let end = this.ends[star];
    for (;;) {
      if (this.peek() !== T.Dot) break;
      const d = this.read();
      const a = this.peekIndex();
      const at = this.types[a] as Tok;
      if (at === T.Number) {
        this.read();
        each = this.legacyIndex(each, anon, a, true);
        end = this.ends[a];
        continue;
      }
      if (at !== T.Ident) {
        if (!this.recovery) {
          if (at === T.Star) {
            this.errorAt(
              'Nested splat expression not allowed',
              'A splat expression (*) cannot be used inside another attribute-only splat expression.',
              a,
            );
          } else {
            this.error('Invalid attribute name', 'An attribute name is required after a dot.', this.starts[d], this.ends[a]);
          }
        }
        this.recovery = true;
        break;
      }
      this.read();
      each = new GetAttrNode(new SpanNode(anon.span.start, this.ends[a]), each, this.ident(a));
      end = this.ends[a];
    }
    return new SplatNode(new SpanNode(from.span.start, end), source, 'attr', each === anon ? null : each, splatSpan);
  }

  private parseTuple(): Expr {
    const open = this.read();
    const saved = this.nl;
    this.nl = false;
    try {
      if (this.isKeyword(this.peekIndex(), 'for')) return this.parseFor(open, false);
      const elements: Expr[] = list();
      let close = -1;
      for (;;) {
        const i = this.peekIndex();
        if (this.types[i] === T.CBrack) {
          close = this.read();
          break;
        }
        const before = this.diags.length;
        elements.push(this.parseExpression());
        if (this.recovery && this.diags.length > before) {
          close = this.recover(T.CBrack);
          break;
        }
        const n = this.peekIndex();
        const nt = this.types[n] as Tok;
        if (nt === T.CBrack) {
          close = this.read();
          break;
        }
        if (nt !== T.Comma) {
          if (!this.recovery) {
            if (nt === T.EOF) {
              this.errorAt(
                'Unterminated tuple constructor expression',
                'There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.',
                open,
              );
            } else {
              this.errorAt('Missing item separator', 'Expected a comma to mark the beginning of the next item.', n);
            }
          }
          close = this.recover(T.CBrack);
          break;
        }
        this.read();
      }
      if (close < 0) {
        this.unclosedAtCut('Unterminated tuple constructor expression', 'bracket for this tuple', this.starts[open], this.ends[open]);
      }
      return new TupleNode(new SpanNode(this.starts[open], close >= 0 ? this.ends[close] : this.prevEnd), elements);
    } finally {
      this.nl = saved;
    }
  }

  private parseObject(): Expr {
    const open = this.read();
    const saved = this.nl;
    this.nl = false;
    const isFor = this.isKeyword(this.peekIndex(), 'for');
    if (isFor) {
      try {
        return this.parseFor(open, true);
      } finally {
        this.nl = saved;
      }
    }
    this.nl = true;
    const items: ObjectItem[] = list();
    let close = -1;
    for (;;) {
      const i = this.peekIndex();
      const it = this.types[i] as Tok;
      if (it === T.Newline) {
        this.read();
        continue;
      }
      if (it === T.CBrace) {
        close = this.read();
        break;
      }
      const before = this.diags.length;
      const key = this.parseExpression();
      if (this.recovery && this.diags.length > before) {
        close = this.recover(T.CBrace);
        break;
      }
      const s = this.peekIndex();
      const st = this.types[s] as Tok;
      if (st !== T.Equal && st !== T.Colon) {
        if (!this.recovery) {
          if (st === T.Newline || st === T.Comma) {
            this.errorAt('Missing attribute value', 'Expected an attribute value, introduced by an equals sign ("=").', s);
          } else if (st === T.Ident) {
            this.errorAt(
              'Missing key/value separator',
              'Expected an equals sign ("=") to mark the beginning of the attribute value. If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal.',
              s,
            );
          } else if (st === T.EOF) {
            this.errorAt(
              'Unterminated object constructor expression',
              'There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
              open,
            );
          } else {
            this.errorAt('Missing key/value separator', 'Expected an equals sign ("=") to mark the beginning of the attribute value.', s);
          }
        }
        close = this.recover(T.CBrace);
        break;
      }
      this.read();
      const valueBefore = this.diags.length;
      const value = this.parseExpression();
      items.push(new ObjectItemNode(key, value, this.span(s), new SpanNode(key.span.start, value.span.end)));
      if (this.recovery && this.diags.length > valueBefore) {
        close = this.recover(T.CBrace);
        break;
      }
      const n = this.peekIndex();
      const nt = this.types[n] as Tok;
      if (nt === T.CBrace) {
        close = this.read();
        break;
      }
      if (nt !== T.Comma && nt !== T.Newline) {
        if (!this.recovery) {
          if (nt === T.EOF) {
            this.errorAt(
              'Unterminated object constructor expression',
              'There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
              open,
            );
          } else {
            this.errorAt('Missing attribute separator', 'Expected a newline or comma to mark the beginning of the next attribute.', n);
          }
        }
        close = this.recover(T.CBrace);
        break;
      }
      this.read();
    }
    this.nl = saved;
    if (close < 0) {
      this.unclosedAtCut('Unterminated object constructor expression', 'brace for this object', this.starts[open], this.ends[open]);
    }
    return new ObjectNode(new SpanNode(this.starts[open], close >= 0 ? this.ends[close] : this.prevEnd), items);
  }

  /** A broken `for` expression: report (unless recovering), skip to its closer, stand an Invalid in. */
  private forFailed(start: number, closeType: Tok, detail: string, at: number): Expr {
    if (!this.recovery) this.errorAt("Invalid 'for' expression", detail, at);
    const c = this.recover(closeType);
    if (c < 0) this.unclosedAtCut("Invalid 'for' expression", closeType === T.CBrace ? 'brace' : 'bracket', start, start + 1);
    return this.invalid(start, c >= 0 ? this.ends[c] : this.prevEnd);
  }

  /** `[for ...]` / `{for ...}` after the opening bracket; newlines are already insignificant. */
  private parseFor(open: number, isObject: boolean): Expr {
    const closeType = isObject ? T.CBrace : T.CBrack;
    const start = this.starts[open];
    this.read(); // `for`
    if (this.peek() !== T.Ident) return this.forFailed(start, closeType, "For expression requires variable name after 'for'.", this.peekIndex());
    let valVar = this.ident(this.read());
    let keyVar: Ident | null = null;
    if (this.peek() === T.Comma) {
      this.read();
      keyVar = valVar;
      if (this.peek() !== T.Ident) return this.forFailed(start, closeType, 'For expression requires value variable name after comma.', this.peekIndex());
      valVar = this.ident(this.read());
    }
    if (!this.isKeyword(this.peekIndex(), 'in')) {
      return this.forFailed(start, closeType, "For expression requires the 'in' keyword after its name declarations.", this.peekIndex());
    }
    this.read();
    let before = this.diags.length;
    const coll = this.parseExpression();
    if (this.recovery && this.diags.length > before) return this.forFailed(start, closeType, '', this.peekIndex());
    if (this.peek() !== T.Colon) return this.forFailed(start, closeType, 'For expression requires a colon after the collection expression.', this.peekIndex());
    this.read();
    before = this.diags.length;
    let keyExpr: Expr | null = null;
    let valExpr = this.parseExpression();
    if (this.peek() === T.FatArrow) {
      this.read();
      keyExpr = valExpr;
      valExpr = this.parseExpression();
    }
    if (this.recovery && this.diags.length > before) return this.forFailed(start, closeType, '', this.peekIndex());
    let group = false;
    let ellipsis = -1;
    if (this.peek() === T.Ellipsis) {
      ellipsis = this.read();
      group = true;
    }
    let cond: Expr | null = null;
    if (this.isKeyword(this.peekIndex(), 'if')) {
      this.read();
      before = this.diags.length;
      cond = this.parseExpression();
      if (this.recovery && this.diags.length > before) return this.forFailed(start, closeType, '', this.peekIndex());
    }
    let close: number;
    const c = this.peekIndex();
    if (this.types[c] === closeType) {
      close = this.read();
    } else {
      if (!this.recovery) this.errorAt("Invalid 'for' expression", "Extra characters after the end of the 'for' expression.", c);
      close = this.recover(closeType);
      if (close < 0) this.unclosedAtCut("Invalid 'for' expression", isObject ? 'brace' : 'bracket', start, start + 1);
    }
    const end = close >= 0 ? this.ends[close] : this.prevEnd;
    if (!isObject) {
      if (keyExpr !== null) {
        this.error("Invalid 'for' expression", 'Key expression is not valid when building a tuple.', keyExpr.span.start, keyExpr.span.end);
      }
      if (group) {
        this.errorAt("Invalid 'for' expression", 'Grouping ellipsis (...) cannot be used when building a tuple.', ellipsis);
      }
    } else if (keyExpr === null) {
      this.error("Invalid 'for' expression", 'Key expression is required when building an object.', valExpr.span.start, valExpr.span.end);
    }
    return new ForNode(new SpanNode(start, end), isObject, keyVar, valVar, coll, keyExpr, valExpr, cond, group);
  }

  // ---- templates ----------------------------------------------------------

  private parseTemplateExpr(): TemplateExpr {
    const open = this.read();
    const heredoc = this.types[open] === T.OHeredoc;
    if (!heredoc) {
      // Fast path for the most common template: "text" (one literal; no sequences to strip around).
      const lit = this.pos;
      if (this.types[lit] === T.QuotedLit && this.types[lit + 1] === T.CQuote) {
        const raw = this.decodeLiteral(lit, true);
        const value = this.decodedWide ? nfc(raw) : raw;
        this.pos = lit + 2;
        this.prevEnd = this.ends[lit + 1];
        const parts = list<TemplatePart>();
        parts.push(new TemplateLiteralNode(new SpanNode(this.starts[lit], this.ends[lit]), value));
        return new TemplateNode(new SpanNode(this.starts[open], this.prevEnd), parts);
      }
    }
    const flush = heredoc && (this.flags[open] & FLUSH) !== 0;
    const end = heredoc ? T.CHeredoc : T.CQuote;
    let parts: TemplatePart[] | null = null;
    if (!flush && (this.simpleFailed === null || !this.simpleFailed.has(open))) {
      parts = this.simpleTemplateParts(end, this.ends[open]);
      if (parts === null) (this.simpleFailed ??= new Set()).add(open);
    }
    parts ??= this.parseTemplateParts(end, flush, this.ends[open], open);
    const expr = new TemplateNode(new SpanNode(this.starts[open], this.templateEnd), parts);
    if (heredoc) {
      const markerStart = this.starts[open] + (flush ? 3 : 2);
      let markerEnd = this.ends[open] - 1;
      if (this.text.charCodeAt(markerEnd - 1) === 13) markerEnd--;
      expr.heredoc = new HeredocNode(this.text.slice(markerStart, markerEnd), flush, new SpanNode(markerStart, markerEnd));
    }
    return expr;
  }

  /**
   * parseTemplateParts for the common content, literals and interpolations only, built
   * straight into parts. Returns null, with the parser as it was, at anything else (a
   * directive, an unclosed interpolation, no proper end): the general path handles those.
   */
  private simpleTemplateParts(end: Tok, contentStart: number): TemplatePart[] | null {
    const pos = this.pos;
    const prevEnd = this.prevEnd;
    const recovery = this.recovery;
    const diags = this.diags.length;
    const toldDepth = this.toldDepth;
    const nl = this.nl;
    const parts = list<TemplatePart>();
    // The literal being melded from consecutive literal tokens: `head` holds all but the last
    // token's value, `last` the last one's (which a following `${~` trims).
    let litStart = -1;
    let litEnd = 0;
    let head = '';
    let last = '';
    let wide = false;
    let ltrimNext = false;
    let lastWasLit = false;
    for (;;) {
      const i = this.read();
      const t = this.types[i] as Tok;
      const ltrim = ltrimNext;
      ltrimNext = false;
      const canTrimPrev = lastWasLit;
      lastWasLit = false;
      if (t === T.QuotedLit || t === T.StringLit) {
        let value = this.decodeLiteral(i, t === T.QuotedLit);
        if (ltrim) value = trimLeftSpace(value);
        if (litStart < 0) {
          litStart = this.starts[i];
          head = '';
          wide = false;
        } else {
          head += last;
        }
        last = value;
        wide = wide || this.decodedWide;
        litEnd = this.ends[i];
        lastWasLit = true;
        continue;
      }
      if (t === end || (end === T.CQuote && t === T.UnclosedQuote)) {
        if (litStart >= 0) {
          parts.push(new TemplateLiteralNode(new SpanNode(litStart, litEnd), wide ? nfc(head + last) : head + last));
        } else if (parts.length === 0) {
          // An empty template is one empty literal (as in HCL), placed where the content begins.
          parts.push(new TemplateLiteralNode(new SpanNode(contentStart, contentStart), ''));
        }
        this.templateEnd = this.ends[i];
        return parts;
      }
      if (t !== T.TemplateInterp) break;
      const strip = (this.flags[i] & STRIP) !== 0;
      if (canTrimPrev && strip) last = trimRightSpace(last);
      this.nl = false;
      const expr = this.parseExpression();
      const c = this.peekIndex();
      if (this.types[c] !== T.TemplateSeqEnd) break;
      this.read();
      this.nl = nl;
      if (litStart >= 0) {
        parts.push(new TemplateLiteralNode(new SpanNode(litStart, litEnd), wide ? nfc(head + last) : head + last));
        litStart = -1;
      }
      const stripRight = (this.flags[c] & STRIP) !== 0;
      parts.push(new TemplateInterpNode(new SpanNode(this.starts[i], this.ends[c]), expr, strip, stripRight));
      ltrimNext = stripRight;
    }
    this.pos = pos;
    this.prevEnd = prevEnd;
    this.recovery = recovery;
    this.diags.length = diags;
    this.toldDepth = toldDepth;
    this.nl = nl;
    return null;
  }

  /**
   * Template content up to the `end` token: literals, `${ }` interpolations and `%{ }`
   * directives, with strip markers and (for `<<-`) indentation stripping applied to the
   * literal values exactly as HCL does. `contentStart` is where the content begins; `open`
   * is the opening quote or heredoc token (-1 for a bare template). Sets templateEnd.
   */
  private parseTemplateParts(end: Tok, flush: boolean, contentStart: number, open: number): TemplatePart[] {
    const flat: FlatPart[] = list();
    let ltrimNext = false;
    let nextCanTrimPrev = false;
    let endOffset = contentStart;
    let endStart = contentStart;
    for (;;) {
      const i = this.read();
      const t = this.types[i] as Tok;
      if (t === end || (end === T.CQuote && t === T.UnclosedQuote)) {
        endStart = this.starts[i];
        endOffset = this.ends[i];
        break;
      }
      const ltrim = ltrimNext;
      ltrimNext = false;
      const canTrimPrev = nextCanTrimPrev;
      nextCanTrimPrev = false;

      if (t === T.QuotedLit || t === T.StringLit) {
        const p = new FlatPart(TT.Lit, this.starts[i], this.ends[i]);
        p.value = this.decodeLiteral(i, t === T.QuotedLit);
        p.wide = this.decodedWide;
        if (ltrim) p.value = trimLeftSpace(p.value);
        flat.push(p);
        nextCanTrimPrev = true;
        continue;
      }

      if (t === T.TemplateInterp || t === T.TemplateControl) {
        const strip = (this.flags[i] & STRIP) !== 0;
        if (canTrimPrev && strip && flat.length > 0) {
          const prev = flat[flat.length - 1];
          if (prev.t === TT.Lit) prev.value = trimRightSpace(prev.value);
        }
        const saved = this.nl;
        this.nl = false;
        let part: FlatPart | null;
        if (t === T.TemplateInterp) {
          part = this.parseInterp(i, end);
        } else {
          part = this.parseDirective(i);
        }
        this.nl = saved;
        if (part !== null) {
          part.stripLeft = strip;
          if (part.stripRight) ltrimNext = true;
          flat.push(part);
        }
        continue;
      }

      // Anything else: the template has no proper end.
      if (!this.recovery) {
        this.errorAt('Unterminated template string', 'No closing marker was found for the string.', i);
      }
      if (t === T.EOF) {
        endOffset = this.ends[i];
        if (open >= 0) {
          this.unclosedAtCut('Unterminated template string', end === T.CHeredoc ? 'heredoc marker' : 'quote', this.starts[open], this.ends[open]);
        }
      } else {
        const r = this.recover(end);
        endOffset = r >= 0 ? this.ends[r] : this.prevEnd;
      }
      endStart = endOffset;
      this.recovery = true;
      break;
    }

    if (flush) flushHeredoc(flat);
    // Meld consecutive literals into one.
    const melded: FlatPart[] = list();
    for (const p of flat) {
      const last = melded.length > 0 ? melded[melded.length - 1] : null;
      if (p.t === TT.Lit && last !== null && last.t === TT.Lit) {
        last.value += p.value;
        last.end = p.end;
        last.wide = last.wide || p.wide;
      } else {
        melded.push(p);
      }
    }
    if (melded.length === 0) {
      // An empty template is one empty literal (as in HCL), placed where the content begins.
      const p = new FlatPart(TT.Lit, contentStart, contentStart);
      melded.push(p);
    }
    this.templateEnd = endOffset;
    return this.buildTemplateTree(melded, new SpanNode(endStart, endOffset));
  }

  /** `${ expr }` after its opener `i`. */
  private parseInterp(i: number, end: Tok): FlatPart {
    const expr = this.parseExpression();
    const c = this.peekIndex();
    const ct = this.types[c] as Tok;
    const part = new FlatPart(TT.Interp, this.starts[i], this.ends[c]);
    part.expr = expr;
    if (ct === T.TemplateSeqEnd) {
      this.read();
      part.stripRight = (this.flags[c] & STRIP) !== 0;
      return part;
    }
    this.unclosedAtCut('Unclosed template interpolation sequence', 'brace for this interpolation sequence', this.starts[i], this.ends[i]);
    if (!this.recovery) {
      if (ct === T.EOF) {
        this.error(
          'Unclosed template interpolation sequence',
          'There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression.',
          this.starts[i],
          this.ends[i],
        );
      } else if (ct === T.Colon) {
        this.error(
          'Extra characters after interpolation expression',
          'Template interpolation doesn\'t expect a colon at this location. Did you intend this to be a literal sequence to be processed as part of another language? If so, you can escape it by starting with "$${" instead of just "${".',
          this.starts[c],
          this.ends[c],
        );
      } else if ((ct === T.CQuote || ct === T.OQuote || ct === T.UnclosedQuote) && end === T.CQuote) {
        this.error(
          'Unclosed template interpolation sequence',
          'There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.',
          this.starts[i],
          this.ends[i],
        );
      } else {
        this.error(
          'Extra characters after interpolation expression',
          'Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with "$${" instead of just "${".',
          this.starts[c],
          this.ends[c],
        );
      }
    }
    const r = this.recoverSeqEnd(end);
    part.end = r >= 0 ? this.ends[r] : this.prevEnd;
    return part;
  }

  /**
   * Skips to the end of a broken template sequence, but not past the end of the template
   * itself (HCL would search the rest of the file).
   */
  private recoverSeqEnd(templateEnd: Tok): number {
    this.recovery = true;
    let nest = 0;
    for (;;) {
      const i = this.pos;
      const t = this.types[i] as Tok;
      if (t === T.EOF) return -1;
      if (nest === 0 && (t === templateEnd || (templateEnd === T.CQuote && t === T.UnclosedQuote))) return -1;
      this.pos = i + 1;
      if (t !== T.Newline) this.prevEnd = this.ends[i];
      if (t === T.TemplateInterp || t === T.TemplateControl) nest++;
      else if (t === T.TemplateSeqEnd) {
        if (nest < 1) return i;
        nest--;
      }
    }
  }

  /** `%{ if ... }`, `%{ else }`, `%{ endif }`, `%{ for ... }`, `%{ endfor }` after its opener `i`. */
  private parseDirective(i: number): FlatPart | null {
    const kw = this.peekIndex();
    if (this.types[kw] !== T.Ident) {
      if (!this.recovery) {
        this.errorAt(
          'Invalid template directive',
          'A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.',
          kw,
        );
      }
      this.recover(T.TemplateSeqEnd);
      return null;
    }
    this.read();
    const word = this.tokText(kw);
    let part: FlatPart;
    switch (word) {
      case 'if': {
        const cond = this.parseExpression();
        part = new FlatPart(TT.If, this.starts[i], 0);
        part.expr = cond;
        break;
      }
      case 'else':
        part = new FlatPart(TT.Else, this.starts[i], 0);
        break;
      case 'endif':
        part = new FlatPart(TT.EndIf, this.starts[i], 0);
        break;
      case 'endfor':
        part = new FlatPart(TT.EndFor, this.starts[i], 0);
        break;
      case 'for': {
        if (this.peek() !== T.Ident) return this.forDirectiveFailed("For directive requires variable name after 'for'.");
        let valVar = this.ident(this.read());
        let keyVar: Ident | null = null;
        if (this.peek() === T.Comma) {
          this.read();
          keyVar = valVar;
          if (this.peek() !== T.Ident) return this.forDirectiveFailed('For directive requires value variable name after comma.');
          valVar = this.ident(this.read());
        }
        if (!this.isKeyword(this.peekIndex(), 'in')) return this.forDirectiveFailed("For directive requires 'in' keyword after names.");
        this.read();
        const coll = this.parseExpression();
        part = new FlatPart(TT.For, this.starts[i], 0);
        part.keyVar = keyVar;
        part.valVar = valVar;
        part.expr = coll;
        break;
      }
      default: {
        if (!this.recovery) {
          const suggestion = nameSuggestion(word, ['if', 'for', 'else', 'endif', 'endfor']);
          this.errorAt(
            'Invalid template control keyword',
            `"${word}" is not a valid template control keyword.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
            kw,
          );
        }
        this.recover(T.TemplateSeqEnd);
        return null;
      }
    }
    const c = this.peekIndex();
    part.end = this.ends[c];
    if (this.types[c] === T.TemplateSeqEnd) {
      this.read();
      part.stripRight = (this.flags[c] & STRIP) !== 0;
    } else {
      if (!this.recovery) {
        this.errorAt(`Extra characters in ${word} marker`, 'Expected a closing brace to end the sequence, but found extra characters.', c);
      }
      const r = this.recover(T.TemplateSeqEnd);
      part.end = r >= 0 ? this.ends[r] : this.prevEnd;
    }
    return part;
  }

  private forDirectiveFailed(detail: string): null {
    if (!this.recovery) this.errorAt("Invalid 'for' directive", detail, this.peekIndex());
    this.recover(T.TemplateSeqEnd);
    return null;
  }

  /**
   * Pairs `if`/`else`/`endif` and `for`/`endfor` into TemplateIf / TemplateFor parts.
   * `endSpan` is the template's closing token (where an unclosed directive is reported).
   */
  private buildTemplateTree(flat: FlatPart[], endSpan: Span): TemplatePart[] {
    const out: TemplatePart[] = list();
    const cursor = new TemplateCursor(flat, endSpan);
    this.templateSeq(cursor, out, false);
    return out;
  }

  /**
   * Appends parts until a closing directive (`else`, `endif`, `endfor`), which it consumes and
   * returns; at the top level (`nested` false) closing directives are reported and skipped.
   */
  private templateSeq(c: TemplateCursor, out: TemplatePart[], nested: boolean): FlatPart | null {
    while (c.k < c.flat.length) {
      const p = c.flat[c.k++];
      switch (p.t) {
        case TT.Lit:
          out.push(new TemplateLiteralNode(new SpanNode(p.start, p.end), p.wide ? nfc(p.value) : p.value));
          break;
        case TT.Interp:
          out.push(new TemplateInterpNode(new SpanNode(p.start, p.end), p.expr as Expr, p.stripLeft, p.stripRight));
          break;
        case TT.If:
        case TT.For:
          if (this.depth >= MAX_DEPTH) {
            this.skipDirectiveTooDeep(c, p);
            break;
          }
          this.depth++;
          out.push(p.t === TT.If ? this.templateIf(c, p) : this.templateFor(c, p));
          this.depth--;
          break;
        default:
          if (nested) return p;
          this.error(
            `Unexpected ${p.t === TT.Else ? 'else' : p.t === TT.EndIf ? 'endif' : 'endfor'} directive`,
            'The control directives within this template are unbalanced.',
            p.start,
            p.end,
          );
      }
    }
    return null;
  }

  /** Directives nested too deep: report once, then drop the directive and its body without recursion. */
  private skipDirectiveTooDeep(c: TemplateCursor, open: FlatPart): void {
    if (!this.toldDepth) {
      this.toldDepth = true;
      this.error(
        'Nesting too deep',
        `This template nests directives more than ${MAX_DEPTH} levels deep, which is not supported.`,
        open.start,
        open.end,
      );
    }
    let nest = 1;
    while (c.k < c.flat.length && nest > 0) {
      const t = c.flat[c.k++].t;
      if (t === TT.If || t === TT.For) nest++;
      else if (t === TT.EndIf || t === TT.EndFor) nest--;
    }
  }

  private templateIf(c: TemplateCursor, open: FlatPart): TemplateIf {
    const node = new TemplateIfNode(new SpanNode(open.start, open.end), open.expr as Expr, new SpanNode(open.start, open.end));
    let current = node.then;
    for (;;) {
      const stop = this.templateSeq(c, current, true);
      if (stop === null) {
        this.error(
          'Unexpected end of template',
          `The if directive at ${this.formatRange(node.ifSpan)} is missing its corresponding endif directive.`,
          c.endSpan.start,
          c.endSpan.end,
        );
        node.span.end = lastEnd(node);
        return node;
      }
      if (stop.t === TT.EndIf) {
        node.endSpan = new SpanNode(stop.start, stop.end);
        node.span.end = stop.end;
        return node;
      }
      if (stop.t === TT.Else && node.else === null) {
        node.else = list();
        node.elseSpan = new SpanNode(stop.start, stop.end);
        current = node.else;
        continue;
      }
      if (stop.t === TT.Else) {
        this.error(
          'Unexpected else directive',
          `Already in the else clause for the if started at ${this.formatRange(node.ifSpan)}.`,
          stop.start,
          stop.end,
        );
      } else {
        this.error(
          'Unexpected endfor directive',
          `Expecting an endif directive for the if started at ${this.formatRange(node.ifSpan)}.`,
          stop.start,
          stop.end,
        );
      }
      node.span.end = stop.end;
      return node;
    }
  }

  private templateFor(c: TemplateCursor, open: FlatPart): TemplateFor {
    const node = new TemplateForNode(
      new SpanNode(open.start, open.end),
      open.keyVar,
      open.valVar as Ident,
      open.expr as Expr,
      new SpanNode(open.start, open.end),
    );
    const stop = this.templateSeq(c, node.body, true);
    if (stop === null) {
      this.error(
        'Unexpected end of template',
        `The for directive at ${this.formatRange(node.forSpan)} is missing its corresponding endfor directive.`,
        c.endSpan.start,
        c.endSpan.end,
      );
      node.span.end = lastEnd(node);
    } else if (stop.t === TT.EndFor) {
      node.endSpan = new SpanNode(stop.start, stop.end);
      node.span.end = stop.end;
    } else if (stop.t === TT.Else) {
      this.error('Unexpected else directive', 'An else clause is not expected for a for directive.', stop.start, stop.end);
      node.span.end = stop.end;
    } else {
      this.error(
        'Unexpected endif directive',
        `Expecting an endfor directive corresponding to the for directive at ${this.formatRange(node.forSpan)}.`,
        stop.start,
        stop.end,
      );
      node.span.end = stop.end;
    }
    return node;
  }

  /**
   * The value of a literal token. Quoted literals process backslash escapes (reporting invalid
   * ones); every literal turns `$${` / `%%{` into `${` / `%{`. Sets `decodedWide`.
   */
  private decodeLiteral(i: number, quoted: boolean): string {
    const text = this.text;
    const s = this.starts[i];
    const e = this.ends[i];
    const flags = this.flags[i];
    this.decodedWide = (flags & WIDE) !== 0;
    const c0 = text.charCodeAt(s);
    if (c0 === 36 || c0 === 37) {
      // `$`, `%`, or the escapes `$${` / `%%{` (optionally followed by `~`), alone in their token.
      if (e - s >= 3 && text.charCodeAt(s + 1) === c0 && text.charCodeAt(s + 2) === 123) {
        return (c0 === 36 ? '${' : '%{') + text.slice(s + 3, e);
      }
      return text.slice(s, e);
    }
    if (!quoted || (flags & ESCAPES) === 0) return text.slice(s, e);
    let bs = backslashIn(text, s, e);
    let out = '';
    let from = s;
    while (bs >= 0) {
      out += text.slice(from, bs);
      const c = text.charCodeAt(bs + 1);
      let next = bs + 2;
      switch (c) {
        case 110: // n
          out += '\n';
          break;
        case 114: // r
          out += '\r';
          break;
        case 116: // t
          out += '\t';
          break;
        case 34: // "
          out += '"';
          break;
        case 92: // \
          out += '\\';
          break;
        case 117: // u
        case 85: {
          // U
          const want = c === 117 ? 4 : 8;
          let p = bs + 2;
          while (p < e && p < bs + 2 + want && isHex(text.charCodeAt(p))) p++;
          next = p;
          if (p - (bs + 2) !== want) {
            this.error(
              'Invalid escape sequence',
              c === 117
                ? 'The \\u escape sequence must be followed by four hexadecimal digits.'
                : 'The \\U escape sequence must be followed by eight hexadecimal digits.',
              bs,
              p,
            );
            break;
          }
          const cp = parseInt(text.slice(bs + 2, p), 16);
          if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            this.error('Invalid escape sequence', `Cannot encode character U+${cp.toString(16).padStart(4, '0')} in UTF-8.`, bs, p);
            break;
          }
          out += String.fromCodePoint(cp);
          if (cp >= 0x300) this.decodedWide = true;
          break;
        }
        default: {
          // Any other character (a whole code point) is not an escape: keep it, report it.
          const cp = text.codePointAt(bs + 1) ?? 0;
          const ch = String.fromCodePoint(cp);
          next = bs + 1 + ch.length;
          this.error('Invalid escape sequence', `The symbol ${JSON.stringify(ch)} is not a valid escape sequence selector.`, bs, next);
          out += ch;
        }
      }
      from = next;
      bs = backslashIn(text, from, e);
    }
    return out + text.slice(from, e);
  }
}

function lastEnd(node: TemplateIf | TemplateFor): number {
  const parts = node.kind === 'TemplateIf' ? (node.else ?? node.then) : node.body;
  return parts.length > 0 ? parts[parts.length - 1].span.end : node.span.end;
}

/** A character that may continue a name, loosely (any non-ASCII counts): for line shapes only. */
function isIdChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c >= 128;
}

/**
 * Unicode NFC, which HCL applies to every string value (go-cty normalises strings). Characters
 * below U+0300 never change under NFC on their own, so plain text skips the work.
 */
function nfc(s: string): string {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x300) return s.normalize('NFC');
  return s;
}

/** The first backslash in text[from, end), or -1 (bounded, unlike indexOf). */
function backslashIn(text: string, from: number, end: number): number {
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === 92) return i;
  return -1;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/**
 * Whether a number token (digits, `.`, exponents) is a valid number: one optional fraction,
 * then one optional exponent, as Go's big.Float parser (which HCL uses) requires.
 */
function validNumber(raw: string): boolean {
  let i = 0;
  const n = raw.length;
  let mantissaNonZero = false;
  while (i < n && isDigitCode(raw.charCodeAt(i))) {
    if (raw.charCodeAt(i) !== 48) mantissaNonZero = true;
    i++;
  }
  if (i < n && raw.charCodeAt(i) === 46) {
    i++;
    while (i < n && isDigitCode(raw.charCodeAt(i))) {
      if (raw.charCodeAt(i) !== 48) mantissaNonZero = true;
      i++;
    }
  }
  if (i === n) return true;
  const e = raw.charCodeAt(i);
  if (e !== 101 && e !== 69) return false;
  i++;
  if (raw.charCodeAt(i) === 43 || raw.charCodeAt(i) === 45) i++;
  const expStart = i;
  while (i < n && isDigitCode(raw.charCodeAt(i))) i++;
  if (i !== n || i === expStart) return false;
  // Go parses the exponent as an int64, and a non-zero value beyond the binary exponent range overflows.
  const expDigits = raw.slice(expStart).replace(/^0+/, '');
  if (expDigits.length > 19 || (expDigits.length === 19 && expDigits > '9223372036854775807')) return false;
  if (mantissaNonZero && (expDigits.length > 10 || (expDigits.length === 10 && expDigits >= '2147483648'))) return false;
  return true;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function trimLeftSpace(s: string): string {
  let i = 0;
  while (i < s.length && isGoSpace(s.charCodeAt(i))) i++;
  return i === 0 ? s : s.slice(i);
}

function trimRightSpace(s: string): string {
  let i = s.length;
  while (i > 0 && isGoSpace(s.charCodeAt(i - 1))) i--;
  return i === s.length ? s : s.slice(0, i);
}

/** Length of the leading Go-space characters (UTF-16 units). */
function leadingSpaceUnits(s: string): number {
  let i = 0;
  while (i < s.length && isGoSpace(s.charCodeAt(i))) i++;
  return i;
}

/** The leading `units` characters counted as HCL counts them (grapheme clusters: CRLF is one). */
function clusterCount(s: string, units: number): number {
  let clusters = 0;
  for (let i = 0; i < units; i++, clusters++) if (s.charCodeAt(i) === 13 && s.charCodeAt(i + 1) === 10) i++;
  return clusters;
}

/** Removes `count` leading clusters of a string that starts with at least that many spaces. */
function dropClusters(s: string, count: number): number {
  let i = 0;
  for (let k = 0; k < count && i < s.length; k++) {
    if (s.charCodeAt(i) === 13 && s.charCodeAt(i + 1) === 10) i += 2;
    else i++;
  }
  return i;
}

/**
 * `<<-` heredocs: find the smallest indentation of the line-leading literals (lines that are
 * blank, or start with an interpolation or directive count as HCL counts them) and remove it
 * from every line-leading literal. Works on the flat parts after strip markers, as HCL does:
 * so after a `~}` that stripped a line break, the next line is not line-leading and keeps its
 * indentation (test-fixtures/hcl/conformance-snippets.json checks this against HCL).
 */
function flushHeredoc(flat: FlatPart[]): void {
  let minSpaces = Infinity;
  let newline = true;
  const adjust: FlatPart[] = list();
  for (const p of flat) {
    if (newline) {
      newline = false;
      let spaces = 0;
      if (p.t === TT.Lit) {
        const units = leadingSpaceUnits(p.value);
        if (units === p.value.length && p.value.endsWith('\n')) {
          spaces = Infinity; // a blank line does not count
        } else {
          spaces = clusterCount(p.value, units);
          adjust.push(p);
        }
      }
      if (spaces < minSpaces) minSpaces = spaces;
    }
    if (p.t === TT.Lit && p.value.endsWith('\n')) newline = true;
  }
  if (minSpaces === 0 || minSpaces === Infinity) return;
  for (const p of adjust) {
    const units = dropClusters(p.value, minSpaces);
    p.value = p.value.slice(units);
    p.start += units;
  }
}

/** The closest suggestion within edit distance 2 (HCL's nameSuggestion), or ''. */
function nameSuggestion(given: string, suggestions: string[]): string {
  for (const s of suggestions) {
    if (levenshtein(given, s) < 3) return s;
  }
  return '';
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
