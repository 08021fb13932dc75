// Nothing from the workspace is executed and no network is touched: the server bundle (server/out/main.js, the
// CLI and the LSP server) uses no process, network or thread module beyond what the LSP transport needs, and our
// own code evaluates no strings as code.
//
// - Which module of the bundle requires which Node built-in comes from esbuild's metafile, for a build with the
//   options of esbuild.mjs (checked to list exactly the modules of the real bundle).
// - The real bundle's text is also searched: every require() of a dangerous built-in and every `new Function` /
//   `eval(` is attributed, through the `// <path>` headers esbuild writes before each module, to its module.
// - Our sources are read as TypeScript syntax trees: no eval, no Function constructor, no require() or import()
//   of a computed name, no timer given a string; and the core (everything but cli/, lsp/ and main.ts) uses no
//   Node built-in but path and no `process`.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import * as ts from 'typescript';
import { BIN, buildBin, REPO } from '../hostile/helpers';

/** Built-ins that reach processes, the network, threads or the runtime's internals. */
const DANGEROUS = ['child_process', 'net', 'http', 'https', 'http2', 'dgram', 'tls', 'dns', 'worker_threads', 'cluster', 'inspector', 'vm', 'repl', 'module', 'v8', 'wasi'];

/**
 * The only uses allowed, by the package file that makes them: the LSP transport. vscode-jsonrpc's node entry point
 * offers socket and named-pipe transports (`net`); vscode-languageserver's files.js can resolve globally installed
 * node modules by running `npm`/`yarn` (`child_process`), a helper our server never calls (see the last test).
 */
const ALLOWED: Record<string, string[]> = {
  child_process: ['node_modules/vscode-languageserver/lib/node/files.js'],
  net: ['node_modules/vscode-jsonrpc/lib/node/main.js'],
};

/** Built-ins our own code may import: the CLI and the LSP server read files; the core only joins paths. */
const OWN_ALLOWED = ['node:path', 'node:path/posix', 'node:fs', 'node:url', 'node:util'];
const CORE_ALLOWED = ['node:path', 'node:path/posix'];

/** Packages that may build functions from strings, and why that is safe. */
const FUNCTION_CONSTRUCTOR_ALLOWED: Record<string, string> = {
  // ajv compiles JSON Schemas to functions; it compiles only our own schema (schema/config.schema.json), never
  // anything from a workspace.
  'node_modules/ajv/': 'ajv compiles our own configuration schema',
};

const builtinName = (p: string): string => p.replace(/^node:/, '').split('/')[0];
const isOwn = (input: string): boolean => input.startsWith('server/src/');
const isCore = (input: string): boolean => isOwn(input) && !/^server\/src\/(cli|lsp)\//.test(input) && input !== 'server/src/main.ts';

