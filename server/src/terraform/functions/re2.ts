// A small RE2-syntax regular expression engine for regex(), regexall() and replace().
//
// Terraform uses Go's RE2 (leftmost-first, no backreferences, no lookaround). JavaScript's
// RegExp backtracks and can take exponential time on patterns like `(a+)+b` or even
// `a*a*a*b`, and its syntax differs (`(?P<name>)`, `\z`, `(?i)`). Rather than guess which
// patterns are safe, we compile the pattern to a Thompson NFA and run it as a Pike VM:
// time is O(pattern × input) whatever the pattern. Unsupported syntax (Unicode classes
// `\p{..}`, `\Q..\E`, ...) is reported as such and the caller turns it into an unknown.

/** A set of code point ranges, possibly negated. */
interface CharClass {
  ranges: [number, number][];
  negate: boolean;
}

type Node =
  | { t: 'empty' }
  | { t: 'char'; cls: CharClass; fold: boolean }
  | { t: 'any'; nl: boolean }
  | { t: 'assert'; kind: 'bol' | 'eol' | 'bot' | 'eot' | 'wordb' | 'nwordb' }
  | { t: 'group'; index: number; node: Node }
  | { t: 'cat'; nodes: Node[] }
  | { t: 'alt'; nodes: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number; greedy: boolean };

type Inst =
  | { op: 'char'; cls: CharClass; fold: boolean }
  | { op: 'any'; nl: boolean }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'save'; n: number }
  | { op: 'assert'; kind: 'bol' | 'eol' | 'bot' | 'eot' | 'wordb' | 'nwordb' }
  | { op: 'match' };

export interface Regex {
  /** Number of capture groups (group 0, the whole match, not counted). */
  groups: number;
  /** Group names by index (1-based; undefined for unnamed groups). */
  names: (string | undefined)[];
  prog: Inst[];
}

export interface Match {
  /** Code-point offsets [start, end) of the whole match and of each group (-1 when a group did not take part). */
  caps: number[];
}

/**
 * Work a caller allows its matches: each step of a thread (and each epsilon move) costs one unit. A match that
 * runs out stops, leaves `remaining` below zero and reports no match; the caller must check `remaining`.
 */
export interface RegexBudget {
  remaining: number;
}

/** Thrown internally by the parser; `compile` returns it as a value. */
class SyntaxError_ {
  constructor(readonly message: string, readonly unsupported: boolean) {}
}

const MAX_PROGRAM = 20_000;
const MAX_REPEAT = 1000;

/** Compiles an RE2 pattern. Returns an error string for invalid or unsupported patterns. */
export function compile(pattern: string): Regex | { error: string; unsupported: boolean } {
  try {
    const p = new Parser([...pattern]);
    const node = p.parseTop();
    const prog: Inst[] = [];
    emit(node, prog);
    prog.push({ op: 'match' });
    return { groups: p.groupCount, names: p.names, prog };
  } catch (e) {
    if (e instanceof SyntaxError_) return { error: e.message, unsupported: e.unsupported };
    throw e;
  }
}

// ---------------------------------------------------------------------------
// Parser

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

const DIGIT: [number, number][] = [[0x30, 0x39]];
const WORD: [number, number][] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const SPACE: [number, number][] = [
  [0x09, 0x0a],
  [0x0c, 0x0d],
  [0x20, 0x20],
];
const POSIX: Record<string, [number, number][]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: DIGIT,
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: WORD,
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

