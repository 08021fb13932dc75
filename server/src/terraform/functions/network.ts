// IP network functions: cidrsubnet, cidrsubnets, cidrhost, cidrnetmask (IPv4 and IPv6),
// with the arithmetic Terraform uses (BigInt, so IPv6 is exact).
import { list, str, type Value } from '../values';
import { fail, type FnContext, type FnTable } from './types';

interface Prefix {
  /** The network address (host bits cleared). */
  ip: bigint;
  len: number;
  /** 32 or 128. */
  bits: number;
}

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseIPv6(s: string): bigint | undefined {
  // An embedded IPv4 tail (::ffff:1.2.3.4), the part after the last colon, becomes two groups. (Found by
  // position rather than with `/(\d+\.\d+\.\d+\.\d+)$/`, which backtracks quadratically on long digit runs.)
  let text = s;
  const lastColon = text.lastIndexOf(':');
  if (text.indexOf('.', lastColon + 1) >= 0) {
    const n = parseIPv4(text.slice(lastColon + 1));
    if (n === undefined) return undefined;
    text = text.slice(0, lastColon + 1) + ((n >> 16n) & 0xffffn).toString(16) + ':' + (n & 0xffffn).toString(16);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const tail = halves.length === 2 ? (halves[1] === '' ? [] : halves[1].split(':')) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  return v;
}

function parsePrefix(s: string): Prefix | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const addr = s.slice(0, slash);
  const lenText = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lenText)) return undefined;
  const len = Number(lenText);
  const isV6 = addr.includes(':');
  const bits = isV6 ? 128 : 32;
  const ip = isV6 ? parseIPv6(addr) : parseIPv4(addr);
  if (ip === undefined || len > bits) return undefined;
  return { ip: ip & mask(len, bits), len, bits };
}

function mask(len: number, bits: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return len === 0 ? 0n : (all << BigInt(bits - len)) & all;
}

function hostMask(len: number, bits: number): bigint {
  return ((1n << BigInt(bits)) - 1n) ^ mask(len, bits);
}

function formatIP(ip: bigint, bits: number): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((ip >> s) & 0xffn)).join('.');
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((ip >> BigInt(i * 16)) & 0xffffn));
  // Longest run (first on ties) of two or more zero groups becomes `::`.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return hex.slice(0, best).join(':') + '::' + hex.slice(best + bestLen).join(':');
}

function prefixArg(v: Value, ctx: FnContext): Prefix | Value {
  if (v.kind !== 'string') return fail(ctx, 'prefix must be a string', 'string');
  const p = parsePrefix(v.value);
  return p ?? fail(ctx, `invalid CIDR expression ${JSON.stringify(v.value)}`, 'string');
}

function intArg(v: Value, ctx: FnContext, what: string): bigint | Value {
  if (v.kind === 'string' && /^-?\d+$/.test(v.value.trim())) return BigInt(v.value.trim());
  if (v.kind !== 'number' || !Number.isInteger(v.value)) return fail(ctx, `${what} must be a whole number`);
  return BigInt(v.value);
}

function subnet(p: Prefix, newbits: bigint, netnum: bigint, ctx: FnContext): Value {
  const newLen = BigInt(p.len) + newbits;
  if (newbits < 0n || newLen > BigInt(p.bits)) return fail(ctx, `insufficient address space to extend prefix of ${p.len} by ${newbits}`, 'string');
  if (netnum < 0n || netnum >= 1n << newbits) return fail(ctx, `prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`, 'string');
  const ip = p.ip | (netnum << (BigInt(p.bits) - newLen));
  return str(`${formatIP(ip, p.bits)}/${newLen}`);
}

export const networkFunctions: FnTable = {
  cidrsubnet: {
    min: 3,
    max: 3,
    returns: 'string',
    impl([pv, nb, nn], ctx) {
      const p = prefixArg(pv, ctx);
      if ('kind' in p) return p;
      const newbits = intArg(nb, ctx, 'newbits');
      if (typeof newbits !== 'bigint') return newbits;
      const netnum = intArg(nn, ctx, 'netnum');
      if (typeof netnum !== 'bigint') return netnum;
      return subnet(p, newbits, netnum, ctx);
    },
  },

  cidrhost: {
    min: 2,
    max: 2,
    returns: 'string',
    impl([pv, hn], ctx) {
      const p = prefixArg(pv, ctx);
      if ('kind' in p) return p;
      let host = intArg(hn, ctx, 'hostnum');
      if (typeof host !== 'bigint') return host;
      const size = 1n << BigInt(p.bits - p.len);
      if (host < 0n) host += size;
      if (host < 0n || host >= size) return fail(ctx, `prefix of ${p.len} does not accommodate a host numbered ${intArg(hn, ctx, 'hostnum')}`, 'string');
      return str(formatIP(p.ip | host, p.bits));
    },
  },

  cidrnetmask: {
    min: 1,
    max: 1,
    returns: 'string',
    impl([pv], ctx) {
      const p = prefixArg(pv, ctx);
      if ('kind' in p) return p;
      if (p.bits !== 32) return fail(ctx, 'IPv6 addresses cannot have a netmask', 'string');
      return str(formatIP(mask(p.len, 32), 32));
    },
  },

  cidrsubnets: {
    min: 1,
    max: -1,
    returns: 'list',
    impl([pv, ...nbs], ctx) {
      const p = prefixArg(pv, ctx);
      if ('kind' in p) return p;
      const total = 1n << BigInt(p.bits);
      const out: Value[] = [];
      // Like Terraform: the first subnet starts at the network address; each next one is the
      // next aligned block of its size after the previous one.
      let curIp = p.ip;
      let curLen = p.len;
      for (let i = 0; i < nbs.length; i++) {
        const nb = intArg(nbs[i], ctx, 'newbits');
        if (typeof nb !== 'bigint') return nb;
        const len = p.len + Number(nb);
        if (nb < 1n || len > p.bits) return fail(ctx, `would extend prefix to ${len} bits, which is too long`, 'list');
        let next = p.ip;
        if (i > 0) {
          const last = curIp | hostMask(curLen, p.bits);
          const block = last & mask(len, p.bits);
          next = (block | hostMask(len, p.bits)) + 1n;
          if (next >= total || (next & mask(p.len, p.bits)) !== p.ip) return fail(ctx, 'not enough remaining address space', 'list');
        }
        curIp = next;
        curLen = len;
        out.push(str(`${formatIP(next, p.bits)}/${len}`));
      }
      return list(out);
    },
  },
};
