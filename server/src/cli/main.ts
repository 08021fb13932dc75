// `lambda-vpc-lint --check`: arguments → configuration → root modules → analysis (→ fixes) → report.
// Exit status: 0 nothing at or above --fail-on, 2 findings at or above it, 1 the check could not be
// done (with a one-line reason on stderr).

import * as fs from 'node:fs';
import { posix } from 'node:path';
import { version as packageVersion } from '../../../package.json';
import { analyze, isConfigFile, joinPath, ParseCache } from '../analysis';
import { CONFIG_FILE_NAME, defaultConfig, ignoreMatcher, mergeConfig, parseConfig, toAnalysisOptions, type LintConfig } from '../config';
import type { FunctionPicture } from '../network/types';
import { allRules } from '../rules/registry';
import type { Finding, Severity } from '../rules/types';
import { HELP, parseArgs, type CliArgs, type FailOn } from './args';
import { findRootModules } from './discover';
import { fixUntilStable, type AnalysisRun } from './fix';
import { formatCheckstyle } from './format/checkstyle';
import { formatJson } from './format/json';
import { formatJunit } from './format/junit';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { NodeFileHost, nodeDisk } from './host';
import { displayPath, resolveFrom, toNative, toPosix } from './paths';
import { PositionMapper } from './positions';
import { buildReport, TOOL_NAME, type Report } from './report';

export interface CliStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Where the CLI runs; `runCli` uses the process's own when not given (tests pass their own). */
export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: CliStream;
  stderr: CliStream;
  /** Reported by --version and in machine-readable output. */
  version: string;
}

/** The reason the check cannot be done; reported as one line, exit status 1. */
class CliError extends Error {}

/** Runs the command line `argv` (without node and script) and resolves to the exit status. */
export async function runCli(argv: string[], io: Partial<CliIO> = {}): Promise<number> {
  const ctx: CliIO = {
    cwd: io.cwd ?? process.cwd(),
    env: io.env ?? process.env,
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    version: io.version ?? packageVersion,
  };
  try {
    return run(argv, ctx);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    ctx.stderr.write(`${TOOL_NAME}: ${err.message}\n`);
    return 1;
  }
}

/** Extensions of files a file PATH may name. */
const TERRAFORM_FILE = /\.(tf|tofu)(\.json)?$|\.tfvars(\.json)?$/;

/** A root module to analyse and which of the files its analysis reads are reported. */
interface Job {
  root: string;
  config: LintConfig;
  /** 'all', or the files named on the command line. */
  files: 'all' | Set<string>;
  /** The directories module sources and file() reads may reach (see `boundaryOf`). */
  bounds: Set<string>;
}

interface Run extends AnalysisRun {
  files: string[];
  pictures: FunctionPicture[];
  host: NodeFileHost;
}

function run(argv: string[], io: CliIO): number {
  const parsed = parseArgs(argv);
  if ('error' in parsed) throw new CliError(`${parsed.error} (see --help)`);
  const args = parsed.args;
  if (args.mode === 'help') {
    io.stdout.write(HELP);
    return 0;
  }
  if (args.mode === 'version') {
    io.stdout.write(`${io.version}\n`);
    return 0;
  }

  const cwd = resolveFrom('/', toPosix(io.cwd));
  const show = (abs: string): string => displayPath(cwd, abs);
  const warn = (message: string): void => void io.stderr.write(`${TOOL_NAME}: warning: ${message}\n`);
  // The machine formats stay valid documents: the pictures go to text and json only.
  if (args.explain && args.format !== 'text' && args.format !== 'json') warn(`--explain applies to --format text and json only, not ${args.format}`);
  const progress = new Progress(io.stderr, !args.quiet && io.stderr.isTTY === true);
  const host = new NodeFileHost();
  const configs = new ConfigResolver(host, cwd, args, show, warn);

  // One parse cache for discovery and every run: each file is parsed once, and a --fix round
  // re-parses only the files it changed.
  const cache = new ParseCache();
  const jobs = planJobs(args, cwd, host, configs, progress, warn, cache);
  // A plain check analyses each job once, so it can drop the syntax trees of a job's own files when
  // the job is done; --fix analyses again after each round and keeps them.
  // The first run takes the files as discovery read them (moments ago); every later one (after --fix) reads afresh.
  let discovered: NodeFileHost | undefined = host;
  const analyzeAll = (): Run => {
    const runHost = discovered ?? new NodeFileHost();
    discovered = undefined;
    return analyzeJobs(jobs, cache, progress, show, { keepTrees: args.fix !== 'none', keepPictures: args.explain }, runHost);
  };
  const inScope = (file: string): boolean => [...jobs.values()].some((j) => j.files === 'all' || j.files.has(file));

  let last: Run;
  if (args.fix !== 'none') {
    const summary = fixUntilStable(analyzeAll, nodeDisk, { unsafe: args.fix === 'unsafe', mayEdit: inScope });
    last = summary.run;
    for (const note of summary.notes) warn(note.file ? `${show(note.file)}: ${note.message}` : note.message);
    if (!args.quiet && summary.applied > 0) {
      io.stderr.write(`Applied ${plural(summary.applied, 'fix', 'fixes')} to ${plural(summary.changedFiles.length, 'file', 'files')}.\n`);
    }
  } else {
    last = analyzeAll();
  }

  const report = buildReport({
    findings: last.findings,
    files: last.files,
    cwd,
    version: io.version,
    rules: allRules,
    positions: new PositionMapper((file) => last.host.readFile(file)),
    ...(args.explain ? { pictures: last.pictures } : {}),
  });
  io.stdout.write(render(report, args, io));
  return failed(report, args.failOn) ? 2 : 0;
}

