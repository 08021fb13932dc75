// Compiler-style text: `path:line:col: severity rule_id: message`, evidence indented below as
// `  path:line:col: note: message`, and a closing summary line.

import type { Severity } from '../../rules/types';
import { countSeverities, type Report, type ReportExplanationLine, type ReportFinding, type ReportLocation, type ReportPicture } from '../report';

export interface TextOptions {
  /** ANSI colours (only on a terminal, never with --no-color / NO_COLOR). */
  color: boolean;
  /** Findings only: no summary. */
  quiet: boolean;
  /** Print the explanations of the network pictures first. */
  explain: boolean;
}

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m' };
const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan };

export function formatText(report: Report, options: TextOptions): string {
  const paint = (style: string, s: string): string => (options.color ? style + s + ANSI.reset : s);
  const lines: string[] = [];
  if (options.explain) {
    lines.push(...renderPictures(report.pictures ?? [], paint), '');
  }
  for (const f of report.findings) {
    const where = `${oneLine(f.file)}:${f.range.start.line}:${f.range.start.column}:`;
    lines.push(`${paint(ANSI.bold, where)} ${paint(SEVERITY_COLOR[f.severity], f.severity)} ${paint(ANSI.dim, f.rule + ':')} ${oneLine(f.message)}`);
    for (const r of f.related) {
      const at = `${oneLine(r.file)}:${r.range.start.line}:${r.range.start.column}:`;
      lines.push(`  ${paint(ANSI.bold, at)} ${paint(ANSI.dim, 'note:')} ${oneLine(r.message)}`);
    }
  }
  if (!options.quiet) lines.push(summary(report));
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

/**
 * One finding is one line: line breaks and tabs become spaces, and other control characters are
 * shown escaped, so that text from a user's file cannot drive the terminal.
 */
export function oneLine(s: string): string {
  return s
    .replace(/\r\n|[\r\n\t\u2028\u2029]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** "2 errors, 1 warning in 3 files" / "No problems found in N files". */
export function summary(report: Report): string {
  const { findings } = report;
  if (findings.length === 0) return `No problems found in ${plural(report.files.length, 'file')}`;
  const counts = countSeverities(findings);
  const parts: string[] = [];
  if (counts.error) parts.push(plural(counts.error, 'error'));
  if (counts.warning) parts.push(plural(counts.warning, 'warning'));
  if (counts.info) parts.push(`${counts.info} info`);
  const files = new Set(findings.map((f) => f.file)).size;
  return `${parts.join(', ')} in ${plural(files, 'file')}${fixableNote(findings)}`;
}

function fixableNote(findings: readonly ReportFinding[]): string {
  const safe = findings.filter((f) => f.fixes.some((x) => x.safe)).length;
  const unsafe = findings.filter((f) => f.fixes.length > 0 && !f.fixes.some((x) => x.safe)).length;
  const notes: string[] = [];
  if (safe) notes.push(`${safe} fixable with --fix`);
  if (unsafe) notes.push(`${unsafe} ${safe ? 'more ' : ''}with --fix-unsafe`);
  return notes.length ? ` (${notes.join(', ')})` : '';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------------------
// --explain: each picture's explanation (network/explain.ts, the same as the editor hover) as an
// indented outline, locations as `path:line:col` after the line they back.

function renderPictures(pictures: readonly ReportPicture[], paint: (style: string, s: string) => string): string[] {
  if (pictures.length === 0) return ['No Lambda functions found.'];
  const lines: string[] = [];
  const render = (l: ReportExplanationLine, indent: string): void => {
    lines.push(`${indent}${oneLine(l.text)}${where(l.locations, paint)}`);
    for (const child of l.lines) render(child, indent + '  ');
  };
  pictures.forEach(({ explanation }, i) => {
    if (i > 0) lines.push('');
    lines.push(`${paint(ANSI.bold, oneLine(explanation.title))}${where([explanation.location], paint)}`);
    for (const section of explanation.sections) {
      lines.push(`  ${paint(ANSI.bold, section.title)}`);
      for (const l of section.lines) render(l, '    ');
    }
  });
  return lines;
}

function where(locations: readonly ReportLocation[], paint: (style: string, s: string) => string): string {
  if (locations.length === 0) return '';
  return ' ' + paint(ANSI.dim, `(${locations.map((l) => `${oneLine(l.file)}:${l.range.start.line}:${l.range.start.column}`).join(', ')})`);
}
