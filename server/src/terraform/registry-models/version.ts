// Terraform's module version constraints (`version = "~> 0.25"`): whether a constraint admits a given release.
// Syntax (Terraform's "Version Constraints"): comma-separated conditions, each an optional operator (`=`, `!=`, `>`,
// `>=`, `<`, `<=`, `~>`) and a version of one to three numeric parts, optionally with a pre-release suffix.
// `~>` allows only the rightmost given part to grow: `~> 0.25` is `>= 0.25, < 1.0`; `~> 0.25.0` is
// `>= 0.25.0, < 0.26.0`. A constraint this does not understand admits nothing (the caller then stays unknown).

interface Condition {
  op: '=' | '!=' | '>' | '>=' | '<' | '<=' | '~>';
  parts: number[];
  pre: string;
}

function parseCondition(text: string): Condition | undefined {
  const m = /^\s*(=|!=|>=|<=|>|<|~>)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?\s*$/.exec(text);
  if (!m) return undefined;
  const parts = [m[2], m[3], m[4]].filter((x): x is string => x !== undefined).map(Number);
  return { op: (m[1] ?? '=') as Condition['op'], parts, pre: m[5] ?? '' };
}

/** -1, 0 or 1 comparing release parts (missing parts are 0). */
function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Whether `constraint` admits the release `version` (three numeric parts, no pre-release). */
export function constraintAllows(constraint: string, version: string): boolean {
  const v = version.split('.').map(Number);
  const conditions = constraint.split(',');
  if (conditions.length === 0) return false;
  for (const text of conditions) {
    const c = parseCondition(text);
    // Unparsable, or a pre-release condition (only an exact pre-release matches a pre-release): not admitted.
    if (!c || c.pre !== '') return false;
    const cmp = compare(v, c.parts);
    switch (c.op) {
      case '=':
        if (cmp !== 0) return false;
        break;
      case '!=':
        if (cmp === 0) return false;
        break;
      case '>':
        if (cmp <= 0) return false;
        break;
      case '>=':
        if (cmp < 0) return false;
        break;
      case '<':
        if (cmp >= 0) return false;
        break;
      case '<=':
        if (cmp > 0) return false;
        break;
      case '~>': {
        if (cmp < 0) return false;
        // The upper bound: bump the part before the rightmost given one (`~> 1` behaves as `>= 1`).
        if (c.parts.length === 1) break;
        const upper = c.parts.slice(0, c.parts.length - 1);
        upper[upper.length - 1]++;
        if (compare(v, upper) >= 0) return false;
        break;
      }
    }
  }
  return true;
}
