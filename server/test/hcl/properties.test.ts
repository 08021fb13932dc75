// Property tests of the native HCL parser (fast-check, fixed seed, reproducible).
//
// 1. Robustness: on random strings, HCL token soup, random bytes decoded as UTF-8 and mutations
//    of generated and fixture files (deletions, insertions of `{ } " ${ %{ <<EOT \r`, truncation)
//    the parser returns normally, and every span in the result (tree, comments, diagnostics)
//    lies inside the text with start <= end.
// 2. Expression spans are exact: for valid files, the source text under every expression node's
//    span re-parses (parseExpression) to a node of the same kind and the same shape, spans
//    included once rebased to the start of the expression.
//
// Termination is asserted by the test finishing: mocha's timeout fails a parser that hangs.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Expr, ParseResult } from '../../src/hcl/ast';
import { parseExpression, parseNative } from '../../src/hcl/parser';
import { generateHclFile } from '../support/generate-hcl';

const SEED = 0x1c0ffee;

const EXPR_KINDS = new Set<string>([
  'Literal', 'Template', 'Tuple', 'Object', 'Variable', 'GetAttr', 'Index', 'Splat', 'FunctionCall',
  'Conditional', 'Binary', 'Unary', 'Parens', 'For', 'AnonSymbol', 'Invalid',
]);

/** Keys that hold derived data rather than tree: the text itself and its line table. */
const SKIP_KEYS = new Set(['text', 'lineIndex']);

function isSpan(x: unknown): x is { start: number; end: number } {
  if (typeof x !== 'object' || x === null) return false;
  const keys = Object.keys(x);
  return keys.length === 2 && typeof (x as { start?: unknown }).start === 'number' && typeof (x as { end?: unknown }).end === 'number';
}

/** Every span anywhere in `root` (found structurally, so new node fields are covered too). */
function collectSpans(root: unknown, out: Array<{ path: string; start: number; end: number }> = [], at = '$'): typeof out {
  if (isSpan(root)) {
    out.push({ path: at, start: root.start, end: root.end });
    return out;
  }
  if (Array.isArray(root)) root.forEach((x, i) => collectSpans(x, out, `${at}[${i}]`));
  else if (typeof root === 'object' && root !== null) {
    for (const [k, v] of Object.entries(root)) if (!SKIP_KEYS.has(k)) collectSpans(v, out, `${at}.${k}`);
  }
  return out;
}

function checkResult(text: string, r: ParseResult): void {
  assert.equal(r.file.text, text, 'the file keeps the text as parsed');
  for (const s of collectSpans(r)) {
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= text.length)) {
      assert.fail(`span ${s.path} = [${s.start}, ${s.end}) is not inside the text (length ${text.length})`);
    }
  }
}

/** Parses and checks the invariants; fast-check reports the input when this throws. */
function parsesCleanly(text: string): void {
  checkResult(text, parseNative(text, '/p/main.tf'));
}

/** Every expression node of a tree, skipping the element traversal of splats (rooted at an anonymous symbol, not source-standalone). */
function collectExprs(root: unknown, out: Expr[] = []): Expr[] {
  if (Array.isArray(root)) {
    for (const x of root) collectExprs(x, out);
  } else if (typeof root === 'object' && root !== null && !isSpan(root)) {
    const kind = (root as { kind?: unknown }).kind;
    if (typeof kind === 'string' && EXPR_KINDS.has(kind)) out.push(root as Expr);
    for (const [k, v] of Object.entries(root)) {
      if (SKIP_KEYS.has(k) || (kind === 'Splat' && k === 'each')) continue;
      collectExprs(v, out);
    }
  }
  return out;
}

/** A deep copy with every span shifted by `-base`. */
function rebase(node: unknown, base: number): unknown {
  if (isSpan(node)) return { start: node.start - base, end: node.end - base };
  if (Array.isArray(node)) return node.map((x) => rebase(x, base));
  if (typeof node === 'object' && node !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = rebase(v, base);
    return out;
  }
  return node;
}

// ---------------------------------------------------------------------------
// Inputs

const HCL_TOKENS = [
  '{', '}', '[', ']', '(', ')', '"', '${', '%{', '}', '~', '<<EOT\n', '<<-EOT\n', 'EOT\n', '  EOT\n', '\n', '\r\n', '\r',
  '=', ':', ',', '.', '*', '[*]', '.*', '...', '=>', '?', '!', '-', '+', '&&', '||', '==', '#', '//', '/*', '*/', '\\',
  '\\n', '\\u00e9', '$${', '%%{', 'for', 'in', 'if', 'else', 'endif', 'endfor', 'true', 'null', 'var', 'a', 'b_c', 'x-y',
  'resource', 'locals', '1', '2.5e3', ' ', '  ', '\t', 'é', '🚀', '\uFEFF', '\u0000', '"a"',
];

