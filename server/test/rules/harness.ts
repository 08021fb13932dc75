// Runs the whole analysis (workspace → pictures → rules → suppression) over in-memory files through the facade
// both surfaces call, and renders findings as golden-friendly records (relative paths, 1-based lines and columns).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, ParseCache, type AnalysisOptions } from '../../src/analysis';
import { MemoryHost } from '../../src/core/host';
import type { Finding } from '../../src/rules/types';

export const REPO = path.resolve(__dirname, '../../..');
export const UPDATE = process.env.UPDATE === '1';

/** Files the analysis reads: configuration and variable files. */
export function isTerraformFile(name: string): boolean {
  return /\.(tf|tofu)(\.json)?$/.test(name) || /\.tfvars(\.json)?$/.test(name);
}

/** Every Terraform file under `dir`, by absolute POSIX path. */
export function readTree(dir: string, out: Map<string, string> = new Map()): Map<string, string> {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) readTree(p, out);
    // Every file (templates, policy documents for file() and fileset()), except the goldens (expected.json, *.fixed).
    else if (name !== 'expected.json' && !name.endsWith('.fixed')) out.set(p.split(path.sep).join('/'), readFileSync(p, 'utf8'));
  }
  return out;
}

/** The findings for the root module `root` over `files` (absolute paths → text), through the analysis facade. */
export function lint(files: ReadonlyMap<string, string>, root: string, options: AnalysisOptions = {}, log?: (m: string) => void): Finding[] {
  return analyze(new MemoryHost(new Map(files)), [root], options, new ParseCache(), log).findings;
}

export interface FindingRecord {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  message: string;
  related: string[];
  fixes: string[];
}

/** A finding as written in expected.json: positions 1-based, paths relative to `base`. */
export function record(f: Finding, files: ReadonlyMap<string, string>, base: string): FindingRecord {
  const pos = (file: string, offset: number): string => {
    const { line, column } = lineColumn(files.get(file) ?? '', offset);
    return `${rel(file, base)}:${line}:${column}`;
  };
  const { line, column } = lineColumn(files.get(f.file) ?? '', f.span.start);
  return {
    rule: f.rule,
    severity: f.severity,
    file: rel(f.file, base),
    line,
    column,
    message: f.message.split(base + '/').join(''),
    related: f.related.map((r) => `${pos(r.file, r.span.start)}: ${r.message}`),
    fixes: f.fixes.map((x) => `${x.safe ? 'safe' : 'unsafe'}: ${x.title}`),
  };
}

export function rel(file: string, base: string): string {
  return file.startsWith(base + '/') ? file.slice(base.length + 1) : file;
}

/** 1-based line and UTF-16 column of an offset (LF, CRLF and CR line breaks). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** A finding's identity across a fix (its spans move; its rule and function do not). */
export function identity(f: Finding): string {
  return `${f.rule}\u0000${f.resource ?? f.file}\u0000${f.resource ? '' : f.message}`;
}

let hcl2json: ((name: string, text: string) => Promise<unknown>) | undefined;

/** Parses native HCL with the official parser (@cdktf/hcl2json, test-only); rejects on a syntax error. */
export function officialParse(name: string, text: string): Promise<unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  hcl2json ??= (require('@cdktf/hcl2json') as { parse: (name: string, text: string) => Promise<unknown> }).parse;
  return hcl2json(name, text);
}
