// What every output format renders: findings with resolved positions and display paths, in a
// stable order. Built once per run; the formats only lay it out.

import type { Finding, RuleMeta, Severity } from '../rules/types';
import { displayPath } from './paths';
import type { CliRange, PositionMapper } from './positions';

export const TOOL_NAME = 'lambda-vpc-lint';
export const TOOL_URI = 'https://github.com/lambda-vpc-lint/lambda-vpc-lint';

export interface ReportEdit {
  file: string;
  range: CliRange;
  newText: string;
}

export interface ReportFix {
  title: string;
  safe: boolean;
  edits: ReportEdit[];
}

export interface ReportRelated {
  file: string;
  range: CliRange;
  message: string;
}

export interface ReportFinding {
  rule: string;
  severity: Severity;
  message: string;
  /** Relative to the working directory, forward slashes. */
  file: string;
  range: CliRange;
  resource: string | null;
  related: ReportRelated[];
  fixes: ReportFix[];
}

export interface Report {
  tool: { name: string; version: string };
  /** The working directory, absolute POSIX. */
  cwd: string;
  /** Sorted by file, position, rule and message. */
  findings: ReportFinding[];
  /** Every checked file, display paths, sorted. */
  files: string[];
  /** Metadata of the registered rules, plus a stand-in for any other rule id that reported. */
  rules: RuleMeta[];
  /** Network pictures (with --explain). */
  pictures?: unknown[];
}

export interface ReportInput {
  findings: Finding[];
  /** Checked files, absolute. */
  files: string[];
  cwd: string;
  version: string;
  rules: RuleMeta[];
  positions: PositionMapper;
  pictures?: unknown[];
}

export function buildReport(input: ReportInput): Report {
  const { cwd, positions } = input;
  const findings = input.findings.map(
    (f): ReportFinding => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      file: displayPath(cwd, f.file),
      range: positions.range(f.file, f.span),
      resource: f.resource ?? null,
      related: f.related.map((r) => ({ file: displayPath(cwd, r.file), range: positions.range(r.file, r.span), message: r.message })),
      fixes: f.fixes.map((x) => ({
        title: x.title,
        safe: x.safe,
        edits: x.edits.map((e) => ({ file: displayPath(cwd, e.file), range: positions.range(e.file, e.span), newText: e.newText })),
      })),
    }),
  );
  findings.sort(compareFindings);
  const rules = [...input.rules];
  for (const f of findings) {
    if (!rules.some((r) => r.id === f.rule)) {
      rules.push({ id: f.rule, defaultSeverity: f.severity, summary: f.rule, description: f.rule, docsUrl: TOOL_URI, messages: {}, fixable: 'none' });
    }
  }
  return {
    tool: { name: TOOL_NAME, version: input.version },
    cwd,
    findings,
    files: [...new Set(input.files.map((p) => displayPath(cwd, p)))].sort(compareStrings),
    rules,
    ...(input.pictures ? { pictures: input.pictures } : {}),
  };
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareFindings(a: ReportFinding, b: ReportFinding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(a.message, b.message)
  );
}

/** Counts by severity. */
export function countSeverities(findings: readonly ReportFinding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
