// Entry of `npm run bench` (`npm run build && node --import tsx bench/run.ts [--quick] [section...]`).
//
// Runs each benchmark section in order, prints its table and goals, and writes every
// measurement with the machine description to bench/results/latest.json. A section is a module
// bench/<section>.ts exporting a `BenchSection` (see harness.ts); add it to SECTIONS below.
// Naming sections on the command line runs only those (e.g. `node --import tsx bench/run.ts parse`);
// the other sections' previous results stay in latest.json, each with its own date and mode.
//
// The exit code is 0 even when a goal is missed: goals are reported, not enforced, because
// shared CI machines are noisy. The JSON keeps `met` per goal for whoever wants to gate on it.
// A section that fails (throws) is reported, the others still run, and the exit code is 1.
//
// Besides latest.json, the run writes bench/results/README-table.md: the machine, every goal of
// every section in latest.json, and each section's table, as markdown for the README.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { checkSection, startupSection } from './check';
import { fmt, goalActual, goalAtMost, goalBound, renderMarkdownTable, renderTable, type BenchSection, type Goal, type SectionResult } from './harness';
import { lspSection } from './lsp';
import { parseSection } from './parse';

const SECTIONS: BenchSection[] = [parseSection, checkSection, startupSection, lspSection];

interface SectionRecord extends SectionResult {
  title: string;
  /** When and in which mode this section last ran (a partial run keeps the others' records). */
  date: string;
  quick: boolean;
  seconds: number;
  /**
   * The machine's 1-minute load average when the section started and ended (other work on the
   * machine inflates wall times; CPU times and the interleaved ratios suffer less).
   */
  loadAverage?: [number, number];
}

/** The sections of an existing report from the same machine, to keep those not run this time. */
function previousSections(file: string, machine: object): Record<string, SectionRecord> {
  if (!existsSync(file)) return {};
  try {
    const old = JSON.parse(readFileSync(file, 'utf8')) as { machine?: unknown; sections?: Record<string, SectionRecord> };
    return isDeepStrictEqual(old.machine, machine) ? (old.sections ?? {}) : {};
  } catch {
    return {};
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const unknownFlags = args.filter((a) => a.startsWith('-') && a !== '--quick');
  const wanted = args.filter((a) => !a.startsWith('-'));
  const unknownSections = wanted.filter((w) => !SECTIONS.some((s) => s.id === w));
  if (unknownFlags.length > 0 || unknownSections.length > 0) {
    process.stderr.write(`usage: bench/run.ts [--quick] [${SECTIONS.map((s) => s.id).join('|')}]...\n`);
    process.exitCode = 2;
    return;
  }
  const sections = wanted.length > 0 ? SECTIONS.filter((s) => wanted.includes(s.id)) : SECTIONS;

  const machine = {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    totalMemoryMB: Math.round(os.totalmem() / 2 ** 20),
  };
  const date = new Date().toISOString();
  process.stdout.write(`lambda-vpc-lint benchmarks${quick ? ' (--quick)' : ''}\n${machine.cpu}, ${machine.cores} cores, ${machine.os}, node ${machine.node}\n\n`);

  const results: Record<string, SectionRecord> = {};
  for (const section of sections) {
    process.stdout.write(`== ${section.title}\n`);
    const t0 = Date.now();
    const loadBefore = os.loadavg()[0];
    let r: SectionResult;
    try {
      r = await section.run({ quick });
    } catch (e) {
      process.stdout.write(`section ${section.id} FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n\n`);
      process.exitCode = 1;
      continue;
    }
    const seconds = (Date.now() - t0) / 1000;
    const loadAverage: [number, number] = [loadBefore, os.loadavg()[0]];
    results[section.id] = { title: section.title, date: new Date().toISOString(), quick, seconds, loadAverage, ...r };
    process.stdout.write(renderTable(r.table) + '\n');
    for (const g of r.goals) process.stdout.write(`goal ${g.name} ${goalBound(g)}: ${goalActual(g)}  ${g.met ? 'MET' : 'MISSED'}\n`);
    for (const n of r.notes) process.stdout.write(`note: ${n}\n`);
    process.stdout.write(`(${seconds.toFixed(1)} s, load average ${loadAverage.map((l) => l.toFixed(1)).join(' → ')})\n\n`);
  }

  const outDir = path.join(__dirname, 'results');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'latest.json');
  const sectionsOut = { ...previousSections(file, machine), ...results };
  writeFileSync(file, JSON.stringify({ date, quick, machine, sections: sectionsOut }, null, 2) + '\n');
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  const tableFile = path.join(outDir, 'README-table.md');
  writeFileSync(tableFile, readmeTable(machine, sectionsOut));
  process.stdout.write(`wrote ${path.relative(process.cwd(), tableFile)}\n`);
}

/**
 * Issue 7's goals on the language server, read from the `lsp` section's metrics (that section's own
 * goals compare it with in-process analysis instead).
 */
function issueGoals(sections: Record<string, SectionRecord>): Array<{ section: string; goal: Goal }> {
  const m = sections.lsp?.metrics;
  if (!m) return [];
  const out: Array<{ section: string; goal: Goal }> = [];
  if (typeof m.editP95Ms === 'number') out.push({ section: 'lsp', goal: goalAtMost('edit → diagnostics p95 (issue 7)', 50, m.editP95Ms, 'ms') });
  if (typeof m.coldStartPeakRssMB === 'number') {
    out.push({ section: 'lsp', goal: goalAtMost(`server peak RSS, ${m.workspaceFiles ?? '?'}-file cold start (issue 7)`, 300, m.coldStartPeakRssMB, 'MB') });
  }
  return out;
}

/** The README's benchmark table: the machine, every goal, then each section's table. */
function readmeTable(machine: { cpu: string; cores: number; os: string; node: string; totalMemoryMB: number }, sections: Record<string, SectionRecord>): string {
  const ids = SECTIONS.map((s) => s.id).filter((id) => sections[id] !== undefined);
  const day = (iso: string): string => iso.slice(0, 10);
  const dates = [...new Set(ids.map((id) => day(sections[id].date)))].sort();
  const quickIds = ids.filter((id) => sections[id].quick);
  const loads = ids.flatMap((id) => sections[id].loadAverage ?? []);
  const lines = [
    '<!-- generated by `npm run bench` (bench/run.ts) from bench/results/latest.json; paste into README.md -->',
    `Measured on ${machine.cpu}, ${machine.cores} cores, ${Math.round(machine.totalMemoryMB / 1024)} GB RAM, ${machine.os}, Node ${machine.node}, ${dates.join(' to ')}` +
      (quickIds.length > 0 ? ` (\`--quick\` runs: ${quickIds.join(', ')})` : '') +
      (loads.length > 0 ? `, 1-minute load average ${fmt(Math.min(...loads))} to ${fmt(Math.max(...loads))} during the run` : '') +
      '. Ratio goals compare with baselines measured in the same run; goals in MB and ms are absolute ceilings from issue 7.',
    '',
  ];
  const goalRows = [['section', 'goal', 'target', 'measured', 'result']];
  for (const id of ids) for (const g of sections[id].goals) goalRows.push([id, g.name, goalBound(g), goalActual(g), g.met ? 'MET' : '**MISSED**']);
  for (const { section, goal: g } of issueGoals(sections)) goalRows.push([section, g.name, goalBound(g), goalActual(g), g.met ? 'MET' : '**MISSED**']);
  lines.push(renderMarkdownTable(goalRows), '');
  for (const id of ids) {
    const s = sections[id];
    lines.push(`**${s.title}**`, '', renderMarkdownTable(s.table), '');
  }
  return lines.join('\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
