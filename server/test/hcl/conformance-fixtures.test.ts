// Conformance with the official HCL parser (@cdktf/hcl2json: hashicorp/hcl compiled to WASM,
// plus tmccombs/hcl2json's conversion to JSON) on every fixture of test-fixtures/hcl and on
// the edge-case snippets in test-fixtures/hcl/conformance-snippets.json:
// - both accept or both reject (we "reject" when the parser reports an error, or when
//   toHcl2JsonShape finds what hcl2json's conversion rejects);
// - for accepted input, toHcl2JsonShape(our tree) deep-equals hcl2json's JSON, which checks
//   the tree, literal values and the spans of every unevaluated expression (reproduced
//   from source text);
// - for input HCL rejects with a syntax error, HCL's first error summary is among ours
//   (the summaries we deliberately word differently are listed below).
// 100% agreement is required. hcl2json is slow (~2 s/MB), so inputs stay small.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HclDiagnostic } from '../../src/hcl/ast';
import { parseNative } from '../../src/hcl/parser';
import { ShapeError, toHcl2JsonShape } from './hcl2json-shape';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json: { parse(name: string, text: string): Promise<unknown> } = require('@cdktf/hcl2json');

const FIXTURES = path.resolve(__dirname, '../../../test-fixtures/hcl');

/**
 * Where our first errors deliberately differ from HCL's:
 * - an unclosed `/*`: HCL scans it as the tokens `/` and `*` and reports whatever they break;
 *   we report "Unterminated comment";
 * - a top-level item that HCL lets swallow the following top-level blocks: we cut it at the
 *   next top-level block and report the constructs left open there ("... before the next
 *   top-level block, at line N"), so HCL's errors from line N on are not ours.
 */
function deliberatelyDifferent(hclLine: number, ours: { summary: string; detail?: string }[]): boolean {
  if (ours.some((d) => d.summary === 'Unterminated comment')) return true;
  return ours.some((d) => {
    const m = /before the next top-level block, at line (\d+)\.$/.exec(d.detail ?? '');
    return m !== null && Number(m[1]) <= hclLine;
  });
}

interface Outcome {
  accepted: boolean;
  json?: unknown;
  /** Rejections: HCL's message, or our diagnostics summary. */
  why: string;
  /** HCL's first syntax error (summary and 1-based line), when it rejected the file while parsing. */
  first?: { summary: string; line: number };
}

async function theirs(name: string, text: string): Promise<Outcome> {
  try {
    return { accepted: true, json: await hcl2json.parse(name, text), why: '' };
  } catch (e) {
    const why = (e as Error).message;
    const m = /^parse config: \[[^:]*:(\d+),\d+(?:-(?:\d+,)?\d+)?: ([^;]+);/.exec(why);
    return { accepted: false, why, first: m ? { summary: m[2], line: Number(m[1]) } : undefined };
  }
}

function ours(name: string, text: string): Outcome & { errors: HclDiagnostic[] } {
  const r = parseNative(text, name);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { accepted: false, why: errors.map((d) => d.summary).join(' | '), errors };
  try {
    return { accepted: true, json: toHcl2JsonShape(r.file), why: '', errors };
  } catch (e) {
    if (e instanceof ShapeError) return { accepted: false, why: `conversion: ${e.message}`, errors };
    throw e;
  }
}

async function check(name: string, text: string): Promise<void> {
  const h = await theirs(name, text);
  const o = ours(name, text);
  assert.equal(o.accepted, h.accepted, `${name}: HCL ${h.accepted ? 'accepts' : `rejects (${h.why})`}, we ${o.accepted ? 'accept' : `reject (${o.why})`}`);
  if (h.accepted) {
    assert.deepStrictEqual(o.json, h.json, `${name}: converted tree differs`);
    return;
  }
  if (h.first === undefined) return; // rejected by the conversion, not the parser
  if (deliberatelyDifferent(h.first.line, o.errors)) return;
  assert.ok(
    o.errors.some((d) => d.summary === h.first?.summary),
    `${name}: HCL's first error "${h.first.summary}" (line ${h.first.line}) is not among ours: ${o.why}`,
  );
}

describe('hcl native parser: conformance with hashicorp/hcl (@cdktf/hcl2json)', function () {
  this.timeout(120_000);

  const files = fs
    .readdirSync(FIXTURES)
    .filter((n) => n.endsWith('.tf'))
    .sort();

  it('covers both accepted and rejected fixtures', async () => {
    let accepted = 0;
    for (const n of files) if ((await theirs(n, fs.readFileSync(path.join(FIXTURES, n), 'utf8'))).accepted) accepted++;
    assert.ok(accepted >= 20 && files.length - accepted >= 15, `${accepted} accepted of ${files.length}`);
  });

  describe('fixture files', () => {
    for (const n of files) {
      it(n, async () => check(n, fs.readFileSync(path.join(FIXTURES, n), 'utf8')));
    }
  });

  describe('edge-case snippets (conformance-snippets.json)', () => {
    const snippets: string[] = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'conformance-snippets.json'), 'utf8'));
    it('has the snippet set', () => assert.ok(snippets.length >= 300));
    snippets.forEach((text, i) => {
      it(`#${i} ${JSON.stringify(text).slice(0, 60)}`, async () => check(`snippet${i}.tf`, text));
    });
  });
});
