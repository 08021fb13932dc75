// Protocol tests of code actions and commands: the ignore-line quick fix (exact edit, versioned),
// "Show documentation", fix-all, and `lambdaVpcLint.openDocs` through `window/showDocument`.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CodeActionRequest, type CodeAction, type Diagnostic, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-protocol/node';
import { docsUrl } from '../../src/rules/types';
import { codes, copyFixture, ensureBuilt, removeFixtureCopies, TestClient } from './client';

describe('lsp: code actions', function () {
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

  async function actionsFor(c: TestClient, uri: string, d: Diagnostic, only?: string[]): Promise<CodeAction[]> {
    const r = await c.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d], ...(only ? { only } : {}) },
    });
    return (r ?? []) as CodeAction[];
  }

  it('offers "Ignore hcl_syntax for this line" as an exact, versioned insertion above the line', async function () {
    const dir = copyFixture('basic');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const uri = await client.open(path.join(dir, 'broken.tf'));
    const [d] = (await client.diagnostics(uri, (x) => x.version === 1 && x.diagnostics.length === 1)).diagnostics;
    const actions = await actionsFor(client, uri, d);
    const ignore = actions.find((a) => a.title === 'Ignore hcl_syntax for this line');
    assert.ok(ignore, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(ignore.kind, 'quickfix');
    assert.deepEqual(ignore.diagnostics, [d]);
    const changes = ignore.edit?.documentChanges as TextDocumentEdit[];
    assert.deepEqual(changes, [
      {
        textDocument: { uri, version: 1 },
        edits: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '  # lambda-vpc-lint-ignore: hcl_syntax\n' }],
      },
    ]);
  });

  it('applying the ignore edit silences the finding', async function () {
    const dir = copyFixture('basic');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const uri = await client.open(path.join(dir, 'broken.tf'));
    const [d] = (await client.diagnostics(uri, (x) => x.version === 1 && x.diagnostics.length === 1)).diagnostics;
    const ignore = (await actionsFor(client, uri, d)).find((a) => a.title === 'Ignore hcl_syntax for this line');
    const [change] = ignore?.edit?.documentChanges as TextDocumentEdit[];
    const version = await client.change(uri, change.edits.map((e) => ({ range: e.range, text: (e as TextEdit).newText })));
    const after = await client.diagnostics(uri, (x) => x.version === version);
    assert.deepEqual(after.diagnostics, []);
  });

  it("prefers a rule's safe quick fix, applies it as a versioned edit, and offers fix-all", async function () {
    const dir = copyFixture('basic');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const uri = await client.open(path.join(dir, 'lambda.tf'));
    const p = await client.diagnostics(uri, (x) => x.version === 1 && codes(x.diagnostics).includes('aws_lambda_vpc_eni_permissions'));
    const d = p.diagnostics.find((x) => x.code === 'aws_lambda_vpc_eni_permissions')!;
    const actions = await actionsFor(client, uri, d);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.kind, 'quickfix');
    const [change] = fix.edit?.documentChanges as TextDocumentEdit[];
    assert.deepEqual(change.textDocument, { uri, version: 1 });

    // The source action takes the same safe fix.
    const all = await actionsFor(client, uri, d, ['source.fixAll']);
    assert.deepEqual(all.map((a) => [a.title, a.kind]), [['Fix all safe problems in this file', 'source.fixAll.lambdaVpcLint']]);
    assert.deepEqual((all[0].edit?.documentChanges as TextDocumentEdit[])[0].edits, change.edits);

    const version = await client.change(uri, change.edits.map((e) => ({ range: e.range, text: (e as TextEdit).newText })));
    const after = await client.diagnostics(uri, (x) => x.version === version);
    assert.ok(!codes(after.diagnostics).includes('aws_lambda_vpc_eni_permissions'), JSON.stringify(after.diagnostics));
  });

  it('offers "Show documentation" and opens the docs page through window/showDocument', async function () {
    const dir = copyFixture('basic');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const uri = await client.open(path.join(dir, 'broken.tf'));
    const [d] = (await client.diagnostics(uri, (x) => x.version === 1)).diagnostics;
    const docs = (await actionsFor(client, uri, d)).find((a) => a.title === 'Show documentation for hcl_syntax');
    assert.ok(docs?.command);
    assert.deepEqual(docs.command, { title: 'Show documentation for hcl_syntax', command: 'lambdaVpcLint.openDocs', arguments: [docsUrl('hcl_syntax')] });
    const opened = await client.command<boolean>(docs.command.command, ...(docs.command.arguments ?? []));
    assert.equal(opened, true);
    assert.deepEqual(client.shownDocuments, [{ uri: docsUrl('hcl_syntax'), external: true }]);
    // Anything but a web page is refused.
    assert.equal(await client.command<boolean>('lambdaVpcLint.openDocs', 'file:///etc/passwd'), false);
    assert.equal(client.shownDocuments.length, 1);
  });

  it('uses plain `changes` for clients without documentChanges, and honours `only`', async function () {
    const dir = copyFixture('basic');
    ({ client } = await TestClient.start({
      folders: [dir],
      capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true } }, workspace: { configuration: true } },
    }));
    const uri = await client.open(path.join(dir, 'broken.tf'));
    const [d] = (await client.diagnostics(uri, (x) => x.version === 1)).diagnostics;
    const ignore = (await actionsFor(client, uri, d)).find((a) => a.title.startsWith('Ignore'));
    assert.deepEqual(ignore?.edit, {
      changes: { [uri]: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '  # lambda-vpc-lint-ignore: hcl_syntax\n' }] },
    });
    // Only source actions asked for: no quick fixes; and hcl_syntax has no safe fix, so no fix-all either.
    assert.deepEqual(await actionsFor(client, uri, d, ['source.fixAll']), []);
  });

  it('offers no ignore action in JSON files (they have no comments)', async function () {
    const dir = copyFixture('basic');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const uri = await client.open(path.join(dir, 'broken.tf.json'), '{"locals": {"a": }}\n', 'json');
    const p = await client.diagnostics(uri, (x) => x.version === 1 && x.diagnostics.length > 0);
    const actions = await actionsFor(client, uri, p.diagnostics[0]);
    assert.deepEqual(actions.map((a) => a.title), ['Show documentation for hcl_syntax']);
  });

  it('ignores diagnostics of other tools', async function () {
    const dir = copyFixture('basic');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const uri = await client.open(path.join(dir, 'broken.tf'));
    await client.diagnostics(uri, (x) => x.version === 1);
    const foreign: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', source: 'tflint', code: 'terraform_typed_variables' };
    assert.deepEqual(await actionsFor(client, uri, foreign), []);
  });
});
