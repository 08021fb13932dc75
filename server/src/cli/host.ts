// FileHost over node:fs for the CLI. Every file it reads is remembered (text and raw bytes), so one
// analysis run sees one consistent snapshot and `--fix` can tell whether a file changed on disk
// since it was read.

import * as fs from 'node:fs';
import type { DirEntry, FileHost } from '../core/host';
import { toNative, toPosix } from './paths';

export interface FileSnapshot {
  /** The text the analysis saw (UTF-8 decoded, a BOM kept as U+FEFF). */
  text: string;
  /** The bytes it was decoded from. */
  bytes: Uint8Array;
}

export class NodeFileHost implements FileHost {
  private readonly reads = new Map<string, FileSnapshot>();

  readFile(path: string): string | undefined {
    const hit = this.reads.get(path);
    if (hit) return hit.text;
    try {
      // Only regular files: reading a FIFO or a device could block forever.
      if (!fs.statSync(toNative(path)).isFile()) return undefined;
      const bytes = fs.readFileSync(toNative(path));
      const text = bytes.toString('utf8');
      this.reads.set(path, { text, bytes });
      return text;
    } catch {
      return undefined;
    }
  }

  readDir(path: string): DirEntry[] | undefined {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(toNative(path), { withFileTypes: true });
    } catch {
      return undefined;
    }
    const out: DirEntry[] = entries.map((e) => ({ name: e.name, kind: entryKind(path, e) }));
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  realPath(path: string): string {
    try {
      return toPosix(fs.realpathSync.native(toNative(path)));
    } catch {
      return path;
    }
  }

  /** What was read from `path` during this host's lifetime, if anything. */
  snapshot(path: string): FileSnapshot | undefined {
    return this.reads.get(path);
  }
}

function entryKind(dir: string, e: fs.Dirent): DirEntry['kind'] {
  if (e.isFile()) return 'file';
  if (e.isDirectory()) return 'dir';
  if (e.isSymbolicLink()) {
    try {
      const st = fs.statSync(toNative(dir.endsWith('/') ? dir + e.name : `${dir}/${e.name}`));
      if (st.isDirectory()) return 'symlink-dir';
      if (st.isFile()) return 'file';
    } catch {
      // A dangling link.
    }
  }
  return 'other';
}

/** Raw file access for `--fix`. */
export const nodeDisk = {
  /** Current bytes, or undefined when the file does not exist (or cannot be read). */
  readBytes(path: string): Uint8Array | undefined {
    try {
      return fs.readFileSync(toNative(path));
    } catch {
      return undefined;
    }
  },
  /** Writes in place (keeping the file's mode); `create` refuses to overwrite an existing file. */
  writeBytes(path: string, data: Uint8Array, create: boolean): void {
    fs.writeFileSync(toNative(path), data, create ? { flag: 'wx' } : undefined);
  },
};
