// Packages the extension the way `npm run package` does (vsce, no dependencies: everything is bundled) and
// lists what a .vsix holds (a zip: read from its central directory, no unzip needed).
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import * as path from 'node:path';
import { REPO, log, run } from './env';

export interface VsixEntry {
  name: string;
  /** Uncompressed size. */
  size: number;
  /** Compression method (0 stored, 8 deflate) and where the entry's local header starts. */
  method: number;
  compressedSize: number;
  localHeader: number;
}

/** Runs the repo's own `npm run package` (build + vsce) into `<outDir>/lambda-vpc-lint.vsix`; returns its path. */
export function packageVsix(outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, 'lambda-vpc-lint.vsix');
  rmSync(out, { force: true });
  run('vsix', 'npm', ['run', '--silent', 'package', '--', '--out', out], { cwd: REPO });
  log('vsix', `${out}: ${(statSync(out).size / 1024).toFixed(0)} KiB`);
  return out;
}

/** The files in a zip archive, from its end-of-central-directory record (no zip64: a .vsix is small). */
export function listZip(file: string): VsixEntry[] {
  const buf = readFileSync(file);
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  let eocd = -1;
  // The EOCD record is at least 22 bytes and may be followed by a comment of up to 65535 bytes.
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file}: not a zip archive (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: VsixEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== CENTRAL) throw new Error(`${file}: corrupt central directory at ${p}`);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const localHeader = buf.readUInt32LE(p + 42);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size, method, compressedSize, localHeader });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The contents of one entry of a zip archive (stored or deflated). */
export function readZipEntry(file: string, name: string): Buffer {
  const entry = listZip(file).find((e) => e.name === name);
  if (!entry) throw new Error(`${file}: no entry ${name}`);
  const buf = readFileSync(file);
  const h = entry.localHeader;
  // The local header is 30 bytes, then the name and an extra field whose lengths it gives itself.
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`${file}: ${name} uses compression method ${entry.method}`);
}
