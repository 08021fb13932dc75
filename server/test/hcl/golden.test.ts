// Golden dumps of the native parser: every test-fixtures/hcl/<case>.tf is parsed and its tree,
// comments and diagnostics (dump.ts) must equal <case>.tf.ast byte for byte.
// Regenerate with `UPDATE=1 npx mocha server/test/hcl/golden.test.ts` and review the diff.
//
// Fixtures named `err-*` must produce at least one error; all others must produce none. Line
// endings, the BOM and trailing spaces in fixtures are significant (see the folder's
// .gitattributes).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dumpTree } from '../../src/hcl/dump';
import { parseNative } from '../../src/hcl/parser';

const FIXTURES = path.resolve(__dirname, '../../../test-fixtures/hcl');

function fixtureNames(): string[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((n) => n.endsWith('.tf'))
    .sort();
}

describe('hcl native parser: golden dumps (test-fixtures/hcl)', () => {
  const names = fixtureNames();

  it('has the fixture set (about 50 cases)', () => {
    assert.ok(names.length >= 40, `only ${names.length} fixtures`);
  });

  for (const name of names) {
    it(name, () => {
      const file = path.join(FIXTURES, name);
      const text = fs.readFileSync(file, 'utf8');
      const r = parseNative(text, name);
      const got = dumpTree(r.file, r.diagnostics);
      const golden = `${file}.ast`;
      if (process.env.UPDATE) fs.writeFileSync(golden, got);
      assert.ok(fs.existsSync(golden), `missing golden ${golden}: run with UPDATE=1`);
      assert.equal(got, fs.readFileSync(golden, 'utf8'));

      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      if (name.startsWith('err-')) assert.ok(errors.length > 0, 'an err-* fixture must have errors');
      else assert.deepEqual(errors, [], 'a valid fixture must parse without errors');
    });
  }

  it('every golden file has its fixture', () => {
    const orphans = fs
      .readdirSync(FIXTURES)
      .filter((n) => n.endsWith('.tf.ast'))
      .filter((n) => !names.includes(n.slice(0, -'.ast'.length)));
    assert.deepEqual(orphans, []);
  });
});
