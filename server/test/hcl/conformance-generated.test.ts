// Generated-file conformance: our native parser against @cdktf/hcl2json (the official HCL
// parser compiled to WASM) on 1,200 deterministic generated files of 1-4 KB, a quarter of them
// with one injected syntax error.
//
// For every file both parsers must accept or reject it alike, and for accepted files our tree,
// converted to hcl2json's output shape, must deep-equal hcl2json's JSON. The generator's own
// labels are checked too: a file it calls valid must be accepted by hcl2json, and vice versa.
//
// hcl2json runs once per file in `before` (about 2 s/MB), so the whole test stays CI-sized.

import * as assert from 'node:assert/strict';
import { parseNative } from '../../src/hcl/parser';
import { generateHclFile, type GeneratedHcl } from '../support/generate-hcl';
import { toHcl2JsonShape } from './hcl2json-shape';

// Test-only oracle; never part of the server bundle.
const hcl2json = require('@cdktf/hcl2json') as { parse(fileName: string, text: string): Promise<unknown> };

const FILES = 1200;
const FIRST_SEED = 1_000_000;

interface Case {
  seed: number;
  name: string;
  gen: GeneratedHcl;
  /** hcl2json's JSON, or its error message. */
  oracle: { ok: true; json: unknown } | { ok: false; message: string };
}

function fileFor(i: number): { seed: number; gen: GeneratedHcl } {
  const seed = FIRST_SEED + i;
  // Sizes spread over 1-4 KB; every fourth file carries one injected error.
  const targetBytes = 1000 + ((i * 7919) % 3000);
  return { seed, gen: generateHclFile(seed, { targetBytes, invalid: i % 4 === 3 }) };
}

/** The first path at which two JSON values differ, with both sides, for readable failures. */
function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return `${path}: ours ${JSON.stringify(a)} vs hcl2json ${JSON.stringify(b)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  for (const k of kb) if (!ka.includes(k)) return `${path}: missing key ${JSON.stringify(k)} in ours`;
  for (const k of ka) if (!kb.includes(k)) return `${path}: extra key ${JSON.stringify(k)} in ours`;
  for (const k of ka) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d !== null) return d;
  }
  return null;
}

describe('HCL conformance on generated files (ours vs @cdktf/hcl2json)', function () {
  const cases: Case[] = [];

  before(async function () {
    for (let i = 0; i < FILES; i++) {
      const { seed, gen } = fileFor(i);
      const name = `gen-${seed}.tf`;
      let oracle: Case['oracle'];
      try {
        oracle = { ok: true, json: await hcl2json.parse(name, gen.text) };
      } catch (e) {
        oracle = { ok: false, message: e instanceof Error ? e.message : String(e) };
      }
      cases.push({ seed, name, gen, oracle });
    }
  });

  it('generates the planned mix of files', function () {
    assert.equal(cases.length, FILES);
    const invalid = cases.filter((c) => c.gen.error !== null).length;
    assert.equal(invalid, FILES / 4);
    assert.ok(cases.some((c) => c.gen.crlf), 'some files use CRLF');
    const kinds = new Set(cases.map((c) => c.gen.error?.kind).filter((k) => k !== undefined));
    assert.ok(kinds.size >= 8, `injected error kinds: ${[...kinds].join(', ')}`);
    // Deterministic: the same seed gives the same bytes.
    for (const i of [0, 3, 17]) assert.deepEqual(fileFor(i).gen, cases[i].gen);
  });

  it('the generator labels agree with hcl2json (valid files accepted, invalid files rejected)', function () {
    const wrong = cases.filter((c) => c.oracle.ok !== (c.gen.error === null));
    const details = wrong.slice(0, 5).map((c) => `seed ${c.seed} (${c.gen.error?.kind ?? 'valid'}): ${c.oracle.ok ? 'accepted' : (c.oracle as { message: string }).message}`);
    assert.equal(wrong.length, 0, details.join('\n'));
  });

  it('our parser accepts and rejects the same files as hcl2json', function () {
    let agree = 0;
    const disagreements: string[] = [];
    for (const c of cases) {
      const ours = parseNative(c.gen.text, `/gen/${c.name}`);
      const errors = ours.diagnostics.filter((d) => d.severity === 'error');
      const oursOk = errors.length === 0;
      if (oursOk === c.oracle.ok) agree++;
      else {
        disagreements.push(
          `seed ${c.seed} (${c.gen.error?.kind ?? 'valid'}${c.gen.crlf ? ', CRLF' : ''}): ` +
            (c.oracle.ok ? `hcl2json accepts, ours reports ${errors.map((d) => `${d.summary} at ${d.span.start}`).join('; ')}` : `hcl2json rejects (${c.oracle.message.slice(0, 160)}), ours accepts`),
        );
      }
    }
    console.log(`      accept/reject agreement: ${agree}/${cases.length} files`);
    assert.equal(disagreements.length, 0, disagreements.slice(0, 10).join('\n'));
  });

  it('for accepted files, our tree in hcl2json shape deep-equals hcl2json output', function () {
    let equal = 0;
    let compared = 0;
    const mismatches: string[] = [];
    for (const c of cases) {
      if (!c.oracle.ok) continue;
      const ours = parseNative(c.gen.text, `/gen/${c.name}`);
      if (ours.diagnostics.some((d) => d.severity === 'error')) continue; // counted by the previous test
      compared++;
      let shape: unknown;
      try {
        shape = toHcl2JsonShape(ours.file);
      } catch (e) {
        mismatches.push(`seed ${c.seed}: the converter throws: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      const diff = firstDifference(shape, c.oracle.json);
      if (diff === null) equal++;
      else mismatches.push(`seed ${c.seed}${c.gen.crlf ? ' (CRLF)' : ''}: ${diff}`);
    }
    console.log(`      JSON shape agreement: ${equal}/${compared} accepted files`);
    assert.ok(compared >= FILES / 2, `compared ${compared} files`);
    assert.equal(mismatches.length, 0, mismatches.slice(0, 10).join('\n'));
  });
});
