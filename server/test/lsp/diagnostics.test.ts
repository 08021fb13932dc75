// Protocol tests of the language server over stdio: initialize, diagnostics for open and closed
// files, incremental edits, module-level and caller re-analysis, versions, deletion, shutdown.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docsUrl } from '../../src/rules/types';
import { codes, copyFixture, ensureBuilt, fileUri, removeFixtureCopies, syntaxLines, TestClient } from './client';

describe('lsp: diagnostics', function () {
  this.timeout(60_000);
  let client: TestClient | undefined;

  before(function () {
    ensureBuilt();
  });

  after(function () {
    removeFixtureCopies();
  });

  afterEach(async function () {
    if (!client) return;
    const c = client;
    client = undefined;
    // Whatever the test did, stdout carried nothing but protocol frames.
    try {
      assert.ok(c.checkStdoutIsProtocolOnly() > 0);
    } finally {
      c.kill();
    }
  });

  it('initializes with the advertised capabilities', async function () {
    const dir = copyFixture('basic');
    const started = await TestClient.start({ folders: [dir] });
    client = started.client;
    const caps = started.init.capabilities;
    assert.equal(started.init.serverInfo?.name, 'lambda-vpc-lint');
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.lambdaVpcLint'] });
    assert.deepEqual(
      [...(caps.executeCommandProvider?.commands ?? [])].sort(),
      ['lambdaVpcLint.checkWorkspace', 'lambdaVpcLint.networkPicture', 'lambdaVpcLint.openDocs'],
    );
    assert.equal(caps.workspace?.workspaceFolders?.changeNotifications, true);
  });

  it('publishes hcl_syntax for an open file, with version, source, docs link and data', async function () {
    const dir = copyFixture('basic');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const uri = await client.open(path.join(dir, 'broken.tf'));
    const p = await client.diagnostics(uri, (x) => x.version === 1);
    assert.equal(p.diagnostics.length, 1, JSON.stringify(p.diagnostics));
    const d = p.diagnostics[0];
    assert.equal(d.code, 'hcl_syntax');
    assert.equal(d.source, 'lambda-vpc-lint');
    assert.equal(d.severity, 1);
    assert.equal(d.range.start.line, 2);
    assert.equal(d.codeDescription?.href, docsUrl('hcl_syntax'));
    assert.deepEqual(d.data, { rule: 'hcl_syntax', fixes: [] });
    // The other files of the module are analysed (and published) too; they are valid.
    assert.deepEqual(syntaxLines((await client.diagnostics(fileUri(path.join(dir, 'network.tf')))).diagnostics), []);
  });

  it('updates diagnostics after incremental edits', async function () {
    const dir = copyFixture('basic');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const uri = await client.open(path.join(dir, 'broken.tf'));
    await client.diagnostics(uri, (x) => x.version === 1 && x.diagnostics.length === 1);

    // Line 2 is `  timeout = = 3`: delete the second `=` (columns 12-14, "= ").
    const v2 = await client.change(uri, [{ range: { start: { line: 2, character: 12 }, end: { line: 2, character: 14 } }, text: '' }]);
    const fixed = await client.diagnostics(uri, (x) => x.version === v2);
    assert.deepEqual(fixed.diagnostics, []);

    // Break line 3 (`  memory  = 128`) by inserting a second `=`.
    const v3 = await client.change(uri, [{ range: { start: { line: 3, character: 12 }, end: { line: 3, character: 12 } }, text: '= ' }]);
    const broken = await client.diagnostics(uri, (x) => x.version === v3);
    assert.deepEqual(broken.diagnostics.map((d) => [d.code, d.range.start.line]), [['hcl_syntax', 3]]);
  });

  it('re-analyses the whole module and its callers when one file changes (unsaved)', async function () {
    const dir = copyFixture('workspace');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const lambda = fileUri(path.join(dir, 'modules/app/lambda.tf'));
    const root = fileUri(path.join(dir, 'envs/prod/main.tf'));
    // lambda.tf is broken and not open: reported from the disk, without a version.
    const first = await client.diagnostics(lambda, (x) => x.diagnostics.length > 0);
    assert.deepEqual(syntaxLines(first.diagnostics), [6]);
    assert.equal(first.version, undefined);
    await client.diagnostics(root);

    const network = await client.open(path.join(dir, 'modules/app/network.tf'));
    await client.diagnostics(network, (x) => x.version === 1);
    const mark = client.published.length;
    const v2 = await client.change(network, [{ range: { start: { line: 1, character: 11 }, end: { line: 1, character: 16 } }, text: '"endpoints"' }]);
    await client.diagnostics(network, (x) => x.version === v2, mark);
    // The vendored copy under .terraform/ is never analysed.
    const vendored = fileUri(path.join(dir, '.terraform/modules/app/main.tf'));
    assert.equal(client.published.some((p) => p.uri === vendored), false);
  });

  it('an edit in a called module updates the findings of the module and of its caller; unchanged files are not re-sent', async function () {
    const dir = copyFixture('callers');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const root = fileUri(path.join(dir, 'envs/prod/main.tf'));
    const variables = fileUri(path.join(dir, 'modules/app/variables.tf'));
    assert.deepEqual(codes((await client.diagnostics(root)).diagnostics), [], 'the subnets start in two AZs');
    await client.diagnostics(variables);

    const network = await client.open(path.join(dir, 'modules/app/network.tf'));
    await client.diagnostics(network, (x) => x.version === 1);
    // Line 13 is `  availability_zone = "eu-west-1b"`: move subnet b into eu-west-1a (column 32 is the `b`).
    const mark = client.published.length;
    const v2 = await client.change(network, [{ range: { start: { line: 13, character: 32 }, end: { line: 13, character: 33 } }, text: 'a' }]);
    await client.diagnostics(network, (x) => x.version === v2, mark);
    // The root module (the caller) is re-analysed: its own function takes the module's subnets, and the module's
    // function is reported at the call.
    const updated = await client.diagnostics(root, (x) => codes(x.diagnostics).includes('aws_lambda_vpc_single_az'), mark);
    const messages = updated.diagnostics.map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
    assert.ok(messages.some((m) => m.includes('aws_lambda_function.worker')), JSON.stringify(messages));
    assert.ok(messages.some((m) => m.includes('module.app.aws_lambda_function.api')), JSON.stringify(messages));
    // A request answered after those publishes: everything the run sent has arrived. variables.tf kept its (empty)
    // diagnostics, so it was not sent again.
    await client.command('lambdaVpcLint.networkPicture', { uri: root, position: { line: 0, character: 0 } });
    assert.deepEqual(client.published.slice(mark).filter((p) => p.uri === variables), []);
  });

  it('reports in lambda.tf what an unsaved edit of network.tf changes, with the evidence there', async function () {
    const dir = copyFixture('basic');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const lambda = fileUri(path.join(dir, 'lambda.tf'));
    const before = await client.diagnostics(lambda);
    assert.ok(!codes(before.diagnostics).includes('aws_lambda_vpc_single_az'), 'the subnets start in two AZs');
    const network = await client.open(path.join(dir, 'network.tf'));
    await client.diagnostics(network, (x) => x.version === 1);

    // Line 13 is `  availability_zone = "eu-west-1b"`: move subnet b into eu-west-1a (column 32 is the `b`).
    let mark = client.published.length;
    await client.change(network, [{ range: { start: { line: 13, character: 32 }, end: { line: 13, character: 33 } }, text: 'a' }]);
    const single = await client.diagnostics(lambda, (x) => codes(x.diagnostics).includes('aws_lambda_vpc_single_az'), mark);
    const d = single.diagnostics.find((x) => x.code === 'aws_lambda_vpc_single_az')!;
    assert.equal(single.version, undefined, 'lambda.tf is not open');
    assert.ok(d.relatedInformation?.some((r) => r.location.uri === network), JSON.stringify(d.relatedInformation));

    // Undo: the finding goes again.
    mark = client.published.length;
    await client.change(network, [{ range: { start: { line: 13, character: 32 }, end: { line: 13, character: 33 } }, text: 'b' }]);
    const back = await client.diagnostics(lambda, () => true, mark);
    assert.ok(!codes(back.diagnostics).includes('aws_lambda_vpc_single_az'));
  });

  it('debounces edits per module and never publishes an older version after a newer one', async function () {
    const dir = copyFixture('basic');
    ({ client } = await TestClient.start({ folders: [dir], initializationOptions: { debounceMs: 2000 } }));
    const uri = await client.open(path.join(dir, 'broken.tf'));
    await client.diagnostics(uri, (x) => x.version === 1);
    const mark = client.published.length;
    let version = 1;
    for (let i = 0; i < 5; i++) {
      // Inside the string "api" on line 1.
      version = await client.change(uri, [{ range: { start: { line: 1, character: 15 }, end: { line: 1, character: 15 } }, text: 'x' }]);
    }
    const last = await client.diagnostics(uri, (x) => x.version === version, mark);
    assert.deepEqual(codes(last.diagnostics), ['hcl_syntax']);
    const versions = client.published.slice(mark).filter((p) => p.uri === uri).map((p) => p.version);
    // One analysis for the burst of edits, published for the last version only.
    assert.deepEqual(versions, [version]);
  });

  it('clears the diagnostics of a deleted file and of a deleted directory', async function () {
    const dir = copyFixture('workspace');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const lambda = path.join(dir, 'modules/app/lambda.tf');
    await client.diagnostics(fileUri(lambda), (x) => x.diagnostics.length > 0);

    fs.rmSync(lambda);
    let mark = client.published.length;
    await client.watched([{ uri: fileUri(lambda), type: 3 }]);
    assert.deepEqual((await client.diagnostics(fileUri(lambda), () => true, mark)).diagnostics, []);

    // A directory deletion is reported for the directory only.
    const other = copyFixture('basic');
    fs.cpSync(other, path.join(dir, 'extra'), { recursive: true });
    const extraBroken = fileUri(path.join(dir, 'extra/broken.tf'));
    await client.watched([{ uri: extraBroken, type: 1 }]);
    await client.diagnostics(extraBroken, (x) => x.diagnostics.length > 0);
    fs.rmSync(path.join(dir, 'extra'), { recursive: true });
    mark = client.published.length;
    await client.watched([{ uri: fileUri(path.join(dir, 'extra')), type: 3 }]);
    assert.deepEqual((await client.diagnostics(extraBroken, () => true, mark)).diagnostics, []);
  });

  it('analyses a file opened without any workspace folder (its directory) and clears it on close', async function () {
    const dir = copyFixture('loose');
    ({ client } = await TestClient.start({}));
    const uri = await client.open(path.join(dir, 'main.tf'));
    const p = await client.diagnostics(uri, (x) => x.version === 1);
    assert.deepEqual(codes(p.diagnostics), ['hcl_syntax']);
    const mark = client.published.length;
    await client.close(uri);
    assert.deepEqual((await client.diagnostics(uri, () => true, mark)).diagnostics, []);
  });

  it('ends promptly on shutdown and exit, with exit code 0', async function () {
    const dir = copyFixture('basic');
    ({ client } = await TestClient.start({ folders: [dir] }));
    await client.diagnostics(fileUri(path.join(dir, 'broken.tf')));
    assert.equal(await client.stop(), 0);
  });

  it('exits when its input closes without shutdown (the client died)', async function () {
    ({ client } = await TestClient.start({}));
    client.child.stdin!.end();
    assert.equal(await client.whenExited(), 1);
  });
});
