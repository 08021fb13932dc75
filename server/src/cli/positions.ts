// The one place the CLI turns core Spans (UTF-16 offsets) into 1-based line/column pairs.
// Columns count UTF-16 code units (as SARIF's `utf16CodeUnits` and LSP do). A UTF-8 byte order
// mark, which the core keeps as U+FEFF at offset 0, is not counted: the first visible character
// of a file is at 1:1, as editors show it. Ends are exclusive: the end column is the column just
// after the last character of the range.

import { LineIndex, type Span } from '../hcl/source';

export interface CliPosition {
  line: number;
  column: number;
}

export interface CliRange {
  start: CliPosition;
  end: CliPosition;
}

/** Converts spans of one file's text. */
export function spanToRange(text: string, index: LineIndex, span: Span): CliRange {
  return { start: offsetToPosition(text, index, span.start), end: offsetToPosition(text, index, span.end) };
}

function offsetToPosition(text: string, index: LineIndex, offset: number): CliPosition {
  const p = index.position(offset);
  const bom = p.line === 0 && p.character > 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { line: p.line + 1, column: p.character - bom + 1 };
}

/** Converts spans of any file, reading each file's text once through `textOf`. */
export class PositionMapper {
  private readonly indexes = new Map<string, { text: string; index: LineIndex }>();

  constructor(private readonly textOf: (file: string) => string | undefined) {}

  /** The range of `span` in `file`; 1:1 when the file cannot be read any more. */
  range(file: string, span: Span): CliRange {
    let entry = this.indexes.get(file);
    if (!entry) {
      const text = this.textOf(file) ?? '';
      entry = { text, index: new LineIndex(text) };
      this.indexes.set(file, entry);
    }
    return spanToRange(entry.text, entry.index, span);
  }
}
