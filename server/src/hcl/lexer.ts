// The HCL native-syntax scanner.
//
// It produces the same token stream as hashicorp/hcl's `hclsyntax` scanner (written from
// hclsyntax/spec.md and checked against HCL's behaviour), so that the parser accepts exactly
// the files HCL accepts. Like HCL's, it is modal: quoted templates, heredocs and `${ }` /
// `%{ }` sequences nest, and a brace counter decides whether `}` closes a brace or a
// template sequence.
//
// Tokens live in parallel typed arrays (no object per token) and are scanned by char code.
// Comments never become tokens: they go to `comments`, and a line comment's line break is
// an ordinary Newline token (HCL treats a line comment as a newline).
//
// Deliberate differences from HCL, all on input HCL rejects anyway (so the same files are
// accepted and rejected):
// - a line break inside a quoted string ends the string (a zero-width `UnclosedQuote`
//   token) instead of continuing it on the next line, so a half-typed string does not
//   swallow the rest of the file;
// - a lone CR (outside comments) is reported once and then treated as a line break;
// - an unterminated `/*` is a comment running to the end of the input, reported as such (HCL
//   scans it as the tokens `/` and `*`, which no valid input can contain either).

import type { Comment, HclDiagnostic } from './ast';

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

/** ASCII characters that end a run of quoted-template literal text. */
const ASCII_QUOTED_STOP = new Uint8Array(128);
for (const c of [34, 36, 37, 10, 13, 92]) ASCII_QUOTED_STOP[c] = 1;

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
  comments: Comment[] = [];
  diagnostics: HclDiagnostic[] = [];

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
  buf.comments = [];
  buf.diagnostics = [];
  return buf;
}

/**
 * Scans text[start, end). `Normal` mode scans a configuration file or expression; a leading
 * U+FEFF (BOM) at offset 0 is skipped. `Template` mode scans a bare template.
 */