function negateRanges(r: [number, number][]): [number, number][] {
  const sorted = [...r].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

class Parser {
  private pos = 0;
  groupCount = 0;
  names: (string | undefined)[] = [undefined];
  private flags: Flags = { i: false, m: false, s: false, U: false };
  private depth = 0;

  constructor(private readonly src: string[]) {}

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  private error(msg: string, unsupported = false): never {
    throw new SyntaxError_(msg, unsupported);
  }

  parseTop(): Node {
    const n = this.parseAlt();
    if (this.pos < this.src.length) this.error('unexpected )');
    return n;
  }

  private parseAlt(): Node {
    if (++this.depth > 200) this.error('pattern nested too deeply', true);
    const alts: Node[] = [this.parseCat()];
    while (this.peek() === '|') {
      this.pos++;
      alts.push(this.parseCat());
    }
    this.depth--;
    return alts.length === 1 ? alts[0] : { t: 'alt', nodes: alts };
  }

  private parseCat(): Node {
    const nodes: Node[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') break;
      const atom = this.parseAtom();
      if (atom === null) continue;
      nodes.push(this.parseRepeat(atom));
    }
    return nodes.length === 1 ? nodes[0] : nodes.length === 0 ? { t: 'empty' } : { t: 'cat', nodes };
  }

  private parseRepeat(atom: Node): Node {
    let node = atom;
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === '*') {
        min = 0;
        max = -1;
        this.pos++;
      } else if (c === '+') {
        min = 1;
        max = -1;
        this.pos++;
      } else if (c === '?') {
        min = 0;
        max = 1;
        this.pos++;
      } else if (c === '{') {
        const r = this.tryBraces();
        if (!r) return node;
        [min, max] = r;
      } else {
        return node;
      }
      if (node.t === 'rep') this.error('invalid nested repetition operator');
      if (node.t === 'empty' || node.t === 'assert') this.error('missing argument to repetition operator');
      let greedy = true;
      if (this.peek() === '?') {
        this.pos++;
        greedy = false;
      }
      if (this.flags.U) greedy = !greedy;
      node = { t: 'rep', node, min, max, greedy };
    }
  }

  /** `{n}`, `{n,}`, `{n,m}`; anything else is a literal `{` (RE2 rule). */
  private tryBraces(): [number, number] | undefined {
    const rest = this.src.slice(this.pos, this.pos + 24).join('');
    const m = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    if (!m) return undefined;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
    if (min > MAX_REPEAT || max > MAX_REPEAT || (max !== -1 && max < min)) this.error('invalid repeat count');
    this.pos += [...m[0]].length;
    return [min, max];
  }

  private parseAtom(): Node | null {
    const c = this.src[this.pos++];
    switch (c) {
      case '(':
        return this.parseGroup();
      case '[':
        return { t: 'char', cls: this.parseClass(), fold: this.flags.i };
      case '.':
        return { t: 'any', nl: this.flags.s };
      case '^':
        return { t: 'assert', kind: this.flags.m ? 'bol' : 'bot' };
      case '$':
        return { t: 'assert', kind: this.flags.m ? 'eol' : 'eot' };
      case '\\':
        return this.parseEscape(false) as Node;
      case '*':
      case '+':
      case '?':
        return this.error('missing argument to repetition operator');
      default:
        return this.literal(c.codePointAt(0)!);
    }
  }

  private literal(cp: number): Node {
    return { t: 'char', cls: { ranges: [[cp, cp]], negate: false }, fold: this.flags.i };
  }

  private parseGroup(): Node | null {
    let capture = true;
    let name: string | undefined;
    const saved = this.flags;
    if (this.peek() === '?') {
      this.pos++;
      const rest = this.src.slice(this.pos, this.pos + 40).join('');
      const named = /^P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      if (named) {
        name = named[1];
        this.pos += named[0].length;
      } else if (rest.startsWith('=') || rest.startsWith('!') || rest.startsWith('<=') || rest.startsWith('<!')) {
        this.error('lookaround is not supported by RE2');
      } else {
        // Flags: (?flags) or (?flags:re)
        const fm = /^([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
        if (!fm || (fm[1] === '' && fm[2] === undefined && fm[3] === ')')) this.error('invalid or unsupported group syntax', true);
        this.pos += fm[0].length;
        const f = { ...this.flags };
        for (const ch of fm[1]) f[ch as keyof Flags] = true;
        for (const ch of fm[2] ?? '') f[ch as keyof Flags] = false;
        if (fm[3] === ')') {
          // (?i) applies to the rest of the enclosing group.
          this.flags = f;
          return null;
        }
        capture = false;
        this.flags = f;
      }
    }
    let index = -1;
    if (capture) {
      index = ++this.groupCount;
      this.names.push(name);
    }
    const inner = this.parseAlt();
    if (this.src[this.pos] !== ')') this.error('missing closing )');
    this.pos++;
    this.flags = saved;
    return capture ? { t: 'group', index, node: inner } : inner;
  }

  /** After a backslash. In a class, returns ranges; outside, a node. */
  private parseEscape(inClass: boolean): Node | [number, number][] {
    const c = this.src[this.pos++];
    if (c === undefined) this.error('trailing backslash');
    const ranges = (r: [number, number][], negate: boolean): Node | [number, number][] =>
      inClass ? (negate ? negateRanges(r) : r) : { t: 'char', cls: { ranges: r, negate }, fold: false };
    switch (c) {
      case 'd':
        return ranges(DIGIT, false);
      case 'D':
        return ranges(DIGIT, true);
      case 'w':
        return ranges(WORD, false);
      case 'W':
        return ranges(WORD, true);
      case 's':
        return ranges(SPACE, false);
      case 'S':
        return ranges(SPACE, true);
      case 'A':
        if (inClass) this.error('invalid escape in class');
        return { t: 'assert', kind: 'bot' };
      case 'z':
        if (inClass) this.error('invalid escape in class');
        return { t: 'assert', kind: 'eot' };
      case 'b':
        if (inClass) this.error('invalid escape in class');
        return { t: 'assert', kind: 'wordb' };
      case 'B':
        if (inClass) this.error('invalid escape in class');
        return { t: 'assert', kind: 'nwordb' };
      case 'p':
      case 'P':
      case 'Q':
      case 'C':
        return this.error(`\\${c} is not supported here`, true);
    }
    let cp: number;
    const simple: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (c in simple) {
      cp = simple[c];
    } else if (c === 'x') {
      const rest = this.src.slice(this.pos, this.pos + 12).join('');
      const m = /^\{([0-9A-Fa-f]{1,6})\}/.exec(rest) ?? /^([0-9A-Fa-f]{2})/.exec(rest);
      if (!m) this.error('invalid \\x escape');
      cp = parseInt(m[1], 16);
      if (cp > 0x10ffff) this.error('invalid \\x escape');
      this.pos += m[0].length;
    } else if (/[0-7]/.test(c)) {
      // RE2: \0 and \1-\7 followed by octal digits are octal; \1-\9 alone would be backreferences.
      const rest = c + this.src.slice(this.pos, this.pos + 2).join('');
      const m = /^[0-7]{1,3}/.exec(rest)!;
      if (c !== '0' && m[0].length === 1) this.error('backreferences are not supported by RE2');
      cp = parseInt(m[0], 8);
      this.pos += m[0].length - 1;
    } else if (/[A-Za-z0-9]/.test(c)) {
      return this.error(`invalid escape \\${c}`);
    } else {
      cp = c.codePointAt(0)!;
    }
    return inClass ? [[cp, cp]] : this.literal(cp);
  }

  private parseClass(): CharClass {
    const ranges: [number, number][] = [];
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.pos++;
    }
    let first = true;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.error('missing closing ]');
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (c === '[' && this.src[this.pos + 1] === ':') {
        const rest = this.src.slice(this.pos, this.pos + 12).join('');
        const m = /^\[:(\^?)([a-z]+):\]/.exec(rest);
        if (m) {
          const r = POSIX[m[2]];
          if (!r) this.error(`invalid character class [:${m[2]}:]`);
          ranges.push(...(m[1] ? negateRanges(r) : r));
          this.pos += m[0].length;
          continue;
        }
      }
      let lo: number;
      this.pos++;
      if (c === '\\') {
        const r = this.parseEscape(true) as [number, number][];
        if (r.length !== 1 || r[0][0] !== r[0][1]) {
          ranges.push(...r);
          continue;
        }
        lo = r[0][0];
      } else {
        lo = c.codePointAt(0)!;
      }
      let hi = lo;
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== undefined && this.src[this.pos + 1] !== ']') {
        this.pos++;
        const d = this.src[this.pos++];
        if (d === '\\') {
          const r = this.parseEscape(true) as [number, number][];
          if (r.length !== 1 || r[0][0] !== r[0][1]) this.error('invalid character class range');
          hi = r[0][0];
        } else {
          hi = d.codePointAt(0)!;
        }
        if (hi < lo) this.error('invalid character class range');
      }
      ranges.push([lo, hi]);
    }
    return { ranges, negate };
  }
}

