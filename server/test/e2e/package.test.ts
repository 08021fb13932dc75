// The .vsix as `npm run package` makes it: only the bundles and their assets, a few hundred KiB.
import * as assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { REPO, freshDir } from '../../../scripts/e2e/env';
import { listZip, packageVsix, readZipEntry, type VsixEntry } from '../../../scripts/e2e/vsix';

/** What may ship (paths inside the archive's extension/ folder). */
const ALLOWED = [/^package\.json$/, /^readme\.md$/, /^LICENSE\.txt$/, /^client\/out\/extension\.js$/, /^server\/out\/main\.js$/, /^syntaxes\/[^/]+\.json$/, /^docs\//, /^schema\/[^/]+\.json$/, /^images\/icon\.png$/];
const REQUIRED = [
  'package.json',
  'readme.md',
  'LICENSE.txt',
  'client/out/extension.js',
  'server/out/main.js',
  'syntaxes/terraform.tmLanguage.json',
  'syntaxes/language-configuration.json',
  'schema/config.schema.json',
  'images/icon.png',
];

describe('e2e: the packaged .vsix', function () {
  this.timeout(300_000);
  let vsix: string;
  let files: VsixEntry[];

  before(function () {
    vsix = packageVsix(freshDir('package'));
    files = listZip(vsix).filter((e) => e.name.startsWith('extension/')).map((e) => ({ ...e, name: e.name.slice('extension/'.length) }));
  });

  it('holds the bundles, grammar, schema, icon, README and LICENSE', function () {
    const names = files.map((f) => f.name);
    for (const r of REQUIRED) assert.ok(names.includes(r), `missing ${r} in ${names.join(', ')}`);
  });

  it('holds nothing else (no sources, source maps or node_modules)', function () {
    const stray = files.filter((f) => !ALLOWED.some((re) => re.test(f.name))).map((f) => f.name);
    assert.deepEqual(stray, []);
  });

  it('is at most a few MB', function () {
    assert.ok(statSync(vsix).size < 3 * 1024 * 1024, `${statSync(vsix).size} bytes`);
  });

  it('ships the repo manifest, with the generated contributes', function () {
    type Manifest = { name: string; publisher: string; main: string; contributes: unknown };
    const shipped = JSON.parse(readZipEntry(vsix, 'extension/package.json').toString('utf8')) as Manifest;
    const repo = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Manifest;
    assert.equal(`${shipped.publisher}.${shipped.name}`, 'lambda-vpc-lint.lambda-vpc-lint');
    assert.equal(shipped.main, './client/out/extension.js');
    assert.deepEqual(shipped.contributes, repo.contributes);
  });

  it('ships a valid icon PNG', function () {
    const png = readZipEntry(vsix, 'extension/images/icon.png');
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.equal(png.readUInt32BE(16), 128, 'width');
    assert.equal(png.readUInt32BE(20), 128, 'height');
  });
});
