// `--format checkstyle`: Checkstyle 4.3 XML, one <file> per checked file (clean files included).

import { type Report, TOOL_NAME } from '../report';
import { escapeXml, XML_DECLARATION } from './xml';

export function formatCheckstyle(report: Report): string {
  const lines = [XML_DECLARATION, '<checkstyle version="4.3">'];
  const files = [...new Set([...report.files, ...report.findings.map((f) => f.file)])].sort();
  for (const file of files) {
    const findings = report.findings.filter((f) => f.file === file);
    if (findings.length === 0) {
      lines.push(`  <file name="${escapeXml(file)}"/>`);
      continue;
    }
    lines.push(`  <file name="${escapeXml(file)}">`);
    for (const f of findings) {
      lines.push(
        `    <error line="${f.range.start.line}" column="${f.range.start.column}" severity="${f.severity}" ` +
          `message="${escapeXml(f.message)}" source="${escapeXml(`${TOOL_NAME}.${f.rule}`)}"/>`,
      );
    }
    lines.push('  </file>');
  }
  lines.push('</checkstyle>');
  return lines.join('\n') + '\n';
}
