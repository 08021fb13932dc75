// `npm run fuzz`: fast-check properties over generated and mutated inputs (fuzz/inputs.ts), each case checked by
// fuzz/check.ts (parser and analysis never throw, every range lies inside its file, nothing outside the
// workspace is read, reports stay valid).
//
// The cases run in worker processes watched by this one: a case that runs longer than --timeout is a hang (a
// single-threaded check cannot interrupt itself), its worker is killed and the run goes on in a new one. A
// failure is shrunk by fast-check, written to --out as a case.json (the format of test-fixtures/fuzz-crashes/),
// and reported with the command that replays it. Exit status: 0 when every case passed, 1 otherwise.
//
// Each property's runs are split into chunks of CHUNK cases; chunk c of property p gets the seed
// chunkSeed(seed, p, c), so every chunk, and every case, can be replayed on its own.

import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkCase, describe, type FuzzCase } from './check';
import { PROPERTIES, REPO, type FuzzProperty } from './inputs';

const CHUNK = 1000;

const USAGE = `Usage: npm run fuzz -- [options]

  --runs N           cases in all, shared among the properties by weight (default 100000)
  --seed S           base seed (default: a random one, printed)
  --property NAME    only this property (repeatable, or comma-separated); --list shows them
  --timeout SECONDS  a case running longer is a hang (default 60)
  --workers K        worker processes (default: the number of CPUs)
  --out DIR          where failing cases are written (default: ${path.join(os.tmpdir(), 'lambda-vpc-lint-fuzz')})
  --path PATH        with --property and --seed: replay the failure fast-check reported with this path
  --index I          with --property and --seed: write and check case #I of that seed (to replay a hang)
  --list             list the properties and exit
`;

interface Options {
  runs: number;
  seed: number;
  properties: FuzzProperty[];
  timeoutMs: number;
  workers: number;
  out: string;
  path?: string;
  index?: number;
}

/** One fc.check run: `runs` cases of one property from one seed (or a replay). */
interface Job {
  property: string;
  seed: number;
  runs: number;
  path?: string;
  index?: number;
}

type ToWorker = { type: 'job'; job: Job; out: string };
type FromWorker =
  | { type: 'case'; index: number }
  | { type: 'done'; runs: number; failure?: { message: string; file: string; path?: string; index?: number } };

function chunkSeed(seed: number, property: number, chunk: number): number {
  return (seed + property * 1_000_003 + chunk * 7_919) | 0;
}

// ---------------------------------------------------------------------------
// Worker

/** Writes a case where it can be replayed (and copied into test-fixtures/fuzz-crashes/<name>/case.json). */
function saveCase(out: string, job: Job, c: FuzzCase, error: string, how: string): string {
  const dir = path.join(out, `${job.property}-${job.seed}${job.index !== undefined ? `-${job.index}` : ''}`);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'case.json');
  const record = { description: `${how}: ${error.split('\n')[0]}`, found: `npm run fuzz -- --property ${job.property} --seed ${job.seed}`, ...c };
  fs.writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
  fs.writeFileSync(path.join(dir, 'error.txt'), error + '\n');
  return file;
}

function runJob(job: Job, out: string, send: (m: FromWorker) => void): void {
  const property = PROPERTIES.find((p) => p.name === job.property)!;
  if (job.index !== undefined) {
    // Replaying one case: the same value fc.check generated as run #index of this seed.
    const c = fc.sample(property.arbitrary, { seed: job.seed, numRuns: job.index + 1 })[job.index];
    const file = saveCase(out, job, c, 'not checked yet (if this stays, the check hung)', 'replay');
    send({ type: 'case', index: job.index });
    try {
      checkCase(c);
      fs.writeFileSync(path.join(path.dirname(file), 'error.txt'), 'the case passed\n');
      send({ type: 'done', runs: 1 });
    } catch (err) {
      send({ type: 'done', runs: 1, failure: { message: describe(err), file: saveCase(out, job, c, describe(err), 'failure') } });
    }
    return;
  }
  let index = 0;
  const details = fc.check(
    fc.property(property.arbitrary, (c) => {
      send({ type: 'case', index: index++ });
      checkCase(c);
    }),
    { seed: job.seed, numRuns: job.runs, ...(job.path ? { path: job.path } : {}) },
  );
  if (!details.failed) {
    send({ type: 'done', runs: details.numRuns });
    return;
  }
  const message = details.errorInstance ? describe(details.errorInstance) : 'failed';
  const c = details.counterexample?.[0] as FuzzCase | undefined;
  const file = c ? saveCase(out, job, c, message, 'failure') : '(no counterexample)';
  send({ type: 'done', runs: details.numRuns, failure: { message, file, path: details.counterexamplePath ?? undefined } });
}

