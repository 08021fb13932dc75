// Protocol tests of the hover and of `lambdaVpcLint.networkPicture`: markdown on a Lambda function's
// header or inside its vpc_config, nothing elsewhere.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { HoverRequest, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { copyFixture, ensureBuilt, fileUri, removeFixtureCopies, TestClient } from './client';

describe('lsp: hover and network picture', function () {
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

  async function hover(c: TestClient, uri: string, line: number, character: number): Promise<Hover | null> {
    return c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  it('shows the function network picture on the block header and inside vpc_config only', async function () {
    const dir = copyFixture('basic');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const uri = await client.open(path.join(dir, 'lambda.tf'));
    await client.diagnostics(uri, (x) => x.version === 1);

    const onHeader = await hover(client, uri, 0, 12);
    assert.ok(onHeader, 'no hover on the resource header');
    const md = onHeader.contents as MarkupContent;
    assert.equal(md.kind, 'markdown');
    assert.match(md.value, /aws_lambda_function\.api/);
    // The picture from the analysis: attachment, each subnet with its AZ, evidence linked to its file and line.
    assert.match(md.value, /Attached to a VPC/);
    assert.match(md.value, /`aws_subnet\.a` \(\[network\.tf:5\]\(file:\/\/[^)]*network\.tf#L5\)\)\n  - AZ: `eu-west-1a`/);
    assert.match(md.value, /`aws_subnet\.b`[^\n]*\n  - AZ: `eu-west-1b`/);
    // The hover covers the block header (from `resource` to the opening brace).
    assert.deepEqual(onHeader.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 38 } });

    const inVpc = await hover(client, uri, 8, 10);
    assert.equal((inVpc?.contents as MarkupContent | undefined)?.value, md.value);

    // Elsewhere in the function, and on another resource: nothing.
    assert.equal(await hover(client, uri, 3, 5), null);
    assert.equal(await hover(client, uri, 13, 10), null);

    const picture = await client.command<string | null>('lambdaVpcLint.networkPicture', { uri, position: { line: 0, character: 12 } });
    assert.equal(picture, md.value);
    assert.equal(await client.command('lambdaVpcLint.networkPicture', { uri, position: { line: 13, character: 3 } }), null);
    assert.equal(await client.command('lambdaVpcLint.networkPicture', { nonsense: true }), null);
  });

  it('answers for closed files too (read from disk)', async function () {
    const dir = copyFixture('basic');
    ({ client } = await TestClient.start({ folders: [dir] }));
    const uri = (await client.diagnostics(fileUri(path.join(dir, 'lambda.tf')))).uri;
    const picture = await client.command<string | null>('lambdaVpcLint.networkPicture', { uri, position: { line: 8, character: 4 } });
    assert.match(picture ?? '', /aws_lambda_function\.api/);
  });
});
