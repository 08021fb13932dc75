// Deterministic generator of realistic Terraform (HCL native syntax).
//
// Used by the property tests, the generated-file conformance test (against @cdktf/hcl2json) and
// the benchmarks (parse throughput, and later the workspace benchmark). The same seed always
// gives the same text: randomness comes from a seeded PRNG, never from Math.random.
//
// The output looks like real infrastructure code (VPCs, subnets with count/for_each, route
// tables, NAT gateways, endpoints, Lambda functions, IAM roles with jsonencode and heredoc
// policies, modules, outputs) and exercises the whole native grammar: the three comment styles,
// heredocs (`<<EOT`, `<<-EOT`), templates with interpolations, `%{if}`/`%{for}` directives and
// `~` strip markers, for expressions (with `if` and grouping `...`), splats, legacy indexes,
// conditionals, operators, nested and one-line blocks, unicode, and occasionally CRLF files.
//
// With `invalid`, exactly one realistic syntax error is injected at a place the generator knows
// to be structural (so the result is certainly invalid HCL, not accidentally valid).

// ---------------------------------------------------------------------------
// PRNG

/** sfc32 seeded through splitmix32: small, fast and good enough for test data. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }

  /** Picks by weight: `[[weight, value], ...]`. */
  weighted<T>(choices: ReadonlyArray<readonly [number, T]>): T {
    let total = 0;
    for (const [w] of choices) total += w;
    let r = this.next() * total;
    for (const [w, v] of choices) {
      r -= w;
      if (r < 0) return v;
    }
    return choices[choices.length - 1][1];
  }
}

// ---------------------------------------------------------------------------
// Public API

export interface GenerateOptions {
  /** Approximate size in UTF-16 code units (default 3000). The file grows section by section until it reaches this. */
  targetBytes?: number;
  /**
   * `true`: inject exactly one realistic syntax error. A number in [0, 1]: inject one with that
   * probability (decided by the seed). `false` or absent: the file is valid HCL.
   */
  invalid?: boolean | number;
}

export type InjectedErrorKind =
  | 'missing-newline'
  | 'unclosed-brace'
  | 'unterminated-string'
  | 'bad-escape'
  | 'missing-equals'
  | 'stray-token'
  | 'unclosed-heredoc'
  | 'unclosed-interpolation'
  | 'truncated';

export interface GeneratedHcl {
  text: string;
  /** Null for a valid file; otherwise the injected error and its offset in `text`. */
  error: { kind: InjectedErrorKind; offset: number } | null;
  /** True when the file uses CRLF line breaks. */
  crlf: boolean;
}

export interface CorpusFile {
  /** A relative POSIX path such as `stack-003/network.tf`. */
  name: string;
  text: string;
}

/** Generates one Terraform file. Deterministic in (seed, opts). */
export function generateHclFile(seed: number, opts: GenerateOptions = {}): GeneratedHcl {
  return generate(seed, opts, newScope());
}

/** `scope` is shared by the files of one module, so their declarations do not collide. */
function generate(seed: number, opts: GenerateOptions, scope: Scope): GeneratedHcl {
  const rng = new Rng(seed);
  const target = opts.targetBytes ?? 3000;
  const gen = new Gen(rng, scope);
  gen.file(target);
  const w = gen.w;
  let text = w.text;
  let error: GeneratedHcl['error'] = null;

  const inject = opts.invalid === true || (typeof opts.invalid === 'number' && rng.chance(opts.invalid));
  if (inject) {
    const r = injectError(rng, w);
    text = r.text;
    error = { kind: r.kind, offset: r.offset };
  }

  // Roughly one file in eight uses Windows line breaks (heredoc bodies included).
  const crlf = rng.chance(0.125);
  if (crlf) {
    if (error) error.offset += countNewlines(text, error.offset);
    text = text.replace(/\n/g, '\r\n');
  }
  return { text, error, crlf };
}

/**
 * A deterministic corpus of valid files totalling at least `totalBytes` UTF-8 bytes, grouped
 * into stack directories (modules) of 2-6 files each. File sizes vary from ~1 KB to ~40 KB.
 * The files of one directory declare distinct names (no variable, local, resource or output is
 * declared twice in a module) and refer to each other's declarations.
 */
export function generateCorpus(totalBytes: number, seed: number): CorpusFile[] {
  const rng = new Rng(seed ^ 0x5eed);
  const files: CorpusFile[] = [];
  const baseNames = ['main', 'network', 'lambda', 'iam', 'endpoints', 'variables', 'outputs', 'data', 'security'];
  let total = 0;
  let dir = 0;
  while (total < totalBytes) {
    const count = rng.range(2, 6);
    const scope = newScope();
    for (let i = 0; i < count && total < totalBytes; i++) {
      const size = rng.weighted([
        [5, rng.range(1000, 4000)],
        [3, rng.range(4000, 15000)],
        [1, rng.range(15000, 40000)],
      ]);
      const g = generate(rng.int(0x7fffffff), { targetBytes: size }, scope);
      const name = `stack-${String(dir).padStart(3, '0')}/${baseNames[i % baseNames.length]}.tf`;
      files.push({ name, text: g.text });
      total += Buffer.byteLength(g.text, 'utf8');
    }
    dir++;
  }
  return files;
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

// ---------------------------------------------------------------------------
// Writer: appends lines and remembers where the structural places are (for error injection).

interface ItemMark {
  /** Offset of the first character of the item (after indentation). */
  start: number;
  /** Offset of the line start of the item. */
  lineStart: number;
  /** End of the item's last line (before the line break). */
  end: number;
  /** The item ends with a `#` or `//` comment on its last line. */
  trailingComment: boolean;
  attr?: AttrMark;
}

interface AttrMark {
  /** Offset of `=`. */
  equals: number;
  valueStart: number;
  valueEnd: number;
  /** The value is one quoted string on one line: offsets of its opening and closing quotes. */
  quoted?: { open: number; close: number };
  /** The value is a heredoc: the offsets of its closing marker line (start, end). */
  heredocClose?: { start: number; end: number };
  startsWithBrace: boolean;
}

interface BlockMark {
  /** Offset of `{`. */
  open: number;
  /** Offset of the closing `}` (on its own line). */
  close: number;
}

/** A generated expression: its text and what kind of value it is (for the writer's marks). */
interface Value {
  text: string;
  kind: 'quoted' | 'heredoc' | 'other';
}

const INDENT = '  ';

class Writer {
  text = '';
  private depth = 0;
  /** The items of each body that is still open; index 0 is the file body. */
  private open: ItemMark[][] = [[]];
  /** Every finished body (multi-line blocks and the file), with its items in order. */
  readonly bodies: ItemMark[][] = [];
  readonly blocks: BlockMark[] = [];

  get ind(): string {
    return INDENT.repeat(this.depth);
  }

  get length(): number {
    return this.text.length;
  }

  blank(): void {
    this.text += '\n';
  }

  /** A comment at the current indentation; a block comment spans lines when `body` does. */
  comment(style: '#' | '//' | '/*', body: string): void {
    if (style === '/*') {
      const lines = body.split('\n');
      if (lines.length === 1) this.text += `${this.ind}/* ${body} */\n`;
      else this.text += `${this.ind}/*\n${lines.map((l) => `${this.ind} * ${l}`.trimEnd()).join('\n')}\n${this.ind} */\n`;
    } else {
      this.text += `${this.ind}${style} ${body}\n`;
    }
  }

  /** `name = value`, optionally followed by a line comment. `value.text` may span lines (already indented). */
  attr(name: string, value: Value, trailing?: string): void {
    const lineStart = this.text.length;
    const start = lineStart + this.ind.length;
    const equals = start + name.length + 1;
    const valueStart = equals + 2;
    this.text += `${this.ind}${name} = ${value.text}`;
    const valueEnd = this.text.length;
    const mark: AttrMark = { equals, valueStart, valueEnd, startsWithBrace: value.text.startsWith('{') };
    if (value.kind === 'quoted' && !value.text.includes('\n')) mark.quoted = { open: valueStart, close: valueEnd - 1 };
    if (value.kind === 'heredoc') {
      const lastLine = this.text.lastIndexOf('\n', valueEnd - 1) + 1;
      mark.heredocClose = { start: lastLine, end: valueEnd };
    }
    // A heredoc's closing marker must be alone on its line: no trailing comment there.
    const comment = value.kind === 'heredoc' ? undefined : trailing;
    if (comment !== undefined) this.text += ` ${comment}`;
    const end = this.text.length;
    this.text += '\n';
    this.top().push({ start, lineStart, end, trailingComment: comment !== undefined && !comment.startsWith('/*'), attr: mark });
  }

  /** A multi-line block; `fill` writes its body. */
  block(type: string, labels: string[], fill: () => void, trailing?: string): void {
    const lineStart = this.text.length;
    const start = lineStart + this.ind.length;
    this.text += `${this.ind}${blockHeader(type, labels)}`;
    const open = this.text.length - 1;
    if (trailing !== undefined) this.text += ` ${trailing}`;
    this.text += '\n';
    this.depth++;
    this.open.push([]);
    fill();
    this.bodies.push(this.open.pop()!);
    this.depth--;
    const close = this.text.length + this.ind.length;
    this.text += `${this.ind}}`;
    const end = this.text.length;
    this.text += '\n';
    this.blocks.push({ open, close });
    this.top().push({ start, lineStart, end, trailingComment: false });
  }

  /** A one-line block: `type "label" { name = value }` or `type {}`. */
  oneLineBlock(type: string, labels: string[], inner: string | null): void {
    const lineStart = this.text.length;
    const start = lineStart + this.ind.length;
    const header = blockHeader(type, labels);
    this.text += `${this.ind}${header}${inner === null ? '}' : ` ${inner} }`}`;
    const end = this.text.length;
    this.text += '\n';
    this.top().push({ start, lineStart, end, trailingComment: false });
  }

  finish(): void {
    this.bodies.push(this.open[0]);
  }

  private top(): ItemMark[] {
    return this.open[this.open.length - 1];
  }
}

function blockHeader(type: string, labels: string[]): string {
  return [type, ...labels].join(' ') + ' {';
}

