// The HCL native-syntax scanner.
//
// It produces the same token stream as hashicorp/hcl's `hclsyntax` scanner (written from
// hclsyntax/spec.md and checked against HCL's behaviour), so that the parser accepts exactly
// the files HCL accepts. Like HCL's, it is modal: quoted templates, heredocs and `${ }` /
// `%{ }` sequences nest, and a brace counter decides whether `}` closes a brace or a
// template sequence.
//
// Tokens live in parallel typed arrays (no object per token) and are scanned by char code.
// The scanning loop keeps all of its state in local variables (no closures over them, so the
// engine can keep them in registers); the rare cases are module-level helpers that return
// positions. Comments never become tokens: they go to `comments`, and a line comment's line
// break is an ordinary Newline token (HCL treats a line comment as a newline).
//
// Deliberate differences from HCL, all on input HCL rejects anyway (so the same files are
// accepted and rejected):
// - a line break inside a quoted string ends the string (a zero-width `UnclosedQuote`
//   token) instead of continuing it on the next line, so a half-typed string does not
//   swallow the rest of the file;
// - a lone CR (outside comments) is reported once and then treated as a line break;
// - an unterminated `/*` is a comment running to the end of the input, reported as such (HCL
//   scans it as the tokens `/` and `*`, which no valid input can contain either).

import type { Comment, HclDiagnostic, Span } from './ast';
import { newArray, PlainSpan, plainConstructor } from './source';

export enum Tok {
  EOF,
  Newline,
  Ident,
  Number,
  OBrace,
  CBrace,
  OBrack,
  CBrack,
  OParen,
  CParen,
  /** `"` opening a quoted template. */
  OQuote,
  /** `"` closing a quoted template. */
  CQuote,
  /** Zero-width: a quoted template ended by a line break (already reported by the lexer). */
  UnclosedQuote,
  /** `<<EOT` or `<<-EOT` including the line break after the marker. */
  OHeredoc,
  /** The closing marker line of a heredoc, leading spaces included, line break excluded. */
  CHeredoc,
  Star,
  Slash,
  Plus,
  Minus,
  Percent,
  Equal,
  EqualOp,
  NotEqual,
  Lt,
  Le,
  Gt,
  Ge,
  And,
  Or,
  Bang,
  Dot,
  Comma,
  DoubleColon,
  Ellipsis,
  FatArrow,
  Question,
  Colon,
  /** `${` or `${~` */
  TemplateInterp,
  /** `%{` or `%{~` */
  TemplateControl,
  /** `}` or `~}` closing a template sequence (`~}` is always this token, as in HCL). */
  TemplateSeqEnd,
  /** Literal text of a quoted template (may contain backslash escapes). */
  QuotedLit,
  /** Literal text of a heredoc or bare template (no backslash escapes). */
  StringLit,
  BitAnd,
  BitOr,
  BitNot,
  BitXor,
  Apostrophe,
  Backtick,
  Semicolon,
  Invalid,
}

/** Token flag: `${~`, `%{~` or `~}`. */
export const FLAG_STRIP = 1;
/** Token flag: `<<-` heredoc. */
export const FLAG_FLUSH = 2;
/** Token flag (literal text): contains a backslash. */
export const FLAG_ESCAPES = 4;
/** Token flag (literal text): contains a character at or above U+0300 (NFC may change it). */
export const FLAG_WIDE = 8;

export enum LexMode {
  /** A configuration file or an expression. */
  Normal,
  /** A bare template (HCL's template mode): literal text with `${ }` and `%{ }` sequences. */
  Template,
}

/** A scanned range of text: tokens in parallel arrays, plus the comments and lexical errors. */
export interface TokenBuffer {
  count: number;
  types: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
  comments: Comment[];
  diagnostics: HclDiagnostic[];
}

// Scanner modes (the stack HCL's scanner keeps with fcall/fret).
const M_MAIN = 0;
const M_STRING = 1;
const M_HEREDOC = 2;
const M_BARE = 3;

const ID_START_RE = /\p{ID_Start}/u;
const ID_CONTINUE_RE = /\p{ID_Continue}/u;

/** Identifier start: ID_Start or `_` (UAX #31, as HCL). */
export function isIdStartCode(cp: number): boolean {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || cp === 95;
  return ID_START_RE.test(String.fromCodePoint(cp));
}

