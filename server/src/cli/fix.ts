// `--fix` / `--fix-unsafe`: apply the fixes of findings as exact edits, in place.
//
// Guarantees: only the bytes of applied edits change (the rest of the file, its BOM and its line
// endings are kept; inserted line breaks follow the file's own); a file whose bytes changed on disk
// since the analysis read them is left alone; a file that is not valid UTF-8 is left alone; a fix
// that would make a Terraform file fail to parse is skipped. When fixes overlap, the first is applied
// and the rest wait for the next pass, which re-analyses; passes are bounded.

import { isConfigFile } from '../analysis';
import { parseFile } from '../hcl';
import type { Span } from '../hcl/source';
import type { Finding, Fix, TextEdit } from '../rules/types';
import type { FileSnapshot } from './host';

export interface FixDisk {
  /** Current bytes, or undefined when the file does not exist. */
  readBytes(path: string): Uint8Array | undefined;
  /** `create`: the file did not exist when read and must not be overwritten if it appeared since. */
  writeBytes(path: string, data: Uint8Array, create: boolean): void;
}

export interface FixOptions {
  unsafe: boolean;
  /** Files that may be edited (the reported ones). */
  mayEdit: (file: string) => boolean;
}

/** One analysis run: its findings and what it read. */
export interface AnalysisRun {
  findings: Finding[];
  snapshot: (file: string) => FileSnapshot | undefined;
}

export interface FixSummary<R extends AnalysisRun = AnalysisRun> {
  /** The last run, after the last fixes: what is left. */
  run: R;
  /** Fixes applied, over all passes. */
  applied: number;
  /** Files written, absolute, sorted. */
  changedFiles: string[];
  /** Why fixes were not applied. */
  notes: FixNote[];
}

/** Why a fix was not applied; `file` is absolute (empty when the note is not about one file). */
export interface FixNote {
  file: string;
  message: string;
}

export const MAX_FIX_PASSES = 10;

/**
 * Analyses, applies fixes, and re-analyses until no fix applies (at most `maxPasses` fixing passes).
 * A fix that does not make its finding go away is applied once only.
 */
export function fixUntilStable<R extends AnalysisRun>(
  analyze: () => R,
  disk: FixDisk,
  options: FixOptions,
  maxPasses = MAX_FIX_PASSES,
): FixSummary<R> {
  const changed = new Set<string>();
  const notes: FixNote[] = [];
  /** Keys of findings whose fix did not resolve them. */
  const stubborn = new Set<string>();
  let applied = 0;
  let run = analyze();
  for (let pass = 0; ; pass++) {
    const eligible = run.findings.filter((f) => !stubborn.has(findingKey(f)));
    const result = applyFixPass(eligible, run.snapshot, disk, options);
    notes.push(...result.notes);
    if (result.applied.length === 0) break;
    applied += result.applied.length;
    for (const file of result.changedFiles) changed.add(file);
    const before = countKeys(run.findings);
    const fixed = countKeys(result.applied);
    run = analyze();
    const after = countKeys(run.findings);
    for (const [key, n] of fixed) {
      if ((after.get(key) ?? 0) > (before.get(key) ?? 0) - n) stubborn.add(key);
    }
    if (pass + 1 >= maxPasses) {
      if (run.findings.some((f) => !stubborn.has(findingKey(f)) && options.mayEdit(f.file) && chooseFix(f, options) !== undefined)) {
        notes.push({ file: '', message: `stopped after ${maxPasses} fix passes; some fixes were not applied` });
      }
      break;
    }
  }
  // The same refusal is usually met on every pass: say it once.
  const unique = new Map(notes.map((n) => [`${n.file}\u0000${n.message}`, n]));
  return { run, applied, changedFiles: [...changed].sort(), notes: [...unique.values()] };
}

/** A finding's identity across passes (its spans move when the file changes; its text does not). */
function findingKey(f: Finding): string {
  const fix = f.fixes.map((x) => x.title).join('\u0000');
  return `${f.rule}\u0000${f.file}\u0000${f.resource ?? ''}\u0000${f.message}\u0000${fix}`;
}

function countKeys(findings: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(findingKey(f), (m.get(findingKey(f)) ?? 0) + 1);
  return m;
}

/** The fix `--fix` applies for a finding: its first safe fix, else (with unsafe) its first fix. */
export function chooseFix(finding: Finding, options: Pick<FixOptions, 'unsafe'>): Fix | undefined {
  return finding.fixes.find((f) => f.safe) ?? (options.unsafe ? finding.fixes[0] : undefined);
}

export interface FixPassResult {
  /** Findings whose fix was applied. */
  applied: Finding[];
  changedFiles: string[];
  notes: FixNote[];
}

interface FileState {
  path: string;
  /** The text as read (undefined: the file did not exist and the fix creates it). */
  original: FileSnapshot | undefined;
  eol: string;
  edits: TextEdit[];
  /** Syntax errors of the original text (for config files). */
  baseErrors: number;
}