function workerMain(): void {
  process.on('message', (m: ToWorker) => {
    if (m.type !== 'job') return;
    runJob(m.job, m.out, (msg) => process.send!(msg));
  });
}

// ---------------------------------------------------------------------------
// Parent

function parseOptions(argv: string[]): Options | undefined {
  const o: Options = {
    runs: 100_000,
    seed: Math.floor(Math.random() * 0x7fffffff),
    properties: [],
    timeoutMs: 60_000,
    workers: Math.max(1, os.cpus().length),
    out: path.join(os.tmpdir(), 'lambda-vpc-lint-fuzz'),
  };
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = (): number => {
      const v = value();
      if (!/^-?\d+$/.test(v)) throw new Error(`${a}: not an integer: ${v}`);
      return Number(v);
    };
    switch (a) {
      case '--runs':
        o.runs = int();
        break;
      case '--seed':
        o.seed = int();
        break;
      case '--property':
        names.push(...value().split(','));
        break;
      case '--timeout':
        o.timeoutMs = int() * 1000;
        break;
      case '--workers':
        o.workers = Math.max(1, int());
        break;
      case '--out':
        o.out = path.resolve(value());
        break;
      case '--path':
        o.path = value();
        break;
      case '--index':
        o.index = int();
        break;
      case '--list':
        for (const p of PROPERTIES) console.log(`${p.name.padEnd(14)} ${p.description}`);
        return undefined;
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return undefined;
      default:
        throw new Error(`unknown option ${a}`);
    }
  }
  for (const n of names) {
    const p = PROPERTIES.find((x) => x.name === n);
    if (!p) throw new Error(`unknown property ${n} (see --list)`);
    o.properties.push(p);
  }
  if (o.properties.length === 0) o.properties = [...PROPERTIES];
  if ((o.path !== undefined || o.index !== undefined) && names.length !== 1) throw new Error('--path and --index need exactly one --property (and its --seed)');
  return o;
}

/** The jobs of a campaign: each property's share of the runs, in chunks. */
function plan(o: Options): Job[] {
  if (o.index !== undefined) return [{ property: o.properties[0].name, seed: o.seed, runs: 1, index: o.index }];
  // A replayed path needs no more runs than a chunk had.
  if (o.path !== undefined) return [{ property: o.properties[0].name, seed: o.seed, runs: CHUNK, path: o.path }];
  const total = o.properties.reduce((s, p) => s + p.weight, 0);
  const chunks = o.properties.map((p) => {
    const pi = PROPERTIES.indexOf(p);
    const out: Job[] = [];
    let left = Math.max(1, Math.round((o.runs * p.weight) / total));
    for (let c = 0; left > 0; c++) {
      const runs = Math.min(CHUNK, left);
      out.push({ property: p.name, seed: chunkSeed(o.seed, pi, c), runs });
      left -= runs;
    }
    return out;
  });
  // Round robin over the properties, so that a short run still covers all of them.
  const jobs: Job[] = [];
  for (let c = 0; chunks.some((cs) => c < cs.length); c++) for (const cs of chunks) if (c < cs.length) jobs.push(cs[c]);
  return jobs;
}

interface Problem {
  kind: 'failure' | 'hang' | 'crash';
  job: Job;
  message: string;
  replay: string;
  file?: string;
}

interface Tally {
  planned: number;
  done: number;
  ms: number;
}

