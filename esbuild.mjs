// Bundles the VS Code extension (vscode external) and the server/CLI (one entry: --check and --stdio).
// The server bundle must not depend on test-only packages (@cdktf/hcl2json, tree-sitter) at run time.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', mainFields: ['module', 'main'] };
const builds = [
  {
    ...common,
    entryPoints: ['server/src/main.ts'],
    outfile: 'server/out/main.js',
    banner: { js: '#!/usr/bin/env node' },
    external: ['@cdktf/hcl2json', 'web-tree-sitter', '@tree-sitter-grammars/tree-sitter-hcl', 'fast-check'],
  },
];
if (existsSync('client/src/extension.ts')) {
  builds.push({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] });
}
for (const b of builds) {
  if (watch) await (await esbuild.context(b)).watch();
  else await esbuild.build(b);
}
