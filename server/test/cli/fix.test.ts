// The --fix machinery on real files, with synthetic findings (the rules' own fixes come later).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, fixUntilStable, lineEnding, overlaps, type AnalysisRun, type FixDisk } from '../../src/cli/fix';
import { NodeFileHost, nodeDisk } from '../../src/cli/host';
import type { Finding, Fix } from '../../src/rules/types';
import { scratchDir, writeTree } from './helpers';

/** A rule for tests: a finding per match of `pattern`, whose fix is `fix(match)`. */
type TestRule = (file: string, text: string) => Finding[];

function ruleFor(pattern: RegExp, make: (file: string, m: RegExpExecArray) => Fix | Fix[], message = (m: RegExpExecArray) => `found ${m[0]}`): TestRule {
  return (file, text) => {
    const out: Finding[] = [];
    const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const fixes = make(file, m);
      out.push({
        rule: 'test_rule',
        severity: 'warning',
        message: message(m),
        file,
        span: { start: m.index, end: m.index + m[0].length },
        related: [],
        fixes: Array.isArray(fixes) ? fixes : [fixes],
      });
      if (m[0] === '') re.lastIndex++;
    }
    return out;
  };
}

function replaceWith(newText: string, safe = true) {
  return (file: string, m: RegExpExecArray): Fix => ({
    title: `replace ${m[0]}`,
    safe,
    edits: [{ file, span: { start: m.index, end: m.index + m[0].length }, newText }],
  });
}

function analyzer(files: string[], rules: TestRule[]): () => AnalysisRun {
  return () => {
    const host = new NodeFileHost();
    const findings: Finding[] = [];
    for (const f of files) {
      const text = host.readFile(f);
      if (text !== undefined) for (const r of rules) findings.push(...r(f, text));
    }
    return { findings, snapshot: (p) => host.snapshot(p) };
  };
}

const all = { unsafe: false, mayEdit: () => true };