/** Identifier continuation: ID_Continue or `-`. */
export function isIdContinueCode(cp: number): boolean {
  if (cp < 128) {
    return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57) || cp === 95 || cp === 45;
  }
  return ID_CONTINUE_RE.test(String.fromCodePoint(cp));
}

/** Go's unicode.IsSpace, which HCL uses for strip markers, heredoc indentation and marker lines. */
export function isGoSpace(c: number): boolean {
  if (c <= 0xff) return c === 32 || (c >= 9 && c <= 13) || c === 0x85 || c === 0xa0;
  return (
    c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

/** The code point at `i` (surrogate pairs combined). */
function codePointAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** ASCII characters that continue an identifier: letters, digits, `_` and `-`. */
const ASCII_ID_CONTINUE = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_ID_CONTINUE[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 ? 1 : 0;
}

/** End of the identifier starting at `i` (whose first character is already known to be valid). */
function scanIdentRest(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (ASCII_ID_CONTINUE[c] === 0) break;
      i++;
    } else {
      const cp = codePointAt(text, i, end);
      if (!isIdContinueCode(cp)) break;
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return i;
}

/** Length in UTF-16 units of an identifier start at `i`, or 0. */
function identStartLength(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 ? 1 : 0;
  const cp = codePointAt(text, i, end);
  return isIdStartCode(cp) ? (cp > 0xffff ? 2 : 1) : 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * End of a number literal starting with a digit at `i`. HCL's rule: a digit followed by any
 * run of digits, `.` and exponents `e[+-]?digit`, not ending in `.` (validity, such as a
 * single `.`, is checked by the parser, as HCL does).
 */
function scanNumber(text: string, i: number, end: number): number {
  let last = i + 1;
  let p = i + 1;
  while (p < end) {
    const c = text.charCodeAt(p);
    if (isDigit(c)) {
      p++;
      last = p;
    } else if (c === 46) {
      p++;
    } else if (c === 101 || c === 69) {
      let q = p + 1;
      const s = q < end ? text.charCodeAt(q) : 0;
      if (s === 43 || s === 45) q++;
      if (q < end && isDigit(text.charCodeAt(q))) {
        p = q + 1;
        last = p;
      } else {
        break;
      }
    } else {
      break;
    }
  }
  return last;
}

/** Trims Go-space characters from both ends of text[start, end) and compares with `marker`. */
function lineIsMarker(text: string, start: number, end: number, marker: string): boolean {
  while (start < end && isGoSpace(text.charCodeAt(start))) start++;
  while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--;
  return end - start === marker.length && text.startsWith(marker, start);
}

class TokenArrays implements TokenBuffer {
  count = 0;
  types: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
  comments: Comment[] = newArray();
  diagnostics: HclDiagnostic[] = newArray();

  constructor(capacity: number) {
    this.types = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  grow(): void {
    const n = this.types.length * 2;
    const types = new Uint8Array(n);
    types.set(this.types);
    const starts = new Int32Array(n);
    starts.set(this.starts);
    const ends = new Int32Array(n);
    ends.set(this.ends);
    const flags = new Uint8Array(n);
    flags.set(this.flags);
    this.types = types;
    this.starts = starts;
    this.ends = ends;
    this.flags = flags;
  }
}

/** Token buffers kept for reuse, so parsing typical files allocates none in the steady state. */
const pool: TokenArrays[] = [];
const POOL_SIZE = 2;
/** Buffers bigger than this (in tokens, 10 bytes each) are left to the garbage collector. */
const POOL_MAX_TOKENS = 1 << 18;

/**
 * Hands a buffer back for reuse by a later `lex` call. The caller must not use it afterwards
 * (its comments and diagnostics arrays are not reused and stay valid).
 */
export function releaseTokens(buf: TokenBuffer): void {
  if (buf instanceof TokenArrays && buf.types.length <= POOL_MAX_TOKENS && pool.length < POOL_SIZE && !pool.includes(buf)) {
    pool.push(buf);
  }
}

function acquireBuffer(capacity: number): TokenArrays {
  const buf = pool.pop();
  if (buf === undefined || buf.types.length < capacity) return new TokenArrays(capacity);
  buf.count = 0;
  buf.comments = newArray();
  buf.diagnostics = newArray();
  return buf;
}

// Comments and diagnostics are made with `new`, like the parser's tree (see source.ts).
const CommentNode = plainConstructor(function (this: Comment, span: Span, style: Comment['style'], text: string) {
  this.kind = 'Comment';
  this.span = span;
  this.style = style;
  this.text = text;
});
const DiagnosticNode = plainConstructor(function (this: HclDiagnostic, summary: string, detail: string, span: Span) {
  this.severity = 'error';
  this.summary = summary;
  this.detail = detail;
  this.span = span;
});

/**
 * The lexical diagnostics of one scan, with the limits HCL puts on repeated ones. Only the
 * (rare) error paths of the scanning loop touch it.
 */
class Reporter {
  private toldBitwise = 0;
  private toldBacktick = 0;
  private toldApostrophe = 0;
  private toldSemicolon = 0;
  private toldInvalid = 0;
  private toldLoneCR = false;

  constructor(
    private readonly text: string,
    private readonly diags: HclDiagnostic[],
  ) {}

  err(summary: string, detail: string, s: number, e: number): void {
    this.diags.push(new DiagnosticNode(summary, detail, new PlainSpan(s, e)));
  }

  invalidChar(s: number, e: number): void {
    const c = this.text.charCodeAt(s);
    if (c === 0x201c || c === 0x201d) {
      this.err(
        'Invalid character',
        '"Curly quotes" are not valid here. These can sometimes be inadvertently introduced when sharing code via documents or discussion forums. It might help to replace the character with a "straight quote".',
        s,
        e,
      );
    } else if (this.toldInvalid < 10) {
      this.err('Invalid character', 'This character is not used within the language.', s, e);
    }
    this.toldInvalid++;
  }

  loneCR(s: number): void {
    if (this.toldLoneCR) return;
    this.toldLoneCR = true;
    this.err('Invalid character', 'A carriage return (CR) on its own is not a line break in HCL; use LF or CRLF line endings.', s, s + 1);
  }

  /** A bitwise operator (the caller emits its token). */
  bitwise(type: Tok, at: number): void {
    if (this.toldBitwise < 4) {
      const suggestion =
        type === Tok.BitAnd
          ? ' Did you mean boolean AND ("&&")?'
          : type === Tok.BitOr
            ? ' Did you mean boolean OR ("||")?'
            : type === Tok.BitNot
              ? ' Did you mean boolean NOT ("!")?'
              : '';
      this.err('Unsupported operator', `Bitwise operators are not supported.${suggestion}`, at, at + 1);
      this.toldBitwise++;
    }
  }

  semicolon(at: number): void {
    if (this.toldSemicolon++ < 1) {
      this.err(
        'Invalid character',
        'The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.',
        at,
        at + 1,
      );
    }
  }

  backtick(at: number): void {
    if (this.toldBacktick % 2 === 0) {
      this.err(
        'Invalid character',
        'The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".',
        at,
        at + 1,
      );
    }
    if (this.toldBacktick <= 2) this.toldBacktick++;
  }

  apostrophe(at: number): void {
    if (this.toldApostrophe % 2 === 0) {
      this.err('Invalid character', 'Single quotes are not valid. Use double quotes (") to enclose strings.', at, at + 1);
    }
    if (this.toldApostrophe <= 2) this.toldApostrophe++;
  }

  multiLineString(s: number, e: number): void {
    this.err(
      'Invalid multi-line string',
      'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
      s,
      e,
    );
  }
}

/** `#` or `//` comment at `at` (marker length `len`); returns where scanning resumes (the line break). */
function lineComment(text: string, at: number, len: number, end: number, comments: Comment[]): number {
  let p = at + len;
  while (p < end && text.charCodeAt(p) !== 10) p++;
  // A CR before the LF belongs to the line break, not to the comment.
  const e = p < end && p > at + len && text.charCodeAt(p - 1) === 13 ? p - 1 : p;
  comments.push(new CommentNode(new PlainSpan(at, e), len === 1 ? '#' : '//', text.slice(at + len, e)));
  return e;
}

/** `/*` comment at `at`; returns where scanning resumes. */
function blockComment(text: string, at: number, end: number, comments: Comment[], rep: Reporter): number {
  const close = text.indexOf('*/', at + 2);
  if (close < 0 || close + 2 > end) {
    rep.err('Unterminated comment', 'There is no closing "*/" for this comment before the end of the file.', at, end);
    comments.push(new CommentNode(new PlainSpan(at, end), '/*', text.slice(at + 2, end)));
    return end;
  }
  comments.push(new CommentNode(new PlainSpan(at, close + 2), '/*', text.slice(at + 2, close)));
  return close + 2;
}

/**
 * Where the marker of a heredoc opener starting at `at` (`<<EOT` or `<<-EOT`) ends, or -1 when
 * the text there is not a heredoc opener (a marker followed by a line break).
 */
function heredocMarkerEnd(text: string, at: number, end: number): number {
  let p = at + 2;
  if (p < end && text.charCodeAt(p) === 45) p++;
  if (p >= end) return -1;
  const idLen = identStartLength(text, p, end);
  if (idLen === 0) return -1;
  p = scanIdentRest(text, p + idLen, end);
  const markerEnd = p;
  if (p < end && text.charCodeAt(p) === 13) p++;
  if (p >= end || text.charCodeAt(p) !== 10) return -1;
  return markerEnd;
}

/**
 * In a template, at a `$` or `%` (char code `c`) at `at`: a positive result is the length of a
 * sequence opener (`${` or `%{`, 3 with a `~` strip marker); a negative one is minus the
 * length of a literal token: the escapes `$${` / `%%{` (with a following `~`), or the lone
 * character.
 */
function templateMark(text: string, at: number, c: number, end: number): number {
  const d = at + 1 < end ? text.charCodeAt(at + 1) : 0;
  if (d === 123) return at + 2 < end && text.charCodeAt(at + 2) === 126 ? 3 : 2;
  if (d === c && at + 2 < end && text.charCodeAt(at + 2) === 123) {
    return at + 3 < end && text.charCodeAt(at + 3) === 126 ? -4 : -3;
  }
  return -1;
}

/**
 * Scans text[start, end). `Normal` mode scans a configuration file or expression; a leading
 * U+FEFF (BOM) at offset 0 is skipped. `Template` mode scans a bare template.
 */
export function lex(text: string, start: number, end: number, mode: LexMode): TokenBuffer {
  const buf = acquireBuffer(Math.max(16, ((end - start) >> 2) + 16));
  const rep = new Reporter(text, buf.diagnostics);
  const comments = buf.comments;

  let types = buf.types;
  let starts = buf.starts;
  let ends = buf.ends;
  let flags = buf.flags;
  let n = 0;
  // One step of the loop emits at most two tokens, and the EOF token follows the loop: the
  // buffer grows before a step once fewer than three slots are left.
  let room = types.length - 3;

  // The current mode, and the enclosing ones (HCL's fcall/fret stack).
  let m = mode === LexMode.Template ? M_BARE : M_MAIN;
  const outer: number[] = newArray();
  // Open heredocs (innermost last): their markers, and whether we are at the start of a line.
  const heredocMarkers: string[] = newArray();
  const heredocAtLineStart: boolean[] = newArray();
  // Brace depth, and for each open `${` / `%{` sequence the depth its `}` returns from.
  let braces = 0;
  const retBraces: number[] = newArray();

  let pos = start;
  if (mode === LexMode.Normal && pos === 0 && pos < end && text.charCodeAt(pos) === 0xfeff) pos++;

  while (pos < end) {
    if (n > room) {
      buf.count = n;
      buf.grow();
      types = buf.types;
      starts = buf.starts;
      ends = buf.ends;
      flags = buf.flags;
      room = types.length - 3;
    }
    let c = text.charCodeAt(pos);

    if (m === M_MAIN) {
      // Spaces and tabs separate tokens: skip them here rather than in a step of their own.
      if (c === 32 || c === 9) {
        do pos++;
        while (pos < end && ((c = text.charCodeAt(pos)) === 32 || c === 9));
        if (pos === end) break;
      }
      // Identifiers first (the most common token), ASCII fast path.
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) {
        let e = pos + 1;
        let d = 0;
        while (e < end && (d = text.charCodeAt(e)) < 128 && ASCII_ID_CONTINUE[d] === 1) e++;
        // Stopped at a non-ASCII character: it may still continue the identifier.
        if (d >= 128 && e < end) e = scanIdentRest(text, e, end);
        types[n] = Tok.Ident;
        starts[n] = pos;
        ends[n] = e;
        flags[n] = 0;
        n++;
        pos = e;
        continue;
      }
      // Other tokens: set type and length, then one shared emit below. Most are one
      // character; the cases that look at the next one read it with charAfter.
      let type: Tok;
      let len = 1;
      switch (c) {
        case 10: // \n
          type = Tok.Newline;
          break;
        case 61: // =
          switch (charAfter(text, pos, end)) {
            case 61:
              type = Tok.EqualOp;
              len = 2;
              break;
            case 62:
              type = Tok.FatArrow;
              len = 2;
              break;
            default:
              type = Tok.Equal;
          }
          break;
        case 46: // .
          if (charAfter(text, pos, end) === 46 && pos + 2 < end && text.charCodeAt(pos + 2) === 46) {
            type = Tok.Ellipsis;
            len = 3;
          } else {
            type = Tok.Dot;
          }
          break;
        case 34: // "
          type = Tok.OQuote;
          outer.push(m);
          m = M_STRING;
          break;
        case 123: // {
          braces++;
          type = Tok.OBrace;
          break;
        case 125: // }
          if (retBraces.length > 0 && retBraces[retBraces.length - 1] === braces) {
            type = Tok.TemplateSeqEnd;
            retBraces.pop();
            m = outer.pop() as number;
          } else {
            type = Tok.CBrace;
          }
          braces--;
          break;
        case 91:
          type = Tok.OBrack;
          break;
        case 93:
          type = Tok.CBrack;
          break;
        case 40:
          type = Tok.OParen;
          break;
        case 41:
          type = Tok.CParen;
          break;
        case 44:
          type = Tok.Comma;
          break;
        case 13: // \r
          type = Tok.Newline;
          if (charAfter(text, pos, end) === 10) len = 2;
          else rep.loneCR(pos);
          break;
        case 35: // #
          pos = lineComment(text, pos, 1, end, comments);
          continue;
        case 47: {
          // /
          const d = charAfter(text, pos, end);
          if (d === 47) {
            pos = lineComment(text, pos, 2, end, comments);
            continue;
          }
          if (d === 42) {
            pos = blockComment(text, pos, end, comments, rep);
            continue;
          }
          type = Tok.Slash;
          break;
        }
        case 126: // ~
          if (charAfter(text, pos, end) === 125) {
            // `~}` is always a sequence end, even where a plain brace was wanted (the parser reports it).
            types[n] = Tok.TemplateSeqEnd;
            starts[n] = pos;
            ends[n] = pos + 2;
            flags[n] = FLAG_STRIP;
            n++;
            if (retBraces.length > 0 && retBraces[retBraces.length - 1] === braces) {
              retBraces.pop();
              m = outer.pop() as number;
            }
            braces--;
            pos += 2;
            continue;
          }
          rep.bitwise(Tok.BitNot, pos);
          type = Tok.BitNot;
          break;
        case 42:
          type = Tok.Star;
          break;
        case 37:
          type = Tok.Percent;
          break;
        case 43:
          type = Tok.Plus;
          break;
        case 45:
          type = Tok.Minus;
          break;
        case 33: // !
          if (charAfter(text, pos, end) === 61) {
            type = Tok.NotEqual;
            len = 2;
          } else {
            type = Tok.Bang;
          }
          break;
        case 60: {
          // <
          const d = charAfter(text, pos, end);
          if (d === 61) {
            type = Tok.Le;
            len = 2;
            break;
          }
          if (d === 60) {
            const markerEnd = heredocMarkerEnd(text, pos, end);
            if (markerEnd >= 0) {
              // `<<EOT` / `<<-EOT`: the opener token includes the line break after the marker.
              const flush = text.charCodeAt(pos + 2) === 45;
              const e = text.charCodeAt(markerEnd) === 13 ? markerEnd + 2 : markerEnd + 1;
              types[n] = Tok.OHeredoc;
              starts[n] = pos;
              ends[n] = e;
              flags[n] = flush ? FLAG_FLUSH : 0;
              n++;
              heredocMarkers.push(text.slice(pos + (flush ? 3 : 2), markerEnd));
              heredocAtLineStart.push(true);
              outer.push(m);
              m = M_HEREDOC;
              pos = e;
              continue;
            }
          }
          type = Tok.Lt;
          break;
        }
        case 62: // >
          if (charAfter(text, pos, end) === 61) {
            type = Tok.Ge;
            len = 2;
          } else {
            type = Tok.Gt;
          }
          break;
        case 38: // &
          if (charAfter(text, pos, end) === 38) {
            type = Tok.And;
            len = 2;
          } else {
            rep.bitwise(Tok.BitAnd, pos);
            type = Tok.BitAnd;
          }
          break;
        case 124: // |
          if (charAfter(text, pos, end) === 124) {
            type = Tok.Or;
            len = 2;
          } else {
            rep.bitwise(Tok.BitOr, pos);
            type = Tok.BitOr;
          }
          break;
        case 94: // ^
          rep.bitwise(Tok.BitXor, pos);
          type = Tok.BitXor;
          break;
        case 58: // :
          if (charAfter(text, pos, end) === 58) {
            type = Tok.DoubleColon;
            len = 2;
          } else {
            type = Tok.Colon;
          }
          break;
        case 63:
          type = Tok.Question;
          break;
        case 59: // ;
          rep.semicolon(pos);
          type = Tok.Semicolon;
          break;
        case 96: // `
          rep.backtick(pos);
          type = Tok.Backtick;
          break;
        case 39: // '
          rep.apostrophe(pos);
          type = Tok.Apostrophe;
          break;
        default:
          if (isDigit(c)) {
            type = Tok.Number;
            len = scanNumber(text, pos, end) - pos;
          } else {
            const idLen = identStartLength(text, pos, end);
            if (idLen > 0) {
              type = Tok.Ident;
              len = scanIdentRest(text, pos + idLen, end) - pos;
            } else {
              // Anything else is one invalid character (a whole code point).
              len = codePointAt(text, pos, end) > 0xffff ? 2 : 1;
              rep.invalidChar(pos, pos + len);
              type = Tok.Invalid;
            }
          }
      }
      types[n] = type;
      starts[n] = pos;
      ends[n] = pos + len;
      flags[n] = 0;
      n++;
      pos += len;
      continue;
    }

    // Template modes: quoted (M_STRING), heredoc and bare. `${` / `%{` open a sequence.
    if (c === 36 || c === 37) {
      const r = templateMark(text, pos, c, end);
      if (r > 0) {
        types[n] = c === 36 ? Tok.TemplateInterp : Tok.TemplateControl;
        starts[n] = pos;
        ends[n] = pos + r;
        flags[n] = r === 3 ? FLAG_STRIP : 0;
        n++;
        pos += r;
        braces++;
        retBraces.push(braces);
        if (heredocAtLineStart.length > 0) heredocAtLineStart[heredocAtLineStart.length - 1] = false;
        outer.push(m);
        m = M_MAIN;
      } else {
        types[n] = m === M_STRING ? Tok.QuotedLit : Tok.StringLit;
        starts[n] = pos;
        ends[n] = pos - r;
        flags[n] = 0;
        n++;
        pos -= r;
        if (m === M_HEREDOC) heredocAtLineStart[heredocAtLineStart.length - 1] = false;
      }
      continue;
    }

    if (m === M_STRING) {
      if (c === 34) {
        types[n] = Tok.CQuote;
        starts[n] = pos;
        ends[n] = pos + 1;
        flags[n] = 0;
        n++;
        m = outer.pop() as number;
        pos++;
        continue;
      }
      if (c === 10 || c === 13) {
        // A quoted template may not span lines: end it here (HCL would continue it on the next line).
        rep.multiLineString(pos, c === 13 && pos + 1 < end && text.charCodeAt(pos + 1) === 10 ? pos + 2 : pos + 1);
        types[n] = Tok.UnclosedQuote;
        starts[n] = pos;
        ends[n] = pos;
        flags[n] = 0;
        n++;
        m = outer.pop() as number;
        continue;
      }
      if (c === 92 && (pos + 1 >= end || isLineBreak(text.charCodeAt(pos + 1)))) {
        // A backslash with nothing to escape.
        rep.invalidChar(pos, pos + 1);
        types[n] = Tok.Invalid;
        starts[n] = pos;
        ends[n] = pos + 1;
        flags[n] = 0;
        n++;
        pos++;
        continue;
      }
      // A run of literal characters and backslash escapes.
      const s = pos;
      let litFlags = 0;
      while (pos < end) {
        const d = text.charCodeAt(pos);
        // The characters that need a look are `\` and, all below `&`, `"`, `$`, `%` and line breaks.
        if (d > 37 && d !== 92) {
          if (d >= 0x300) litFlags |= FLAG_WIDE;
        } else if (d === 92) {
          if (pos + 1 >= end || isLineBreak(text.charCodeAt(pos + 1))) break;
          litFlags |= FLAG_ESCAPES;
          if (text.charCodeAt(pos + 1) >= 0x300) litFlags |= FLAG_WIDE;
          pos += codePointAt(text, pos + 1, end) > 0xffff ? 3 : 2;
          continue;
        } else if (d === 34 || d === 36 || d === 37 || d === 10 || d === 13) {
          break;
        }
        pos++;
      }
      types[n] = Tok.QuotedLit;
      starts[n] = s;
      ends[n] = pos;
      flags[n] = litFlags;
      n++;
      continue;
    }

    // Heredoc and bare templates: literal text up to a sequence or the end of the line.
    const s = pos;
    let litFlags = 0;
    while (pos < end) {
      const d = text.charCodeAt(pos);
      if (d === 36 || d === 37 || d === 10 || d === 13) break;
      if (d >= 0x300) litFlags = FLAG_WIDE;
      pos++;
    }

    if (m === M_HEREDOC) {
      const top = heredocMarkers.length - 1;
      if (pos < end) {
        const d = text.charCodeAt(pos);
        if (d === 10 || d === 13) {
          const eolStart = pos;
          if (d === 13) {
            if (pos + 1 < end && text.charCodeAt(pos + 1) === 10) pos += 2;
            else {
              rep.loneCR(pos);
              pos++;
            }
          } else {
            pos++;
          }
          if (heredocAtLineStart[top] && lineIsMarker(text, s, eolStart, heredocMarkers[top])) {
            types[n] = Tok.CHeredoc;
            starts[n] = s;
            ends[n] = eolStart;
            flags[n] = 0;
            n++;
            types[n] = Tok.Newline;
            starts[n] = eolStart;
            ends[n] = pos;
            flags[n] = 0;
            n++;
            heredocMarkers.pop();
            heredocAtLineStart.pop();
            m = outer.pop() as number;
            continue;
          }
          heredocAtLineStart[top] = true;
          types[n] = Tok.StringLit;
          starts[n] = s;
          ends[n] = pos;
          flags[n] = litFlags;
          n++;
          continue;
        }
      }
      if (pos > s) {
        heredocAtLineStart[top] = false;
        types[n] = Tok.StringLit;
        starts[n] = s;
        ends[n] = pos;
        flags[n] = litFlags;
        n++;
      }
      continue;
    }

    // M_BARE: one literal token per line.
    if (pos < end) {
      const d = text.charCodeAt(pos);
      if (d === 10) pos++;
      else if (d === 13) {
        if (pos + 1 < end && text.charCodeAt(pos + 1) === 10) pos += 2;
        else {
          // HCL's template scanner stops at a lone CR and takes the rest as literal text.
          pos = end;
          litFlags = FLAG_WIDE;
        }
      }
    }
    if (pos > s) {
      types[n] = Tok.StringLit;
      starts[n] = s;
      ends[n] = pos;
      flags[n] = litFlags;
      n++;
    }
  }

  types[n] = Tok.EOF;
  starts[n] = end;
  ends[n] = end;
  flags[n] = 0;
  n++;
  buf.count = n;
  return buf;
}

/** The character after `pos`, or 0 at the end of the range. */
function charAfter(text: string, pos: number, end: number): number {
  return pos + 1 < end ? text.charCodeAt(pos + 1) : 0;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}
