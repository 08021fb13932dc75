// runCli behaviour that golden scenarios cannot show: terminals (colour, progress), the
// configuration search boundary, and that nothing but the report reaches stdout.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { Capture, scratchDir, writeTree } from './helpers';

const BROKEN = 'resource "aws_security_group" "fn" {\n  name = \n}\n';

async function run(argv: string[], cwd: string, options: { tty?: boolean; env?: Record<string, string> } = {}) {
  const stdout = new Capture(options.tty ?? false);
  const stderr = new Capture(options.tty ?? false);
  const code = await runCli(argv, { cwd, env: options.env ?? {}, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('cli/main', () => {
  it('colours text on a terminal only, never with NO_COLOR or --no-color', async () => {
    const dir = scratchDir();
    writeTree(dir, { 'main.tf': BROKEN });
    const tty = await run(['--check'], dir, { tty: true });
    assert.match(tty.stdout, /\x1b\[31merror\x1b\[0m/);
    const piped = await run(['--check'], dir);
    assert.doesNotMatch(piped.stdout, /\x1b/);
    assert.equal(tty.stdout.replace(/\x1b\[[0-9;]*m/g, ''), piped.stdout);
    assert.doesNotMatch((await run(['--check'], dir, { tty: true, env: { NO_COLOR: '1' } })).stdout, /\x1b/);
    assert.doesNotMatch((await run(['--check', '--no-color'], dir, { tty: true })).stdout, /\x1b/);
    // An empty NO_COLOR does not count (no-color.org).
    assert.match((await run(['--check'], dir, { tty: true, env: { NO_COLOR: '' } })).stdout, /\x1b\[31m/);
  });

  it('shows progress on a terminal stderr when checking many modules, and clears it', async () => {
    const dir = scratchDir();
    writeTree(dir, { 'a/main.tf': BROKEN, 'b/main.tf': BROKEN, 'c/main.tf': 'locals {\n}\n' });
    const tty = await run(['--check', '--recursive'], dir, { tty: true });
    assert.match(tty.stderr, /\r\x1b\[2KChecking 1\/3 a/);
    assert.match(tty.stderr, /\r\x1b\[2KChecking 3\/3 c/);
    assert.ok(tty.stderr.endsWith('\r\x1b[2K'), 'the progress line is cleared');
    const piped = await run(['--check', '--recursive'], dir);
    assert.equal(piped.stderr, '');
    assert.equal((await run(['--check', '--recursive', '--quiet'], dir, { tty: true })).stderr, '');
    // stdout is the same either way (apart from colour).
    assert.equal(tty.stdout.replace(/\x1b\[[0-9;]*m/g, ''), piped.stdout);
  });

  it('machine formats never get colour or progress on stdout', async () => {
    const dir = scratchDir();
    writeTree(dir, { 'a/main.tf': BROKEN, 'b/main.tf': BROKEN });
    for (const format of ['json', 'sarif', 'junit', 'checkstyle']) {
      const r = await run(['--check', '--recursive', '--format', format], dir, { tty: true });
      assert.doesNotMatch(r.stdout, /\x1b|\r/, format);
    }
  });

  it('the configuration search stops at a directory holding .git', async () => {
    const outer = scratchDir('lvl-outer-');
    // Not a repository itself: the search must go past it to the outer configuration file.
    fs.rmSync(path.join(outer, '.git'), { recursive: true });
    writeTree(outer, {
      '.lambda-vpc-lint.json': '{ "rules": { "hcl_syntax": "off" } }',
      'repo/mod/main.tf': BROKEN,
      'plain/mod/main.tf': BROKEN,
    });
    fs.mkdirSync(path.join(outer, 'repo/.git'));
    // Inside the repository the outer file is not seen; outside one it is.
    assert.equal((await run(['--check', 'repo/mod'], outer)).code, 2);
    assert.equal((await run(['--check', 'plain/mod'], outer)).code, 0);
    // A file at the repository root is found.
    writeTree(outer, { 'repo/.lambda-vpc-lint.json': '{ "rules": { "hcl_syntax": "info" } }' });
    const r = await run(['--check', 'repo/mod'], outer);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /info hcl_syntax/);
  });

  it('each module uses the nearest configuration file', async () => {
    const dir = scratchDir();
    writeTree(dir, {
      '.lambda-vpc-lint.json': '{ "rules": { "hcl_syntax": "info" } }',
      'a/main.tf': BROKEN,
      'b/.lambda-vpc-lint.json': '{ "rules": { "hcl_syntax": "warning" } }',
      'b/main.tf': BROKEN,
    });
    const r = await run(['--check', '--recursive'], dir);
    assert.match(r.stdout, /^a\/main\.tf:2:10: info hcl_syntax/m);
    assert.match(r.stdout, /^b\/main\.tf:2:10: warning hcl_syntax/m);
  });

  it('--config applies to every path and --rule overrides it', async () => {
    const dir = scratchDir();
    writeTree(dir, { 'cfg.json': '{ "rules": { "hcl_syntax": "off" } }', 'main.tf': BROKEN });
    assert.equal((await run(['--check', '--config', 'cfg.json'], dir)).code, 0);
    assert.equal((await run(['--check', '--config', 'cfg.json', '--rule', 'hcl_syntax=error'], dir)).code, 2);
    const missing = await run(['--check', '--config', 'nope.json'], dir);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'lambda-vpc-lint: --config nope.json: no such file\n');
  });

  it('warns about unknown --rule ids and still runs', async () => {
    const dir = scratchDir();
    writeTree(dir, { 'main.tf': 'locals {\n}\n' });
    const r = await run(['--check', '--rule', 'not_a_rule=off'], dir);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, 'lambda-vpc-lint: warning: --rule not_a_rule: unknown rule\n');
  });

  it('a file and its directory given together report the whole module once', async () => {
    const dir = scratchDir();
    writeTree(dir, { 'a.tf': BROKEN, 'b.tf': BROKEN });
    const r = await run(['--check', 'a.tf', '.', 'a.tf'], dir);
    assert.equal(r.stdout.split('\n').filter((l) => l.includes('hcl_syntax')).length, 2);
    assert.match(r.stdout, /2 errors in 2 files/);
  });

  it('errors are one line on stderr with status 1', async () => {
    const dir = scratchDir();
    for (const argv of [['--check', 'missing'], ['--check', '--format', 'yaml'], ['--nope']]) {
      const r = await run(argv, dir);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^lambda-vpc-lint: [^\n]+\n$/);
    }
  });
});
