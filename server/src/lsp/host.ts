// A FileHost over the editor's open documents and the disk. Open documents win over the disk
// (unsaved edits are analysed); everything else is read from disk on demand. Texts of closed files
// are not kept beyond the parse cache: a disk text the parse cache still holds is reused while the
// file's size and times are unchanged, so that re-analysing a large module does not re-read it.
//
// `SnapshotHost` freezes what one analysis run read, so that the positions of its findings are
// converted against exactly the texts that were analysed.

import * as fs from 'node:fs';
import type { DirEntry, FileHost } from '../core/host';

export interface OpenDocument {
  /** The URI exactly as the client spelled it. */
  uri: string;
  version: number;
  getText(): string;
}

/** Disk files larger than this are not read (no Terraform file is this big; a stray dump must not eat the memory). */
export const MAX_DISK_FILE_BYTES = 8 * 1024 * 1024;

/** The path node:fs wants for a core path (`/c:/x` → `c:/x` on Windows). */
export function toFsPath(path: string): string {
  return process.platform === 'win32' && /^\/[a-z]:/i.test(path) ? path.slice(1) : path;
}

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** A disk text with the stat it was read with. */
interface DiskStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  text: string;
}

export interface DocumentHostOptions {
  openDocument(path: string): OpenDocument | undefined;
  openPaths(): Iterable<string>;
  /** The text the parse cache holds for a path, if any. */
  cachedText(path: string): string | undefined;
}

export class DocumentHost implements FileHost {
  /** Disk texts the parse cache holds (the same strings: no extra memory), with the stat they were read with. */
  private readonly stamps = new Map<string, DiskStamp>();

  constructor(private readonly o: DocumentHostOptions) {}

  readFile(path: string): string | undefined {
    const doc = this.o.openDocument(path);
    if (doc) return doc.getText();
    let st: fs.Stats;
    try {
      st = fs.statSync(toFsPath(path));
    } catch {
      return undefined;
    }
    if (!st.isFile() || st.size > MAX_DISK_FILE_BYTES) return undefined;
    const cached = this.o.cachedText(path);
    const s = this.stamps.get(path);
    if (s && cached === s.text && s.size === st.size && s.mtimeMs === st.mtimeMs && s.ctimeMs === st.ctimeMs) return s.text;
    const text = readDiskFile(path);
    // Remember the stat only for a text the parse cache holds (sharing its string).
    if (text !== undefined && text === cached) {
      this.stamps.set(path, { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, text: cached });
      return cached;
    }
    this.stamps.delete(path);
    return text;
  }

  /** The parse cache dropped the path: so does the host. */
  forget(path: string): void {
    this.stamps.delete(path);
  }

  readDir(path: string): DirEntry[] | undefined {
    const entries = readDiskDir(path);
    // Open documents that exist only in the editor (a new, unsaved file) are part of their directory.
    const extra: DirEntry[] = [];
    for (const p of this.o.openPaths()) {
      if (dirname(p) !== path) continue;
      const name = p.slice(path === '/' ? 1 : path.length + 1);
      if (!entries?.some((e) => e.name === name)) extra.push({ name, kind: 'file' });
    }
    if (!entries && extra.length === 0) return undefined;
    return [...(entries ?? []), ...extra].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  realPath(path: string): string {
    try {
      const real = fs.realpathSync.native(toFsPath(path)).replace(/\\/g, '/');
      return /^[a-z]:/i.test(real) ? '/' + real[0].toLowerCase() + real.slice(1) : real;
    } catch {
      return path;
    }
  }

  /** Whether the document is open in the editor. */
  isOpen(path: string): boolean {
    return this.o.openDocument(path) !== undefined;
  }
}

export function readDiskFile(path: string): string | undefined {
  try {
    const p = toFsPath(path);
    const st = fs.statSync(p);
    if (!st.isFile() || st.size > MAX_DISK_FILE_BYTES) return undefined;
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

export function readDiskDir(path: string): DirEntry[] | undefined {
  let dirents: fs.Dirent[];
  try {
    dirents = fs.readdirSync(toFsPath(path), { withFileTypes: true });
  } catch {
    return undefined;
  }
  return dirents.map((d) => ({ name: d.name, kind: direntKind(path, d) }));
}

function direntKind(dir: string, d: fs.Dirent): DirEntry['kind'] {
  if (d.isFile()) return 'file';
  if (d.isDirectory()) return 'dir';
  if (d.isSymbolicLink()) {
    try {
      const st = fs.statSync(toFsPath(dir === '/' ? '/' + d.name : `${dir}/${d.name}`));
      if (st.isDirectory()) return 'symlink-dir';
      if (st.isFile()) return 'file';
    } catch {
      // A dangling link.
    }
  }
  return 'other';
}

/** What one analysis run read: each file's text (undefined: missing) and the document version it came from. */
export interface ReadRecord {
  text: string | undefined;
  /** The open document's version, or null when the text came from disk. */
  version: number | null;
}

/** Memoises one run's reads so that every reader in the run sees the same text. */
export class SnapshotHost implements FileHost {
  readonly reads = new Map<string, ReadRecord>();

  constructor(private readonly base: DocumentHost, private readonly versionOf: (path: string) => number | null) {}

  readFile(path: string): string | undefined {
    let r = this.reads.get(path);
    if (!r) {
      r = { text: this.base.readFile(path), version: this.versionOf(path) };
      this.reads.set(path, r);
    }
    return r.text;
  }

  readDir(path: string): DirEntry[] | undefined {
    return this.base.readDir(path);
  }

  realPath(path: string): string {
    return this.base.realPath(path);
  }
}

/** Whether a regular file exists on disk at the path. */
export function diskFileExists(path: string): boolean {
  try {
    return fs.statSync(toFsPath(path)).isFile();
  } catch {
    return false;
  }
}