/** A quoted HCL string literal for `s` (JSON escapes are valid HCL escapes). */
function q(s: string): string {
  return JSON.stringify(s);
}

// ---------------------------------------------------------------------------
// Error injection

function injectError(rng: Rng, w: Writer): { text: string; kind: InjectedErrorKind; offset: number } {
  const t = w.text;
  const items = w.bodies.flat();
  const attrs = items.filter((i) => i.attr !== undefined);
  // Every kind lists its candidates; kinds without candidates in this file are skipped.
  const joinable: Array<[ItemMark, ItemMark]> = [];
  for (const body of w.bodies) {
    for (let i = 0; i + 1 < body.length; i++) {
      // Not after a heredoc: a later line equal to its marker could close it, making the text valid.
      const a = body[i].attr;
      if (a && !a.heredocClose && !body[i].trailingComment) joinable.push([body[i], body[i + 1]]);
    }
  }
  const quoted = attrs.filter((a) => a.attr!.quoted !== undefined);
  // Removing a heredoc's closing marker only leaves it unterminated if no later line could close it.
  const heredocs = attrs.filter((a) => {
    const h = a.attr!.heredocClose;
    if (h === undefined) return false;
    const marker = t.slice(h.start, h.end).trim();
    return !t.slice(h.end).split('\n').some((line) => line.trim() === marker);
  });
  const noBrace = attrs.filter((a) => !a.attr!.startsWithBrace);

  type Injector = () => { text: string; kind: InjectedErrorKind; offset: number };
  const options: Array<[number, Injector]> = [];
  if (joinable.length > 0) {
    options.push([3, () => {
      // `a = 1 b = 2`: the argument is not ended by a newline.
      const [a, b] = rng.pick(joinable);
      return { kind: 'missing-newline', offset: b.start, text: t.slice(0, a.end) + ' ' + t.slice(b.start) };
    }]);
  }
  if (w.blocks.length > 0) {
    options.push([2, () => {
      const blk = rng.pick(w.blocks);
      return { kind: 'unclosed-brace', offset: blk.open, text: t.slice(0, blk.close) + t.slice(blk.close + 1) };
    }]);
    options.push([1, () => {
      // Cut the file somewhere inside a block (after its `{`, before its `}`).
      const blk = rng.pick(w.blocks);
      const cut = blk.open + 1 + rng.int(blk.close - blk.open - 1);
      return { kind: 'truncated', offset: cut, text: t.slice(0, cut) };
    }]);
  }
  if (quoted.length > 0) {
    options.push([2, () => {
      const a = rng.pick(quoted).attr!.quoted!;
      return { kind: 'unterminated-string', offset: a.open, text: t.slice(0, a.close) + t.slice(a.close + 1) };
    }]);
    options.push([2, () => {
      const a = rng.pick(quoted).attr!.quoted!;
      const esc = rng.pick(['\\q', '\\a', '\\x41', '\\.', '\\$', '\\u12G4', "\\'"]);
      return { kind: 'bad-escape', offset: a.open + 1, text: t.slice(0, a.open + 1) + esc + t.slice(a.open + 1) };
    }]);
    options.push([1, () => {
      const a = rng.pick(quoted).attr!.quoted!;
      return { kind: 'unclosed-interpolation', offset: a.close, text: t.slice(0, a.close) + '${var.name' + t.slice(a.close) };
    }]);
  }
  if (noBrace.length > 0) {
    options.push([2, () => {
      // `name "value"`: reads as a block header with no `{`, or a name followed by a stray token.
      const a = rng.pick(noBrace).attr!;
      return { kind: 'missing-equals', offset: a.equals, text: t.slice(0, a.equals) + t.slice(a.equals + 2) };
    }]);
  }
  if (heredocs.length > 0) {
    options.push([4, () => {
      const h = rng.pick(heredocs).attr!.heredocClose!;
      return { kind: 'unclosed-heredoc', offset: h.start, text: t.slice(0, h.start) + t.slice(h.end + 1) };
    }]);
  }
  if (items.length > 0) {
    options.push([2, () => {
      // A stray token on its own line between two body items.
      const it = rng.pick(items);
      const tok = rng.pick([')', ']', ',', '=', '?', ':', '=> x', '.', '*', '+ 1', '"orphan"', '${x}', '<<', '!']);
      const indent = t.slice(it.lineStart, it.start);
      return { kind: 'stray-token', offset: it.start, text: t.slice(0, it.lineStart) + indent + tok + '\n' + t.slice(it.lineStart) };
    }]);
  }
  // Every file declares at least one variable block, so `options` is never empty.
  return rng.weighted(options)();
}

// ---------------------------------------------------------------------------
// Vocabulary

