// The aws provider configuration a resource or data source uses: `provider = aws.<alias>` on the block, the
// module's own provider blocks (legacy configurations in child modules), the `providers` map of the module calls on
// the way up, else the parent's default configuration. Its `region` is the instance's Region.

import type { Expr } from '../hcl/ast';
import { headerSpan, layerAttribute } from './loader';
import type { BlockInstance, ModuleInstance, ResourceInstance, SourceLocation } from './model';
import { asString, type Value } from './values';

/** A provider block, or why there is none. */
export type ProviderLookup = { block: BlockInstance } | { reason: string; at?: SourceLocation };

/** The `region` a provider configures (as evaluated, possibly unknown), or why there is none. */
export type RegionLookup = { value: Value; at: SourceLocation } | { reason: string; at?: SourceLocation };

/** The aws provider block an instance uses (following its `provider` argument). */
export function awsProviderOf(inst: ResourceInstance): ProviderLookup {
  return awsProviderFor(inst.module, providerAlias(inst.attribute('provider')?.expr));
}

/** The Region of the aws provider configuration an instance uses (not the instance's own `region` argument). */
export function providerRegion(inst: ResourceInstance): RegionLookup {
  const p = awsProviderOf(inst);
  if (!('block' in p)) return p;
  const v = p.block.attr('region');
  const at = p.block.attrLocation('region') ?? p.block.location;
  if (v === undefined || v.kind === 'null') return { reason: 'the aws provider sets no region, so it comes from the environment (AWS_REGION or the profile)', at };
  return { value: v, at };
}

/** `aws.west` → `west`; `aws` → undefined. */
export function providerAlias(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'GetAttr' && e.object.kind === 'Variable' && e.object.name === 'aws') return e.name.name;
  if (e.kind === 'Template' && e.parts.length === 1 && e.parts[0].kind === 'TemplateLiteral') {
    const m = /^aws\.([A-Za-z0-9_-]+)$/.exec(e.parts[0].value);
    return m ? m[1] : undefined;
  }
  return undefined;
}

/**
 * The aws provider block (with `alias`) that configures module `mod`: its own block (legacy provider blocks in
 * child modules), else what its call passes in `providers`, else (for the default provider) its parent's.
 */
export function awsProviderFor(mod: ModuleInstance, alias: string | undefined): ProviderLookup {
  let m: ModuleInstance | undefined = mod;
  let a = alias;
  for (let hops = 0; m && hops < 64; hops++) {
    const own = m.providerBlocks('aws').find((b) => aliasOf(b) === a);
    if (own) return { block: own };
    if (!m.call || !m.parent) break;
    // The `providers` map in effect: the call's own, or an override file's.
    const found = layerAttribute(m.call, 'providers');
    const providers = found?.attr;
    if (found && providers && providers.expr.kind === 'Object') {
      const item = providers.expr.items.find((i) => providerKey(i.key) === (a ? `aws.${a}` : 'aws'));
      if (!item) return { reason: `the module call's providers map passes no ${a ? `aws.${a}` : 'aws'} provider`, at: { file: found.file, span: providers.span } };
      a = providerAlias(item.value);
    } else if (a !== undefined) {
      return { reason: `provider aws.${a} is not passed to ${m.address}`, at: { file: m.call.file, span: headerSpan(m.call.block) } };
    }
    m = m.parent;
  }
  return { reason: a ? `there is no provider "aws" block with alias "${a}"` : 'there is no provider "aws" block, so the Region comes from the environment' };
}

function aliasOf(b: BlockInstance): string | undefined {
  const v = b.attr('alias');
  return v ? asString(v) : undefined;
}

function providerKey(k: Expr): string | undefined {
  if (k.kind === 'Variable') return k.name;
  if (k.kind === 'GetAttr' && k.object.kind === 'Variable') return `${k.object.name}.${k.name.name}`;
  if (k.kind === 'Template' && k.parts.length === 1 && k.parts[0].kind === 'TemplateLiteral') return k.parts[0].value;
  return undefined;
}
