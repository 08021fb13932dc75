// Spans and positions. The core speaks only in UTF-16 offsets (`Span`); line/column
// conversion happens through one `LineIndex` per file. Surfaces (LSP, CLI) convert a
// Span to their own range type in exactly one place each.

/** Half-open range [start, end) of UTF-16 code-unit offsets into a file's text. */
export interface Span {
  start: number;
  end: number;
}

/** Zero-based line and UTF-16 column. */
export interface Position {
  line: number;
  character: number;
}

// ---------------------------------------------------------------------------
// Allocation for the syntax tree
//
// The parser makes every object of a tree with `new` (constructor functions made by
// plainConstructor) and every array with newArray(), never with literals. V8 tracks where
// each object or array literal is allocated and, when most objects from one site are still
// alive at a young-generation GC (as while a large file's tree is being built), it decides to
// allocate all later ones directly in the old generation. Trees are short-lived: the old
// generation then fills with dead trees, and every young object they point to is kept alive,
// and copied, until the next full GC. Runs of the parse benchmark were three times slower,
// at random, from that alone. Objects made by `new` and arrays made by `slice` are not
// subject to that decision.

/**
 * Turns `init` into a constructor of plain objects: its instances have Object.prototype as
 * their prototype, like object literals (JSON, deep equality and `in` see no difference),
 * and their properties in the order `init` assigns them.
 */
export function plainConstructor<A extends unknown[], T>(init: (this: T, ...args: A) => void): new (...args: A) => T {
  init.prototype = Object.prototype;
  return init as unknown as new (...args: A) => T;
}

// The empty array newArray copies. It once held an object, so its copies are arrays of any
// values from the start (V8's "elements kind"): storing a node into them needs no conversion.
const NO_ELEMENTS: unknown[] = [null];
NO_ELEMENTS.pop();

/** A new empty array, made without an array literal (see above). */
export function newArray<T>(): T[] {
  return NO_ELEMENTS.slice() as T[];
}

/** Constructor of Span objects. */
export const PlainSpan = plainConstructor(function (this: Span, start: number, end: number) {
  this.start = start;
  this.end = end;
});

export function span(start: number, end: number): Span {
  return new PlainSpan(start, end);
}

export function spanText(text: string, s: Span): string {
  return text.slice(s.start, s.end);
}

export function joinSpans(a: Span, b: Span): Span {
  return new PlainSpan(Math.min(a.start, b.start), Math.max(a.end, b.end));
}

/**
 * Maps offsets to line/column and back. Line breaks are LF, CRLF or a lone CR.
 * A UTF-8 BOM, if the text still carries it as U+FEFF, is an ordinary code unit at offset 0.
 *
 * The line table is built on first use: every parsed file carries an index, but most files
 * never need a position (the parser itself only asks when it reports a problem).
 */
export class LineIndex {
  readonly length: number;
  /** The text, until the line table is built. */
  private text: string | null;
  private starts: number[] | null = null;

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
  }

  /** Offset of the first code unit of each line. */
  get lineStarts(): number[] {
    if (this.starts === null) {
      this.starts = computeLineStarts(this.text ?? '');
      this.text = null;
    }
    return this.starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The position of an offset; offsets are clamped into [0, length]. */
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.length));
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo] };
  }

  /** The offset of a position; lines and columns are clamped to the text. */
  offset(pos: Position): number {
    const starts = this.lineStarts;
    if (pos.line < 0) return 0;
    if (pos.line >= starts.length) return this.length;
    const start = starts[pos.line];
    const next = pos.line + 1 < starts.length ? starts[pos.line + 1] : this.length;
    return Math.max(start, Math.min(start + pos.character, next));
  }

  lineStart(line: number): number {
    const starts = this.lineStarts;
    return starts[Math.max(0, Math.min(line, starts.length - 1))];
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  const n = text.length;
  if (text.indexOf('\r') < 0) {
    // LF only (the common case): let the engine search for the line feeds.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  } else {
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        starts.push(i + 1);
      } else if (c === 13) {
        if (i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
  }
  return starts;
}
