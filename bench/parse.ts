// Parse throughput: our native HCL parser against two baselines measured in the same run,
// @cdktf/hcl2json (the official HCL parser compiled to WASM, plus its JSON conversion) and
// web-tree-sitter with the HCL grammar (WASM, concrete syntax tree only).
//
// All three parse the same deterministic generated corpus (>= 10 MB of realistic Terraform),
// file by file, sequentially. hcl2json is slow (~1 MB/s); with --quick it parses a slice of the
// corpus instead, which the output says. Throughputs in MB/s are comparable across slices.
//
// Shared machines are noisy, so the parsers run interleaved, round by round (ours, tree-sitter,
// hcl2json, then again), and each reports the median over rounds: a burst of load elsewhere
// then slows all three alike instead of one of them. CPU time is recorded next to wall time.

import { createRequire } from 'node:module';
import { parseNative } from '../server/src/hcl/parser';
import { generateCorpus, type CorpusFile } from '../server/test/support/generate-hcl';
import { fmt, goal, mbPerSec, sample, summarize, type BenchOptions, type BenchSection, type Sample, type SectionResult, type Timing } from './harness';

const CORPUS_BYTES = 10_000_000;
const CORPUS_SEED = 20240501;
/** hcl2json's slice in --quick mode. */
const QUICK_HCL2JSON_BYTES = 1_000_000;
/** Our parser is fast: several passes per round give it as many samples as the others together. */
const OUR_PASSES_PER_ROUND = 3;

const requireHere = createRequire(__filename);

interface Hcl2Json {
  parse(fileName: string, text: string): Promise<unknown>;
}

function utf8Bytes(files: CorpusFile[]): number {
  let n = 0;
  for (const f of files) n += Buffer.byteLength(f.text, 'utf8');
  return n;
}

/** The files at the start of the corpus whose sizes add up to at least `bytes`. */
function slice(files: CorpusFile[], bytes: number): CorpusFile[] {
  const out: CorpusFile[] = [];
  let n = 0;
  for (const f of files) {
    if (n >= bytes) break;
    out.push(f);
    n += Buffer.byteLength(f.text, 'utf8');
  }
  return out;
}

