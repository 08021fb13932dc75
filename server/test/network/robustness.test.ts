// Every directory of configuration in test-fixtures/ (other layers' fixtures included: syntax errors, odd JSON,
// CLI and editor scenarios) is a root module here: building its pictures never throws, gives plain JSON data, and
// every location points inside a file that was read.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { MemoryHost } from '../../src/core/host';
import { buildPictures } from '../../src/network/picture';
import { loadWorkspace } from '../../src/terraform';

const FIXTURES = path.resolve(__dirname, '../../../test-fixtures');
const CONFIG = /\.(tf|tofu|tf\.json|tofu\.json)$/;

function walk(dir: string, files: Map<string, string>, roots: Set<string>): void {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, files, roots);
    else {
      files.set(p.split(path.sep).join('/'), readFileSync(p, 'utf8'));
      if (CONFIG.test(name)) roots.add(dir.split(path.sep).join('/'));
    }
  }
}

/** Every `{ file, span }` in a picture. */
function locations(x: unknown, out: { file: string; span: { start: number; end: number } }[] = []): typeof out {
  if (Array.isArray(x)) for (const i of x) locations(i, out);
  else if (typeof x === 'object' && x !== null) {
    const o = x as Record<string, unknown>;
    if (typeof o.file === 'string' && typeof o.span === 'object') out.push(o as (typeof out)[number]);
    else for (const v of Object.values(o)) locations(v, out);
  }
  return out;
}

describe('network/pictures robustness over every fixture', () => {
  const files = new Map<string, string>();
  const roots = new Set<string>();
  walk(FIXTURES, files, roots);
  const host = new MemoryHost(files);

  it('finds fixture directories', () => {
    assert.ok(roots.size >= 25, `found ${roots.size} directories`);
  });

  for (const root of [...roots].sort()) {
    it(path.relative(FIXTURES, root) || '.', () => {
      const pictures = buildPictures(loadWorkspace(host, [root]));
      assert.deepEqual(JSON.parse(JSON.stringify(pictures)), pictures);
      for (const l of locations(pictures)) {
        const text = files.get(l.file);
        assert.ok(text !== undefined, `location in a file that was not read: ${l.file}`);
        assert.ok(l.span.start >= 0 && l.span.start <= l.span.end && l.span.end <= text.length, `span ${l.span.start}-${l.span.end} outside ${l.file}`);
      }
    });
  }
});
