// Path conventions of the CLI: the core takes absolute POSIX paths; the CLI accepts native paths and
// prints paths relative to the working directory with forward slashes.

import { posix, sep } from 'node:path';

/** A native path with forward slashes (identity on POSIX systems). */
export function toPosix(p: string): string {
  return sep === '\\' ? p.replace(/\\/g, '/') : p;
}

/** A POSIX-style path as the operating system wants it. */
export function toNative(p: string): string {
  return sep === '\\' ? p.replace(/\//g, '\\') : p;
}

export function isAbsolutePosix(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:\//.test(p);
}

/** An argument (native, relative to `cwd` or absolute) as a normalised absolute POSIX path without a trailing slash. */
export function resolveFrom(cwd: string, arg: string): string {
  const p = toPosix(arg);
  const abs = posix.normalize(isAbsolutePosix(p) ? p : posix.join(cwd, p));
  return abs.length > 1 && abs.endsWith('/') && !/^[A-Za-z]:\/$/.test(abs) ? abs.slice(0, -1) : abs;
}

/** How output names a file: relative to `cwd` with forward slashes (absolute when on another drive). */
export function displayPath(cwd: string, abs: string): string {
  if (/^[A-Za-z]:\//.test(abs) && abs.slice(0, 2).toLowerCase() !== cwd.slice(0, 2).toLowerCase()) return abs;
  return posix.relative(cwd, abs) || '.';
}
