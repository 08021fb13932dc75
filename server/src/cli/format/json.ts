// `--format json`: a stable, documented shape (version 1). Lines and columns are 1-based, columns in
// UTF-16 code units, range ends exclusive; files relative to the working directory.

import type { Report, ReportExplanationLine, ReportPicture } from '../report';

export const JSON_FORMAT_VERSION = 1;

export function formatJson(report: Report, options: { explain: boolean }): string {
  const out: Record<string, unknown> = {
    version: JSON_FORMAT_VERSION,
    tool: { name: report.tool.name, version: report.tool.version },
    findings: report.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      file: f.file,
      range: f.range,
      resource: f.resource,
      related: f.related.map((r) => ({ file: r.file, range: r.range, message: r.message })),
      fixes: f.fixes.map((x) => ({
        title: x.title,
        safe: x.safe,
        edits: x.edits.map((e) => ({ file: e.file, range: e.range, newText: e.newText })),
      })),
    })),
  };
  if (options.explain) out.pictures = (report.pictures ?? []).map(pictureJson);
  return JSON.stringify(out, null, 2) + '\n';
}

/**
 * A picture: the whole FunctionPicture (locations as `{ file, range }`), and its `explanation`, the
 * outline --explain prints as text (title, location, sections of lines; a line's `locations` and
 * nested `lines` are left out when empty).
 */
function pictureJson(p: ReportPicture): Record<string, unknown> {
  const line = (l: ReportExplanationLine): Record<string, unknown> => ({
    text: l.text,
    ...(l.locations.length > 0 ? { locations: l.locations } : {}),
    ...(l.lines.length > 0 ? { lines: l.lines.map(line) } : {}),
  });
  const e = p.explanation;
  return {
    ...p.data,
    explanation: { title: e.title, location: e.location, sections: e.sections.map((s) => ({ title: s.title, lines: s.lines.map(line) })) },
  };
}
