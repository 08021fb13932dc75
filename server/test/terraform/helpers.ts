// Test helpers: module trees in a MemoryHost, and evaluation of one expression in context.
import * as assert from 'node:assert/strict';
import { MemoryHost } from '../../src/core/host';
import { loadWorkspace, reasonsOf, toJSON, type LoadOptions, type UnknownCode, type Value, type Workspace } from '../../src/terraform';

/** A workspace from files; relative paths are under /w (the root module). */
export function workspace(files: Record<string, string>, options: LoadOptions = {}, roots = ['/w']): Workspace {
  const abs: Record<string, string> = {};
  for (const [p, t] of Object.entries(files)) abs[p.startsWith('/') ? p : `/w/${p}`] = t;
  return loadWorkspace(MemoryHost.from(abs), roots, options);
}

/** Evaluates `expr` as `local.x` of a root module that also holds `config`. */
export function ev(expr: string, config = '', files: Record<string, string> = {}, options: LoadOptions = {}): Value {
  const ws = workspace({ 'main.tf': `locals {\n  x = ${expr}\n}\n${config}`, ...files }, options);
  return ws.roots[0].local('x');
}

/** The plain JSON of a value (unknowns appear as { unknown, reasons }). */
export function plain(v: Value | undefined): unknown {
  assert.ok(v, 'value is undefined');
  return toJSON(v);
}

/** Asserts that `v` is known and equal (as JSON) to `expected`. */
export function known(v: Value | undefined, expected: unknown): void {
  assert.ok(v, 'value is undefined');
  assert.deepEqual(toJSON(v), expected);
}

/** Asserts that `v` is unknown, with at least one reason of the given code. */
export function unknownBecause(v: Value | undefined, code: UnknownCode, messagePart?: string): void {
  assert.ok(v, 'value is undefined');
  assert.equal(v.kind, 'unknown', `expected unknown, got ${JSON.stringify(toJSON(v))}`);
  const reasons = reasonsOf(v);
  assert.ok(
    reasons.some((r) => r.code === code && (messagePart === undefined || r.message.includes(messagePart))),
    `expected a '${code}' reason${messagePart ? ` mentioning "${messagePart}"` : ''}, got ${JSON.stringify(reasons)}`,
  );
}
