// Every case the fuzzer ever failed on, replayed: test-fixtures/fuzz-crashes/<name>/case.json, as `npm run fuzz`
// writes it ({ description, found, files, links? }; files by path relative to the root module). Each must now
// pass every check of fuzz/check.ts (as written and as .tf.json).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkCase, type FuzzCase } from '../../../fuzz/check';

const DIR = path.resolve(__dirname, '../../../test-fixtures/fuzz-crashes');

interface CrashRecord extends FuzzCase {
  /** What went wrong and what fixed it. */
  description: string;
  /** The fuzz run that found it. */
  found: string;
}

describe('hostile: fuzz crashes replayed', function () {
  this.timeout(120_000);
  const names = fs.readdirSync(DIR).filter((n) => fs.statSync(path.join(DIR, n)).isDirectory()).sort();

  it('there are crash fixtures, each with a case.json that says what it was', () => {
    assert.ok(names.length > 0);
    for (const name of names) {
      const record = JSON.parse(fs.readFileSync(path.join(DIR, name, 'case.json'), 'utf8')) as CrashRecord;
      assert.equal(typeof record.description, 'string', `${name}: description`);
      assert.equal(typeof record.found, 'string', `${name}: found`);
      assert.ok(Object.keys(record.files).length > 0, `${name}: files`);
    }
  });

  for (const name of names) {
    it(name, () => {
      const record = JSON.parse(fs.readFileSync(path.join(DIR, name, 'case.json'), 'utf8')) as CrashRecord;
      checkCase({ files: record.files, links: record.links });
    });
  }
});
