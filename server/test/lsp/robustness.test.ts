// The server survives whatever a file contains: binary garbage, a huge single line, a BOM, odd
// URIs; and it keeps stdout for the protocol alone.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { copyFixture, ensureBuilt, fileUri, removeFixtureCopies, TestClient } from './client';

describe('lsp: robustness', function () {
  this.timeout(120_000);
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

  it('keeps serving after binary garbage and a huge single-line file, open and on disk', async function () {
    const dir = copyFixture('basic');
    // Deterministic bytes, NULs and invalid UTF-8 included.
    const garbage = Buffer.alloc(64 * 1024);
    for (let i = 0, x = 12345; i < garbage.length; i++) garbage[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    fs.writeFileSync(path.join(dir, 'garbage.tf'), garbage);
    const huge = 'locals { x = "' + 'a'.repeat(2_000_000) + '" }' + ' y = {'.repeat(10_000);
    ({ client } = await TestClient.start({ folders: [dir] }));
    await client.diagnostics(fileUri(path.join(dir, 'garbage.tf')), (x) => x.diagnostics.length > 0);

    const hugeUri = await client.open(path.join(dir, 'huge.tf'), huge);
    await client.diagnostics(hugeUri, (x) => x.version === 1);
    const binUri = await client.open(path.join(dir, 'bin.tf.json'), garbage.toString('latin1'), 'json');
    await client.diagnostics(binUri, (x) => x.version === 1 && x.diagnostics.length > 0);
    // Hovers anywhere in them answer.
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: hugeUri }, position: { line: 0, character: 1_000_000 } }), null);
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: binUri }, position: { line: 99999, character: 5 } }), null);

    // The rest of the module still works.
    const broken = await client.open(path.join(dir, 'broken.tf'));
    assert.deepEqual((await client.diagnostics(broken, (x) => x.version === 1)).diagnostics.map((d) => d.range.start.line), [2]);
    assert.equal(client.exitCode, undefined, 'the server is still running');
    assert.ok(client.checkStdoutIsProtocolOnly() > 0);
    assert.equal(await client.stop(), 0);
  });

  it('maps positions after a BOM and in lines with astral characters', async function () {
    const dir = copyFixture('basic');
    // On disk with a BOM (editors drop it from the text they show).
    fs.writeFileSync(path.join(dir, 'bom.tf'), '\uFEFFlocals { a = = 1 }\n');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const bom = await client.diagnostics(fileUri(path.join(dir, 'bom.tf')), (x) => x.diagnostics.length > 0);
    // `=` of `= 1` is at column 13 of the text the editor shows.
    assert.equal(bom.diagnostics[0].range.start.character, 13);

    const uri = await client.open(path.join(dir, 'emoji.tf'), 'locals {\n  a = "😀😀" b = = 2\n}\n');
    const p = await client.diagnostics(uri, (x) => x.version === 1 && x.diagnostics.length > 0);
    // Columns count UTF-16 code units: each emoji is two.
    assert.ok(p.diagnostics.every((d) => d.range.start.line === 1 && d.range.start.character >= 12), JSON.stringify(p.diagnostics));
  });

  it('ignores documents that are not files and requests about unknown files', async function () {
    ({ client } = await TestClient.start({}));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-1', languageId: 'terraform', version: 1, text: 'a = = 1' } });
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///no/such/file.tf' }, position: { line: 0, character: 0 } }), null);
    assert.equal(await client.command('lambdaVpcLint.noSuchCommand'), null);
    const counts = await client.command<{ folders: number }>('lambdaVpcLint.checkWorkspace');
    assert.equal(counts.folders, 0);
    assert.equal(client.published.length, 0);
    assert.equal(await client.stop(), 0);
  });
});
