// Protocol tests of the workspace: start-up indexing with progress, watcher registration,
// configuration (file, settings, didChangeConfiguration), ignorePaths and .terraform/, multi-root
// folders, `lambdaVpcLint.checkWorkspace`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DidChangeWorkspaceFoldersNotification, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { codes, copyFixture, ensureBuilt, fileUri, removeFixtureCopies, TestClient } from './client';

describe('lsp: workspace', function () {
  this.timeout(60_000);
  let client: TestClient | undefined;

  before(function () {
    ensureBuilt();
  });

  after(function () {
    removeFixtureCopies();
  });

  afterEach(function () {
    client?.kill();
    client = undefined;
  });

  it('indexes every folder at start with progress, and registers its file watchers', async function () {
    const dir = copyFixture('workspace');
    ({ client } = await TestClient.start({ folders: [dir] }));
    // Closed files are analysed from disk at start-up.
    await client.diagnostics(fileUri(path.join(dir, 'modules/app/lambda.tf')), (x) => x.diagnostics.length > 0);
    const counts = await client.command<Record<string, number>>('lambdaVpcLint.checkWorkspace');
    // .terraform/ is not indexed; envs/prod is a root and modules/app is analysed through it (or on its own while
    // the analysis does not follow module calls).
    assert.deepEqual([counts.folders, counts.modules, counts.files], [1, 2, 4]);
    assert.ok(counts.units >= 1 && counts.units <= 2);
    assert.ok(counts.errors >= 1 && counts.filesWithProblems >= 1, JSON.stringify(counts));

    const watchers = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watchers?.registerOptions, {
      watchers: [
        { globPattern: '**/*.{tf,tf.json,tofu,tofu.json,tfvars,tfvars.json}' },
        { globPattern: '**/.lambda-vpc-lint.json' },
        { globPattern: '**/.terraform/modules/modules.json' },
        { globPattern: '**/*', kind: 4 },
      ],
    });
    assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'));
    // One progress for the indexing and one for the check, each begun and ended.
    assert.equal(client.progressCreated.length, 2);
    for (const token of client.progressCreated) {
      const kinds: string[] = client.progress.filter((p) => String(p.token) === token).map((p) => p.value.kind);
      assert.equal(kinds[0], 'begin');
      assert.equal(kinds[kinds.length - 1], 'end');
    }
  });

  it('applies the folder configuration file, skips ignorePaths and .terraform/, and lets settings override the file', async function () {
    const dir = copyFixture('config');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const main = fileUri(path.join(dir, 'main.tf'));
    // The file makes hcl_syntax a warning.
    const p = await client.diagnostics(main, (x) => x.diagnostics.length > 0);
    assert.deepEqual(p.diagnostics.map((d) => [d.code, d.severity]), [['hcl_syntax', 2]]);
    await client.command('lambdaVpcLint.checkWorkspace');
    const reported = new Set(client.published.map((x) => x.uri));
    assert.equal(reported.has(fileUri(path.join(dir, 'legacy/old.tf'))), false, 'ignorePaths');
    assert.equal(reported.has(fileUri(path.join(dir, '.terraform/modules/x/main.tf'))), false, '.terraform/');
    // Settings are asked per folder, in the lambdaVpcLint section.
    assert.ok(client.configurationRequests.some((i) => i.section === 'lambdaVpcLint' && i.scopeUri === fileUri(dir)));

    // rules.hcl_syntax = off through the settings: the diagnostics go.
    let mark = client.published.length;
    await client.configurationChanged({ rules: { hcl_syntax: 'off' } });
    assert.deepEqual((await client.diagnostics(main, () => true, mark)).diagnostics, []);

    // Back to error: they come back, as errors (the settings win over the file).
    mark = client.published.length;
    await client.configurationChanged({ rules: { hcl_syntax: 'error' } });
    const back = await client.diagnostics(main, (x) => x.diagnostics.length > 0, mark);
    assert.deepEqual(back.diagnostics.map((d) => d.severity), [1]);
  });

  it('lets an explicit setting equal to the default override the file (minAzs: 2 over the file\'s 3)', async function () {
    // Two subnets in two AZs: fine at minAzs 2, a single_az warning at the file's minAzs 3.
    const dir = copyFixture('basic');
    fs.writeFileSync(path.join(dir, '.lambda-vpc-lint.json'), '{ "minAzs": 3 }\n');
    const lambda = fileUri(path.join(dir, 'lambda.tf'));
    const singleAz = (d: Diagnostic[]): boolean => codes(d).includes('aws_lambda_vpc_single_az');
    ({ client } = await TestClient.start({ folders: [dir] }));
    await client.diagnostics(lambda, (x) => singleAz(x.diagnostics));

    // The setting at its default value wins over the file: the warning goes.
    let mark = client.published.length;
    await client.configurationChanged({ minAzs: 2 });
    const at2 = await client.diagnostics(lambda, (x) => !singleAz(x.diagnostics), mark);
    assert.ok(at2.diagnostics.length > 0, 'the other findings of the file stay');

    // Unset again (absent, or null as a client may send for a cleared value): the file's 3 applies.
    for (const unset of [{}, { minAzs: null }]) {
      mark = client.published.length;
      await client.configurationChanged(unset);
      await client.diagnostics(lambda, (x) => singleAz(x.diagnostics), mark);
      mark = client.published.length;
      await client.configurationChanged({ minAzs: 2 });
      await client.diagnostics(lambda, (x) => !singleAz(x.diagnostics), mark);
    }
  });

  it('reloads when the configuration file changes on disk', async function () {
    const dir = copyFixture('config');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const old = fileUri(path.join(dir, 'legacy/old.tf'));
    await client.diagnostics(fileUri(path.join(dir, 'main.tf')), (x) => x.diagnostics.length > 0);
    fs.writeFileSync(path.join(dir, '.lambda-vpc-lint.json'), '{ "rules": { "hcl_syntax": "info" } }\n');
    const mark = client.published.length;
    await client.watched([{ uri: fileUri(path.join(dir, '.lambda-vpc-lint.json')), type: 2 }]);
    // legacy/ is no longer ignored, and severities follow the new file.
    const p = await client.diagnostics(old, (x) => x.diagnostics.length > 0, mark);
    assert.deepEqual(p.diagnostics.map((d) => d.severity), [3]);
  });

  it('reports an invalid configuration file to the user and keeps working with the defaults', async function () {
    const dir = copyFixture('config');
    fs.writeFileSync(path.join(dir, '.lambda-vpc-lint.json'), '{ "minAzs": "two" }\n');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const p = await client.diagnostics(fileUri(path.join(dir, 'main.tf')), (x) => x.diagnostics.length > 0);
    assert.deepEqual(p.diagnostics.map((d) => d.severity), [1]);
    await client.command('lambdaVpcLint.checkWorkspace');
    assert.ok(client.messages.some((m) => m.includes('.lambda-vpc-lint.json') && m.includes('minAzs')), JSON.stringify(client.messages));
  });

  it('handles multi-root workspaces, folders added and removed', async function () {
    const dir = copyFixture('multi');
    const one = path.join(dir, 'one');
    const two = path.join(dir, 'two');
    ({ client } = await TestClient.start({ folders: [one] }));
    const oneMain = fileUri(path.join(one, 'main.tf'));
    const twoMain = fileUri(path.join(two, 'main.tf'));
    await client.diagnostics(oneMain, (x) => x.diagnostics.length > 0);

    let mark = client.published.length;
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [{ uri: fileUri(two), name: 'two' }], removed: [] },
    });
    assert.deepEqual(codes((await client.diagnostics(twoMain, (x) => x.diagnostics.length > 0, mark)).diagnostics), ['hcl_syntax']);

    mark = client.published.length;
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [], removed: [{ uri: fileUri(one), name: 'one' }] },
    });
    // Files of a removed folder leave the workspace: cleared.
    assert.deepEqual((await client.diagnostics(oneMain, () => true, mark)).diagnostics, []);
    const counts = await client.command<{ folders: number }>('lambdaVpcLint.checkWorkspace');
    assert.equal(counts.folders, 1);
  });

  it('works with a client that only sends rootUri and has no configuration support', async function () {
    const dir = copyFixture('config');
    ({ client } = await TestClient.start({
      folders: [dir],
      rootOnly: true,
      capabilities: {},
      initializationOptions: { settings: { rules: { hcl_syntax: 'info' } } },
    }));
    const p = await client.diagnostics(fileUri(path.join(dir, 'main.tf')), (x) => x.diagnostics.length > 0);
    // The settings from initializationOptions win over the file's "warning".
    assert.deepEqual(p.diagnostics.map((d) => d.severity), [3]);
    assert.deepEqual(client.registrations, []);
    assert.deepEqual(client.progressCreated, []);
    // Settings pushed with didChangeConfiguration.
    const mark = client.published.length;
    await client.configurationChanged({ rules: { hcl_syntax: 'off' } });
    assert.deepEqual((await client.diagnostics(fileUri(path.join(dir, 'main.tf')), () => true, mark)).diagnostics, []);
  });
});