// ---------------------------------------------------------------------------
// Compiler (Thompson construction)

function emit(n: Node, prog: Inst[]): void {
  if (prog.length > MAX_PROGRAM) throw new SyntaxError_('pattern too large', true);
  switch (n.t) {
    case 'empty':
      return;
    case 'char':
      prog.push({ op: 'char', cls: n.cls, fold: n.fold });
      return;
    case 'any':
      prog.push({ op: 'any', nl: n.nl });
      return;
    case 'assert':
      prog.push({ op: 'assert', kind: n.kind });
      return;
    case 'group':
      prog.push({ op: 'save', n: 2 * n.index });
      emit(n.node, prog);
      prog.push({ op: 'save', n: 2 * n.index + 1 });
      return;
    case 'cat':
      for (const c of n.nodes) emit(c, prog);
      return;
    case 'alt': {
      const jumps: { op: 'jmp'; x: number }[] = [];
      for (let i = 0; i < n.nodes.length; i++) {
        if (i < n.nodes.length - 1) {
          const split = { op: 'split' as const, x: prog.length + 1, y: 0 };
          prog.push(split);
          emit(n.nodes[i], prog);
          const j = { op: 'jmp' as const, x: 0 };
          prog.push(j);
          jumps.push(j);
          split.y = prog.length;
        } else {
          emit(n.nodes[i], prog);
        }
      }
      for (const j of jumps) j.x = prog.length;
      return;
    }
    case 'rep': {
      for (let i = 0; i < n.min; i++) emit(n.node, prog);
      if (n.max === -1) {
        // x*: L: split body, out; body; jmp L
        const split = { op: 'split' as const, x: 0, y: 0 };
        const at = prog.length;
        prog.push(split);
        emit(n.node, prog);
        prog.push({ op: 'jmp', x: at });
        const body = at + 1;
        const out = prog.length;
        split.x = n.greedy ? body : out;
        split.y = n.greedy ? out : body;
      } else {
        const splits: { op: 'split'; x: number; y: number }[] = [];
        for (let i = n.min; i < n.max; i++) {
          const split = { op: 'split' as const, x: 0, y: 0 };
          const at = prog.length;
          prog.push(split);
          emit(n.node, prog);
          split.x = at + 1;
          splits.push(split);
        }
        const out = prog.length;
        for (const s of splits) {
          if (n.greedy) s.y = out;
          else {
            s.y = s.x;
            s.x = out;
          }
        }
      }
      return;
    }
  }
}