async function loadTreeSitter(): Promise<(text: string) => boolean> {
  // web-tree-sitter 0.27: Parser.init(), Language.load(path), parser.setLanguage(lang).
  const { Parser, Language } = requireHere('web-tree-sitter') as typeof import('web-tree-sitter');
  await Parser.init();
  const lang = await Language.load(requireHere.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm'));
  const parser = new Parser();
  parser.setLanguage(lang);
  // Parses, frees the tree (WASM memory is not garbage-collected) and says whether it has errors.
  return (text: string): boolean => {
    const tree = parser.parse(text);
    const hasError = tree === null || tree.rootNode.hasError;
    tree?.delete();
    return hasError;
  };
}

function oursHasErrors(f: CorpusFile): boolean {
  return parseNative(f.text, `/bench/${f.name}`).diagnostics.some((d) => d.severity === 'error');
}

export const parseSection: BenchSection = {
  id: 'parse',
  title: 'Parse throughput (MB/s, median over interleaved rounds, higher is better)',

  async run(opts: BenchOptions): Promise<SectionResult> {
    const notes: string[] = [];
    const corpus = generateCorpus(CORPUS_BYTES, CORPUS_SEED);
    const corpusBytes = utf8Bytes(corpus);
    const rounds = opts.quick ? 3 : 5;

    const hcl2json = requireHere('@cdktf/hcl2json') as Hcl2Json;
    const h2jFiles = opts.quick ? slice(corpus, QUICK_HCL2JSON_BYTES) : corpus;
    const h2jBytes = utf8Bytes(h2jFiles);
    if (h2jFiles.length < corpus.length) {
      notes.push(`--quick: hcl2json measured on the first ${h2jFiles.length} files (${fmt(h2jBytes / 1e6, 2)} MB), not the whole corpus`);
    }
    const treeSitterHasErrors = await loadTreeSitter();

    // Sanity pass, which doubles as warm-up: the corpus is valid HCL, so an error from our
    // parser makes its numbers suspect. hcl2json warms up (WASM compile, JIT) on a small slice.
    let oursErrors = 0;
    let tsErrors = 0;
    for (const f of corpus) {
      if (oursHasErrors(f)) oursErrors++;
      if (treeSitterHasErrors(f.text)) tsErrors++;
    }
    for (const f of slice(corpus, 200_000)) await hcl2json.parse(f.name, f.text);
    if (oursErrors > 0) notes.push(`our parser reported errors on ${oursErrors} of ${corpus.length} valid files: its numbers are suspect`);
    if (tsErrors > 0) notes.push(`tree-sitter-hcl has error nodes on ${tsErrors} of ${corpus.length} valid files (its grammar differs from HCL in places; throughput still counts)`);

    const oursSamples: Sample[] = [];
    const tsSamples: Sample[] = [];
    const h2jSamples: Sample[] = [];
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < OUR_PASSES_PER_ROUND; i++) {
        oursSamples.push(await sample(() => {
          for (const f of corpus) parseNative(f.text, `/bench/${f.name}`);
        }));
      }
      tsSamples.push(await sample(() => {
        for (const f of corpus) treeSitterHasErrors(f.text);
      }));
      h2jSamples.push(await sample(async () => {
        for (const f of h2jFiles) await hcl2json.parse(f.name, f.text);
      }));
    }
    const ours = summarize(oursSamples);
    const ts = summarize(tsSamples);
    const h2j = summarize(h2jSamples);

    const oursMBs = mbPerSec(corpusBytes, ours.medianMs);
    const tsMBs = mbPerSec(corpusBytes, ts.medianMs);
    const h2jMBs = mbPerSec(h2jBytes, h2j.medianMs);
    const vsH2j = oursMBs / h2jMBs;
    const vsTs = oursMBs / tsMBs;
    const cpuMBs = (bytes: number, t: Timing): number => mbPerSec(bytes, t.medianCpuMs);
    const goals = [goal('ours / hcl2json', 50, vsH2j), goal('ours / tree-sitter', 10, vsTs)];

    const row = (name: string, bytes: number, files: number, t: Timing): string[] => [
      name,
      fmt(bytes / 1e6, 2),
      String(files),
      String(t.samples.length),
      fmt(t.medianMs),
      fmt(mbPerSec(bytes, t.medianMs), 2),
      fmt(cpuMBs(bytes, t), 2),
    ];
    const table = [
      ['parser', 'MB', 'files', 'samples', 'median ms', 'MB/s', 'MB/s (CPU time)'],
      row('lambda-vpc-lint (ours)', corpusBytes, corpus.length, ours),
      row('web-tree-sitter + tree-sitter-hcl', corpusBytes, corpus.length, ts),
      row('@cdktf/hcl2json', h2jBytes, h2jFiles.length, h2j),
    ];
    notes.push(
      `by CPU time: ours/hcl2json ${fmt(cpuMBs(corpusBytes, ours) / cpuMBs(h2jBytes, h2j))}x, ours/tree-sitter ${fmt(cpuMBs(corpusBytes, ours) / cpuMBs(corpusBytes, ts))}x (goals use wall time)`,
    );

    return {
      metrics: {
        corpusBytes,
        corpusFiles: corpus.length,
        corpusSeed: CORPUS_SEED,
        rounds,
        oursMBs,
        oursCpuMBs: cpuMBs(corpusBytes, ours),
        oursMedianMs: ours.medianMs,
        oursFilesWithErrors: oursErrors,
        treeSitterMBs: tsMBs,
        treeSitterCpuMBs: cpuMBs(corpusBytes, ts),
        treeSitterMedianMs: ts.medianMs,
        treeSitterFilesWithErrors: tsErrors,
        hcl2jsonMBs: h2jMBs,
        hcl2jsonCpuMBs: cpuMBs(h2jBytes, h2j),
        hcl2jsonMedianMs: h2j.medianMs,
        hcl2jsonBytes: h2jBytes,
        hcl2jsonFiles: h2jFiles.length,
        ratioOursToHcl2json: vsH2j,
        ratioOursToTreeSitter: vsTs,
      },
      goals,
      notes,
      table,
    };
  },
};
