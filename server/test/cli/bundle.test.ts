// What the CLI pulls into the bundle: no WASM, no test-only packages, no LSP packages.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { REPO } from './helpers';

describe('cli bundle', function () {
  this.timeout(120_000);

  it('imports nothing test-only, no WASM, no LSP or vscode package', async () => {
    const result = await esbuild.build({
      entryPoints: [path.join(REPO, 'server/src/cli/main.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      write: false,
      metafile: true,
      logLevel: 'silent',
      // Nothing is external, so every module the CLI reaches shows up as an input. (The module
      // field first: jsonc-parser's UMD build cannot be bundled.)
      mainFields: ['module', 'main'],
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.some((i) => i.endsWith('server/src/cli/main.ts')));
    const forbidden = [/@cdktf\/hcl2json/, /tree-sitter/, /fast-check/, /vscode-languageserver/, /vscode-jsonrpc/, /node_modules\/vscode\//, /\.wasm$/, /server\/src\/lsp\//];
    for (const input of inputs) {
      for (const f of forbidden) assert.doesNotMatch(input, f, `the CLI bundle includes ${input}`);
    }
  });
});
