// Fixes are data: exact edits over spans of the files as analysed. This file applies them to text and builds the
// edits the rules need, so that every fix:
// - touches only the bytes it must (no reprinting of untouched code; comments stay where they are);
// - indents like the file (its own indentation unit: spaces or tabs) and aligns `=` as `terraform fmt` does;
// - writes the file's own line break (LF, CRLF or CR).
// Fixes are built for native-syntax files only; `.tf.json` files get findings without fixes.

import type { Attribute, Block, ConfigFile, TupleExpr } from '../hcl/ast';
import type { Span } from '../hcl/source';
import type { Fix, TextEdit } from './types';

// ---------------------------------------------------------------------------
// Applying edits

/**
 * `text` with `edits` applied (spans refer to `text`). Undefined when two edits overlap (or both insert at one
 * offset, which has no single right order) or an edit lies outside the text: such a fix is refused.
 */
export function applyEdits(text: string, edits: readonly Pick<TextEdit, 'span' | 'newText'>[]): string | undefined {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let at = 0;
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    if (e.span.start < at || e.span.end < e.span.start || e.span.end > text.length) return undefined;
    if (i > 0 && e.span.start === sorted[i - 1].span.start) return undefined;
    out += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  return out + text.slice(at);
}

/**
 * The texts of the files a fix changes, after the fix. `texts` holds the files as analysed. Undefined when the fix
 * is refused (overlapping edits, an edit outside its file, a file that is not in `texts`).
 */