describe('cli/fix', () => {
  it('applyEdits applies non-overlapping edits in position order', () => {
    const text = 'abcdef';
    assert.equal(
      applyEdits(text, [
        { span: { start: 4, end: 6 }, newText: 'XY' },
        { span: { start: 0, end: 0 }, newText: '>' },
        { span: { start: 1, end: 3 }, newText: '' },
      ]),
      '>adXY',
    );
  });

  it('overlap: intersecting ranges and equal starts conflict; touching ranges do not', () => {
    assert.ok(overlaps({ start: 0, end: 2 }, { start: 1, end: 3 }));
    assert.ok(overlaps({ start: 2, end: 2 }, { start: 2, end: 2 }));
    assert.ok(overlaps({ start: 2, end: 2 }, { start: 2, end: 5 }));
    assert.ok(overlaps({ start: 3, end: 3 }, { start: 2, end: 5 }));
    assert.ok(!overlaps({ start: 0, end: 2 }, { start: 2, end: 4 }));
    assert.ok(!overlaps({ start: 5, end: 5 }, { start: 2, end: 5 }));
  });

  it('lineEnding: the first line break decides', () => {
    assert.equal(lineEnding('a\r\nb\nc'), '\r\n');
    assert.equal(lineEnding('a\nb\r\n'), '\n');
    assert.equal(lineEnding('a\rb'), '\r');
    assert.equal(lineEnding('abc'), '\n');
  });

  it('changes only the fixed bytes, keeping BOM, CRLF and non-ASCII text', () => {
    const dir = scratchDir();
    const file = `${dir}/main.tf`;
    const original = '\ufeff# héllo 😀\r\nlocals {\r\n  a = "TODO"\r\n  b = "TODO"\r\n}\r\n';
    writeTree(dir, { 'main.tf': original });
    const summary = fixUntilStable(analyzer([file], [ruleFor(/"TODO"/, replaceWith('"DONE"\n  # fixed'))]), nodeDisk, all);
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM kept');
    assert.equal(bytes.toString('utf8'), original.replace(/"TODO"/g, '"DONE"\r\n  # fixed'));
    assert.equal(summary.applied, 2);
    assert.deepEqual(summary.changedFiles, [file]);
    assert.deepEqual(summary.run.findings, []);
    assert.deepEqual(summary.notes, []);
  });

  it('overlapping fixes: the first is applied, the rest wait for the next pass', () => {
    const dir = scratchDir();
    const file = `${dir}/a.tf`;
    writeTree(dir, { 'a.tf': 'abc\n' });
    const insert = (s: string): TestRule =>
      ruleFor(new RegExp(`^(?!.*${s})`), (f) => ({ title: `insert ${s}`, safe: true, edits: [{ file: f, span: { start: 0, end: 0 }, newText: s }] }), () => `no ${s}`);
    const summary = fixUntilStable(analyzer([file], [insert('1'), insert('2')]), nodeDisk, all);
    assert.equal(fs.readFileSync(file, 'utf8'), '21abc\n');
    assert.equal(summary.applied, 2);
    // Overlapping replacements: only the first survives, as the second's text is gone.
    writeTree(dir, { 'b.tf': 'abc\n' });
    fixUntilStable(analyzer([`${dir}/b.tf`], [ruleFor(/ab/, replaceWith('X')), ruleFor(/bc/, replaceWith('Y'))]), nodeDisk, all);
    assert.equal(fs.readFileSync(`${dir}/b.tf`, 'utf8'), 'Xc\n');
  });

  it('a fix that does not remove its finding is applied once only', () => {
    const dir = scratchDir();
    const file = `${dir}/a.tf`;
    writeTree(dir, { 'a.tf': 'x\n' });
    const always = ruleFor(/^/, (f) => ({ title: 'prepend', safe: true, edits: [{ file: f, span: { start: 0, end: 0 }, newText: '#' }] }), () => 'always');
    const summary = fixUntilStable(analyzer([file], [always]), nodeDisk, all);
    assert.equal(fs.readFileSync(file, 'utf8'), '#x\n');
    assert.equal(summary.applied, 1);
    assert.equal(summary.run.findings.length, 1, 'the finding is still reported');
  });

  it('passes are bounded', () => {
    const dir = scratchDir();
    const file = `${dir}/a.tf`;
    writeTree(dir, { 'a.tf': '\n' });
    // Each pass sees a "new" finding (its message changes), so only the bound stops the loop.
    const growing = ruleFor(/^#*/, (f, m) => ({ title: 'grow', safe: true, edits: [{ file: f, span: { start: 0, end: 0 }, newText: '#' }] }), (m) => `length ${m[0].length}`);
    const summary = fixUntilStable(analyzer([file], [growing]), nodeDisk, all, 4);
    assert.equal(fs.readFileSync(file, 'utf8'), '####\n');
    assert.equal(summary.applied, 4);
    assert.deepEqual(summary.notes, [{ file: '', message: 'stopped after 4 fix passes; some fixes were not applied' }]);
  });

  it('never writes a file that changed since it was read', () => {
    const dir = scratchDir();
    const file = `${dir}/a.tf`;
    writeTree(dir, { 'a.tf': 'TODO\n' });
    const run = analyzer([file], [ruleFor(/TODO/, replaceWith('DONE'))]);
    // The user saves the file between the analysis and the fix.
    const racingDisk: FixDisk = {
      readBytes: (p) => {
        fs.writeFileSync(p, 'TODO edited by the user\n');
        return nodeDisk.readBytes(p);
      },
      writeBytes: nodeDisk.writeBytes,
    };
    const summary = fixUntilStable(run, racingDisk, all);
    assert.equal(fs.readFileSync(file, 'utf8'), 'TODO edited by the user\n');
    assert.equal(summary.applied, 0);
    assert.deepEqual(summary.notes, [{ file, message: 'changed since it was read; not fixed' }]);
  });

  it('re-checks right before writing', () => {
    const dir = scratchDir();
    const file = `${dir}/a.tf`;
    writeTree(dir, { 'a.tf': 'TODO\n' });
    let reads = 0;
    // The first comparison sees the analysed bytes; the user saves before the second.
    const disk: FixDisk = {
      readBytes: (p) => {
        if (++reads === 2) fs.writeFileSync(p, 'saved meanwhile\n');
        return nodeDisk.readBytes(p);
      },
      writeBytes: nodeDisk.writeBytes,
    };
    const summary = fixUntilStable(analyzer([file], [ruleFor(/TODO/, replaceWith('DONE'))]), disk, all);
    assert.equal(fs.readFileSync(file, 'utf8'), 'saved meanwhile\n');
    assert.equal(summary.applied, 0);
    assert.deepEqual(summary.notes, [{ file, message: 'changed since it was read; not fixed' }]);
  });

  it('leaves files that are not valid UTF-8 alone', () => {
    const dir = scratchDir();
    const file = `${dir}/a.tf`;
    const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nTODO\n')]);
    writeTree(dir, { 'a.tf': bytes });
    const summary = fixUntilStable(analyzer([file], [ruleFor(/TODO/, replaceWith('DONE'))]), nodeDisk, all);
    assert.ok(fs.readFileSync(file).equals(bytes));
    assert.deepEqual(summary.notes, [{ file, message: 'is not valid UTF-8; not fixed' }]);
  });

  it('skips a fix that would make a Terraform file fail to parse', () => {
    const dir = scratchDir();
    const file = `${dir}/main.tf`;
    const text = 'locals {\n  a = 1\n}\n';
    writeTree(dir, { 'main.tf': text });
    const summary = fixUntilStable(analyzer([file], [ruleFor(/\}/, replaceWith(''))]), nodeDisk, all);
    assert.equal(fs.readFileSync(file, 'utf8'), text);
    assert.deepEqual(summary.notes, [{ file, message: 'fix "replace }" would make the file fail to parse; not fixed' }]);
  });

  it('safe fixes with --fix; unsafe ones only with --fix-unsafe; a safe alternative is preferred', () => {
    const dir = scratchDir();
    const file = `${dir}/a.tf`;
    writeTree(dir, { 'a.tf': 'UNSAFE BOTH\n' });
    const rules = [
      ruleFor(/UNSAFE/, replaceWith('u', false)),
      ruleFor(/BOTH/, (f, m) => [replaceWith('unsafe-choice', false)(f, m), replaceWith('safe-choice', true)(f, m)]),
    ];
    fixUntilStable(analyzer([file], rules), nodeDisk, all);
    assert.equal(fs.readFileSync(file, 'utf8'), 'UNSAFE safe-choice\n');
    fixUntilStable(analyzer([file], rules), nodeDisk, { ...all, unsafe: true });
    assert.equal(fs.readFileSync(file, 'utf8'), 'u safe-choice\n');
  });

  it('edits only files in scope', () => {
    const dir = scratchDir();
    writeTree(dir, { 'a.tf': 'TODO\n', 'b.tf': 'TODO\n' });
    const summary = fixUntilStable(analyzer([`${dir}/a.tf`, `${dir}/b.tf`], [ruleFor(/TODO/, replaceWith('DONE'))]), nodeDisk, {
      unsafe: false,
      mayEdit: (p) => p.endsWith('/a.tf'),
    });
    assert.equal(fs.readFileSync(`${dir}/a.tf`, 'utf8'), 'DONE\n');
    assert.equal(fs.readFileSync(`${dir}/b.tf`, 'utf8'), 'TODO\n');
    assert.deepEqual(summary.notes, []);
  });

  it('applies a fix across files, and creates a new file when the fix inserts into one', () => {
    const dir = scratchDir();
    writeTree(dir, { 'a.tf': 'TODO\n', 'b.tf': 'x\n' });
    const multi = ruleFor(/TODO/, (f, m) => ({
      title: 'move',
      safe: true,
      edits: [
        { file: f, span: { start: m.index, end: m.index + 4 }, newText: 'moved' },
        { file: `${dir}/b.tf`, span: { start: 0, end: 0 }, newText: '# from a\n' },
        { file: `${dir}/new.tf`, span: { start: 0, end: 0 }, newText: '# new\n' },
      ],
    }));
    const summary = fixUntilStable(analyzer([`${dir}/a.tf`, `${dir}/b.tf`], [multi]), nodeDisk, all);
    assert.equal(fs.readFileSync(`${dir}/a.tf`, 'utf8'), 'moved\n');
    assert.equal(fs.readFileSync(`${dir}/b.tf`, 'utf8'), '# from a\nx\n');
    assert.equal(fs.readFileSync(`${dir}/new.tf`, 'utf8'), '# new\n');
    assert.deepEqual(summary.changedFiles, [`${dir}/a.tf`, `${dir}/b.tf`, `${dir}/new.tf`]);
  });

  it('refuses a fix whose own edits overlap', () => {
    const dir = scratchDir();
    const file = `${dir}/a.tf`;
    writeTree(dir, { 'a.tf': 'TODO\n' });
    const bad = ruleFor(/TODO/, (f) => ({
      title: 'bad',
      safe: true,
      edits: [
        { file: f, span: { start: 0, end: 3 }, newText: 'x' },
        { file: f, span: { start: 2, end: 4 }, newText: 'y' },
      ],
    }));
    const summary = fixUntilStable(analyzer([file], [bad]), nodeDisk, all);
    assert.equal(fs.readFileSync(file, 'utf8'), 'TODO\n');
    assert.deepEqual(summary.notes, [{ file, message: 'fix "bad" has overlapping edits; not fixed' }]);
  });

  it('keeps the file mode', () => {
    const dir = scratchDir();
    const file = path.join(dir, 'a.tf');
    writeTree(dir, { 'a.tf': 'TODO\n' });
    fs.chmodSync(file, 0o640);
    fixUntilStable(analyzer([file], [ruleFor(/TODO/, replaceWith('DONE'))]), nodeDisk, all);
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  });
});