// ---------------------------------------------------------------------------
// Pike VM

function isWord(cp: number | undefined): boolean {
  return cp !== undefined && ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || cp === 0x5f || (cp >= 0x61 && cp <= 0x7a));
}

function inClass(cls: CharClass, cp: number): boolean {
  let hit = false;
  for (const [lo, hi] of cls.ranges) {
    if (cp >= lo && cp <= hi) {
      hit = true;
      break;
    }
  }
  return hit !== cls.negate;
}

function matchChar(inst: { cls: CharClass; fold: boolean }, cp: number): boolean {
  if (inClass(inst.cls, cp)) return true;
  if (!inst.fold) return false;
  const s = String.fromCodePoint(cp);
  const lo = s.toLowerCase().codePointAt(0)!;
  const up = s.toUpperCase().codePointAt(0)!;
  return (lo !== cp && inClass(inst.cls, lo)) || (up !== cp && inClass(inst.cls, up));
}

interface Thread {
  pc: number;
  caps: number[];
}

/**
 * Finds the leftmost-first match in `input` (an array of code points) starting the search at
 * `from`. Time O(program × input), and no more than `budget` allows.
 */
export function exec(re: Regex, input: number[], from: number, budget?: RegexBudget): Match | undefined {
  const prog = re.prog;
  const ncap = 2 * (re.groups + 1);
  let clist: Thread[] = [];
  let nlist: Thread[] = [];
  const mark = new Int32Array(prog.length).fill(-1);
  let matched: number[] | undefined;
  /** Units spent since the budget was last charged (once per input position, to keep the loop cheap); setting up costs one per instruction. */
  let work = prog.length;

  const assertOk = (kind: string, pos: number): boolean => {
    const prev = pos > 0 ? input[pos - 1] : undefined;
    const cur = pos < input.length ? input[pos] : undefined;
    switch (kind) {
      case 'bot':
        return pos === 0;
      case 'eot':
        return pos === input.length;
      case 'bol':
        return pos === 0 || prev === 10;
      case 'eol':
        return pos === input.length || cur === 10;
      case 'wordb':
        return isWord(prev) !== isWord(cur);
      default:
        return isWord(prev) === isWord(cur);
    }
  };

  // Adds a thread and follows its epsilon transitions in priority order (explicit stack).
  const add = (list: Thread[], pc0: number, caps0: number[], pos: number): void => {
    const stack: { pc: number; caps: number[] }[] = [{ pc: pc0, caps: caps0 }];
    while (stack.length > 0) {
      const { pc, caps } = stack.pop()!;
      work++;
      if (mark[pc] === pos) continue;
      mark[pc] = pos;
      const inst = prog[pc];
      switch (inst.op) {
        case 'jmp':
          stack.push({ pc: inst.x, caps });
          break;
        case 'split':
          stack.push({ pc: inst.y, caps });
          stack.push({ pc: inst.x, caps });
          break;
        case 'save': {
          const c = caps.slice();
          c[inst.n] = pos;
          stack.push({ pc: pc + 1, caps: c });
          break;
        }
        case 'assert':
          if (assertOk(inst.kind, pos)) stack.push({ pc: pc + 1, caps });
          break;
        default:
          list.push({ pc, caps });
      }
    }
  };

  const initial = new Array<number>(ncap).fill(-1);
  for (let pos = from; pos <= input.length; pos++) {
    if (!matched) {
      const c = initial.slice();
      c[0] = pos;
      add(clist, 0, c, pos);
    }
    if (clist.length === 0) break;
    if (budget) {
      budget.remaining -= work + clist.length;
      work = 0;
      if (budget.remaining < 0) return undefined;
    }
    const cp = input[pos];
    for (const th of clist) {
      const inst = prog[th.pc];
      if (inst.op === 'match') {
        matched = th.caps.slice();
        matched[1] = pos;
        // Lower-priority threads are cut off (leftmost-first).
        break;
      }
      if (cp === undefined) continue;
      if ((inst.op === 'char' && matchChar(inst, cp)) || (inst.op === 'any' && (inst.nl || cp !== 10))) {
        add(nlist, th.pc + 1, th.caps, pos + 1);
      }
    }
    [clist, nlist] = [nlist, clist];
    nlist.length = 0;
  }
  return matched ? { caps: matched } : undefined;
}

/**
 * All successive non-overlapping matches, as Go's FindAll does (an empty match right after a match is skipped).
 * Each search may scan to the end of the input, so the whole is quadratic at worst: `budget` bounds it.
 */
export function execAll(re: Regex, input: number[], maxMatches: number, budget?: RegexBudget): Match[] {
  const out: Match[] = [];
  let pos = 0;
  let prevEnd = -1;
  while (pos <= input.length && out.length < maxMatches) {
    const m = exec(re, input, pos, budget);
    if (!m) break;
    const [start, end] = m.caps;
    let accept = true;
    if (end === pos) {
      // An empty match: not allowed right after the previous match; move on one character.
      if (start === prevEnd) accept = false;
      pos++;
    } else {
      pos = end;
    }
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

export function toCodePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

export function fromCodePoints(cps: number[], start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCodePoint(cps[i]);
  return s;
}
