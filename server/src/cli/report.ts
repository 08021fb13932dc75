// What every output format renders: findings with resolved positions and display paths, in a
// stable order, and (with --explain) the network pictures with their explanations. Built once per
// run; the formats only lay it out.

import { explainPicture, segmentsText, type ExplanationLine } from '../network/explain';
import type { FunctionPicture, Loc } from '../network/types';
import type { Finding, RuleMeta, Severity } from '../rules/types';
import { trimTrailingSlashes } from '../terraform/paths';
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

/** A location in the output: relative file, 1-based range. */
export interface ReportLocation {
  file: string;
  range: CliRange;
}

export interface ReportExplanationLine {
  text: string;
  locations: ReportLocation[];
  lines: ReportExplanationLine[];
}

/** The explanation of a picture (network/explain.ts) with its text and locations resolved. */
export interface ReportExplanation {
  title: string;
  location: ReportLocation;
  sections: { title: string; lines: ReportExplanationLine[] }[];
}

export interface ReportPicture {
  /** The FunctionPicture as JSON data: every Loc as a ReportLocation, paths relative to the working directory. */
  data: Record<string, unknown>;
  explanation: ReportExplanation;
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
  /** Network pictures (with --explain), in analysis order. */
  pictures?: ReportPicture[];
}

export interface ReportInput {
  findings: Finding[];
  /** Checked files, absolute. */
  files: string[];
  cwd: string;
  version: string;
  rules: RuleMeta[];
  positions: PositionMapper;
  pictures?: FunctionPicture[];
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
    ...(input.pictures ? { pictures: input.pictures.map((p) => reportPicture(p, cwd, positions)) } : {}),
  };
}

// ---------------------------------------------------------------------------
// Pictures

function reportPicture(p: FunctionPicture, cwd: string, positions: PositionMapper): ReportPicture {
  const location = (l: Loc): ReportLocation => ({ file: displayPath(cwd, l.file), range: positions.range(l.file, l.span) });
  const relative = (s: string): string => relativePaths(s, cwd);
  // Generic over the picture's shape, so that every location and path in it is converted, whatever the
  // network layer adds: an object with exactly `file` and `span` is a Loc.
  const convert = (x: unknown): unknown => {
    if (typeof x === 'string') return relative(x);
    if (Array.isArray(x)) return x.map(convert);
    if (typeof x !== 'object' || x === null) return x;
    if (isLoc(x)) return location(x);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = convert(v);
    return out;
  };
  const data = convert(p) as Record<string, unknown>;
  data.root = displayPath(cwd, p.root);
  const explanation = explainPicture(p);
  const show = (path: string): string => displayPath(cwd, path);
  const line = (l: ExplanationLine): ReportExplanationLine => ({
    text: relative(segmentsText(l.segments, show)),
    locations: l.locs.map(location),
    lines: l.lines.map(line),
  });
  return {
    data,
    explanation: {
      title: relative(segmentsText(explanation.title, show)),
      location: location(explanation.at),
      sections: explanation.sections.map((s) => ({ title: s.title, lines: s.lines.map(line) })),
    },
  };
}

function isLoc(x: object): x is Loc {
  const o = x as Record<string, unknown>;
  const span = o.span as Record<string, unknown> | null | undefined;
  return Object.keys(o).length === 2 && typeof o.file === 'string' && typeof span?.start === 'number' && typeof span.end === 'number';
}

/**
 * `s` with the absolute paths in it relative to `cwd`. Reasons for unknowns can name files and
 * directories (`file /repo/x/policy.json does not exist`); output never shows absolute paths of the
 * checked tree. A path is a word that starts with `/` (or a drive, `C:/`) followed by the first
 * directory of `cwd`, so that other slash-led words (`/aws/lambda/x` log groups) stay as they are.
 */
export function relativePaths(s: string, cwd: string): string {
  const top = /^(?:[A-Za-z]:)?\/[^/]+/.exec(cwd)?.[0];
  if (!top || !s.includes(top)) return s;
  return s.replace(/(^|[\s('"`])((?:[A-Za-z]:)?\/[^\s'"`(),;]*)/g, (all, before: string, path: string) =>
    path === top || path.startsWith(`${top}/`) ? before + displayPath(cwd, trimTrailingSlashes(path) || '/') : all,
  );
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
