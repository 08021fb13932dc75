// Compiler-style text: `path:line:col: severity rule_id: message`, evidence indented below as
// `  path:line:col: note: message`, and a closing summary line.

import type { Severity } from '../../rules/types';
import { countSeverities, type Report, type ReportFinding } from '../report';

export interface TextOptions {
  /** ANSI colours (only on a terminal, never with --no-color / NO_COLOR). */
  color: boolean;
  /** Findings only: no summary. */
  quiet: boolean;
  /** Print the network pictures first. */
  explain: boolean;
}

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m' };
const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan };

export function formatText(report: Report, options: TextOptions): string {
  const paint = (style: string, s: string): string => (options.color ? style + s + ANSI.reset : s);
  const lines: string[] = [];
  if (options.explain) {
    lines.push(...renderPictures(report.pictures ?? []), '');
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
// --explain: pictures are JSON data whose shape the network layer owns; render it as an indented
// key/value tree, so every fact and every reason for an unknown shows.

const LABEL_KEYS = ['address', 'function', 'resource', 'name'];

function renderPictures(pictures: readonly unknown[]): string[] {
  if (pictures.length === 0) return ['No Lambda functions found.'];
  const lines: string[] = [];
  pictures.forEach((p, i) => {
    const label = isRecord(p) ? LABEL_KEYS.map((k) => p[k]).find((v): v is string => typeof v === 'string') : undefined;
    lines.push(`Network picture ${i + 1} of ${pictures.length}${label ? `: ${oneLine(label)}` : ''}`);
    lines.push(...renderValue(p, '  '));
  });
  return lines;
}

function renderValue(value: unknown, indent: string): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}[]`];
    return value.flatMap((v) => {
      if (!isContainer(v)) return [`${indent}- ${scalar(v)}`];
      const inner = renderValue(v, indent + '  ');
      return [`${indent}- ${inner[0].trimStart()}`, ...inner.slice(1)];
    });
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [`${indent}{}`];
    return entries.flatMap(([k, v]) => {
      const key = oneLine(k);
      if (!isContainer(v) || isEmpty(v)) return [`${indent}${key}: ${isContainer(v) ? (Array.isArray(v) ? '[]' : '{}') : scalar(v)}`];
      return [`${indent}${key}:`, ...renderValue(v, indent + '  ')];
    });
  }
  return [`${indent}${scalar(value)}`];
}

function scalar(v: unknown): string {
  if (typeof v === 'string') return oneLine(v === '' || /[\u0000-\u001f]|^\s|\s$/.test(v) ? JSON.stringify(v) : v);
  return v === undefined ? 'undefined' : JSON.stringify(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isContainer(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

function isEmpty(v: object): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}
