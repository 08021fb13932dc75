// `--format junit`: one <testsuite> per checked file; one failing <testcase> per finding, and one
// passing <testcase> for a clean file.

import { type Report, type ReportFinding, TOOL_NAME } from '../report';
import { escapeXml, XML_DECLARATION } from './xml';

export function formatJunit(report: Report): string {
  const files = [...new Set([...report.files, ...report.findings.map((f) => f.file)])].sort();
  const suites: string[] = [];
  let tests = 0;
  for (const file of files) {
    const findings = report.findings.filter((f) => f.file === file);
    const cases = findings.length === 0 ? [`    <testcase name="${escapeXml(`${TOOL_NAME}: no problems`)}" classname="${escapeXml(file)}"/>`] : findings.map(testcase);
    tests += cases.length;
    suites.push(
      `  <testsuite name="${escapeXml(file)}" tests="${cases.length}" failures="${findings.length}" errors="0" skipped="0">`,
      ...cases,
      '  </testsuite>',
    );
  }
  const failures = report.findings.length;
  return (
    [
      XML_DECLARATION,
      `<testsuites name="${TOOL_NAME}" tests="${tests}" failures="${failures}" errors="0">`,
      ...suites,
      '</testsuites>',
    ].join('\n') + '\n'
  );
}

function testcase(f: ReportFinding): string {
  const where = `${f.file}:${f.range.start.line}:${f.range.start.column}`;
  const details = [`${where}: ${f.severity} ${f.rule}: ${f.message}`];
  for (const r of f.related) details.push(`  ${r.file}:${r.range.start.line}:${r.range.start.column}: note: ${r.message}`);
  return [
    `    <testcase name="${escapeXml(`${f.rule} at ${where}`)}" classname="${escapeXml(f.file)}">`,
    `      <failure message="${escapeXml(f.message)}" type="${f.severity}">${escapeXml(details.join('\n'))}</failure>`,
    '    </testcase>',
  ].join('\n');
}
