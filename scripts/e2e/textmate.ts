// Tokenizes text with syntaxes/terraform.tmLanguage.json the way VS Code does (vscode-textmate on the
// Oniguruma regex engine, both from the e2e cache), for server/test/e2e/grammar.test.ts.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO, ensureTextmate } from './env';

export interface Token {
  text: string;
  /** Scopes from outermost (the grammar's) to innermost. */
  scopes: string[];
}

// The few vscode-textmate / vscode-oniguruma shapes used here (the packages live in the cache).
interface IGrammar {
  tokenizeLine(line: string, state: unknown): { tokens: { startIndex: number; endIndex: number; scopes: string[] }[]; ruleStack: unknown };
}
interface TextmateModule {
  Registry: new (opts: { onigLib: Promise<unknown>; loadGrammar(scope: string): Promise<unknown> }) => { loadGrammar(scope: string): Promise<IGrammar | null> };
  INITIAL: unknown;
  parseRawGrammar(content: string, filePath: string): unknown;
}
interface OnigModule {
  loadWASM(data: ArrayBuffer): Promise<void>;
  createOnigScanner(patterns: string[]): unknown;
  createOnigString(s: string): unknown;
}

export const GRAMMAR_FILE = path.join(REPO, 'syntaxes', 'terraform.tmLanguage.json');

/** Loads the grammar once; the returned function tokenizes a whole text (lines share state, as in an editor). */
export async function loadTokenizer(): Promise<(text: string) => Token[][]> {
  const modules = ensureTextmate();
  const tm = require(path.join(modules, 'vscode-textmate')) as TextmateModule;
  const onig = require(path.join(modules, 'vscode-oniguruma')) as OnigModule;
  const wasm = readFileSync(path.join(modules, 'vscode-oniguruma', 'release', 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const scopeName = (JSON.parse(readFileSync(GRAMMAR_FILE, 'utf8')) as { scopeName: string }).scopeName;
  const registry = new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: onig.createOnigScanner, createOnigString: onig.createOnigString }),
    loadGrammar: async (scope) => (scope === scopeName ? tm.parseRawGrammar(readFileSync(GRAMMAR_FILE, 'utf8'), GRAMMAR_FILE) : null),
  });
  const grammar = await registry.loadGrammar(scopeName);
  if (!grammar) throw new Error(`${GRAMMAR_FILE}: grammar ${scopeName} did not load`);
  return (text) => {
    let state = tm.INITIAL;
    return text.split('\n').map((line) => {
      const r = grammar.tokenizeLine(line, state);
      state = r.ruleStack;
      return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
  };
}