/** One pass: picks non-overlapping fixes in finding order, applies them and writes the files. */
export function applyFixPass(
  findings: Finding[],
  snapshot: (file: string) => FileSnapshot | undefined,
  disk: FixDisk,
  options: FixOptions,
): FixPassResult {
  const notes: FixNote[] = [];
  const files = new Map<string, FileState>();
  const refused = new Set<string>();
  /** Whether a file can be edited at all; notes the reason once when it cannot. */
  const fileState = (path: string): FileState | undefined => {
    if (refused.has(path)) return undefined;
    const known = files.get(path);
    if (known) return known;
    const refuse = (why: string): undefined => {
      refused.add(path);
      if (why) notes.push({ file: path, message: `${why}; not fixed` });
      return undefined;
    };
    if (!options.mayEdit(path)) return refuse('');
    const original = snapshot(path);
    const now = disk.readBytes(path);
    if (original === undefined) {
      if (now !== undefined) return refuse('was not read by the analysis');
    } else {
      if (now === undefined || !sameBytes(now, original.bytes)) return refuse('changed since it was read');
      if (!sameBytes(Buffer.from(original.text, 'utf8'), original.bytes)) return refuse('is not valid UTF-8');
    }
    const text = original?.text ?? '';
    const state: FileState = { path, original, eol: lineEnding(text), edits: [], baseErrors: syntaxErrors(path, text) };
    files.set(path, state);
    return state;
  };

  const applied: Finding[] = [];
  for (const finding of sortFindings(findings)) {
    const fix = chooseFix(finding, options);
    if (!fix || fix.edits.length === 0) continue;
    const byFile = groupEdits(fix.edits);
    if ([...byFile.values()].some((edits) => overlapsWithin(edits))) {
      notes.push({ file: finding.file, message: `fix "${fix.title}" has overlapping edits; not fixed` });
      continue;
    }
    const states: FileState[] = [];
    let ok = true;
    for (const [path, edits] of byFile) {
      const state = fileState(path);
      // A created file starts empty: only insertions at its start make sense.
      const fits = state && (state.original !== undefined || edits.every((e) => e.span.start === 0 && e.span.end === 0));
      if (!state || !fits || edits.some((e) => state.edits.some((a) => overlaps(a.span, e.span)))) {
        ok = false;
        break;
      }
      states.push(state);
    }
    if (!ok) continue;
    // Never leave a file that parsed worse than before.
    const breaks = states.find((s) => syntaxErrors(s.path, render(s, [...s.edits, ...(byFile.get(s.path) ?? [])])) > s.baseErrors);
    if (breaks) {
      notes.push({ file: breaks.path, message: `fix "${fix.title}" would make the file fail to parse; not fixed` });
      continue;
    }
    for (const s of states) s.edits.push(...(byFile.get(s.path) ?? []));
    applied.push(finding);
  }

  const changedFiles: string[] = [];
  for (const s of files.values()) {
    if (s.edits.length === 0) continue;
    // Compare again right before writing: the user may have saved meanwhile.
    const now = disk.readBytes(s.path);
    const unchanged = s.original === undefined ? now === undefined : now !== undefined && sameBytes(now, s.original.bytes);
    if (!unchanged) {
      notes.push({ file: s.path, message: 'changed since it was read; not fixed' });
      continue;
    }
    try {
      disk.writeBytes(s.path, Buffer.from(render(s, s.edits), 'utf8'), s.original === undefined);
      changedFiles.push(s.path);
    } catch (err) {
      notes.push({ file: s.path, message: `cannot be written (${err instanceof Error ? err.message : String(err)}); not fixed` });
    }
  }
  const written = new Set(changedFiles);
  return {
    applied: applied.filter((f) => {
      const fix = chooseFix(f, options) as Fix;
      return fix.edits.every((e) => written.has(e.file));
    }),
    changedFiles: changedFiles.sort(),
    notes,
  };
}

/** The file's text with `edits` applied (line breaks in new text converted to the file's). */
function render(state: FileState, edits: TextEdit[]): string {
  return applyEdits(
    state.original?.text ?? '',
    edits.map((e) => ({ ...e, newText: e.newText.replace(/\r\n|\r|\n/g, state.eol) })),
  );
}

/** Applies non-overlapping edits to `text` (spans refer to `text`). */
export function applyEdits(text: string, edits: readonly Pick<TextEdit, 'span' | 'newText'>[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    const start = Math.max(at, Math.min(e.span.start, text.length));
    const end = Math.max(start, Math.min(e.span.end, text.length));
    out += text.slice(at, start) + e.newText;
    at = end;
  }
  return out + text.slice(at);
}

/**
 * Two edits conflict when their ranges intersect, or when they start at the same offset (two
 * insertions there, or an insertion before a replacement, have no single right order).
 */
export function overlaps(a: Span, b: Span): boolean {
  return a.start === b.start || (a.start < b.end && b.start < a.end);
}

function overlapsWithin(edits: TextEdit[]): boolean {
  for (let i = 0; i < edits.length; i++) for (let j = i + 1; j < edits.length; j++) if (overlaps(edits[i].span, edits[j].span)) return true;
  return false;
}

function groupEdits(edits: TextEdit[]): Map<string, TextEdit[]> {
  const m = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const list = m.get(e.file);
    if (list) list.push(e);
    else m.set(e.file, [e]);
  }
  return m;
}

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.span.start - b.span.start || a.span.end - b.span.end));
}

/** The file's line break: that of its first line, LF when it has none. */
export function lineEnding(text: string): string {
  const m = /\r\n|\r|\n/.exec(text);
  return m ? m[0] : '\n';
}

function syntaxErrors(path: string, text: string): number {
  if (!isConfigFile(path) && !/\.tfvars(\.json)?$/.test(path)) return 0;
  return parseFile(path, text).diagnostics.filter((d) => d.severity === 'error').length;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}
