// docs/rules/<id>.md and the rule metadata stay in step: one page per registered rule, with the rule's summary,
// default severity, fix kind and options, the sections every page has, and HCL examples that parse.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../src/rules/registry';
import { DOCS_BASE, docsUrl } from '../../src/rules/types';
import { officialParse, REPO } from './harness';

const DOCS = path.join(REPO, 'docs/rules');
const SECTIONS = ['What it checks', 'Why', 'Bad', 'Good', 'Fix', 'Options', 'Silent when'];

/** The text of a `## ` section, up to the next `## ` heading. */
function section(md: string, title: string): string {
  const start = md.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `no section "${title}"`);
  const rest = md.slice(start + title.length + 5);
  const end = rest.search(/\n## /);
  return end < 0 ? rest : rest.slice(0, end);
}

function hclBlocks(text: string): string[] {
  return [...text.matchAll(/```hcl\n([\s\S]*?)```/g)].map((m) => m[1]);
}

describe('docs/rules', () => {
  it('has one page per registered rule and no other page', () => {
    const pages = readdirSync(DOCS).filter((n) => n.endsWith('.md')).sort();
    assert.deepEqual(pages, allRules.map((r) => `${r.id}.md`).sort());
  });

  for (const meta of allRules) {
    describe(meta.id, () => {
      const file = path.join(DOCS, `${meta.id}.md`);
      const md = existsSync(file) ? readFileSync(file, 'utf8') : '';

      it('is where the docs URL (LSP codeDescription, SARIF helpUri) points', () => {
        assert.equal(meta.docsUrl, docsUrl(meta.id));
        assert.ok(meta.docsUrl.startsWith(DOCS_BASE));
        assert.equal(path.join(REPO, 'docs/rules', meta.docsUrl.slice(DOCS_BASE.length)), file);
        assert.ok(existsSync(file), `${file} is missing`);
      });

      it('states the id, summary, default severity, fix and options of the metadata', () => {
        const lines = md.split('\n');
        assert.equal(lines[0], `# ${meta.id}`);
        assert.equal(lines[2], meta.summary);
        assert.ok(lines.includes(`- Default severity: \`${meta.defaultSeverity}\``), 'default severity line');
        assert.ok(lines.includes(`- Fix: ${meta.fixable}`), 'fix line');
        const options = Object.keys(meta.options ?? {});
        assert.ok(lines.includes(`- Options: ${options.length === 0 ? 'none' : options.map((o) => `\`${o}\``).join(', ')}`), 'options line');
      });

      it('has the sections every rule page has, in order', () => {
        const headings = md.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
        assert.deepEqual(headings, SECTIONS);
      });

      it('documents every option with its default, and says "None" when there is none', () => {
        const text = section(md, 'Options');
        const options = Object.entries(meta.options ?? {});
        if (options.length === 0) assert.match(text.trim(), /^None/);
        for (const [name, o] of options) {
          assert.ok(text.includes(`\`${name}\``), `option ${name}`);
          assert.ok(text.includes(`default ${String(o.default)}`), `default of ${name}`);
          assert.ok(text.includes(`rules.${meta.id}.${name}`), `where ${name} is set`);
        }
      });

      it('cites the AWS page the product comes from, or the AWS documentation', () => {
        const why = section(md, 'Why');
        assert.ok(/\(our seed\)|The seed \(|docs\.aws\.amazon\.com/.test(why) || meta.id === 'hcl_syntax' || meta.id === 'unused_ignore', 'no citation');
      });

      it('has examples that parse with the official HCL parser', async () => {
        const bad = hclBlocks(section(md, 'Bad'));
        const good = hclBlocks(section(md, 'Good'));
        assert.ok(bad.length > 0 && good.length > 0, 'a bad and a good example');
        for (const code of [...good, ...hclBlocks(section(md, 'What it checks'))]) await officialParse('example.tf', code);
        for (const code of bad) {
          if (meta.id === 'hcl_syntax') await assert.rejects(officialParse('example.tf', code));
          else await officialParse('example.tf', code);
        }
      });
    });
  }

  it('explains the clash of aws_lambda_vpc_unneeded with checkov and Security Hub, and how to turn it off', () => {
    const md = readFileSync(path.join(DOCS, 'aws_lambda_vpc_unneeded.md'), 'utf8');
    for (const s of ['CKV_AWS_117', 'Lambda.3', '"aws_lambda_vpc_unneeded": "off"', '--rule aws_lambda_vpc_unneeded=off', 'lambda-vpc-lint-ignore: aws_lambda_vpc_unneeded']) {
      assert.ok(md.includes(s), s);
    }
  });

  it("gives today's ENI quotas next to the seed's figure", () => {
    const md = readFileSync(path.join(DOCS, 'aws_lambda_vpc_eni_quota.md'), 'utf8');
    for (const s of ['350', '500', '5,000']) assert.ok(md.includes(s), s);
  });
});
