// Encoding functions: jsonencode, jsondecode, base64encode, base64decode, urlencode.
//
// jsonencode of a partly known value (a policy whose Resource is an ARN known only after
// apply) is an unknown string that remembers what it encodes (`UnknownValue.jsonOf`), so
// the network layer can still read the policy's actions; jsondecode gives that value back.
import { fromJSON, isWhollyKnown, reasonsOf, str, toJSON, unknownWith, type Value } from '../values';
import { fail, limit, propagate, type FnTable } from './types';

/** JSON text as Terraform's jsonencode writes it: compact, keys sorted, `<`, `>`, `&` escaped. */
export function encodeJson(v: Value): string {
  return (JSON.stringify(toJSON(v)) ?? 'null')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export const encodingFunctions: FnTable = {
  jsonencode: {
    min: 1,
    max: 1,
    returns: 'string',
    partial: true,
    impl([v], ctx) {
      if (v.kind === 'resource' || v.kind === 'module') return propagate([v], 'string');
      if (!isWhollyKnown(v)) return unknownWith(reasonsOf(v), { type: 'string', jsonOf: v });
      const s = encodeJson(v);
      return s.length > ctx.limits.maxStringLength ? limit(ctx, 'jsonencode result too long', 'string') : str(s);
    },
  },

  jsondecode: {
    min: 1,
    max: 1,
    returns: 'dynamic',
    partial: true,
    impl([v], ctx) {
      if (v.kind === 'unknown') return v.jsonOf ?? propagate([v], 'dynamic');
      if (v.kind !== 'string') return fail(ctx, 'jsondecode needs a string');
      try {
        return fromJSON(JSON.parse(v.value));
      } catch {
        return fail(ctx, 'invalid JSON');
      }
    },
  },

  base64encode: {
    min: 1,
    max: 1,
    returns: 'string',
    impl([v], ctx) {
      if (v.kind !== 'string') return fail(ctx, 'base64encode needs a string', 'string');
      return str(Buffer.from(v.value, 'utf8').toString('base64'));
    },
  },

  base64decode: {
    min: 1,
    max: 1,
    returns: 'string',
    impl([v], ctx) {
      if (v.kind !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v.value) || v.value.length % 4 !== 0) {
        return fail(ctx, 'invalid base64 data', 'string');
      }
      const bytes = Buffer.from(v.value, 'base64');
      const text = bytes.toString('utf8');
      if (Buffer.from(text, 'utf8').length !== bytes.length || text.includes('\uFFFD')) return fail(ctx, 'decoded data is not valid UTF-8', 'string');
      return str(text);
    },
  },

  urlencode: {
    min: 1,
    max: 1,
    returns: 'string',
    impl([v], ctx) {
      if (v.kind !== 'string') return fail(ctx, 'urlencode needs a string', 'string');
      // Go's url.QueryEscape: space → '+', unreserved kept, everything else %XX.
      return str(encodeURIComponent(v.value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, '+'));
    },
  },
};
