// The only way the core (hcl, terraform, network, rules) touches the outside world.
// Surfaces (CLI, LSP, tests) implement it: the CLI over node:fs, the LSP server over
// open documents + disk, tests over an in-memory map. Paths are absolute, POSIX-style.

export interface DirEntry {
  name: string;
  kind: 'file' | 'dir' | 'symlink-dir' | 'other';
}

export interface FileHost {
  /** The file's text (decoded as UTF-8, BOM kept as U+FEFF), or undefined when it does not exist or is not a file. */
  readFile(path: string): string | undefined;
  /** Directory entries, or undefined when the path is not a directory. */
  readDir(path: string): DirEntry[] | undefined;
  /** Canonical path (symlinks resolved), used to detect loops; identity when unsupported. */
  realPath?(path: string): string;
}

/** An in-memory host for tests and for the LSP overlay. Keys are absolute POSIX paths. */
export class MemoryHost implements FileHost {
  constructor(readonly files: Map<string, string> = new Map()) {}

  static from(files: Record<string, string>): MemoryHost {
    return new MemoryHost(new Map(Object.entries(files)));
  }

  readFile(path: string): string | undefined {
    return this.files.get(path);
  }

  readDir(path: string): DirEntry[] | undefined {
    const prefix = path.endsWith('/') ? path : path + '/';
    const seen = new Map<string, DirEntry>();
    for (const p of this.files.keys()) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash < 0 ? rest : rest.slice(0, slash);
      if (!seen.has(name)) seen.set(name, { name, kind: slash < 0 ? 'file' : 'dir' });
    }
    if (seen.size === 0) return undefined;
    return [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
