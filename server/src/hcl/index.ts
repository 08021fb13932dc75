// Entry points of the syntax layer. `parseFile` picks the syntax by file name.
import type { ParseResult } from './ast';
import { parseNative } from './parser';
import { parseJsonConfig } from './json';

export * from './ast';
export * from './source';
export { parseNative, parseTemplate } from './parser';
export { parseJsonConfig } from './json';

export function isJsonConfigPath(path: string): boolean {
  return path.endsWith('.json');
}

/** Parses a `.tf`, `.tofu`, `.tfvars` (native) or `.tf.json`, `.tofu.json`, `.tfvars.json` (JSON) file. Never throws. */
export function parseFile(path: string, text: string): ParseResult {
  return isJsonConfigPath(path) ? parseJsonConfig(text, path) : parseNative(text, path);
}
