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

export function span(start: number, end: number): Span {
  return { start, end };
}

export function spanText(text: string, s: Span): string {
  return text.slice(s.start, s.end);
}

export function joinSpans(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/**
 * Maps offsets to line/column and back. Line breaks are LF, CRLF or a lone CR.
 * A UTF-8 BOM, if the text still carries it as U+FEFF, is an ordinary code unit at offset 0.
 */
export class LineIndex {
  /** Offset of the first code unit of each line. */
  readonly lineStarts: number[];
  readonly length: number;

  constructor(text: string) {
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
    this.lineStarts = starts;
    this.length = n;
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
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.length;
    const start = this.lineStarts[pos.line];
    const next = pos.line + 1 < this.lineStarts.length ? this.lineStarts[pos.line + 1] : this.length;
    return Math.max(start, Math.min(start + pos.character, next));
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }
}