/** The root modules the PATH arguments name (or, with --recursive, contain), each with its configuration. */
function planJobs(
  args: CliArgs,
  cwd: string,
  host: NodeFileHost,
  configs: ConfigResolver,
  progress: Progress,
  warn: (message: string) => void,
  cache: ParseCache,
): Map<string, Job> {
  const jobs = new Map<string, Job>();
  const addJob = (root: string, files: 'all' | string, bounds: readonly string[]): void => {
    const job = jobs.get(root) ?? { root, config: configs.forDir(root), files: new Set<string>(), bounds: new Set<string>() };
    if (files === 'all') job.files = 'all';
    else if (job.files !== 'all') job.files.add(files);
    for (const bound of bounds) job.bounds.add(bound);
    jobs.set(root, job);
  };
  for (const arg of args.paths) {
    const written = resolveFrom(cwd, arg);
    const kind = pathKind(written);
    if (kind === undefined) throw new CliError(`${arg}: no such file or directory`);
    // Through symbolic links to where the PATH really is: Terraform resolves `../` in module sources there too.
    const path = host.realPath(written);
    const dir = kind === 'file' ? posix.dirname(path) : path;
    // The repository of the real path, and of the PATH as written when that is a different one.
    const bound = [boundaryOf(host, dir)];
    const writtenBound = boundaryOf(host, kind === 'file' ? posix.dirname(written) : written);
    if (!bound.includes(writtenBound)) bound.push(writtenBound);
    if (kind === 'file') {
      if (!TERRAFORM_FILE.test(path)) throw new CliError(`${arg}: not a Terraform file (.tf, .tf.json, .tofu, .tofu.json, .tfvars, .tfvars.json)`);
      addJob(posix.dirname(path), path, bound);
    } else if (!args.recursive) {
      if (!(host.readDir(path) ?? []).some((e) => e.kind === 'file' && isConfigFile(e.name))) {
        warn(`${arg}: no Terraform files here (use --recursive to check the modules below it)`);
      }
      addJob(path, 'all', bound);
    } else {
      const ignored = ignoreMatcher(configs.forDir(path).ignorePaths);
      const roots = findRootModules(
        host,
        path,
        ignored,
        (dir) => progress.update(`Scanning ${displayPath(cwd, dir)}`),
        (file, text) => cache.get(file, text).file,
      );
      if (roots.length === 0) warn(`${arg}: no Terraform modules found`);
      for (const root of roots) addJob(root, 'all', bound);
    }
  }
  progress.done();
  return jobs;
}

/**
 * Analyses every job with `host`, which remembers what it read (so a run sees one snapshot of the files, and --fix
 * can tell whether a file changed since).
 * Without `keepTrees`, the parse cache forgets the files below a job's root once the job is done: they
 * are that root's own (its local modules included), so memory stays bounded by the largest root module
 * rather than the whole tree. Files elsewhere (shared modules such as ../../modules/x) stay cached for
 * the other roots that call them.
 */
function analyzeJobs(
  jobs: Map<string, Job>,
  cache: ParseCache,
  progress: Progress,
  show: (abs: string) => string,
  opts: { keepTrees: boolean; keepPictures: boolean },
  host: NodeFileHost,
): Run {
  const findings = new Map<string, Finding>();
  const files = new Set<string>();
  const pictures: FunctionPicture[] = [];
  let i = 0;
  for (const job of jobs.values()) {
    if (jobs.size > 1) progress.update(`Checking ${++i}/${jobs.size} ${show(job.root)}`);
    const result = analyze(host, [job.root], { ...toAnalysisOptions(job.config), workspaceRoots: [...job.bounds] }, cache);
    const wanted = (file: string): boolean => job.files === 'all' || job.files.has(file);
    for (const f of result.findings) if (wanted(f.file)) findings.set(findingKey(f), f);
    for (const file of result.files) if (wanted(file)) files.add(file);
    if (opts.keepPictures) pictures.push(...result.pictures);
    if (!opts.keepTrees) for (const file of result.files) if (isInside(file, job.root)) cache.delete(file);
  }
  progress.done();
  return { findings: [...findings.values()], files: [...files], pictures, host, snapshot: (p) => host.snapshot(p) };
}

