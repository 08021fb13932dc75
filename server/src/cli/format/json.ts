// `--format json`: a stable, documented shape (version 1). Lines and columns are 1-based, columns in
// UTF-16 code units, range ends exclusive; files relative to the working directory.

import type { Report } from '../report';

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
  if (options.explain) out.pictures = report.pictures ?? [];
  return JSON.stringify(out, null, 2) + '\n';
}
