// POSIX path helpers for the terraform layer (no `fs`: files come through FileHost).
import * as posix from 'node:path/posix';

/** Joins and normalises (`..` and `.` resolved); the result is absolute when `base` is. */
export function resolvePath(base: string, rel: string): string {
  return posix.resolve(base, rel);
}

export function joinPath(dir: string, name: string): string {
  return posix.join(dir, name);
}

/** `path` relative to `from`, '.' when equal (Terraform's `path.module` style). */
export function relativePath(from: string, path: string): string {
  const r = posix.relative(from, path);
  return r === '' ? '.' : r;
}

/** True when `path` (absolute, normalised) is `root` or inside it. */
export function isInside(path: string, root: string): boolean {
  const r = posix.normalize(root);
  const p = posix.normalize(path);
  if (p === r) return true;
  return p.startsWith(r.endsWith('/') ? r : r + '/');
}

export function isInsideAny(path: string, roots: readonly string[]): boolean {
  return roots.some((r) => isInside(path, r));
}

/** `s` without its trailing slashes (a loop: `/\/+$/` backtracks quadratically on "///…x", and paths come from configurations). */
export function trimTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x2f) end--;
  return s.slice(0, end);
}
