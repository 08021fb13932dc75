// Golden network pictures: every directory under test-fixtures/network/ is a root module (with its child modules)
// and an expected.json holding the pictures buildPictures() gives for it, locations written as
// `file:line:col` relative to the case directory. `UPDATE=1` rewrites the goldens; review them in the diff.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { MemoryHost } from '../../src/core/host';
import { LineIndex } from '../../src/hcl/source';
import { buildPictures } from '../../src/network/picture';
import { loadWorkspace } from '../../src/terraform';

const FIXTURES = path.resolve(__dirname, '../../../test-fixtures/network');
const UPDATE = process.env.UPDATE === '1';

/** Every file under `dir` (absolute POSIX paths), except the goldens. */
function filesUnder(dir: string, out: Map<string, string> = new Map()): Map<string, string> {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) filesUnder(p, out);
    else if (name !== 'expected.json') out.set(p.split(path.sep).join('/'), readFileSync(p, 'utf8'));
  }
  return out;
}

/** Replaces `{ file, span }` locations by `file:line:col` (1-based, relative) and absolute paths by relative ones. */
function readable(value: unknown, caseDir: string, files: Map<string, string>): unknown {
  const indexes = new Map<string, LineIndex>();
  const rel = (p: string): string => (p === caseDir ? '.' : p.startsWith(caseDir + '/') ? p.slice(caseDir.length + 1) : p);
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') return x.split(caseDir + '/').join('').split(caseDir).join('.');
    if (Array.isArray(x)) return x.map(walk);
    if (typeof x !== 'object' || x === null) return x;
    const o = x as Record<string, unknown>;
    if (typeof o.file === 'string' && typeof o.span === 'object' && o.span !== null && Object.keys(o).length === 2) {
      const file = o.file;
      const span = o.span as { start: number; end: number };
      let idx = indexes.get(file);
      if (!idx) {
        idx = new LineIndex(files.get(file) ?? '');
        indexes.set(file, idx);
      }
      const p = idx.position(span.start);
      return `${rel(file)}:${p.line + 1}:${p.character + 1}`;
    }
    const r: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) r[k] = walk(v);
    return r;
  };
  return walk(value);
}

describe('network/pictures (golden)', () => {
  const cases = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((n) => statSync(path.join(FIXTURES, n)).isDirectory()).sort() : [];

  it('has fixture cases', () => {
    assert.ok(cases.length >= 20, `expected at least 20 cases in ${FIXTURES}, found ${cases.length}`);
  });

  for (const name of cases) {
    it(name, () => {
      const caseDir = path.join(FIXTURES, name).split(path.sep).join('/');
      const files = filesUnder(caseDir);
      const ws = loadWorkspace(new MemoryHost(files), [caseDir]);
      const pictures = buildPictures(ws);
      // Plain data: JSON round-trips it unchanged (no undefined, Maps or class instances).
      assert.deepEqual(JSON.parse(JSON.stringify(pictures)), pictures);
      const actual = readable(pictures, caseDir, files);
      const goldenPath = path.join(FIXTURES, name, 'expected.json');
      const text = JSON.stringify(actual, null, 2) + '\n';
      if (UPDATE || !existsSync(goldenPath)) {
        if (!UPDATE) assert.fail(`${goldenPath} is missing; run with UPDATE=1 to create it`);
        writeFileSync(goldenPath, text);
        return;
      }
      assert.deepEqual(actual, JSON.parse(readFileSync(goldenPath, 'utf8')));
    });
  }
});