export function lex(text: string, start: number, end: number, mode: LexMode): TokenBuffer {
  const buf = acquireBuffer(Math.max(16, ((end - start) >> 2) + 16));
  const diags = buf.diagnostics;
  const comments = buf.comments;

  let types = buf.types;
  let starts = buf.starts;
  let ends = buf.ends;
  let flags = buf.flags;
  let n = 0;
  const emit = (type: Tok, s: number, e: number, flag: number): void => {
    if (n === types.length) {
      buf.count = n;
      buf.grow();
      types = buf.types;
      starts = buf.starts;
      ends = buf.ends;
      flags = buf.flags;
    }
    types[n] = type;
    starts[n] = s;
    ends[n] = e;
    flags[n] = flag;
    n++;
  };

  // Mode stack; heredoc frames keep their marker and whether we are at the start of a line.
  const modes: number[] = [mode === LexMode.Template ? M_BARE : M_MAIN];
  // The current mode, kept in step with the stack by sync().
  let m = modes[0];
  const sync = (): void => {
    m = modes[modes.length - 1];
  };
  const heredocMarkers: string[] = [];
  const heredocAtLineStart: boolean[] = [];
  let braces = 0;
  const retBraces: number[] = [];

  // Limits on repeated lexical diagnostics, as HCL limits them.
  let toldBitwise = 0;
  let toldBacktick = 0;
  let toldApostrophe = 0;
  let toldSemicolon = 0;
  let toldInvalid = 0;
  let toldLoneCR = false;

  const err = (summary: string, detail: string, s: number, e: number): void => {
    diags.push({ severity: 'error', summary, detail, span: { start: s, end: e } });
  };
  const invalidChar = (s: number, e: number): void => {
    const c = text.charCodeAt(s);
    if (c === 0x201c || c === 0x201d) {
      err(
        'Invalid character',
        '"Curly quotes" are not valid here. These can sometimes be inadvertently introduced when sharing code via documents or discussion forums. It might help to replace the character with a "straight quote".',
        s,
        e,
      );
    } else if (toldInvalid < 10) {
      err('Invalid character', 'This character is not used within the language.', s, e);
    }
    toldInvalid++;
  };
  const loneCR = (s: number): void => {
    if (toldLoneCR) return;
    toldLoneCR = true;
    err(
      'Invalid character',
      'A carriage return (CR) on its own is not a line break in HCL; use LF or CRLF line endings.',
      s,
      s + 1,
    );
  };
  // Enters a `${` / `%{` sequence: scanning continues in the main mode until its `}`.
  const beginSequence = (): void => {
    braces++;
    retBraces.push(braces);
    if (heredocAtLineStart.length > 0) heredocAtLineStart[heredocAtLineStart.length - 1] = false;
    modes.push(M_MAIN);
    sync();
  };

  let pos = start;
  if (mode === LexMode.Normal && pos === 0 && pos < end && text.charCodeAt(pos) === 0xfeff) pos++;

  scan: while (pos < end) {
    if (m === M_MAIN) {
      let c = text.charCodeAt(pos);
      // Identifiers first (the most common token), ASCII fast path.
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) {
        const e = scanIdentRest(text, pos + 1, end);
        emit(Tok.Ident, pos, e, 0);
        pos = e;
        continue scan;
      }
      const d = pos + 1 < end ? text.charCodeAt(pos + 1) : 0;
      // Other tokens: set type and length, then one shared emit below.
      let type = -1;
      let len = 1;
      switch (c) {
        case 32: // space
        case 9: // tab
          pos++;
          while (pos < end && ((c = text.charCodeAt(pos)) === 32 || c === 9)) pos++;
          continue scan;
        case 10: // \n
          type = Tok.Newline;
          break;
        case 13: // \r
          type = Tok.Newline;
          if (d === 10) len = 2;
          else loneCR(pos);
          break;
        case 35: // #
          pos = lineComment(pos, 1);
          continue scan;
        case 47: // /
          if (d === 47) {
            pos = lineComment(pos, 2);
            continue scan;
          }
          if (d === 42) {
            pos = blockComment(pos);
            continue scan;
          }
          type = Tok.Slash;
          break;
        case 123: // {
          braces++;
          type = Tok.OBrace;
          break;
        case 125: // }
          if (retBraces.length > 0 && retBraces[retBraces.length - 1] === braces) {
            type = Tok.TemplateSeqEnd;
            retBraces.pop();
            modes.pop();
            sync();
          } else {
            type = Tok.CBrace;
          }
          braces--;
          break;
        case 126: // ~
          if (d === 125) {
            // `~}` is always a sequence end, even where a plain brace was wanted (the parser reports it).
            emit(Tok.TemplateSeqEnd, pos, pos + 2, FLAG_STRIP);
            if (retBraces.length > 0 && retBraces[retBraces.length - 1] === braces) {
              retBraces.pop();
              modes.pop();
              sync();
            }
            braces--;
            pos += 2;
            continue scan;
          }
          bitwise(Tok.BitNot, pos);
          type = Tok.BitNot;
          break;
        case 34: // "
          type = Tok.OQuote;
          modes.push(M_STRING);
          sync();
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
        case 46: // .
          if (d === 46 && pos + 2 < end && text.charCodeAt(pos + 2) === 46) {
            type = Tok.Ellipsis;
            len = 3;
          } else {
            type = Tok.Dot;
          }
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
        case 61: // =
          if (d === 61) {
            type = Tok.EqualOp;
            len = 2;
          } else if (d === 62) {
            type = Tok.FatArrow;
            len = 2;
          } else {
            type = Tok.Equal;
          }
          break;
        case 33: // !
          if (d === 61) {
            type = Tok.NotEqual;
            len = 2;
          } else {
            type = Tok.Bang;
          }
          break;
        case 60: // <
          if (d === 61) {
            type = Tok.Le;
            len = 2;
          } else if (d === 60 && heredocStart(pos)) {
            continue scan; // heredocStart emitted the opener and moved `pos`
          } else {
            type = Tok.Lt;
          }
          break;
        case 62: // >
          if (d === 61) {
            type = Tok.Ge;
            len = 2;
          } else {
            type = Tok.Gt;
          }
          break;
        case 38: // &
          if (d === 38) {
            type = Tok.And;
            len = 2;
          } else {
            bitwise(Tok.BitAnd, pos);
            type = Tok.BitAnd;
          }
          break;
        case 124: // |
          if (d === 124) {
            type = Tok.Or;
            len = 2;
          } else {
            bitwise(Tok.BitOr, pos);
            type = Tok.BitOr;
          }
          break;
        case 94: // ^
          bitwise(Tok.BitXor, pos);
          type = Tok.BitXor;
          break;
        case 58: // :
          if (d === 58) {
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
          if (toldSemicolon++ < 1) {
            err(
              'Invalid character',
              'The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.',
              pos,
              pos + 1,
            );
          }
          type = Tok.Semicolon;
          break;
        case 96: // `
          if (toldBacktick % 2 === 0) {
            err(
              'Invalid character',
              'The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".',
              pos,
              pos + 1,
            );
          }
          if (toldBacktick <= 2) toldBacktick++;
          type = Tok.Backtick;
          break;
        case 39: // '
          if (toldApostrophe % 2 === 0) {
            err('Invalid character', 'Single quotes are not valid. Use double quotes (") to enclose strings.', pos, pos + 1);
          }
          if (toldApostrophe <= 2) toldApostrophe++;
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
              invalidChar(pos, pos + len);
              type = Tok.Invalid;
            }
          }
      }
      emit(type, pos, pos + len, 0);
      pos += len;
      continue scan;
    }

    if (m === M_STRING) {
      const c = text.charCodeAt(pos);
      if (c === 34) {
        emit(Tok.CQuote, pos, pos + 1, 0);
        modes.pop();
        sync();
        pos++;
        continue scan;
      }
      if (c === 36 || c === 37) {
        pos = dollarOrPercent(pos, c, Tok.QuotedLit);
        continue scan;
      }
      if (c === 10 || c === 13) {
        // A quoted template may not span lines: end it here (HCL would continue it on the next line).
        let e = pos + 1;
        if (c === 13 && e < end && text.charCodeAt(e) === 10) e++;
        err(
          'Invalid multi-line string',
          'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
          pos,
          e,
        );
        emit(Tok.UnclosedQuote, pos, pos, 0);
        modes.pop();
        sync();
        continue scan;
      }
      if (c === 92 && (pos + 1 >= end || isLineBreak(text.charCodeAt(pos + 1)))) {
        // A backslash with nothing to escape.
        invalidChar(pos, pos + 1);
        emit(Tok.Invalid, pos, pos + 1, 0);
        pos++;
        continue scan;
      }
      // A run of literal characters and backslash escapes.
      const s = pos;
      let litFlags = 0;
      while (pos < end) {
        const d = text.charCodeAt(pos);
        if (d < 128) {
          if (ASCII_QUOTED_STOP[d] === 1) {
            if (d !== 92) break;
            if (pos + 1 >= end || isLineBreak(text.charCodeAt(pos + 1))) break;
            litFlags |= FLAG_ESCAPES;
            if (text.charCodeAt(pos + 1) >= 0x300) litFlags |= FLAG_WIDE;
            pos += codePointAt(text, pos + 1, end) > 0xffff ? 3 : 2;
            continue;
          }
        } else if (d >= 0x300) {
          litFlags |= FLAG_WIDE;
        }
        pos++;
      }
      emit(Tok.QuotedLit, s, pos, litFlags);
      continue scan;
    }

    if (m === M_HEREDOC) {
      const top = heredocMarkers.length - 1;
      const c = text.charCodeAt(pos);
      if (c === 36 || c === 37) {
        pos = dollarOrPercent(pos, c, Tok.StringLit);
        if (m === M_HEREDOC) heredocAtLineStart[top] = false;
        continue scan;
      }
      const s = pos;
      let litFlags = 0;
      while (pos < end) {
        const d = text.charCodeAt(pos);
        if (d === 36 || d === 37 || d === 10 || d === 13) break;
        if (d >= 0x300) litFlags = FLAG_WIDE;
        pos++;
      }
      if (pos < end && (text.charCodeAt(pos) === 10 || text.charCodeAt(pos) === 13)) {
        const eolStart = pos;
        if (text.charCodeAt(pos) === 13) {
          if (pos + 1 < end && text.charCodeAt(pos + 1) === 10) pos += 2;
          else {
            loneCR(pos);
            pos++;
          }
        } else {
          pos++;
        }
        if (heredocAtLineStart[top] && lineIsMarker(text, s, eolStart, heredocMarkers[top])) {
          emit(Tok.CHeredoc, s, eolStart, 0);
          heredocMarkers.pop();
          heredocAtLineStart.pop();
          modes.pop();
          sync();
          emit(Tok.Newline, eolStart, pos, 0);
          continue scan;
        }
        heredocAtLineStart[top] = true;
        emit(Tok.StringLit, s, pos, litFlags);
        continue scan;
      }
      if (pos > s) {
        heredocAtLineStart[top] = false;
        emit(Tok.StringLit, s, pos, litFlags);
      }
      continue scan;
    }

    // M_BARE: a bare template, one literal token per line.
    {
      const c = text.charCodeAt(pos);
      if (c === 36 || c === 37) {
        pos = dollarOrPercent(pos, c, Tok.StringLit);
        continue scan;
      }
      const s = pos;
      let litFlags = 0;
      while (pos < end) {
        const d = text.charCodeAt(pos);
        if (d === 36 || d === 37 || d === 10 || d === 13) break;
        if (d >= 0x300) litFlags = FLAG_WIDE;
        pos++;
      }
      if (pos < end) {
        const d = text.charCodeAt(pos);
        if (d === 10) pos++;
        else if (d === 13) {
          if (pos + 1 < end && text.charCodeAt(pos + 1) === 10) pos += 2;
          else {
            // HCL's template scanner stops at a lone CR and takes the rest as literal text.
            emit(Tok.StringLit, s, end, FLAG_WIDE);
            pos = end;
            continue scan;
          }
        }
      }
      if (pos > s) emit(Tok.StringLit, s, pos, litFlags);
      continue scan;
    }
  }

  emit(Tok.EOF, end, end, 0);
  buf.count = n;
  return buf;

  // ---- helpers sharing the scanner state ----

  function isLineBreak(c: number): boolean {
    return c === 10 || c === 13;
  }

  /** Reports a bitwise operator (the caller emits its token). */
  function bitwise(type: Tok, at: number): void {
    if (toldBitwise < 4) {
      const suggestion =
        type === Tok.BitAnd
          ? ' Did you mean boolean AND ("&&")?'
          : type === Tok.BitOr
            ? ' Did you mean boolean OR ("||")?'
            : type === Tok.BitNot
              ? ' Did you mean boolean NOT ("!")?'
              : '';
      err('Unsupported operator', `Bitwise operators are not supported.${suggestion}`, at, at + 1);
      toldBitwise++;
    }
  }

  /** `#` or `//` comment at `at` (marker length `len`); returns where scanning resumes (the line break). */
  function lineComment(at: number, len: number): number {
    let p = at + len;
    while (p < end && text.charCodeAt(p) !== 10) p++;
    // A CR before the LF belongs to the line break, not to the comment.
    const e = p < end && p > at + len && text.charCodeAt(p - 1) === 13 ? p - 1 : p;
    comments.push({ kind: 'Comment', span: { start: at, end: e }, style: len === 1 ? '#' : '//', text: text.slice(at + len, e) });
    return e;
  }

  function blockComment(at: number): number {
    const close = text.indexOf('*/', at + 2);
    if (close < 0 || close + 2 > end) {
      err('Unterminated comment', 'There is no closing "*/" for this comment before the end of the file.', at, end);
      comments.push({ kind: 'Comment', span: { start: at, end }, style: '/*', text: text.slice(at + 2, end) });
      return end;
    }
    comments.push({ kind: 'Comment', span: { start: at, end: close + 2 }, style: '/*', text: text.slice(at + 2, close) });
    return close + 2;
  }

  /**
   * `<<EOT` / `<<-EOT` followed by a line break opens a heredoc. Returns false (emitting
   * nothing) when the text at `at` is not a heredoc opener.
   */
  function heredocStart(at: number): boolean {
    let p = at + 2;
    let flush = 0;
    if (p < end && text.charCodeAt(p) === 45) {
      p++;
      flush = FLAG_FLUSH;
    }
    if (p >= end) return false;
    const idLen = identStartLength(text, p, end);
    if (idLen === 0) return false;
    const markerStart = p;
    p = scanIdentRest(text, p + idLen, end);
    const markerEnd = p;
    if (p < end && text.charCodeAt(p) === 13) p++;
    if (p >= end || text.charCodeAt(p) !== 10) return false;
    p++;
    emit(Tok.OHeredoc, at, p, flush);
    heredocMarkers.push(text.slice(markerStart, markerEnd));
    heredocAtLineStart.push(true);
    modes.push(M_HEREDOC);
    sync();
    pos = p;
    return true;
  }

  /**
   * In a template: `${`/`%{` (with `~`) opens a sequence; `$${`/`%%{` is an escape; any other
   * `$`/`%` is a one-character literal. Returns the new position.
   */
  function dollarOrPercent(at: number, c: number, litType: Tok): number {
    const d = at + 1 < end ? text.charCodeAt(at + 1) : 0;
    if (d === 123) {
      const strip = at + 2 < end && text.charCodeAt(at + 2) === 126;
      emit(c === 36 ? Tok.TemplateInterp : Tok.TemplateControl, at, at + (strip ? 3 : 2), strip ? FLAG_STRIP : 0);
      beginSequence();
      return at + (strip ? 3 : 2);
    }
    if (d === c && at + 2 < end && text.charCodeAt(at + 2) === 123) {
      const e = at + 3 < end && text.charCodeAt(at + 3) === 126 ? at + 4 : at + 3;
      emit(litType, at, e, 0);
      return e;
    }
    emit(litType, at, at + 1, 0);
    return at + 1;
  }
}
