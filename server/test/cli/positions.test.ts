import { strict as assert } from 'node:assert';
import { LineIndex } from '../../src/hcl/source';
import { PositionMapper, spanToRange } from '../../src/cli/positions';

function range(text: string, start: number, end: number) {
  return spanToRange(text, new LineIndex(text), { start, end });
}

describe('cli/positions', () => {
  it('is 1-based with an exclusive end', () => {
    const text = 'a = 1\nbb = 2\n';
    assert.deepEqual(range(text, 0, 1), { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } });
    assert.deepEqual(range(text, 6, 8), { start: { line: 2, column: 1 }, end: { line: 2, column: 3 } });
    // The end of a line's break is the start of the next line.
    assert.deepEqual(range(text, 5, 6), { start: { line: 1, column: 6 }, end: { line: 2, column: 1 } });
  });

  it('counts CRLF and lone CR as one line break', () => {
    const text = 'a\r\nb\rc\n';
    assert.deepEqual(range(text, 3, 4).start, { line: 2, column: 1 });
    assert.deepEqual(range(text, 5, 6).start, { line: 3, column: 1 });
  });

  it('counts columns in UTF-16 code units', () => {
    const text = 'x = "😀é"';
    const e = text.indexOf('é');
    assert.equal(e, 7);
    assert.deepEqual(range(text, e, e + 1), { start: { line: 1, column: 8 }, end: { line: 1, column: 9 } });
  });

  it('does not count a BOM: the first visible character is 1:1', () => {
    const text = '\ufeffa = 1\nb = 2';
    assert.deepEqual(range(text, 1, 2), { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } });
    assert.deepEqual(range(text, 0, 0).start, { line: 1, column: 1 });
    assert.deepEqual(range(text, 7, 8).start, { line: 2, column: 1 });
  });

  it('clamps spans past the end of the text', () => {
    assert.deepEqual(range('ab', 5, 9), { start: { line: 1, column: 3 }, end: { line: 1, column: 3 } });
  });

  it('PositionMapper reads each file once and maps unreadable files to 1:1', () => {
    const reads: string[] = [];
    const m = new PositionMapper((f) => {
      reads.push(f);
      return f === '/a.tf' ? 'x\ny' : undefined;
    });
    assert.deepEqual(m.range('/a.tf', { start: 2, end: 3 }).start, { line: 2, column: 1 });
    assert.deepEqual(m.range('/a.tf', { start: 0, end: 1 }).start, { line: 1, column: 1 });
    assert.deepEqual(m.range('/gone.tf', { start: 10, end: 12 }), { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } });
    assert.deepEqual(reads, ['/a.tf', '/gone.tf']);
  });
});