describe('security: the server bundle', function () {
  this.timeout(300_000);
  let metafile: esbuild.Metafile;
  let bundle: string;

  before(async () => {
    buildBin();
    bundle = fs.readFileSync(BIN, 'utf8');
    const result = await esbuild.build({
      absWorkingDir: REPO,
      entryPoints: ['server/src/main.ts'],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      mainFields: ['module', 'main'],
      external: ['@cdktf/hcl2json', 'web-tree-sitter', '@tree-sitter-grammars/tree-sitter-hcl', 'fast-check'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    metafile = result.metafile;
  });

  /** Module sections of the real bundle: each starts at esbuild's `// <input path>` header. */
  function sections(): { start: number; input: string }[] {
    const inputs = new Set(Object.keys(metafile.inputs));
    const out: { start: number; input: string }[] = [];
    const header = /^\/\/ (\S+)$/gm;
    for (let m = header.exec(bundle); m; m = header.exec(bundle)) if (inputs.has(m[1])) out.push({ start: m.index, input: m[1] });
    return out;
  }

  function sectionAt(all: { start: number; input: string }[], offset: number): string {
    let found = '(bundle prologue)';
    for (const s of all) {
      if (s.start > offset) break;
      found = s.input;
    }
    return found;
  }

  it('the metafile build describes the real bundle (the same modules, each with its section)', () => {
    // A module may have more than one section (esbuild splits some around their imports).
    const inBundle = [...new Set(sections().map((s) => s.input))].sort();
    const [output] = Object.values(metafile.outputs);
    const withCode = Object.entries(output.inputs)
      .filter(([, v]) => v.bytesInOutput > 0)
      .map(([k]) => k)
      .sort();
    assert.ok(withCode.length > 50, `${withCode.length} modules`);
    assert.deepEqual(inBundle, withCode);
  });

  it('requires no process, network or thread module beyond the LSP transport', () => {
    const uses: string[] = [];
    for (const [input, info] of Object.entries(metafile.inputs)) {
      for (const imp of info.imports) {
        if (!imp.external) continue;
        const name = builtinName(imp.path);
        if (DANGEROUS.includes(name) && !(ALLOWED[name] ?? []).includes(input)) uses.push(`${input} requires ${imp.path}`);
      }
    }
    assert.deepEqual(uses, []);
    // The allowed uses exist (else the allow-list is stale and should shrink).
    for (const [name, inputs] of Object.entries(ALLOWED)) {
      for (const input of inputs) {
        assert.ok(metafile.inputs[input]?.imports.some((i) => builtinName(i.path) === name), `${input} no longer requires ${name}: remove it from ALLOWED`);
      }
    }
  });

  it('our code imports only the built-ins it needs; the core only path', () => {
    const wrong: string[] = [];
    for (const [input, info] of Object.entries(metafile.inputs)) {
      if (!isOwn(input)) continue;
      for (const imp of info.imports) {
        if (!imp.external) continue;
        const allowed = isCore(input) ? CORE_ALLOWED : OWN_ALLOWED;
        if (!allowed.includes(imp.path)) wrong.push(`${input} imports ${imp.path}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('in the built file, every require() of a dangerous module is in an allowed package', () => {
    const all = sections();
    const found: string[] = [];
    const allowed = new Set<string>();
    const req = /\brequire\(\s*["'](?:node:)?([a-z_0-9/]+)["']\s*\)/g;
    for (let m = req.exec(bundle); m; m = req.exec(bundle)) {
      const name = builtinName(m[1]);
      if (!DANGEROUS.includes(name)) continue;
      const input = sectionAt(all, m.index);
      if ((ALLOWED[name] ?? []).includes(input)) allowed.add(`${name} ${input}`);
      else found.push(`${input}: require("${m[1]}")`);
    }
    assert.deepEqual(found, []);
    // The search does find requires: those of the LSP transport.
    assert.deepEqual([...allowed].sort(), Object.entries(ALLOWED).flatMap(([name, inputs]) => inputs.map((i) => `${name} ${i}`)).sort());
  });

  it('in the built file, no eval and no Function constructor outside the allowed packages', () => {
    const all = sections();
    const found: string[] = [];
    let allowed = 0;
    const code = /(?<![\w$.])eval\s*\(|\bnew\s+Function\s*\(|(?<![\w$.])Function\s*\(/g;
    for (let m = code.exec(bundle); m; m = code.exec(bundle)) {
      const input = sectionAt(all, m.index);
      if (Object.keys(FUNCTION_CONSTRUCTOR_ALLOWED).some((prefix) => input.startsWith(prefix))) allowed++;
      else found.push(`${input}: ${m[0]}`);
    }
    assert.deepEqual(found, []);
    // The search does find such code: ajv's schema compiler.
    assert.ok(allowed > 0, 'no Function constructor found in ajv: is the search still right?');
  });

  it('our sources: no eval, no Function constructor, no computed require()/import(), no timer given a string; no process in the core', () => {
    const problems: string[] = [];
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts')) files.push(p);
      }
    };
    walk(path.join(REPO, 'server/src'));
    assert.ok(files.length > 50);
    for (const file of files) {
      const rel = path.relative(REPO, file).split(path.sep).join('/');
      const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      const at = (n: ts.Node): string => `${rel}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
      const visit = (n: ts.Node): void => {
        if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
          const callee = n.expression;
          const name = ts.isIdentifier(callee) ? callee.text : undefined;
          const first = n.arguments?.[0];
          if (name === 'eval' || name === 'Function') problems.push(`${at(n)}: ${name}()`);
          if ((name === 'require' || callee.kind === ts.SyntaxKind.ImportKeyword) && first && !ts.isStringLiteral(first)) problems.push(`${at(n)}: computed ${name ?? 'import'}()`);
          if ((name === 'setTimeout' || name === 'setInterval') && first && (ts.isStringLiteral(first) || ts.isTemplateExpression(first))) problems.push(`${at(n)}: ${name} with a string`);
        }
        if (isCore(rel) && ts.isIdentifier(n) && n.text === 'process' && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) && !ts.isPropertyAssignment(n.parent)) {
          problems.push(`${at(n)}: process in the core`);
        }
        ts.forEachChild(n, visit);
      };
      visit(source);
    }
    assert.deepEqual(problems, []);
  });

  it('the LSP helpers that spawn processes are never imported by our code', () => {
    const uses: string[] = [];
    for (const [input, info] of Object.entries(metafile.inputs)) {
      if (!isOwn(input)) continue;
      const text = fs.readFileSync(path.join(REPO, input), 'utf8');
      // vscode-languageserver's `Files.resolve*` helpers are the only callers of child_process in the bundle.
      if (/\bFiles\s*\.\s*resolve/.test(text) || /\bresolveGlobal(Node|Yarn)Path\b/.test(text)) uses.push(input);
      for (const imp of info.imports) if (imp.path.includes('vscode-languageserver/lib/node/files')) uses.push(`${input} imports ${imp.path}`);
    }
    assert.deepEqual(uses, []);
  });
});