const WORDS = [
  'app', 'api', 'orders', 'billing', 'ingest', 'worker', 'events', 'payments', 'reports', 'search', 'auth',
  'notify', 'export', 'audit', 'sync', 'thumbnails', 'invoices', 'users', 'catalog', 'metrics',
];
const ENVS = ['dev', 'staging', 'prod', 'qa', 'sandbox'];
const REGIONS = ['eu-west-1', 'us-east-1', 'us-west-2', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1'];
const UNICODE = ['é', 'ü', 'Zürich', '東京', 'Ω', '✓', '🚀', 'naïve', 'Ñandú', 'Привет', '€', '—', '𝔘'];
const SERVICES = ['s3', 'dynamodb', 'sqs', 'sns', 'secretsmanager', 'ssm', 'kms', 'sts', 'logs', 'ecr.api', 'ecr.dkr', 'execute-api', 'events', 'lambda'];
const RUNTIMES = ['python3.12', 'nodejs20.x', 'java21', 'provided.al2023', 'python3.11', 'nodejs22.x'];
const COMMENTS = [
  'Private subnets for the Lambda ENIs',
  'NAT gateway per AZ: keep egress working when one AZ fails',
  'TODO: move to a shared module',
  'Managed by the platform team; do not edit by hand',
  'Interface endpoints need private DNS to be useful',
  'See https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
  'Hyperplane ENIs are shared per subnet + security group set',
  'The function only talks to DynamoDB and S3 (gateway endpoints)',
  'count is used here for historical reasons; for_each would be better',
  'Temporary: remove after the migration (ticket OPS-1234)',
  'Note: the trust policy is not a permission of the function',
  'Keep this list in sync with variables.tf',
  'Répartition sur plusieurs zones — ✓ haute disponibilité',
  'ハイパープレーン ENI',
];
const FUNCS_UNARY = ['length', 'toset', 'tolist', 'keys', 'values', 'upper', 'lower', 'trimspace', 'flatten', 'distinct', 'compact', 'sort', 'base64encode', 'sha256', 'jsonencode', 'tostring', 'abs'];
const FUNCS_BINARY = ['concat', 'merge', 'coalesce', 'try', 'max', 'min', 'setunion', 'zipmap', 'contains', 'element', 'chunklist'];

// ---------------------------------------------------------------------------
// The generator proper

/** What has been declared so far, so references usually point at real things. */
interface Declared {
  vars: string[];
  locals: string[];
  resources: Array<[string, string]>;
  data: Array<[string, string]>;
  modules: string[];
}

/** The names of one module: what is taken, and what can be referred to. */
interface Scope {
  used: Set<string>;
  decl: Declared;
  /** A module has at most one `terraform` block here, and one provider configuration without alias. */
  hasTerraformBlock: boolean;
  hasDefaultProvider: boolean;
}

function newScope(): Scope {
  return { used: new Set(), decl: { vars: [], locals: [], resources: [], data: [], modules: [] }, hasTerraformBlock: false, hasDefaultProvider: false };
}

class Gen {
  readonly w = new Writer();
  private readonly used: Set<string>;
  private readonly decl: Declared;

  constructor(
    private readonly rng: Rng,
    private readonly scope: Scope,
  ) {
    this.used = scope.used;
    this.decl = scope.decl;
  }

  file(target: number): void {
    const r = this.rng;
    if (r.chance(0.6)) this.headerComment();
    if (!this.scope.hasTerraformBlock && r.chance(0.3)) this.terraformBlock();
    if (r.chance(0.3)) this.providerBlock();
    // Some declarations first, so later references have something to point at.
    for (let i = r.range(1, 3); i > 0; i--) this.variable();
    while (this.w.length < target) {
      const section = r.weighted<() => void>([
        [4, () => this.variable()],
        [3, () => this.locals()],
        [3, () => this.vpcStack()],
        [2, () => this.subnets()],
        [2, () => this.routeTable()],
        [2, () => this.natGateway()],
        [3, () => this.vpcEndpoint()],
        [2, () => this.securityGroup()],
        [4, () => this.lambdaFunction()],
        [3, () => this.iamRole()],
        [2, () => this.iamRolePolicy()],
        [2, () => this.dataSources()],
        [2, () => this.moduleCall()],
        [3, () => this.output()],
        [2, () => this.miscResource()],
        [1, () => this.templated()],
        [2, () => this.expressionZoo()],
        [2, () => this.filler()],
        [1, () => this.providerBlock()],
      ]);
      section();
      this.w.blank();
      if (r.chance(0.15)) this.w.blank();
    }
    this.w.finish();
  }

  // ---- names -------------------------------------------------------------

  private fresh(base: string): string {
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  private word(): string {
    return this.rng.pick(WORDS);
  }

  /** A block label: nearly always quoted, sometimes a bare identifier. */
  private label(s: string): string {
    return this.rng.chance(0.05) ? s : q(s);
  }

  // ---- sections ----------------------------------------------------------

  private headerComment(): void {
    const r = this.rng;
    const style = r.pick(['#', '//', '/*'] as const);
    const text = `${this.word()} stack — ${r.pick(ENVS)}${r.chance(0.3) ? ' ' + r.pick(UNICODE) : ''}`;
    if (style === '/*') this.w.comment('/*', `${text}\n${r.pick(COMMENTS)}`);
    else {
      this.w.comment(style, text);
      if (r.chance(0.5)) this.w.comment(style, r.pick(COMMENTS));
    }
    this.w.blank();
  }

  private terraformBlock(): void {
    const r = this.rng;
    this.scope.hasTerraformBlock = true;
    this.w.block('terraform', [], () => {
      this.attrS('required_version', `>= 1.${r.range(3, 9)}.0`);
      this.w.block('required_providers', [], () => {
        this.w.attr('aws', this.multilineObject([
          ['source', v(q('hashicorp/aws'))],
          ['version', v(q(`~> ${r.range(4, 6)}.0`))],
        ]));
        if (r.chance(0.3)) this.w.attr('archive', v(`{ source = "hashicorp/archive" }`));
      });
      if (r.chance(0.5)) {
        this.w.block('backend', [q('s3')], () => {
          this.attrS('bucket', `tfstate-${this.word()}-${r.range(1000, 9999)}`);
          this.attrS('key', `${this.word()}/terraform.tfstate`);
          this.attrS('region', r.pick(REGIONS));
          if (r.chance(0.5)) this.w.attr('encrypt', v('true'));
        });
      }
    });
  }

  private providerBlock(): void {
    const r = this.rng;
    this.w.block('provider', [this.label('aws')], () => {
      if (this.scope.hasDefaultProvider || r.chance(0.5)) this.w.attr('alias', v(q(this.fresh(r.pick(['use1', 'replica', 'shared', 'audit'])))));
      else this.scope.hasDefaultProvider = true;
      this.w.attr('region', r.chance(0.5) ? v(this.ref('var')) : quoted(q(r.pick(REGIONS))));
      if (r.chance(0.6)) {
        this.w.block('default_tags', [], () => this.w.attr('tags', this.tagsValue()));
      }
      if (r.chance(0.3)) this.w.oneLineBlock('assume_role', [], `role_arn = "arn:aws:iam::${r.range(100000000000, 999999999999)}:role/terraform"`);
    });
  }

  private variable(): void {
    const r = this.rng;
    const name = this.fresh(r.pick(['vpc_cidr', 'region', 'environment', 'subnet_ids', 'azs', 'function_name', 'memory_size', 'timeout', 'enable_nat', 'tags', 'private_subnets', 'lambda_config', 'endpoints', 'log_retention_days', 'security_group_ids', 'single_nat_gateway']));
    this.decl.vars.push(name);
    this.w.block('variable', [this.label(name)], () => {
      const kind = r.pick(['string', 'number', 'bool', 'list', 'map', 'object', 'any'] as const);
      if (r.chance(0.7)) this.attrS('description', this.sentence());
      const typeText = {
        string: 'string',
        number: 'number',
        bool: 'bool',
        list: r.pick(['list(string)', 'set(string)', 'list(number)']),
        map: r.pick(['map(string)', 'map(any)', 'map(list(string))']),
        object: r.chance(0.5)
          ? 'object({\n' + this.w.ind + INDENT + `cidr    = string\n${this.w.ind}${INDENT}azs     = list(string)\n${this.w.ind}${INDENT}enabled = optional(bool, true)\n${this.w.ind}})`
          : 'map(object({ cidr = string, az = string, public = optional(bool) }))',
        any: 'any',
      }[kind];
      if (kind !== 'any' || r.chance(0.5)) this.w.attr('type', v(typeText));
      if (r.chance(0.75)) {
        const def = {
          string: () => quoted(q(r.chance(0.5) ? r.pick(REGIONS) : `${this.word()}-${r.pick(ENVS)}`)),
          number: () => v(String(r.pick([128, 256, 512, 1024, 30, 60, 900, 14, 3]))),
          bool: () => v(r.chance(0.5) ? 'true' : 'false'),
          list: () => v(`[${Array.from({ length: r.range(0, 4) }, () => q(`10.0.${r.range(0, 255)}.0/24`)).join(', ')}]`),
          map: () => this.tagsValue(),
          object: () => this.subnetMapValue(),
          any: () => v('null'),
        }[kind]();
        this.w.attr('default', def);
      }
      if (r.chance(0.15)) this.w.attr('sensitive', v('true'));
      if (r.chance(0.1)) this.w.attr('nullable', v('false'));
      if (r.chance(0.3)) {
        this.w.block('validation', [], () => {
          this.w.attr('condition', v(r.pick([
            `can(cidrnetmask(var.${name}))`,
            `length(var.${name}) > 0`,
            `contains(["dev", "staging", "prod"], var.${name})`,
            `var.${name} == null || can(regex("^[a-z][a-z0-9-]{2,62}$", var.${name}))`,
            `alltrue([for s in var.${name} : can(cidrhost(s, 0))])`,
          ])));
          this.attrS('error_message', r.pick(['Must be a valid IPv4 CIDR block.', 'The value must not be empty.', 'Use one of: dev, staging, prod.', 'Names are 3–63 lower-case characters.']));
        });
      }
    });
  }

  private locals(): void {
    const r = this.rng;
    this.w.block('locals', [], () => {
      for (let i = r.range(2, 6); i > 0; i--) {
        const name = this.fresh(r.pick(['name_prefix', 'common_tags', 'azs', 'private_subnet_ids', 'subnet_map', 'endpoint_services', 'is_prod', 'function_names', 'az_count', 'cidrs', 'env']));
        const value = r.weighted<() => Value>([
          [2, () => this.tagsValue()],
          [2, () => this.expr(3, this.w.ind)],
          [1, () => v(`"${'${'}var.${this.someVar()}${'}'}-${r.pick(ENVS)}"`, 'quoted')],
          [1, () => v(`[for i, az in ${this.azList()} : cidrsubnet(var.${this.someVar()}, 8, i)]`)],
          [1, () => v(`{ for s in ${this.someList()} : s.availability_zone => s.id... }`)],
          [1, () => v(`${this.someList()}[*].id`)],
          [1, () => v(`terraform.workspace == "prod" ? ${r.range(2, 3)} : 1`)],
          [1, () => v(`toset([${SERVICES.slice(0, r.range(1, 5)).map(q).join(', ')}])`)],
        ])();
        if (r.chance(0.15)) this.w.comment(r.pick(['#', '//'] as const), r.pick(COMMENTS));
        this.w.attr(name, value, r.chance(0.1) ? `# ${r.pick(COMMENTS)}` : undefined);
        this.decl.locals.push(name);
      }
    });
  }

  private vpcStack(): void {
    const r = this.rng;
    const vpc = this.fresh(r.pick(['main', 'this', 'app', 'shared']));
    this.decl.resources.push(['aws_vpc', vpc]);
    this.w.block('resource', [this.label('aws_vpc'), this.label(vpc)], () => {
      this.w.attr('cidr_block', r.chance(0.5) ? v(`var.${this.someVar()}`) : quoted(q(`10.${r.range(0, 255)}.0.0/16`)));
      this.w.attr('enable_dns_support', v('true'));
      this.w.attr('enable_dns_hostnames', v(r.chance(0.8) ? 'true' : 'false'), r.chance(0.3) ? '# needed for private DNS of interface endpoints' : undefined);
      if (r.chance(0.2)) this.w.attr('assign_generated_ipv6_cidr_block', v('true'));
      this.w.attr('tags', v(`merge(local.${this.someLocal()}, { Name = "${'${'}var.${this.someVar()}${'}'}-vpc" })`));
    });
    if (r.chance(0.7)) {
      this.w.blank();
      const igw = this.fresh('igw');
      this.decl.resources.push(['aws_internet_gateway', igw]);
      this.w.block('resource', [q('aws_internet_gateway'), q(igw)], () => {
        this.w.attr('vpc_id', v(`aws_vpc.${vpc}.id`));
        if (r.chance(0.5)) this.w.attr('tags', v(`{ Name = "${igw}" }`));
      });
    }
  }

  private subnets(): void {
    const r = this.rng;
    const name = this.fresh(r.pick(['private', 'public', 'lambda', 'intra', 'database']));
    this.decl.resources.push(['aws_subnet', name]);
    const useCount = r.chance(0.5);
    this.w.block('resource', [q('aws_subnet'), q(name)], () => {
      if (useCount) {
        this.w.attr('count', v(r.pick([`length(var.${this.someVar()})`, `${r.range(1, 3)}`, `local.${this.someLocal()}`, `var.${this.someVar()} ? 2 : 0`])));
        this.w.blank();
        this.w.attr('vpc_id', v(`aws_vpc.${this.someResource('aws_vpc')}.id`));
        this.w.attr('cidr_block', v(r.pick([`cidrsubnet(var.${this.someVar()}, 8, count.index${r.chance(0.5) ? ' + ' + r.range(1, 100) : ''})`, `element(var.${this.someVar()}, count.index)`, `var.${this.someVar()}[count.index]`])));
        this.w.attr('availability_zone', v(r.pick([`data.aws_availability_zones.available.names[count.index]`, `element(${this.azList()}, count.index)`, `local.azs[count.index % length(local.azs)]`])));
      } else {
        this.w.attr('for_each', r.chance(0.6) ? this.subnetMapValue() : v(`var.${this.someVar()}`));
        this.w.blank();
        this.w.attr('vpc_id', v(`aws_vpc.${this.someResource('aws_vpc')}.id`));
        this.w.attr('cidr_block', v('each.value.cidr'));
        this.w.attr('availability_zone', v(r.pick(['each.value.az', 'each.key', '"${var.region}${each.value.az_suffix}"'])));
      }
      if (name === 'public' || r.chance(0.2)) this.w.attr('map_public_ip_on_launch', v('true'));
      this.w.attr('tags', v(r.chance(0.5)
        ? `merge(local.${this.someLocal()}, {\n${this.w.ind}${INDENT}Name = "${name}-${useCount ? '${count.index}' : '${each.key}'}"\n${this.w.ind}${INDENT}Tier = "${name}"\n${this.w.ind}})`
        : `{ Name = "${name}-${useCount ? '${count.index + 1}' : '${each.key}'}" }`));
    });
  }

  private routeTable(): void {
    const r = this.rng;
    const name = this.fresh(r.pick(['private', 'public', 'lambda']));
    this.decl.resources.push(['aws_route_table', name]);
    const perAz = r.chance(0.4);
    this.w.block('resource', [q('aws_route_table'), q(name)], () => {
      if (perAz) this.w.attr('count', v(`length(${this.someList()})`));
      this.w.attr('vpc_id', v(`aws_vpc.${this.someResource('aws_vpc')}.id`));
      this.w.blank();
      for (let i = r.range(0, 2); i > 0; i--) {
        this.w.block('route', [], () => {
          if (r.chance(0.8)) this.attrS('cidr_block', '0.0.0.0/0');
          else this.attrS('ipv6_cidr_block', '::/0');
          this.w.attr(r.pick(['nat_gateway_id', 'gateway_id', 'egress_only_gateway_id', 'transit_gateway_id']), v(r.pick([
            `aws_nat_gateway.${this.someResource('aws_nat_gateway')}[${perAz ? 'count.index' : '0'}].id`,
            `aws_internet_gateway.${this.someResource('aws_internet_gateway')}.id`,
            `aws_nat_gateway.${this.someResource('aws_nat_gateway')}.id`,
            `var.${this.someVar()}`,
          ])));
        });
      }
      if (r.chance(0.3)) this.w.oneLineBlock('lifecycle', [], 'ignore_changes = [route]');
      this.w.attr('tags', v(`{ Name = "${name}${perAz ? '-${count.index}' : ''}" }`));
    });
    if (r.chance(0.7)) {
      this.w.blank();
      this.w.block('resource', [q('aws_route_table_association'), q(this.fresh(name))], () => {
        this.w.attr('count', v(`length(aws_subnet.${this.someResource('aws_subnet')})`));
        this.w.attr('subnet_id', v(`aws_subnet.${this.someResource('aws_subnet')}[count.index].id`));
        this.w.attr('route_table_id', v(perAz ? `aws_route_table.${name}[count.index].id` : `aws_route_table.${name}.id`));
      });
    }
  }

  private natGateway(): void {
    const r = this.rng;
    const name = this.fresh(r.pick(['nat', 'this', 'egress']));
    const eip = this.fresh(`${name}_eip`);
    this.decl.resources.push(['aws_eip', eip], ['aws_nat_gateway', name]);
    this.w.block('resource', [q('aws_eip'), q(eip)], () => {
      this.w.attr('count', v(`var.${this.someVar()} ? ${r.range(1, 3)} : 0`));
      this.w.attr('domain', quoted(q('vpc')));
    });
    this.w.blank();
    this.w.block('resource', [q('aws_nat_gateway'), q(name)], () => {
      this.w.attr('count', v(`length(aws_eip.${eip})`));
      this.w.attr('allocation_id', v(r.chance(0.5) ? `aws_eip.${eip}[count.index].id` : `aws_eip.${eip}.*.id[count.index]`));
      this.w.attr('subnet_id', v(r.pick([`aws_subnet.${this.someResource('aws_subnet')}[count.index].id`, `element(aws_subnet.public[*].id, count.index)`, `aws_subnet.public.${r.range(0, 2)}.id`])));
      if (r.chance(0.5)) this.w.attr('depends_on', v(`[aws_internet_gateway.${this.someResource('aws_internet_gateway')}]`));
    });
  }

  private vpcEndpoint(): void {
    const r = this.rng;
    const svc = r.pick(SERVICES);
    const gateway = (svc === 's3' || svc === 'dynamodb') && r.chance(0.7);
    const name = this.fresh(svc.replace(/[.-]/g, '_'));
    this.decl.resources.push(['aws_vpc_endpoint', name]);
    if (r.chance(0.2)) this.w.comment('#', r.pick(COMMENTS));
    this.w.block('resource', [q('aws_vpc_endpoint'), q(name)], () => {
      if (r.chance(0.2)) this.w.attr('for_each', v(`toset(${this.someList()})`));
      this.w.attr('vpc_id', v(`aws_vpc.${this.someResource('aws_vpc')}.id`));
      this.w.attr('service_name', r.weighted<Value>([
        [3, v('"com.amazonaws.${var.region}.' + svc + '"', 'quoted')],
        [1, v(`"com.amazonaws.${'${'}data.aws_region.current.name${'}'}.${svc}"`, 'quoted')],
        [1, v(`format("com.amazonaws.%s.${svc}", var.region)`)],
        [1, quoted(q(`com.amazonaws.${r.pick(REGIONS)}.${svc}`))],
      ]));
      if (gateway) {
        if (r.chance(0.5)) this.attrS('vpc_endpoint_type', 'Gateway');
        this.w.attr('route_table_ids', v(r.pick([`aws_route_table.${this.someResource('aws_route_table')}[*].id`, `[aws_route_table.${this.someResource('aws_route_table')}.id]`, `concat(aws_route_table.private[*].id, [aws_route_table.public.id])`])));
      } else {
        this.attrS('vpc_endpoint_type', 'Interface');
        this.w.attr('subnet_ids', v(`aws_subnet.${this.someResource('aws_subnet')}[*].id`));
        this.w.attr('security_group_ids', v(`[aws_security_group.${this.someResource('aws_security_group')}.id]`));
        this.w.attr('private_dns_enabled', v(r.chance(0.85) ? 'true' : 'false'));
      }
      if (r.chance(0.3)) this.w.attr('policy', this.policyJsonencode(this.w.ind, false));
    });
  }

  private securityGroup(): void {
    const r = this.rng;
    const name = this.fresh(r.pick(['lambda', 'endpoints', 'db', 'app']));
    this.decl.resources.push(['aws_security_group', name]);
    this.w.block('resource', [q('aws_security_group'), q(name)], () => {
      this.w.attr('name_prefix', v(`"${'${'}local.${this.someLocal()}${'}'}-${name}-"`, 'quoted'));
      this.attrS('description', `Security group for ${name} ${r.chance(0.2) ? r.pick(UNICODE) : ''}`.trimEnd());
      this.w.attr('vpc_id', v(`aws_vpc.${this.someResource('aws_vpc')}.id`));
      this.w.blank();
      if (r.chance(0.4)) {
        this.w.block('dynamic', [q('ingress')], () => {
          this.w.attr('for_each', v(`var.${this.someVar()}`));
          this.w.attr('iterator', v('rule'));
          this.w.block('content', [], () => {
            this.w.attr('from_port', v('rule.value.port'));
            this.w.attr('to_port', v('rule.value.port'));
            this.attrS('protocol', 'tcp');
            this.w.attr('cidr_blocks', v('lookup(rule.value, "cidrs", ["10.0.0.0/8"])'));
          });
        });
      } else {
        this.w.block('ingress', [], () => {
          this.w.attr('from_port', v('443'));
          this.w.attr('to_port', v('443'));
          this.attrS('protocol', 'tcp');
          this.w.attr('cidr_blocks', v(r.chance(0.5) ? `[aws_vpc.${this.someResource('aws_vpc')}.cidr_block]` : '["10.0.0.0/8", "172.16.0.0/12"]'));
        });
      }
      this.w.block('egress', [], () => {
        this.w.attr('from_port', v('0'));
        this.w.attr('to_port', v('0'));
        this.w.attr('protocol', quoted('"-1"'));
        this.w.attr('cidr_blocks', v('["0.0.0.0/0"]'), r.chance(0.3) ? '# all egress; endpoints do the rest' : undefined);
        if (r.chance(0.3)) this.w.attr('ipv6_cidr_blocks', v('["::/0"]'));
      });
      if (r.chance(0.3)) this.w.oneLineBlock('lifecycle', [], 'create_before_destroy = true');
    });
  }

  private lambdaFunction(): void {
    const r = this.rng;
    const name = this.fresh(this.word());
    this.decl.resources.push(['aws_lambda_function', name]);
    if (r.chance(0.3)) this.w.comment(r.pick(['#', '//'] as const), r.pick(COMMENTS));
    this.w.block('resource', [this.label('aws_lambda_function'), this.label(name)], () => {
      if (r.chance(0.15)) this.w.attr('for_each', v(`toset(${this.someList()})`));
      this.w.attr('function_name', v(`"${'${'}local.${this.someLocal()}${'}'}-${name}"`, 'quoted'));
      this.w.attr('role', v(`aws_iam_role.${this.someResource('aws_iam_role')}.arn`));
      this.attrS('handler', r.pick(['index.handler', 'app.lambda_handler', 'main', 'bootstrap']));
      this.attrS('runtime', r.pick(RUNTIMES));
      this.w.attr('filename', v(r.pick(['data.archive_file.lambda.output_path', '"${path.module}/build/function.zip"', `"dist/${name}.zip"`])));
      if (r.chance(0.5)) this.w.attr('source_code_hash', v('data.archive_file.lambda.output_base64sha256'));
      this.w.attr('memory_size', v(r.chance(0.5) ? String(r.pick([128, 256, 512, 1024, 2048])) : `var.${this.someVar()}`));
      this.w.attr('timeout', v(r.chance(0.5) ? String(r.pick([3, 15, 30, 60, 900])) : `var.${this.someVar()} * 2`));
      if (r.chance(0.3)) this.w.attr('architectures', v(r.pick(['["arm64"]', '["x86_64"]'])));
      this.w.blank();
      if (r.chance(0.85)) {
        this.w.block('vpc_config', [], () => {
          this.w.attr('subnet_ids', v(r.pick([
            `aws_subnet.${this.someResource('aws_subnet')}[*].id`,
            `[for s in aws_subnet.${this.someResource('aws_subnet')} : s.id]`,
            `var.${this.someVar()}`,
            `module.${this.someModule()}.private_subnets`,
            `[aws_subnet.${this.someResource('aws_subnet')}[0].id]`,
            `values(aws_subnet.${this.someResource('aws_subnet')})[*].id`,
            `data.aws_subnets.private.ids`,
          ])));
          this.w.attr('security_group_ids', v(r.pick([`[aws_security_group.${this.someResource('aws_security_group')}.id]`, `var.${this.someVar()}`, `concat([aws_security_group.lambda.id], var.${this.someVar()})`])));
          if (r.chance(0.15)) this.w.attr('ipv6_allowed_for_dual_stack', v('true'));
        });
      }
      if (r.chance(0.7)) {
        this.w.block('environment', [], () => {
          this.w.attr('variables', this.envVariables());
        });
      }
      if (r.chance(0.2)) this.w.oneLineBlock('tracing_config', [], 'mode = "Active"');
      if (r.chance(0.2)) this.w.oneLineBlock('dead_letter_config', [], `target_arn = aws_sqs_queue.${this.someResource('aws_sqs_queue')}.arn`);
      if (r.chance(0.15)) this.w.oneLineBlock('ephemeral_storage', [], `size = ${r.pick([512, 1024, 10240])}`);
      if (r.chance(0.2)) {
        this.w.block('lifecycle', [], () => this.w.attr('ignore_changes', v('[\n' + this.w.ind + INDENT + 'filename,\n' + this.w.ind + INDENT + 'source_code_hash,\n' + this.w.ind + ']')));
      }
      if (r.chance(0.3)) this.w.attr('depends_on', v(`[aws_iam_role_policy_attachment.${this.someResource('aws_iam_role_policy_attachment')}]`));
      this.w.attr('tags', r.chance(0.5) ? v(`local.${this.someLocal()}`) : this.tagsValue());
    });
  }

  private iamRole(): void {
    const r = this.rng;
    const name = this.fresh(`${this.word()}_lambda`);
    this.decl.resources.push(['aws_iam_role', name]);
    this.w.block('resource', [q('aws_iam_role'), q(name)], () => {
      this.w.attr('name', v(`"${'${'}var.${this.someVar()}${'}'}-${name.replace(/_/g, '-')}"`, 'quoted'));
      this.w.attr('assume_role_policy', r.chance(0.7) ? this.trustPolicy(this.w.ind) : v('data.aws_iam_policy_document.assume.json'));
      if (r.chance(0.3)) this.w.attr('managed_policy_arns', v('["arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"]'));
    });
    if (r.chance(0.7)) {
      this.w.blank();
      const att = this.fresh(`${name}_vpc`);
      this.decl.resources.push(['aws_iam_role_policy_attachment', att]);
      this.w.block('resource', [q('aws_iam_role_policy_attachment'), q(att)], () => {
        this.w.attr('role', v(`aws_iam_role.${name}.name`));
        this.attrS('policy_arn', `arn:aws:iam::aws:policy/service-role/${r.pick(['AWSLambdaVPCAccessExecutionRole', 'AWSLambdaBasicExecutionRole', 'AWSLambdaENIManagementAccess', 'AWSLambdaSQSQueueExecutionRole'])}`);
      });
    }
  }

  private iamRolePolicy(): void {
    const r = this.rng;
    const name = this.fresh(`${this.word()}_access`);
    this.w.block('resource', [q('aws_iam_role_policy'), q(name)], () => {
      this.attrS('name', name);
      this.w.attr('role', v(`aws_iam_role.${this.someResource('aws_iam_role')}.id`));
      this.w.attr('policy', r.weighted<Value>([
        [2, this.policyHeredoc(this.w.ind)],
        [2, this.policyJsonencode(this.w.ind, true)],
        [1, v(`data.aws_iam_policy_document.${this.someData('aws_iam_policy_document')}.json`)],
        [1, v(`templatefile("${'${'}path.module${'}'}/policies/${name}.json.tftpl", {\n${this.w.ind}${INDENT}bucket_arn = aws_s3_bucket.${this.someResource('aws_s3_bucket')}.arn\n${this.w.ind}${INDENT}queue_arns = jsonencode(aws_sqs_queue.${this.someResource('aws_sqs_queue')}[*].arn)\n${this.w.ind}})`)],
      ]));
    });
  }

  private dataSources(): void {
    const r = this.rng;
    const kind = r.pick(['azs', 'region', 'caller', 'policy_doc', 'subnets', 'archive'] as const);
    switch (kind) {
      case 'azs':
        this.w.block('data', [q('aws_availability_zones'), q(this.fresh('available'))], () => {
          this.attrS('state', 'available');
          if (r.chance(0.4)) {
            this.w.block('filter', [], () => {
              this.attrS('name', 'opt-in-status');
              this.w.attr('values', v('["opt-in-not-required"]'));
            });
          }
        });
        break;
      case 'region':
        this.w.oneLineBlock('data', [q('aws_region'), q(this.fresh('current'))], null);
        break;
      case 'caller':
        this.w.oneLineBlock('data', [q('aws_caller_identity'), q(this.fresh('current'))], null);
        break;
      case 'subnets': {
        const name = this.fresh('private');
        this.decl.data.push(['aws_subnets', name]);
        this.w.block('data', [q('aws_subnets'), q(name)], () => {
          this.w.block('filter', [], () => {
            this.attrS('name', 'vpc-id');
            this.w.attr('values', v(`[var.${this.someVar()}]`));
          });
          this.w.attr('tags', v('{\n' + this.w.ind + INDENT + 'Tier = "private"\n' + this.w.ind + '}'));
        });
        break;
      }
      case 'archive':
        this.w.block('data', [q('archive_file'), q(this.fresh('lambda'))], () => {
          this.attrS('type', 'zip');
          this.w.attr('source_dir', v('"${path.module}/src"', 'quoted'));
          this.w.attr('output_path', v('"${path.module}/build/${var.function_name}.zip"', 'quoted'));
        });
        break;
      case 'policy_doc': {
        const name = this.fresh(r.pick(['assume', 'lambda', 'access']));
        this.decl.data.push(['aws_iam_policy_document', name]);
        this.w.block('data', [q('aws_iam_policy_document'), q(name)], () => {
          for (let i = r.range(1, 3); i > 0; i--) {
            this.w.block('statement', [], () => {
              if (r.chance(0.3)) this.attrS('sid', `Allow${this.word().replace(/^./, (c) => c.toUpperCase())}`);
              if (r.chance(0.2)) this.attrS('effect', 'Allow');
              this.w.attr('actions', v(this.actionsList()));
              if (r.chance(0.3)) {
                this.w.block('principals', [], () => {
                  this.attrS('type', 'Service');
                  this.w.attr('identifiers', v('["lambda.amazonaws.com"]'));
                });
              } else {
                this.w.attr('resources', v(r.pick(['["*"]', `[aws_sqs_queue.${this.someResource('aws_sqs_queue')}.arn]`, `["${'${'}aws_s3_bucket.${this.someResource('aws_s3_bucket')}.arn${'}'}/*"]`])));
              }
              if (r.chance(0.2)) {
                this.w.block('condition', [], () => {
                  this.attrS('test', 'StringEquals');
                  this.attrS('variable', 'aws:SourceVpc');
                  this.w.attr('values', v(`[aws_vpc.${this.someResource('aws_vpc')}.id]`));
                });
              }
            });
          }
        });
        break;
      }
    }
  }

  private moduleCall(): void {
    const r = this.rng;
    const name = this.fresh(r.pick(['vpc', 'lambda', 'network', 'endpoints', 'worker']));
    this.decl.modules.push(name);
    this.w.block('module', [this.label(name)], () => {
      const registry = r.chance(0.6);
      this.attrS('source', registry ? r.pick(['terraform-aws-modules/vpc/aws', 'terraform-aws-modules/lambda/aws', 'terraform-aws-modules/vpc/aws//modules/vpc-endpoints']) : `../modules/${name}`);
      if (registry) this.attrS('version', `~> ${r.range(3, 7)}.${r.range(0, 9)}`);
      this.w.blank();
      this.w.attr('name', v(`"${'${'}local.${this.someLocal()}${'}'}-${name}"`, 'quoted'));
      this.w.attr('cidr', v(`var.${this.someVar()}`));
      this.w.attr('azs', v(r.pick([`slice(data.aws_availability_zones.available.names, 0, 3)`, `local.${this.someLocal()}`, '["eu-west-1a", "eu-west-1b"]'])));
      this.w.attr('private_subnets', v(`[for k, v in local.${this.someLocal()} : cidrsubnet(var.${this.someVar()}, 4, k)]`));
      this.w.attr('enable_nat_gateway', v(r.pick(['true', 'false', `var.${this.someVar()}`])));
      if (r.chance(0.5)) this.w.attr('single_nat_gateway', v(`!local.${this.someLocal()}`));
      if (r.chance(0.4)) this.w.attr('attach_network_policy', v('true'));
      if (r.chance(0.3)) this.w.attr('providers', v(`{\n${this.w.ind}${INDENT}aws = aws.${r.pick(['use1', 'replica', 'shared'])}\n${this.w.ind}}`));
      if (r.chance(0.5)) this.w.attr('tags', this.tagsValue());
    });
  }

  private output(): void {
    const r = this.rng;
    const name = this.fresh(r.pick(['vpc_id', 'private_subnet_ids', 'function_arn', 'endpoint_ids', 'nat_public_ips', 'role_arn', 'subnets_by_az', 'lambda_names']));
    this.w.block('output', [this.label(name)], () => {
      if (r.chance(0.5)) this.attrS('description', this.sentence());
      this.w.attr('value', r.weighted<Value>([
        [2, v(this.ref('resource'))],
        [1, v(`${this.someList()}[*].id`)],
        [1, v(`{ for k, f in aws_lambda_function.${this.someResource('aws_lambda_function')} : k => f.arn }`)],
        [1, v(`aws_nat_gateway.${this.someResource('aws_nat_gateway')}.*.public_ip`)],
        [1, v(`try(aws_vpc_endpoint.${this.someResource('aws_vpc_endpoint')}[0].id, null)`)],
        [2, this.expr(2, this.w.ind)],
      ]));
      if (r.chance(0.15)) this.w.attr('sensitive', v('true'));
    });
  }

  private miscResource(): void {
    const r = this.rng;
    const kind = r.pick(['sqs', 's3', 'dynamodb', 'logs', 'esm', 'rds'] as const);
    const name = this.fresh(this.word());
    switch (kind) {
      case 'sqs':
        this.decl.resources.push(['aws_sqs_queue', name]);
        this.w.block('resource', [q('aws_sqs_queue'), q(name)], () => {
          this.w.attr('name', v(`"${name}-${'${'}var.${this.someVar()}${'}'}${r.chance(0.3) ? '.fifo' : ''}"`, 'quoted'));
          this.w.attr('visibility_timeout_seconds', v(String(r.pick([30, 60, 900]))));
          if (r.chance(0.4)) {
            this.w.attr('redrive_policy', v(`jsonencode({\n${this.w.ind}${INDENT}deadLetterTargetArn = aws_sqs_queue.${this.someResource('aws_sqs_queue')}.arn\n${this.w.ind}${INDENT}maxReceiveCount     = ${r.range(3, 10)}\n${this.w.ind}})`));
          }
        });
        break;
      case 's3':
        this.decl.resources.push(['aws_s3_bucket', name]);
        this.w.block('resource', [q('aws_s3_bucket'), q(name)], () => {
          this.w.attr('bucket', v(`"${name}-${'${'}data.aws_caller_identity.current.account_id${'}'}"`, 'quoted'));
          if (r.chance(0.3)) this.w.attr('force_destroy', v('true'));
        });
        break;
      case 'dynamodb':
        this.w.block('resource', [q('aws_dynamodb_table'), q(name)], () => {
          this.attrS('name', `${name}-table`);
          this.attrS('billing_mode', 'PAY_PER_REQUEST');
          this.attrS('hash_key', 'pk');
          if (r.chance(0.5)) this.attrS('range_key', 'sk');
          for (const key of ['pk', 'sk']) {
            this.w.block('attribute', [], () => {
              this.attrS('name', key);
              this.attrS('type', 'S');
            });
          }
          if (r.chance(0.4)) this.w.oneLineBlock('point_in_time_recovery', [], 'enabled = true');
        });
        break;
      case 'logs':
        this.w.block('resource', [q('aws_cloudwatch_log_group'), q(name)], () => {
          this.w.attr('name', v(`"/aws/lambda/${'${'}aws_lambda_function.${this.someResource('aws_lambda_function')}.function_name${'}'}"`, 'quoted'));
          this.w.attr('retention_in_days', v(r.chance(0.5) ? String(r.pick([7, 14, 30, 90])) : `var.${this.someVar()}`));
        });
        break;
      case 'esm':
        this.w.block('resource', [q('aws_lambda_event_source_mapping'), q(name)], () => {
          this.w.attr('event_source_arn', v(`aws_sqs_queue.${this.someResource('aws_sqs_queue')}.arn`));
          this.w.attr('function_name', v(r.chance(0.7) ? `aws_lambda_function.${this.someResource('aws_lambda_function')}.arn` : q(`${this.word()}-handler`)));
          this.w.attr('batch_size', v(String(r.pick([1, 10, 100]))));
          if (r.chance(0.3)) this.w.oneLineBlock('scaling_config', [], `maximum_concurrency = ${r.range(2, 50)}`);
        });
        break;
      case 'rds':
        this.w.block('resource', [q('aws_db_instance'), q(name)], () => {
          this.attrS('identifier', `${name}-db`);
          this.attrS('engine', r.pick(['postgres', 'mysql']));
          this.attrS('instance_class', 'db.t4g.micro');
          this.w.attr('allocated_storage', v('20'));
          this.w.attr('publicly_accessible', v(r.chance(0.2) ? 'true' : 'false'));
          this.w.attr('vpc_security_group_ids', v(`[aws_security_group.${this.someResource('aws_security_group')}.id]`));
          this.w.attr('password', v('random_password.db.result'), '# never a literal');
        });
        break;
    }
  }

  /** User data / config files rendered from heredoc templates with directives. */
  private templated(): void {
    const r = this.rng;
    const name = this.fresh(r.pick(['bastion', 'proxy', 'nat_instance']));
    this.w.block('resource', [q('aws_instance'), q(name)], () => {
      this.w.attr('ami', v(`data.aws_ami.${r.pick(['al2023', 'ubuntu'])}.id`));
      this.attrS('instance_type', r.pick(['t3.micro', 't4g.nano']));
      this.w.attr('subnet_id', v(`aws_subnet.${this.someResource('aws_subnet')}[0].id`));
      this.w.attr('user_data', this.heredocTemplate(this.w.ind));
      if (r.chance(0.5)) this.w.attr('source_dest_check', v('false'));
    });
  }

  /** A locals block full of assorted expressions, to cover the grammar. */
  private expressionZoo(): void {
    const r = this.rng;
    this.w.block('locals', [], () => {
      for (let i = r.range(2, 6); i > 0; i--) {
        const name = this.fresh(r.chance(0.03) ? 'café' : r.pick(['computed', 'derived', 'lookup_table', 'flags', 'message', 'matrix', 'grouped', 'selected']));
        this.decl.locals.push(name);
        const value = r.weighted<() => Value>([
          [5, () => this.expr(4, this.w.ind)],
          [2, () => this.quotedTemplate(2)],
          [1, () => this.heredocTemplate(this.w.ind)],
          [1, () => this.heredocArgument(this.w.ind)],
        ])();
        this.w.attr(name, value, r.chance(0.08) ? `// ${r.pick(COMMENTS)}` : r.chance(0.05) ? `/* ${this.word()} */` : undefined);
      }
    });
  }

  private filler(): void {
    const r = this.rng;
    const n = r.range(1, 4);
    for (let i = 0; i < n; i++) {
      const style = r.pick(['#', '//', '/*'] as const);
      if (style === '/*' && r.chance(0.5)) this.w.comment('/*', `${r.pick(COMMENTS)}\n${r.pick(COMMENTS)}\n${r.pick(COMMENTS)}`);
      else this.w.comment(style, r.pick(COMMENTS));
    }
    if (r.chance(0.3)) this.w.comment('#', '-'.repeat(r.range(20, 70)));
  }

  // ---- values ------------------------------------------------------------

  private attrS(name: string, s: string): void {
    this.w.attr(name, quoted(q(s)));
  }

  private sentence(): string {
    const r = this.rng;
    const s = `${r.pick(['The', 'Which', 'Optional', 'Map of'])} ${this.word()} ${r.pick(['subnets', 'settings', 'CIDR blocks', 'names', 'tags', 'ARNs'])}`;
    return r.chance(0.15) ? `${s} (${r.pick(UNICODE)})` : s;
  }

  private tagsValue(): Value {
    const r = this.rng;
    const entries: Array<[string, Value]> = [];
    const keys = ['Environment', 'Team', 'Project', 'ManagedBy', 'Owner', '"cost-center"', 'cost-center', '"kubernetes.io/role/internal-elb"', 'Service'];
    const n = r.range(1, 4);
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const k = r.pick(keys);
      const norm = k.replace(/"/g, '');
      if (seen.has(norm)) continue;
      seen.add(norm);
      entries.push([k, r.weighted<Value>([
        [2, quoted(q(r.pick(ENVS)))],
        [1, v(`var.${this.someVar()}`)],
        [1, quoted(q(r.pick(['terraform', 'platform', `${this.word()}-team`, r.pick(UNICODE)])))],
        [1, v('"${terraform.workspace}"', 'quoted')],
      ])]);
    }
    if (r.chance(0.4)) return v(`{ ${entries.map(([k, x]) => `${k} = ${x.text}`).join(', ')} }`);
    return this.multilineObject(entries);
  }

  /** `{\n  key = value\n}` with aligned `=` like `terraform fmt`, at the writer's current indentation. */
  private multilineObject(entries: Array<[string, Value]>, sep = '='): Value {
    const ind = this.w.ind;
    const width = Math.max(0, ...entries.map(([k]) => k.length));
    const lines = entries.map(([k, x]) => `${ind}${INDENT}${k.padEnd(width)} ${sep} ${x.text}`);
    return v(`{\n${lines.join('\n')}\n${ind}}`);
  }

  private subnetMapValue(): Value {
    const r = this.rng;
    const ind = this.w.ind;
    const n = r.range(1, 3);
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      const az = `${r.pick(REGIONS)}${'abc'[i]}`;
      lines.push(`${ind}${INDENT}${q(az)} = { cidr = "10.0.${i * 16}.0/20", az = "${az}"${r.chance(0.3) ? ', public = true' : ''} }`);
    }
    return v(`{\n${lines.join('\n')}\n${ind}}`);
  }

  private envVariables(): Value {
    const r = this.rng;
    const entries: Array<[string, Value]> = [];
    const candidates: Array<[string, () => Value]> = [
      ['TABLE_NAME', () => v(`aws_dynamodb_table.${this.word()}.name`)],
      ['QUEUE_URL', () => v(`aws_sqs_queue.${this.someResource('aws_sqs_queue')}.url`)],
      ['BUCKET', () => v(`aws_s3_bucket.${this.someResource('aws_s3_bucket')}.id`)],
      ['SECRET_ARN', () => v(`aws_secretsmanager_secret.${this.word()}.arn`)],
      ['LOG_LEVEL', () => quoted(q(r.pick(['INFO', 'DEBUG', 'WARN'])))],
      ['DB_HOST', () => v(`aws_db_instance.${this.word()}.address`)],
      ['STAGE', () => v(`var.${this.someVar()}`)],
      ['GREETING', () => quoted(q(`Hello ${r.pick(UNICODE)}`))],
      ['ENDPOINT', () => v(`"https://${'${'}aws_vpc_endpoint.${this.someResource('aws_vpc_endpoint')}.dns_entry[0].dns_name${'}'}"`, 'quoted')],
      ['FEATURE_FLAGS', () => v(`jsonencode({ beta = ${r.chance(0.5)}, regions = [${r.pick(REGIONS).split(',').map(q).join(', ')}] })`)],
    ];
    for (const [k, f] of candidates) if (r.chance(0.35)) entries.push([k, f()]);
    if (entries.length === 0) entries.push(['LOG_LEVEL', quoted('"INFO"')]);
    if (r.chance(0.2)) return v(`merge(local.${this.someLocal()}, ${this.multilineObject(entries).text})`);
    return this.multilineObject(entries);
  }

  private actionsList(): string {
    const r = this.rng;
    const pool = ['s3:GetObject', 's3:PutObject', 'sqs:SendMessage', 'sqs:ReceiveMessage', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'secretsmanager:GetSecretValue', 'kms:Decrypt', 'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'logs:CreateLogStream', 'logs:PutLogEvents', 'sns:Publish', 'sts:AssumeRole', 'ssm:GetParameter', 'execute-api:Invoke'];
    const n = r.range(1, 4);
    const acts = new Set<string>();
    for (let i = 0; i < n; i++) acts.add(r.pick(pool));
    return `[${[...acts].map(q).join(', ')}]`;
  }

  /** `jsonencode({ Version = "2012-10-17", Statement = [...] })` for a trust policy. */
  private trustPolicy(ind: string): Value {
    const r = this.rng;
    const i1 = ind + INDENT;
    const i2 = i1 + INDENT;
    const colon = r.chance(0.2);
    const s = colon ? ':' : '=';
    return v(
      `jsonencode({\n` +
        `${i1}Version ${s} "2012-10-17"\n` +
        `${i1}Statement ${s} [{\n` +
        `${i2}Effect ${s} "Allow"\n` +
        `${i2}Principal ${s} { Service ${s} "lambda.amazonaws.com" }\n` +
        `${i2}Action ${s} "sts:AssumeRole"\n` +
        `${i1}}]\n` +
        `${ind}})`,
    );
  }

  private policyJsonencode(ind: string, permissions: boolean): Value {
    const r = this.rng;
    const i1 = ind + INDENT;
    const i2 = i1 + INDENT;
    const i3 = i2 + INDENT;
    const stmts: string[] = [];
    for (let n = r.range(1, 3); n > 0; n--) {
      const resource = r.pick(['"*"', `aws_sqs_queue.${this.someResource('aws_sqs_queue')}.arn`, `"${'${'}aws_s3_bucket.${this.someResource('aws_s3_bucket')}.arn${'}'}/*"`, `[for t in aws_dynamodb_table.${this.word()} : t.arn]`]);
      stmts.push(
        `${i2}{\n${i3}Effect   = "${permissions || r.chance(0.8) ? 'Allow' : 'Deny'}"\n${i3}Action   = ${this.actionsList()}\n${i3}Resource = ${resource}\n${i2}}`,
      );
    }
    return v(`jsonencode({\n${i1}Version = "2012-10-17"\n${i1}Statement = [\n${stmts.join(',\n')}${r.chance(0.5) ? ',' : ''}\n${i1}]\n${ind}})`);
  }

  /** A JSON policy in a heredoc (`<<EOF` or `<<-EOF`) with interpolations. */
  private policyHeredoc(ind: string): Value {
    const r = this.rng;
    const indented = r.chance(0.5);
    const marker = r.pick(['EOF', 'POLICY', 'EOT', 'JSON']);
    const base = indented ? ind + INDENT : '';
    const lines = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Effect": "Allow",',
      `      "Action": ${this.actionsList().replace(/", "/g, '","')},`,
      `      "Resource": "${'${'}aws_sqs_queue.${this.someResource('aws_sqs_queue')}.arn${'}'}"`,
      '    }',
      '  ]',
      '}',
    ];
    const body = lines.map((l) => base + l).join('\n');
    return v(`<<${indented ? '-' : ''}${marker}\n${body}\n${indented ? ind : ''}${marker}`, 'heredoc');
  }

  /** A shell script heredoc with interpolations, `%{for}`/`%{if}` directives and strip markers. */
  private heredocTemplate(ind: string): Value {
    const r = this.rng;
    const indented = r.chance(0.6);
    const marker = r.pick(['EOT', 'EOF', 'USERDATA', 'SCRIPT']);
    const base = indented ? ind + INDENT : '';
    const tl = (): string => (r.chance(0.5) ? '~' : '');
    const lines: string[] = ['#!/bin/bash', 'set -euo pipefail'];
    const n = r.range(2, 6);
    for (let i = 0; i < n; i++) {
      lines.push(...r.weighted<() => string[]>([
        [3, () => [`echo "${this.plainText(false)} ${'${'}${this.simpleRef()}${'}'}"`]],
        [2, () => {
          const it = r.pick(['name', 'ip', 'az']);
          return [`%{ for ${it} in ${this.someList()} ${tl()}}`, `echo "${'${'}${it}${'}'}" >> /etc/hosts`, `%{ endfor ${tl()}}`];
        }],
        [2, () => [`%{${tl()} if var.${this.someVar()} ${tl()}}`, `export FEATURE=on`, `%{ else }`, `export FEATURE=off`, `%{ endif ${tl()}}`]],
        [1, () => [`grep -E '^[0-9]+\\.[0-9]+' /tmp/versions | sed 's/\\s\\+/ /g'`]],
        [1, () => [`aws s3 cp s3://${'${'}aws_s3_bucket.${this.someResource('aws_s3_bucket')}.id${'}'}/config.json /etc/app/ --region ${'${'}var.region${'}'}`]],
        [1, () => ['# literal: $${HOME} and %%{ not a directive }']],
        [1, () => [`echo "${r.pick(UNICODE)} ${r.pick(UNICODE)}"`]],
        [1, () => [`  indented ${'${'}~ upper(var.${this.someVar()}) ~${'}'} line`]],
        [1, () => ['']],
      ])());
    }
    const body = lines.map((l) => (l === '' ? '' : base + l)).join('\n');
    return v(`<<${indented ? '-' : ''}${marker}\n${body}\n${indented ? ind : ''}${marker}`, 'heredoc');
  }

  /** A heredoc as a function argument: `trimspace(<<-EOT ... EOT\n)`; the call closes on the next line. */
  private heredocArgument(ind: string): Value {
    const r = this.rng;
    const fn = r.pick(['trimspace', 'chomp', 'yamldecode', 'base64encode']);
    const body = [`${ind}${INDENT}${INDENT}name: ${this.word()}`, `${ind}${INDENT}${INDENT}region: ${'${'}var.${this.someVar()}${'}'}`, `${ind}${INDENT}${INDENT}note: ${r.pick(UNICODE)}`];
    return v(`${fn}(<<-YAML\n${body.join('\n')}\n${ind}${INDENT}YAML\n${ind})`);
  }

  // ---- expressions -------------------------------------------------------

  /**
   * A random expression. `d` bounds the nesting depth. `ind` is the indentation of the line the
   * expression starts on when it may span lines (inside brackets), or null when it must stay on
   * one line (inside template interpolations).
   */
  private expr(d: number, ind: string | null): Value {
    const r = this.rng;
    if (d <= 0) return this.atom();
    return r.weighted<() => Value>([
      [4, () => this.atom()],
      [3, () => v(this.ref('any'))],
      [2, () => this.call(d, ind)],
      [2, () => this.tuple(d, ind)],
      [2, () => this.object(d, ind)],
      [2, () => v(this.conditional(d))],
      [2, () => v(this.binary(d))],
      [1, () => {
        const op = r.pick(['!', '-']);
        return v(`${op}${this.operand(d - 1, op === '!')}`);
      }],
      [2, () => v(this.forExpr(d, ind))],
      [1, () => v(this.splat())],
      [2, () => this.quotedTemplate(d - 1)],
      [1, () => v(`(${this.expr(d - 1, null).text})`)],
    ])();
  }

  private atom(): Value {
    const r = this.rng;
    return r.weighted<() => Value>([
      [3, () => v(String(r.pick([0, 1, 2, 3, 8, 16, 24, 443, 65535, 1024, 100, 7])))],
      [1, () => v(r.pick(['1.5', '0.25', '3.14159', '1e3', '2.5E-3', '10.0', '6.02e23']))],
      [2, () => v(r.pick(['true', 'false']))],
      [1, () => v('null')],
      [4, () => quoted(q(this.plainText(true)))],
      [2, () => v(this.simpleRef())],
    ])();
  }

  /** An operand for a binary/unary operator: simple things, or anything parenthesised. */
  private operand(d: number, boolish: boolean): string {
    const r = this.rng;
    if (d > 0 && r.chance(0.3)) return `(${r.chance(0.5) ? this.binary(d) : this.conditional(d)})`;
    if (boolish) return r.pick([this.simpleRef(), 'true', `contains(${this.someList()}, "${this.word()}")`, `can(${this.simpleRef()})`]);
    return r.pick([this.simpleRef(), String(r.range(0, 300)), `length(${this.someList()})`, 'count.index', '1.5']);
  }

  private binary(d: number): string {
    const r = this.rng;
    const op = r.pick(['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||'] as const);
    const boolish = op === '&&' || op === '||';
    const left = this.operand(d - 1, boolish);
    const right = op === '==' || op === '!=' ? (r.chance(0.5) ? q(r.pick(ENVS)) : this.operand(d - 1, false)) : this.operand(d - 1, boolish);
    // Occasionally chain a second operator without parentheses, to exercise precedence.
    const chain = r.chance(0.25) ? ` ${r.pick(['+', '*', '&&', '||', '-'])} ${this.operand(0, false)}` : '';
    return `${left} ${op} ${right}${chain}`;
  }

  private conditional(d: number): string {
    const r = this.rng;
    const cond = r.chance(0.5) ? `${this.simpleRef()} ${r.pick(['==', '!='])} ${q(r.pick(ENVS))}` : this.operand(d - 1, true);
    const arm = (): string => (r.chance(0.7) ? this.atom().text : this.operand(d - 1, false));
    // Nested conditional in the else arm (right-associative) now and then.
    const otherwise = r.chance(0.15) ? `${this.simpleRef()} ? ${arm()} : ${arm()}` : arm();
    return `${cond} ? ${arm()} : ${otherwise}`;
  }

  private call(d: number, ind: string | null): Value {
    const r = this.rng;
    const kind = r.weighted<string>([
      [3, 'unary'],
      [3, 'binary'],
      [2, 'cidr'],
      [1, 'format'],
      [1, 'expand'],
      [1, 'provider'],
      [1, 'lookup'],
      [1, 'multiline'],
      [1, 'nullary'],
    ]);
    switch (kind) {
      case 'unary':
        return v(`${r.pick(FUNCS_UNARY)}(${this.expr(d - 1, null).text})`);
      case 'binary':
        return v(`${r.pick(FUNCS_BINARY)}(${this.expr(d - 1, null).text}, ${this.expr(d - 1, null).text})`);
      case 'cidr':
        return v(`cidrsubnet(var.${this.someVar()}, ${r.range(2, 8)}, ${r.pick(['count.index', 'each.value.index', String(r.range(0, 15)), 'i + 1'])})`);
      case 'format':
        return v(`format("%s-%s-%03d", var.${this.someVar()}, ${q(this.word())}, ${r.range(1, 99)})`);
      case 'expand':
        return v(`${r.pick(['concat', 'merge', 'max', 'min', 'setunion'])}(${this.simpleRef()}...)`);
      case 'provider':
        return v(`provider::${r.pick(['aws::arn_parse', 'aws::arn_build', 'terraform::encode_tfvars'])}(${this.simpleRef()})`);
      case 'lookup':
        return v(`lookup(${this.simpleRef()}, ${q(this.word())}, ${this.atom().text})`);
      case 'nullary':
        return v(r.pick(['timestamp()', 'uuid()', 'plantimestamp()']));
      default: {
        if (ind === null) return v(`coalesce(${this.simpleRef()}, ${this.atom().text})`);
        const i1 = ind + INDENT;
        const args = Array.from({ length: r.range(2, 3) }, () => i1 + this.expr(d - 1, i1).text);
        return v(`${r.pick(['merge', 'concat', 'coalescelist', 'try'])}(\n${args.join(',\n')}${r.chance(0.3) ? ',' : ''}\n${ind})`);
      }
    }
  }

  private tuple(d: number, ind: string | null): Value {
    const r = this.rng;
    const n = r.range(0, 4);
    const elems = Array.from({ length: n }, () => this.expr(d - 1, ind === null ? null : ind + INDENT).text);
    if (ind === null || n === 0 || r.chance(0.5)) return v(`[${elems.join(', ')}${n > 0 && r.chance(0.1) ? ',' : ''}]`);
    const i1 = ind + INDENT;
    const withComment = (e: string): string => (r.chance(0.1) ? `${e}, # ${this.word()}` : `${e},`);
    return v(`[\n${elems.map((e) => i1 + withComment(e)).join('\n')}\n${ind}]`);
  }

  private object(d: number, ind: string | null): Value {
    const r = this.rng;
    const n = r.range(0, 4);
    const sep = r.chance(0.2) ? ':' : '=';
    const seen = new Set<string>();
    const items: string[] = [];
    for (let i = 0; i < n; i++) {
      const key = r.weighted<() => string>([
        [5, () => r.pick(['name', 'cidr', 'az', 'enabled', 'port', 'subnet_ids', 'cost-center', 'Name', 'value', 'tier'])],
        [2, () => q(r.pick(['kubernetes.io/role', 'a b', 'Zürich', this.word(), 'x.y']))],
        [1, () => `(${this.simpleRef()})`],
        [1, () => `"${'${'}${this.simpleRef()}${'}'}-key"`],
      ])();
      if (seen.has(key)) continue;
      seen.add(key);
      items.push(`${key} ${sep} ${this.expr(d - 1, ind === null ? null : ind + INDENT).text}`);
    }
    if (ind === null || items.length === 0 || r.chance(0.4)) return v(`{${items.length ? ' ' + items.join(', ') + ' ' : ''}}`);
    const i1 = ind + INDENT;
    return v(`{\n${items.map((it) => i1 + it + (r.chance(0.2) ? ',' : '')).join('\n')}\n${ind}}`);
  }

  private forExpr(d: number, ind: string | null): string {
    const r = this.rng;
    const two = r.chance(0.5);
    const k = r.pick(['k', 'key', 'i', 'idx']);
    const val = r.pick(['v', 's', 'subnet', 'x', 'item']);
    const head = `for ${two ? `${k}, ` : ''}${val} in ${r.pick([this.someList(), `var.${this.someVar()}`, `local.${this.someLocal()}`, `toset(${this.someList()})`, `[1, 2, 3]`])} :`;
    const cond = r.chance(0.35) ? ` if ${r.pick([`${val} != null`, `${val}.enabled`, `!${val}.public`, `${two ? k : val} != "${this.word()}"`, `length(${val}) > 0`])}` : '';
    const valueExpr = r.pick([val, `${val}.id`, `${val}.cidr_block`, `upper(${val})`, `"${'${'}${val}${'}'}-${this.word()}"`, `${val}[0]`, `${val} * 2`]);
    if (r.chance(0.5)) {
      const body = `[${head} ${valueExpr}${cond}]`;
      return d > 2 && ind !== null && r.chance(0.2) ? `[\n${ind}${INDENT}${head}\n${ind}${INDENT}${valueExpr}${cond}\n${ind}]` : body;
    }
    const keyExpr = r.pick([two ? k : val, `${val}.availability_zone`, `${val}.name`, `"${'${'}${two ? k : val}${'}'}"`]);
    const group = r.chance(0.25) ? '...' : '';
    return `{${head} ${keyExpr} => ${valueExpr}${group}${cond}}`;
  }

  private splat(): string {
    const r = this.rng;
    const src = r.pick([`aws_subnet.${this.someResource('aws_subnet')}`, `var.${this.someVar()}`, `aws_nat_gateway.${this.someResource('aws_nat_gateway')}`, `module.${this.someModule()}.subnets`]);
    return r.pick([`${src}[*]`, `${src}[*].id`, `${src}.*.id`, `${src}[*].tags.Name`, `${src}.*.tags["Name"]`, `${src}[*].ids[0]`, `length(${src}[*].id)`]);
  }

  /** A quoted string template with interpolations and directives (one line). */
  private quotedTemplate(d: number): Value {
    const r = this.rng;
    let s = '"';
    const n = r.range(1, 4);
    for (let i = 0; i < n; i++) {
      s += r.weighted<() => string>([
        [4, () => this.plainText(true)],
        [3, () => `${'${'}${r.chance(0.2) ? '~ ' : ''}${d > 0 ? this.expr(Math.min(d, 2), null).text : this.simpleRef()}${r.chance(0.2) ? ' ~' : ''}}`],
        [1, () => `%{ if ${this.simpleRef()} }${this.plainText(true)}%{ else }${this.word()}%{ endif }`],
        [1, () => {
          const it = r.pick(['x', 'name']);
          return `%{${r.chance(0.3) ? '~' : ''} for ${it} in ${this.someList()} }${'${'}${it}${'}'},%{ endfor ${r.chance(0.3) ? '~' : ''}}`;
        }],
        [1, () => r.pick(['$${literal}', '%%{not_a_directive}', '\\n', '\\t', '\\"quoted\\"', '\\\\', '\\u00e9', '\\U0001F680', '\\r'])],
      ])();
    }
    return v(s + '"', 'quoted');
  }

  /** Literal text for a string: words, punctuation and unicode; never `${`, `%{` or characters needing escapes unless `escapes`. */
  private plainText(escapes: boolean): string {
    const r = this.rng;
    const parts: string[] = [];
    for (let i = r.range(1, 4); i > 0; i--) {
      parts.push(r.weighted<() => string>([
        [6, () => this.word()],
        [2, () => r.pick(ENVS)],
        [1, () => r.pick(UNICODE)],
        [1, () => r.pick(['10.0.0.0/16', 'arn:aws:s3:::bucket/*', 'a-b_c.d', '50% off', 'cost: $5', '#not-a-comment', '//not-a-comment', '/*not*/', "it's"])],
        [escapes ? 1 : 0, () => r.pick(['\\n', '\\"', '\\\\', '\\t', '\\u2713'])],
      ])());
    }
    return parts.join(r.pick([' ', '-', '_', '/']));
  }

  // ---- references --------------------------------------------------------

  private someVar(): string {
    return this.decl.vars.length > 0 && this.rng.chance(0.85) ? this.rng.pick(this.decl.vars) : this.rng.pick(['region', 'environment', 'vpc_cidr', 'subnet_ids']);
  }

  private someLocal(): string {
    return this.decl.locals.length > 0 && this.rng.chance(0.85) ? this.rng.pick(this.decl.locals) : this.rng.pick(['common_tags', 'name_prefix', 'azs']);
  }

  private someResource(type: string): string {
    const names = this.decl.resources.filter(([t]) => t === type).map(([, n]) => n);
    return names.length > 0 && this.rng.chance(0.85) ? this.rng.pick(names) : this.rng.pick(['main', 'this', 'private', 'lambda']);
  }

  private someData(type: string): string {
    const names = this.decl.data.filter(([t]) => t === type).map(([, n]) => n);
    return names.length > 0 ? this.rng.pick(names) : 'lambda';
  }

  private someModule(): string {
    return this.decl.modules.length > 0 ? this.rng.pick(this.decl.modules) : this.rng.pick(['vpc', 'network']);
  }

  private someList(): string {
    return this.rng.pick([`var.${this.someVar()}`, `local.${this.someLocal()}`, `aws_subnet.${this.someResource('aws_subnet')}`, `data.aws_subnets.private.ids`, `module.${this.someModule()}.private_subnets`]);
  }

  private azList(): string {
    return this.rng.pick(['data.aws_availability_zones.available.names', 'local.azs', `var.${this.someVar()}`]);
  }

  /** A traversal without splats: `var.x`, `aws_subnet.a[0].id`, `each.value.cidr`, `a.0.b` (legacy index). */
  private simpleRef(): string {
    const r = this.rng;
    return r.weighted<() => string>([
      [3, () => `var.${this.someVar()}`],
      [3, () => `local.${this.someLocal()}`],
      [2, () => `aws_subnet.${this.someResource('aws_subnet')}[${r.pick(['0', 'count.index', '"a"', 'each.key'])}].id`],
      [1, () => `aws_subnet.${this.someResource('aws_subnet')}.${r.range(0, 2)}.id`],
      [1, () => r.pick(['each.value', 'each.key', 'count.index', 'path.module', 'terraform.workspace', 'each.value.cidr'])],
      [1, () => `data.aws_region.current.name`],
      [1, () => `module.${this.someModule()}.${r.pick(['vpc_id', 'private_subnets', 'outputs.ids'])}`],
      [1, () => `var.${this.someVar()}["${this.word()}"].${r.pick(['id', 'cidr', 'subnets[0]'])}`],
    ])();
  }

  private ref(scope: 'var' | 'resource' | 'any'): string {
    if (scope === 'var') return `var.${this.someVar()}`;
    if (scope === 'resource') {
      const r = this.rng;
      if (this.decl.resources.length > 0) {
        const [t, n] = r.pick(this.decl.resources);
        return `${t}.${n}.${r.pick(['id', 'arn', 'name'])}`;
      }
      return `aws_vpc.main.id`;
    }
    return this.rng.chance(0.6) ? this.simpleRef() : this.ref('resource');
  }
}

function v(text: string, kind: Value['kind'] = 'other'): Value {
  return { text, kind };
}

function quoted(text: string): Value {
  return { text, kind: 'quoted' };
}
