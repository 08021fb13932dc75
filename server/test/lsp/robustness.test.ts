// The server survives whatever a file contains: binary garbage, a huge single line, a BOM, odd
// URIs; and it keeps stdout for the protocol alone.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeActionRequest, HoverRequest, type CodeAction, type TextDocumentEdit } from 'vscode-languageserver-protocol/node';
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

  it('ignores documents that are neither files nor untitled and requests about unknown files', async function () {
    ({ client } = await TestClient.start({}));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'git:/repo/main.tf?%7B%7D', languageId: 'terraform', version: 1, text: 'a = = 1' } });
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///no/such/file.tf' }, position: { line: 0, character: 0 } }), null);
    assert.equal(await client.command('lambdaVpcLint.noSuchCommand'), null);
    const counts = await client.command<{ folders: number }>('lambdaVpcLint.checkWorkspace');
    assert.equal(counts.folders, 0);
    assert.equal(client.published.length, 0);
    assert.equal(await client.stop(), 0);
  });

  it('analyses an untitled document (not saved yet) as a module of its own, under its own URI, with fixes', async function () {
    const dir = copyFixture('basic');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const uri = 'untitled:Untitled-1';
    // A function in one subnet, using nothing, with a role that cannot create ENIs; and a syntax error.
    const text = [
      'resource "aws_lambda_function" "draft" {',
      '  function_name = "draft"',
      '  role          = aws_iam_role.draft.arn',
      '  vpc_config {',
      '    subnet_ids         = ["subnet-0aaa"]',
      '    security_group_ids = ["sg-0aaa"]',
      '  }',
      '}',
      'resource "aws_iam_role" "draft" {',
      '  name               = "draft"',
      '  assume_role_policy = "{}"',
      '}',
      'locals { a = = 1 }',
      '',
    ].join('\n');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'terraform', version: 1, text } });
    const p = await client.diagnostics(uri, (x) => x.version === 1 && x.diagnostics.length > 0);
    assert.deepEqual(p.diagnostics.map((d) => d.code).sort(), ['aws_lambda_vpc_eni_permissions', 'aws_lambda_vpc_single_az', 'aws_lambda_vpc_unneeded', 'hcl_syntax'], JSON.stringify(p.diagnostics));
    // Its quick fix edits the untitled document itself.
    const eni = p.diagnostics.find((d) => d.code === 'aws_lambda_vpc_eni_permissions')!;
    const actions = ((await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: eni.range, context: { diagnostics: [eni] } })) ?? []) as CodeAction[];
    const fix = actions.find((a) => a.title.includes('AWSLambdaVPCAccessExecutionRole'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const targets = fix.edit?.documentChanges ? (fix.edit.documentChanges as TextDocumentEdit[]).map((c) => c.textDocument.uri) : Object.keys(fix.edit?.changes ?? {});
    assert.deepEqual(targets, [uri]);
    // The folder's own files are not affected by it.
    assert.ok(client.published.every((x) => x.uri === uri || x.uri.startsWith('file://')), JSON.stringify(client.published.map((x) => x.uri)));
    // Closing it withdraws its diagnostics.
    const mark = client.published.length;
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.deepEqual((await client.diagnostics(uri, () => true, mark)).diagnostics, []);
  });
});
