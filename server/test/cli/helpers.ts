// Shared helpers of the CLI tests: captured streams, scratch directories, and a strict XML reader.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliStream } from '../../src/cli/main';

export const REPO = path.resolve(__dirname, '../../..');
export const UPDATE = process.env.UPDATE === '1';

export class Capture implements CliStream {
  text = '';
  constructor(readonly isTTY = false, readonly columns = 80) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** Scratch directories made by this process, removed when it exits. */
const scratch: string[] = [];
process.once('exit', () => {
  for (const dir of scratch.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh directory under the OS temp dir (removed when the test process exits); it holds an empty `.git` so
 * configuration search stops there.
 */
export function scratchDir(prefix = 'lvl-cli-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  scratch.push(dir);
  fs.mkdirSync(path.join(dir, '.git'));
  return dir;
}

/** Writes `files` (relative path → text or bytes) below `dir`. */
export function writeTree(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}

/** Copies a directory tree, skipping entries for which `skip(relativePath)` is true. */
export function copyTree(from: string, to: string, skip: (rel: string) => boolean = () => false, rel = ''): void {
  fs.mkdirSync(path.join(to, rel), { recursive: true });
  for (const e of fs.readdirSync(path.join(from, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (skip(r)) continue;
    if (e.isDirectory()) copyTree(from, to, skip, r);
    else fs.copyFileSync(path.join(from, r), path.join(to, r));
  }
}

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * Parses XML 1.0 strictly enough to prove well-formedness of our output: one root element,
 * balanced tags, quoted unique attributes, only legal characters, `<` and `&` only as markup or
 * references. Throws with the offset of the first violation.
 */
export function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`XML: ${msg} at offset ${i}: ${JSON.stringify(xml.slice(i, i + 40))}`);
  };
  const legal = (c: number): boolean => c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd);
  for (let k = 0; k < xml.length; k++) {
    const c = xml.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = xml.charCodeAt(k + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) throw new Error(`XML: unpaired surrogate at ${k}`);
      k++;
    } else if (!legal(c)) {
      throw new Error(`XML: illegal character U+${c.toString(16)} at ${k}`);
    }
  }
  const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(xml);
    if (!m) return fail('name expected');
    i += m[0].length;
    return m[0];
  };
  const space = (): void => {
    while (/[ \t\r\n]/.test(xml[i] ?? '')) i++;
  };
  const decode = (raw: string, attr: boolean): string => {
    if (raw.includes('<')) fail("raw '<'");
    // Attribute value normalisation turns literal whitespace into spaces; references are kept.
    const normalised = attr ? raw.replace(/[\t\n\r]/g, ' ') : raw;
    return normalised.replace(/&([^;&]*);?/g, (all, ref: string) => {
      if (!all.endsWith(';')) fail(`unterminated reference ${all}`);
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (Object.hasOwn(named, ref)) return named[ref];
      const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
      if (!m) return fail(`bad reference &${ref};`);
      const cp = m[1] ? parseInt(m[1], 16) : parseInt(m[2], 10);
      if (!(cp <= 0x10ffff && (legal(cp) || cp >= 0x10000))) fail(`reference to illegal character ${cp}`);
      return String.fromCodePoint(cp);
    });
  };
  const element = (): XmlElement => {
    if (xml[i] !== '<') fail("'<' expected");
    i++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      space();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('space expected before attribute');
      const attr = name();
      space();
      if (xml[i] !== '=') fail("'=' expected");
      i++;
      space();
      const q = xml[i];
      if (q !== '"' && q !== "'") fail('quoted value expected');
      const end = xml.indexOf(q, i + 1);
      if (end < 0) fail('unterminated attribute');
      if (attr in el.attrs) fail(`duplicate attribute ${attr}`);
      el.attrs[attr] = decode(xml.slice(i + 1, end), true);
      i = end + 1;
    }
    for (;;) {
      const lt = xml.indexOf('<', i);
      if (lt < 0) fail('unclosed element ' + el.name);
      el.text += decode(xml.slice(i, lt), false);
      i = lt;
      if (xml.startsWith('</', i)) {
        i += 2;
        if (name() !== el.name) fail(`mismatched end tag for ${el.name}`);
        space();
        if (xml[i] !== '>') fail("'>' expected");
        i++;
        return el;
      }
      el.children.push(element());
    }
  };
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail('unterminated declaration');
    i = end + 2;
  }
  space();
  const root = element();
  space();
  if (i !== xml.length) fail('content after the root element');
  return root;
}
