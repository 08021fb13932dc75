// Golden rule cases: test-fixtures/rules/<rule_id>/<case>/ holds a root module (with any child modules), an
// optional options.json (the rule options: rules, minAzs, eniBudget, reportUnusedIgnores), expected.json (the
// findings) and, where a finding has a fix, `<file>.fixed` (every finding's first fix applied, in order, skipping
// overlaps). Case names say what they assert: `invalid-*` reports the case's rule, `valid-*` and `unknown-*`
// (silent when a fact is unknown) do not. UPDATE=1 rewrites expected.json and the .fixed files.
//
// Every fix of every finding is checked: it applies; each file it changes still parses with the official HCL
// parser; re-running the analysis, its finding is gone and no new finding appears; and it is not offered again.

import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, applyFix } from '../../src/rules/fixes';
import { allRules } from '../../src/rules/registry';
import type { Finding, TextEdit } from '../../src/rules/types';
import type { LintOptions } from '../../src/rules/engine';
import { identity, lint, readTree, record, rel, REPO, officialParse, UPDATE } from './harness';

const FIXTURES = path.join(REPO, 'test-fixtures/rules');

function dirs(p: string): string[] {
  return existsSync(p) ? readdirSync(p).filter((n) => statSync(path.join(p, n)).isDirectory()).sort() : [];
}

interface Case {
  rule: string;
  name: string;
  dir: string;
  files: Map<string, string>;
  options: LintOptions;
}

function loadCase(rule: string, name: string): Case {
  const dir = path.join(FIXTURES, rule, name).split(path.sep).join('/');
  const optionsPath = path.join(dir, 'options.json');
  const options = existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as LintOptions) : {};
  return { rule, name, dir, files: readTree(dir), options };
}

function multiset(findings: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(identity(f), (m.get(identity(f)) ?? 0) + 1);
  return m;
}

/** Checks one fix of one finding (see the file comment). */
async function checkFix(c: Case, before: Finding[], finding: Finding, fixIndex: number): Promise<void> {
  const fix = finding.fixes[fixIndex];
  const label = `${finding.rule} fix "${fix.title}"`;
  assert.ok(fix.edits.length > 0, `${label}: has no edits`);
  const changed = applyFix(c.files, fix);
  assert.ok(changed, `${label}: refused (overlapping edits or an unknown file)`);
  const after = new Map(c.files);
  for (const [file, text] of changed) {
    assert.notEqual(text, c.files.get(file), `${label}: changes nothing in ${rel(file, c.dir)}`);
    after.set(file, text);
    if (!file.endsWith('.json')) {
      await officialParse(path.basename(file), text).catch((err: unknown) => assert.fail(`${label}: ${rel(file, c.dir)} no longer parses: ${String(err)}\n${text}`));
    }
  }
  const rerun = lint(after, c.dir, c.options);
  const id = identity(finding);
  assert.ok(!rerun.some((f) => identity(f) === id), `${label}: the finding is still reported after the fix`);
  // Applying it twice: its finding is gone, so the fix is not offered again and a second application is refused.
  const again = rerun.filter((f) => f.rule === finding.rule && (f.resource ?? f.file) === (finding.resource ?? finding.file) && f.fixes.some((x) => x.title === fix.title));
  assert.deepEqual(again, [], `${label}: offered again after it was applied`);
  const was = multiset(before);
  was.set(id, (was.get(id) ?? 0) - 1);
  for (const [k, n] of multiset(rerun)) {
    const newOnes = rerun.filter((f) => identity(f) === k).map((f) => `${f.rule}: ${f.message}`);
    assert.ok(n <= (was.get(k) ?? 0), `${label}: the fix makes new findings appear:\n${newOnes.join('\n')}`);
  }
}

/** The files after applying every finding's first fix, in finding order, skipping fixes that overlap taken ones. */
function fixedTexts(c: Case, findings: Finding[]): Map<string, string> {
  const taken: TextEdit[] = [];
  for (const f of findings) {
    const fix = f.fixes[0];
    if (!fix) continue;
    const clash = fix.edits.some((e) => taken.some((t) => t.file === e.file && (t.span.start === e.span.start || (t.span.start < e.span.end && e.span.start < t.span.end))));
    if (!clash) taken.push(...fix.edits);
  }
  const out = new Map<string, string>();
  for (const file of new Set(taken.map((e) => e.file))) {
    const text = applyEdits(c.files.get(file) ?? '', taken.filter((e) => e.file === file));
    assert.ok(text !== undefined, `edits of ${rel(file, c.dir)} overlap`);
    out.set(file, text);
  }
  return out;
}

function existingFixed(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) existingFixed(p, out);
    else if (n.endsWith('.fixed')) out.push(p.split(path.sep).join('/'));
  }
  return out;
}

describe('rules/fixtures (golden)', () => {
  const rules = dirs(FIXTURES);

  it('has a fixture directory for every rule, and only for rules', () => {
    assert.deepEqual(rules, allRules.map((r) => r.id).sort());
  });

  for (const rule of rules) {
    describe(rule, () => {
      const cases = dirs(path.join(FIXTURES, rule));

      it('has valid, invalid and silent-on-unknown cases', () => {
        assert.ok(cases.some((n) => n.startsWith('invalid-')), 'no invalid-* case');
        assert.ok(cases.some((n) => n.startsWith('valid-')), 'no valid-* case');
        if (rule !== 'hcl_syntax' && rule !== 'unused_ignore') assert.ok(cases.some((n) => n.startsWith('unknown-')), 'no unknown-* case');
        for (const n of cases) assert.match(n, /^(invalid|valid|unknown)-[a-z0-9-]+$/, `case name ${n}`);
      });

      for (const name of cases) {
        it(name, async () => {
          const c = loadCase(rule, name);
          const findings = lint(c.files, c.dir, c.options);
          const ofRule = findings.filter((f) => f.rule === rule);
          if (name.startsWith('invalid-')) assert.ok(ofRule.length > 0, `${rule} does not fire`);
          else assert.equal(ofRule.length, 0, `${rule} fires:\n${ofRule.map((f) => f.message).join('\n')}`);

          const actual = findings.map((f) => record(f, c.files, c.dir));
          const goldenPath = path.join(c.dir, 'expected.json');
          const fixed = fixedTexts(c, findings);
          if (UPDATE) {
            writeFileSync(goldenPath, JSON.stringify(actual, null, 2) + '\n');
            for (const old of existingFixed(c.dir)) unlinkSync(old);
            for (const [file, text] of fixed) writeFileSync(file + '.fixed', text);
          } else {
            assert.ok(existsSync(goldenPath), `${goldenPath} is missing; run with UPDATE=1`);
            assert.deepEqual(actual, JSON.parse(readFileSync(goldenPath, 'utf8')));
            const expectedFixed = existingFixed(c.dir).sort();
            assert.deepEqual(expectedFixed, [...fixed.keys()].map((f) => f + '.fixed').sort(), '.fixed files');
            for (const [file, text] of fixed) assert.equal(text, readFileSync(file + '.fixed', 'utf8'), `${rel(file, c.dir)}.fixed`);
          }
          for (const f of findings) for (let i = 0; i < f.fixes.length; i++) await checkFix(c, findings, f, i);
        });
      }
    });
  }
});