const tokenSoup = fc.array(fc.constantFrom(...HCL_TOKENS), { maxLength: 80 }).map((ts) => ts.join(''));
const randomBytesAsUtf8 = fc.uint8Array({ maxLength: 400 }).map((b) => new TextDecoder().decode(b));

/** Fixture files of the syntax layer, if present, as further seeds for mutation. */
function fixtureTexts(): string[] {
  const dir = path.join(__dirname, '..', '..', '..', 'test-fixtures', 'hcl');
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(tf|tofu|tfvars)$/.test(e.name)) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

const FIXTURES = fixtureTexts();

/** A valid generated file, or a fixture file, to mutate. */
const baseText: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }).map((seed) => generateHclFile(seed, { targetBytes: 1500 }).text),
  ...(FIXTURES.length > 0 ? [fc.constantFrom(...FIXTURES)] : []),
);

type Mutation =
  | { op: 'delete'; at: number; len: number }
  | { op: 'insert'; at: number; what: string }
  | { op: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), what: fc.constantFrom('{', '}', '"', '${', '%{', '<<EOT', '<<EOT\n', '\r', '\n', '%{ if x }', '${~', '~}', '/*', '[', ']', '(', '=') }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = t.length === 0 ? 0 : m.at % (t.length + 1);
    if (m.op === 'delete') t = t.slice(0, at) + t.slice(at + m.len);
    else if (m.op === 'insert') t = t.slice(0, at) + m.what + t.slice(at);
    else t = t.slice(0, at);
  }
  return t;
}

// ---------------------------------------------------------------------------

describe('HCL parser properties', function () {
  it('never throws on random strings, and keeps spans inside the text', function () {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), parsesCleanly), { seed: SEED, numRuns: 600 });
  });

  it('never throws on HCL token soup, and keeps spans inside the text', function () {
    fc.assert(fc.property(tokenSoup, parsesCleanly), { seed: SEED + 1, numRuns: 800 });
  });

  it('never throws on random bytes decoded as UTF-8', function () {
    fc.assert(fc.property(randomBytesAsUtf8, parsesCleanly), { seed: SEED + 2, numRuns: 400 });
  });

  it('never throws on mutated generated and fixture files, and keeps spans inside the text', function () {
    fc.assert(
      fc.property(baseText, fc.array(mutation, { minLength: 1, maxLength: 4 }), (text, ms) => parsesCleanly(mutate(text, ms))),
      { seed: SEED + 3, numRuns: 500 },
    );
  });

  it('handles every injected error kind of the generator', function () {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const g = generateHclFile(seed, { targetBytes: 2000, invalid: true });
        const r = parseNative(g.text, '/p/bad.tf');
        checkResult(g.text, r);
        assert.ok(r.diagnostics.some((d) => d.severity === 'error'), `no error reported for injected ${g.error?.kind} at ${g.error?.offset}`);
      }),
      { seed: SEED + 4, numRuns: 300 },
    );
  });

  it('re-parses the text under every expression span to the same node (valid files)', function () {
    const validFixtures = FIXTURES.filter((t) => parseNative(t, '/p/fixture.tf').diagnostics.length === 0);
    const validText: fc.Arbitrary<string> = fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 1_000_000 }).map((seed) => generateHclFile(seed, { targetBytes: 1200 }).text), weight: 4 },
      ...(validFixtures.length > 0 ? [{ arbitrary: fc.constantFrom(...validFixtures), weight: 1 }] : []),
    );
    let checked = 0;
    fc.assert(
      fc.property(validText, (text) => {
        const r = parseNative(text, '/p/valid.tf');
        assert.deepEqual(r.diagnostics, [], 'a valid file parses without diagnostics');
        const exprs = collectExprs(r.file.body);
        checked += exprs.length;
        for (const e of exprs) {
          const src = text.slice(e.span.start, e.span.end);
          // A heredoc's closing marker must be followed by a line break, which lies outside the
          // span; newlines are otherwise insignificant to parseExpression.
          const again = parseExpression(src + '\n');
          const errors = again.diagnostics.filter((d) => d.severity === 'error');
          assert.deepEqual(errors, [], `re-parse of ${e.kind} ${JSON.stringify(src)} reports errors`);
          assert.equal(again.expr.kind, e.kind, `re-parse of ${JSON.stringify(src)}`);
          assert.deepEqual(rebase(again.expr, 0), rebase(e, e.span.start), `shape of ${JSON.stringify(src)}`);
        }
      }),
      { seed: SEED + 5, numRuns: 250 },
    );
    // Not vacuous: a few hundred files hold thousands of expressions.
    assert.ok(checked >= 5000, `only ${checked} expressions checked`);
  });
});