function render(report: Report, args: CliArgs, io: CliIO): string {
  switch (args.format) {
    case 'json':
      return formatJson(report, { explain: args.explain });
    case 'sarif':
      return formatSarif(report);
    case 'junit':
      return formatJunit(report);
    case 'checkstyle':
      return formatCheckstyle(report);
    default: {
      const noColorEnv = (io.env.NO_COLOR ?? '') !== '';
      return formatText(report, { color: io.stdout.isTTY === true && !args.noColor && !noColorEnv, quiet: args.quiet, explain: args.explain });
    }
  }
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

function failed(report: Report, failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  return report.findings.some((f) => RANK[f.severity] >= RANK[failOn]);
}

/** Two roots calling one module report its findings once. */
function findingKey(f: Finding): string {
  return [f.rule, f.file, f.span.start, f.span.end, f.resource ?? '', f.message].join('\u0000');
}

/**
 * How far the analysis of a PATH argument may reach (module sources such as `../../modules/x`,
 * file() reads): the repository that holds it (the nearest directory upwards with a `.git`), or the
 * PATH itself outside any repository.
 */
function boundaryOf(host: NodeFileHost, dir: string): string {
  for (let d = dir; ; d = posix.dirname(d)) {
    if ((host.readDir(d) ?? []).some((e) => e.name === '.git')) return d;
    if (posix.dirname(d) === d) return dir;
  }
}

function isInside(file: string, dir: string): boolean {
  return file.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

function pathKind(path: string): 'file' | 'dir' | undefined {
  try {
    const st = fs.statSync(toNative(path));
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The configuration of each checked directory: `--config`, or the nearest `.lambda-vpc-lint.json`
 * upwards (stopping at a directory that holds `.git`, or at the filesystem root), with the
 * command-line options on top.
 */
class ConfigResolver {
  private readonly byFile = new Map<string, LintConfig>();
  private readonly byDir = new Map<string, LintConfig>();
  /** The configuration file found for each directory `search` has looked at (undefined: none). */
  private readonly searched = new Map<string, string | undefined>();
  private readonly cliOverride: Partial<LintConfig>;

  constructor(
    private readonly host: NodeFileHost,
    private readonly cwd: string,
    private readonly args: CliArgs,
    private readonly show: (abs: string) => string,
    private readonly warn: (message: string) => void,
  ) {
    const varFiles = args.varFiles.map((f) => {
      const abs = resolveFrom(cwd, f);
      if (pathKind(abs) !== 'file') throw new CliError(`--var-file ${f}: no such file`);
      return abs;
    });
    for (const id of Object.keys(args.rules)) {
      if (!allRules.some((r) => r.id === id)) warn(`--rule ${id}: unknown rule`);
    }
    this.cliOverride = {
      rules: args.rules,
      variables: args.variables,
      varFiles,
      ...(args.minAzs !== undefined ? { minAzs: args.minAzs } : {}),
      ...(args.eniBudget !== undefined ? { eniBudget: args.eniBudget } : {}),
    };
  }

  forDir(dir: string): LintConfig {
    let config = this.byDir.get(dir);
    if (!config) {
      const file = this.args.config !== undefined ? this.explicitFile() : this.search(dir);
      config = mergeConfig(file ? this.load(file) : defaultConfig, this.cliOverride);
      this.byDir.set(dir, config);
    }
    return config;
  }

  private explicitFile(): string {
    const abs = resolveFrom(this.cwd, this.args.config as string);
    if (pathKind(abs) !== 'file') throw new CliError(`--config ${this.args.config}: no such file`);
    return abs;
  }

  private search(start: string): string | undefined {
    // Sibling root modules share their ancestors: each directory is looked at once per run.
    const visited: string[] = [];
    let found: string | undefined;
    for (let dir = start; ; dir = posix.dirname(dir)) {
      if (this.searched.has(dir)) {
        found = this.searched.get(dir);
        break;
      }
      visited.push(dir);
      const candidate = joinPath(dir, CONFIG_FILE_NAME);
      if (pathKind(candidate) === 'file') {
        found = candidate;
        break;
      }
      if ((this.host.readDir(dir) ?? []).some((e) => e.name === '.git')) break;
      if (posix.dirname(dir) === dir) break;
    }
    for (const dir of visited) this.searched.set(dir, found);
    return found;
  }

  private load(file: string): LintConfig {
    const known = this.byFile.get(file);
    if (known) return known;
    const text = this.host.readFile(file);
    if (text === undefined) throw new CliError(`${this.show(file)}: cannot be read`);
    const parsed = parseConfig(text, file, this.show(file));
    if ('error' in parsed) throw new CliError(parsed.error);
    parsed.warnings.forEach(this.warn);
    parsed.config.varFiles.forEach((v, i) => {
      if (pathKind(v) !== 'file') throw new CliError(`${this.show(file)}: /varFiles/${i}: no such file: ${this.show(v)}`);
    });
    this.byFile.set(file, parsed.config);
    return parsed.config;
  }
}

/** A one-line progress indicator on a terminal's stderr; silent elsewhere. */
class Progress {
  private shown = false;

  constructor(
    private readonly stream: CliStream,
    private readonly enabled: boolean,
  ) {}

  update(message: string): void {
    if (!this.enabled) return;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    const line = message.length > width ? '…' + message.slice(message.length - width + 1) : message;
    this.stream.write(`\r\x1b[2K${line}`);
    this.shown = true;
  }

  done(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}
