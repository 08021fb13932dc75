// `--format sarif`: SARIF 2.1.0 (OASIS), as GitHub code scanning and other viewers read it.
// Files inside the working directory are relative URIs against %SRCROOT% (the working directory);
// files outside it are absolute file: URIs. Regions are 1-based, columns in UTF-16 code units.

import { posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleMeta, Severity } from '../../rules/types';
import type { CliRange } from '../positions';
import { type Report, TOOL_URI } from '../report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(report: Report): string {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const location = (file: string): Record<string, unknown> => artifactLocation(report.cwd, file);
  const results = report.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIndex.get(f.rule),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: { artifactLocation: location(f.file), region: region(f.range) },
        ...(f.resource ? { logicalLocations: [{ fullyQualifiedName: f.resource, kind: 'resource' }] } : {}),
      },
    ],
    ...(f.related.length > 0
      ? {
          relatedLocations: f.related.map((r, id) => ({
            id,
            physicalLocation: { artifactLocation: location(r.file), region: region(r.range) },
            message: { text: r.message },
          })),
        }
      : {}),
    ...(f.fixes.length > 0
      ? {
          fixes: f.fixes.map((x) => ({
            description: { text: x.title },
            artifactChanges: groupByFile(x.edits).map(([file, edits]) => ({
              artifactLocation: location(file),
              replacements: edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
            })),
          })),
        }
      : {}),
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: TOOL_URI,
            rules: report.rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(report.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function ruleDescriptor(r: RuleMeta): Record<string, unknown> {
  return {
    id: r.id,
    name: pascalCase(r.id),
    shortDescription: { text: r.summary },
    fullDescription: { text: r.description },
    helpUri: r.docsUrl,
    help: { text: `${r.description} See ${r.docsUrl}` },
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
  };
}

/** `aws_lambda_vpc_single_az` → `AwsLambdaVpcSingleAz` (SARIF rule names are identifiers for people). */
function pascalCase(id: string): string {
  return id
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function region(r: CliRange): Record<string, number> {
  return { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column };
}

/** A display path (relative to the working directory) as a SARIF artifact location. */
function artifactLocation(cwd: string, file: string): Record<string, unknown> {
  if (file === '..' || file.startsWith('../') || file.startsWith('/') || /^[A-Za-z]:\//.test(file)) {
    return { uri: pathToFileURL(posix.resolve(cwd, file)).href };
  }
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : href + '/';
}

function groupByFile<T extends { file: string }>(items: T[]): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const item of items) m.set(item.file, [...(m.get(item.file) ?? []), item]);
  return [...m];
}
