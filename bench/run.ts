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

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { renderTable, type BenchSection, type SectionResult } from './harness';
import { lspSection } from './lsp';
import { parseSection } from './parse';

const SECTIONS: BenchSection[] = [parseSection, lspSection];

interface SectionRecord extends SectionResult {
  title: string;
  /** When and in which mode this section last ran (a partial run keeps the others' records). */
  date: string;
  quick: boolean;
  seconds: number;
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
    const r = await section.run({ quick });
    const seconds = (Date.now() - t0) / 1000;
    results[section.id] = { title: section.title, date: new Date().toISOString(), quick, seconds, ...r };
    process.stdout.write(renderTable(r.table) + '\n');
    for (const g of r.goals) {
      process.stdout.write(`goal ${g.name} >= ${g.atLeast}x: ${Number.isFinite(g.actual) ? g.actual.toFixed(1) : 'n/a'}x  ${g.met ? 'MET' : 'MISSED'}\n`);
    }
    for (const n of r.notes) process.stdout.write(`note: ${n}\n`);
    process.stdout.write(`(${seconds.toFixed(1)} s)\n\n`);
  }

  const outDir = path.join(__dirname, 'results');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'latest.json');
  const sectionsOut = { ...previousSections(file, machine), ...results };
  writeFileSync(file, JSON.stringify({ date, quick, machine, sections: sectionsOut }, null, 2) + '\n');
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