async function main(): Promise<number> {
  let o: Options | undefined;
  try {
    o = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`fuzz: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!o) return 0;
  const opts = o;
  const jobs = plan(opts);
  const tallies = new Map<string, Tally>(opts.properties.map((p) => [p.name, { planned: 0, done: 0, ms: 0 }]));
  for (const j of jobs) tallies.get(j.property)!.planned += j.runs;
  const planned = jobs.reduce((s, j) => s + j.runs, 0);
  console.log(`fuzz: ${planned} cases of ${opts.properties.map((p) => p.name).join(', ')}; seed ${opts.seed}; ${Math.min(opts.workers, jobs.length)} workers; hang after ${opts.timeoutMs / 1000} s`);

  const problems: Problem[] = [];
  const started = Date.now();
  let casesSeen = 0;
  const queue = [...jobs];
  const replayOf = (job: Job, extra: string): string => `npm run fuzz -- --property ${job.property} --seed ${job.seed} ${extra}`.trim();

  const progress = setInterval(() => {
    const secs = (Date.now() - started) / 1000;
    const parts = [...tallies].map(([name, t]) => `${name} ${t.done}/${t.planned}`);
    console.log(`[${secs.toFixed(0).padStart(5)} s] ${casesSeen}/${planned} cases (${(casesSeen / secs).toFixed(0)}/s), ${problems.length} problem(s) · ${parts.join(' · ')}`);
  }, 10_000);

  const runWorker = (): Promise<void> =>
    new Promise((resolve) => {
      let child: ChildProcess | undefined;
      let job: Job | undefined;
      let jobStart = 0;
      let lastCase = { index: -1, at: Date.now() };
      let watchdog: NodeJS.Timeout | undefined;
      const next = (): void => {
        job = queue.shift();
        if (!job) {
          clearInterval(watchdog);
          child?.kill();
          resolve();
          return;
        }
        if (!child) spawn();
        jobStart = Date.now();
        lastCase = { index: -1, at: Date.now() };
        child!.send({ type: 'job', job, out: opts.out } satisfies ToWorker);
      };
      const spawn = (): void => {
        child = fork(__filename, ['--worker'], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        child.on('message', (m: FromWorker) => {
          if (!job) return;
          if (m.type === 'case') {
            casesSeen++;
            lastCase = { index: m.index, at: Date.now() };
            return;
          }
          const t = tallies.get(job.property)!;
          t.done += m.runs;
          t.ms += Date.now() - jobStart;
          if (m.failure) {
            const replay = m.failure.path !== undefined ? replayOf(job, `--path "${m.failure.path}"`) : replayOf(job, job.index !== undefined ? `--index ${job.index}` : '');
            problems.push({ kind: 'failure', job, message: m.failure.message, replay, file: m.failure.file });
            console.log(`\nFAILURE in ${job.property} (seed ${job.seed}): ${m.failure.message.split('\n')[0]}\n  case: ${m.failure.file}\n  replay: ${replay}\n`);
          }
          next();
        });
        child.on('exit', (code, signal) => {
          if (!job || signal === 'SIGKILL') return;
          // The worker died under a job (out of memory, a native crash): report it and go on in a new one.
          const replay = replayOf(job, `--index ${Math.max(0, lastCase.index)}`);
          problems.push({ kind: 'crash', job, message: `worker exited (${signal ?? code}) during case #${lastCase.index}`, replay });
          console.log(`\nCRASH in ${job.property} (seed ${job.seed}): worker exited (${signal ?? code}) during case #${lastCase.index}\n  replay: ${replay}\n`);
          child = undefined;
          next();
        });
      };
      watchdog = setInterval(() => {
        if (!job || !child || Date.now() - lastCase.at < opts.timeoutMs) return;
        const index = Math.max(0, lastCase.index);
        const replay = replayOf(job, `--index ${index}`);
        problems.push({ kind: 'hang', job, message: `case #${index} ran longer than ${opts.timeoutMs / 1000} s`, replay });
        console.log(`\nHANG in ${job.property} (seed ${job.seed}): case #${index} ran longer than ${opts.timeoutMs / 1000} s\n  replay (writes the case to --out): ${replay}\n`);
        const dying = child;
        child = undefined;
        dying.kill('SIGKILL');
        next();
      }, 1000);
      next();
    });

  await Promise.all(Array.from({ length: Math.min(opts.workers, jobs.length) }, runWorker));
  clearInterval(progress);

  const secs = (Date.now() - started) / 1000;
  console.log(`\nfuzz summary (seed ${opts.seed}, ${secs.toFixed(0)} s):`);
  for (const [name, t] of tallies) {
    const rate = t.ms > 0 ? `${((t.done * 1000) / t.ms).toFixed(0)} cases/s per worker` : '';
    console.log(`  ${name.padEnd(14)} ${String(t.done).padStart(7)} / ${String(t.planned).padEnd(7)} ${rate}`);
  }
  const done = [...tallies.values()].reduce((s, t) => s + t.done, 0);
  console.log(`  ${'total'.padEnd(14)} ${String(done).padStart(7)} / ${planned}`);
  if (problems.length === 0) {
    console.log('no failures, no hangs');
    return 0;
  }
  console.log(`\n${problems.length} problem(s):`);
  for (const p of problems) {
    console.log(`- ${p.kind} in ${p.job.property}: ${p.message.split('\n')[0]}\n  replay: ${p.replay}${p.file ? `\n  case: ${p.file}` : ''}`);
  }
  console.log(`\nA fixed crash becomes a regression test: copy its case.json to ${path.join(REPO, 'test-fixtures/fuzz-crashes')}/<name>/case.json.`);
  return 1;
}

if (process.argv.includes('--worker')) {
  workerMain();
} else {
  main().then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`fuzz: ${describe(err)}\n`);
      process.exit(2);
    },
  );
}