export function applyFix(texts: ReadonlyMap<string, string>, fix: Fix): Map<string, string> | undefined {
  const byFile = new Map<string, TextEdit[]>();
  for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const out = new Map<string, string>();
  for (const [file, edits] of byFile) {
    const text = texts.get(file);
    if (text === undefined) return undefined;
    const next = applyEdits(text, edits);
    if (next === undefined) return undefined;
    out.set(file, next);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Reading the file's style

/** The file's line break: that of its first line; LF when it has none. */
export function lineEnding(text: string): string {
  const m = /\r\n|\r|\n/.exec(text);
  return m ? m[0] : '\n';
}

/** Offset of the start of the line holding `offset`. */
export function lineStartAt(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** Offset of the end of the line holding `offset` (before its line break). */
export function lineEndAt(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Offset just after the line break that ends the line at `offset` (the text length on the last line). */
function nextLineStart(text: string, offset: number): number {
  const end = lineEndAt(text, offset);
  if (text.startsWith('\r\n', end)) return end + 2;
  return end < text.length ? end + 1 : end;
}

/** The whitespace that starts the line holding `offset`. */
function indentAt(text: string, offset: number): string {
  const start = lineStartAt(text, offset);
  return /^[ \t]*/.exec(text.slice(start, start + 200))?.[0] ?? '';
}

/** True when only whitespace precedes `offset` on its line. */
function startsLine(text: string, offset: number): boolean {
  return text.slice(lineStartAt(text, offset), offset).trim() === '';
}

/** True when nothing but whitespace and a line comment follow `offset` on its line. */
function endsLine(text: string, offset: number): boolean {
  const rest = text.slice(offset, lineEndAt(text, offset)).trim();
  return rest === '' || rest.startsWith('#') || rest.startsWith('//');
}

/**
 * The file's indentation unit: the indentation of the first nested item relative to its block (two spaces, four
 * spaces, a tab, ...). Two spaces, Terraform's style, when the file has no nested item on a line of its own.
 */
export function indentUnit(file: ConfigFile): string {
  for (const item of file.body.items) {
    if (item.kind !== 'Block') continue;
    const outer = indentAt(file.text, item.span.start);
    for (const inner of item.body.items) {
      if (!startsLine(file.text, inner.span.start)) continue;
      const ind = indentAt(file.text, inner.span.start);
      if (ind.startsWith(outer) && ind.length > outer.length) return ind.slice(outer.length);
    }
  }
  return '  ';
}

// ---------------------------------------------------------------------------
// Rendering new code

/** A line of new code: an attribute, a nested block, or a blank line. */
export type CodeLine = { attr: string; value: string } | { block: string; body: CodeLine[] } | { blank: true };

/**
 * Lines of code at `indent` (one `unit` deeper for each nested block), with the `=` of consecutive attributes
 * aligned as `terraform fmt` does. Values are HCL expressions, written as given.
 */
export function renderLines(lines: readonly CodeLine[], indent: string, unit: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const l = lines[i];
    if ('attr' in l) {
      let j = i;
      while (j < lines.length && 'attr' in lines[j]) j++;
      const run = lines.slice(i, j) as { attr: string; value: string }[];
      const width = Math.max(...run.map((a) => a.attr.length));
      for (const a of run) out.push(`${indent}${a.attr.padEnd(width)} = ${a.value}`);
      i = j;
      continue;
    }
    if ('block' in l) {
      out.push(`${indent}${l.block} {`, ...renderLines(l.body, indent + unit, unit), `${indent}}`);
    } else {
      out.push('');
    }
    i++;
  }
  return out;
}

/** `"text"` as an HCL string literal. */
export function hclString(s: string): string {
  return JSON.stringify(s).replace(/\$\{/g, '$$${').replace(/%\{/g, '%%{');
}

// ---------------------------------------------------------------------------
// Edits

/** Edits of one native-syntax file, in its own style. */
export class FileEditor {
  readonly eol: string;
  readonly unit: string;

  constructor(readonly file: ConfigFile) {
    this.eol = lineEnding(file.text);
    this.unit = indentUnit(file);
  }

  /**
   * An editor for a file that may take our edits: native syntax (JSON files are not edited), and not a module
   * installed by `terraform init` (under `.terraform/`, which the next init overwrites).
   */
  static for(file: ConfigFile | undefined): FileEditor | undefined {
    if (!file || file.syntax !== 'hcl' || file.path.includes('/.terraform/')) return undefined;
    return new FileEditor(file);
  }

  private edit(span: Span, newText: string): TextEdit {
    return { file: this.file.path, span, newText };
  }

  replace(span: Span, newText: string): TextEdit {
    return this.edit(span, newText);
  }

  /**
   * New top-level blocks after `after` (a top-level block): inserted at the end of the line of its closing brace,
   * each preceded by a blank line. Undefined when the block is unclosed.
   */
  blocksAfter(after: Block, blocks: readonly { header: string; body: CodeLine[] }[]): TextEdit | undefined {
    if (!after.close) return undefined;
    const text = this.file.text;
    const at = lineEndAt(text, after.close.end);
    const indent = indentAt(text, after.span.start);
    const parts: string[] = [];
    for (const b of blocks) parts.push('', `${indent}${b.header} {`, ...renderLines(b.body, indent + this.unit, this.unit), `${indent}}`);
    return this.edit({ start: at, end: at }, this.eol + parts.join(this.eol));
  }

  /**
   * New items at the end of a block's body, before its closing brace, one level deeper than the block. Undefined
   * when the closing brace does not start its own line (a one-line block) or the block is unclosed.
   */
  appendToBody(block: Block, lines: readonly CodeLine[]): TextEdit | undefined {
    if (!block.close || !startsLine(this.file.text, block.close.start)) return undefined;
    const text = this.file.text;
    const indent = indentAt(text, block.span.start) + this.unit;
    const lastItem = block.body.items[block.body.items.length - 1];
    const lead = lastItem ? [''] : [];
    const at = lineStartAt(text, block.close.start);
    const rendered = [...lead, ...renderLines(lines, indent, this.unit)];
    return this.edit({ start: at, end: at }, rendered.map((l) => l + this.eol).join(''));
  }

  /**
   * Removes a block or attribute with its whole lines, and the blank line before it when a blank line, a closing
   * brace or the end of the file follows (so that no double blank line is left). Undefined when something else
   * shares its first or last line.
   */
  removeLines(node: Block | Attribute): TextEdit | undefined {
    const text = this.file.text;
    const end = node.kind === 'Block' ? node.close?.end : node.span.end;
    if (end === undefined || !startsLine(text, node.span.start) || !endsLine(text, end)) return undefined;
    let start = lineStartAt(text, node.span.start);
    const stop = nextLineStart(text, end);
    // The line before, without its line break (which is two code units in a CRLF file).
    const prevEnd = start >= 2 && text.startsWith('\r\n', start - 2) ? start - 2 : start - 1;
    const prevStart = lineStartAt(text, prevEnd);
    const blankBefore = start > 0 && text.slice(prevStart, prevEnd).trim() === '';
    const next = text.slice(stop, lineEndAt(text, stop)).trim();
    // Keep one blank line between the neighbours, none before a closing brace or the end of the file.
    if (blankBefore && (next === '' || next.startsWith('}'))) start = prevStart;
    return this.edit({ start, end: stop }, '');
  }

  /**
   * Appends elements to a tuple literal, in its layout: one per line when its elements are on lines of their own,
   * else inline after the last element. Undefined for a tuple written in a shape we do not extend.
   */
  appendToTuple(tuple: TupleExpr, elements: readonly string[]): TextEdit | undefined {
    if (elements.length === 0) return undefined;
    const text = this.file.text;
    const last = tuple.elements[tuple.elements.length - 1];
    const closeAt = tuple.span.end - 1;
    if (text[closeAt] !== ']') return undefined;
    if (!last) return this.edit({ start: tuple.span.start + 1, end: closeAt }, elements.join(', '));
    const between = text.slice(last.span.end, closeAt);
    const comma = /^\s*,/.exec(between);
    if (startsLine(text, last.span.start)) {
      // One element per line: new lines like the last one, keeping the trailing-comma habit.
      const indent = indentAt(text, last.span.start);
      const trailing = comma !== null;
      const at = comma ? last.span.end + comma[0].length : last.span.end;
      const lines = elements.map((e, i) => `${this.eol}${indent}${e}${trailing || i < elements.length - 1 ? ',' : ''}`);
      return this.edit({ start: at, end: at }, (trailing ? '' : ',') + lines.join(''));
    }
    if (/[\r\n]/.test(between) || between.includes('#') || between.includes('/')) return undefined;
    return this.edit({ start: last.span.end, end: last.span.end }, `, ${elements.join(', ')}`);
  }
}
