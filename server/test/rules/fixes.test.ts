// The edit primitives the fixes are made of: applying edits, the file's style, and each kind of edit.
import * as assert from 'node:assert/strict';
import { parseFile, type Attribute, type Block, type TupleExpr } from '../../src/hcl';
import { applyEdits, applyFix, FileEditor, hclString, indentUnit, lineEnding, renderLines } from '../../src/rules/fixes';
import { blockAt } from '../../src/rules/locate';
import { officialParse } from './harness';

const PATH = '/ws/main.tf';

function editor(text: string, path = PATH): FileEditor {
  const ed = FileEditor.for(parseFile(path, text).file);
  assert.ok(ed);
  return ed;
}

function firstBlock(ed: FileEditor, type: string): Block {
  const start = ed.file.text.indexOf(type);
  const b = blockAt(ed.file, start);
  assert.ok(b, `no block ${type}`);
  return b;
}

/** The first attribute named `name`, at any depth. */
function attr(ed: FileEditor, name: string): Attribute {
  const walk = (items: readonly (Attribute | Block)[]): Attribute | undefined => {
    for (const i of items) {
      if (i.kind === 'Attribute' && i.name.name === name) return i;
      if (i.kind === 'Block') {
        const found = walk(i.body.items);
        if (found) return found;
      }
    }
    return undefined;
  };
  const a = walk(ed.file.body.items);
  assert.ok(a, `no attribute ${name}`);
  return a;
}

function tupleOf(ed: FileEditor, name: string): TupleExpr {
  const e = attr(ed, name).expr;
  assert.ok(e.kind === 'Tuple', `${name} is not a tuple`);
  return e;
}

function apply(ed: FileEditor, edit: { span: { start: number; end: number }; newText: string } | undefined): string {
  assert.ok(edit, 'no edit');
  const out = applyEdits(ed.file.text, [edit]);
  assert.ok(out !== undefined);
  return out;
}

describe('rules/fixes', () => {
  describe('applyEdits', () => {
    it('applies non-overlapping edits in offset order, whatever order they come in', () => {
      assert.equal(
        applyEdits('abcdef', [
          { span: { start: 4, end: 5 }, newText: 'E' },
          { span: { start: 0, end: 0 }, newText: '>' },
          { span: { start: 1, end: 3 }, newText: '' },
        ]),
        '>adEf',
      );
    });

    it('refuses overlapping edits, two insertions at one offset and edits outside the text', () => {
      assert.equal(applyEdits('abcdef', [{ span: { start: 1, end: 3 }, newText: 'x' }, { span: { start: 2, end: 4 }, newText: 'y' }]), undefined);
      assert.equal(applyEdits('abcdef', [{ span: { start: 2, end: 2 }, newText: 'x' }, { span: { start: 2, end: 2 }, newText: 'y' }]), undefined);
      assert.equal(applyEdits('abc', [{ span: { start: 2, end: 9 }, newText: 'x' }]), undefined);
      assert.equal(applyEdits('abc', [{ span: { start: 2, end: 1 }, newText: 'x' }]), undefined);
    });

    it('applyFix groups the edits by file and refuses files it was not given', () => {
      const texts = new Map([
        ['/a.tf', 'one'],
        ['/b.tf', 'two'],
      ]);
      const out = applyFix(texts, {
        title: 't',
        safe: true,
        edits: [
          { file: '/a.tf', span: { start: 3, end: 3 }, newText: '!' },
          { file: '/b.tf', span: { start: 0, end: 1 }, newText: 'T' },
        ],
      });
      assert.deepEqual(out && [...out], [
        ['/a.tf', 'one!'],
        ['/b.tf', 'Two'],
      ]);
      assert.equal(applyFix(texts, { title: 't', safe: true, edits: [{ file: '/c.tf', span: { start: 0, end: 0 }, newText: 'x' }] }), undefined);
    });
  });

  describe('the file style', () => {
    it('uses the first line break of the file, LF when there is none', () => {
      assert.equal(lineEnding('a\r\nb\nc'), '\r\n');
      assert.equal(lineEnding('a\rb'), '\r');
      assert.equal(lineEnding('a'), '\n');
    });

    it('finds the indentation unit from the first nested item', () => {
      assert.equal(indentUnit(parseFile(PATH, 'resource "a" "b" {\n    x = 1\n}\n').file), '    ');
      assert.equal(indentUnit(parseFile(PATH, 'resource "a" "b" {\n\tx = 1\n}\n').file), '\t');
      assert.equal(indentUnit(parseFile(PATH, 'x = 1\n').file), '  ');
    });

    it('renders attributes aligned like terraform fmt, with nested blocks and blank lines', () => {
      assert.deepEqual(
        renderLines(
          [
            { attr: 'subnet_ids', value: 'a' },
            { attr: 'id', value: 'b' },
            { blank: true },
            { block: 'vpc_config', body: [{ attr: 'x', value: '1' }] },
          ],
          '  ',
          '  ',
        ),
        ['  subnet_ids = a', '  id         = b', '', '  vpc_config {', '    x = 1', '  }'],
      );
    });

    it('writes HCL strings with template sequences escaped', () => {
      assert.equal(hclString('a"${b}%{c}'), '"a\\"$${b}%%{c}"');
    });

    it('does not edit JSON files or modules installed under .terraform/', () => {
      assert.equal(FileEditor.for(parseFile('/ws/main.tf.json', '{}').file), undefined);
      assert.equal(FileEditor.for(parseFile('/ws/.terraform/modules/x/main.tf', 'a = 1\n').file), undefined);
    });
  });

  describe('edits', () => {
    const tf = [
      '# The function.',
      'resource "aws_lambda_function" "f" {',
      '  function_name = "f" # inline comment',
      '',
      '  vpc_config {',
      '    subnet_ids         = [aws_subnet.a.id]',
      '    security_group_ids = [',
      '      aws_security_group.a.id,',
      '    ]',
      '  }',
      '}',
      '',
    ].join('\n');

    it('appends to a one-line tuple after its last element', () => {
      const ed = editor(tf);
      assert.match(apply(ed, ed.appendToTuple(tupleOf(ed, 'subnet_ids'), ['aws_subnet.b.id'])), /subnet_ids {9}= \[aws_subnet\.a\.id, aws_subnet\.b\.id\]\n/);
    });

    it('appends to a one-per-line tuple on lines of its own, keeping the trailing comma', () => {
      const ed = editor(tf);
      const out = apply(ed, ed.appendToTuple(tupleOf(ed, 'security_group_ids'), ['aws_security_group.b.id', 'aws_security_group.c.id']));
      assert.ok(out.includes('      aws_security_group.a.id,\n      aws_security_group.b.id,\n      aws_security_group.c.id,\n    ]'), out);
    });

    it('appends to a one-per-line tuple without a trailing comma', () => {
      const ed = editor('x = [\n  a,\n  b\n]\n');
      assert.equal(apply(ed, ed.appendToTuple(tupleOf(ed, 'x'), ['c'])), 'x = [\n  a,\n  b,\n  c\n]\n');
    });

    it('fills an empty tuple, and leaves a tuple with a comment before its end alone', () => {
      const ed = editor('x = []\ny = [a /* keep */]\n');
      assert.equal(apply(ed, ed.appendToTuple(tupleOf(ed, 'x'), ['a', 'b'])), 'x = [a, b]\ny = [a /* keep */]\n');
      assert.equal(ed.appendToTuple(tupleOf(ed, 'y'), ['b']), undefined);
    });

    it('removes a nested block with its lines and the blank line before it when a closing brace follows', () => {
      const ed = editor(tf);
      const out = apply(ed, ed.removeLines(firstBlock(ed, 'vpc_config')));
      assert.equal(out, '# The function.\nresource "aws_lambda_function" "f" {\n  function_name = "f" # inline comment\n}\n');
    });

    it('removes an attribute with its line, and not one that shares its line with a brace', () => {
      const ed = editor('module "m" {\n  a = 1\n  b = 2\n}\n');
      assert.equal(apply(ed, ed.removeLines(attr(ed, 'a'))), 'module "m" {\n  b = 2\n}\n');
      const oneLine = editor('module "m" { a = 1 }\n');
      assert.equal(oneLine.removeLines(attr(oneLine, 'a')), undefined);
    });

    it('inserts top-level blocks after a block, keeping comments and the file line endings', async () => {
      const crlf = tf.replace(/\n/g, '\r\n');
      const ed = editor(crlf);
      const out = apply(
        ed,
        ed.blocksAfter(firstBlock(ed, 'resource'), [{ header: 'resource "aws_x" "y"', body: [{ attr: 'a', value: '1' }, { attr: 'long_name', value: '2' }] }]),
      );
      assert.ok(out.startsWith(crlf.slice(0, crlf.lastIndexOf('}') + 1)), 'the original text is kept');
      assert.ok(out.endsWith('}\r\n\r\nresource "aws_x" "y" {\r\n  a         = 1\r\n  long_name = 2\r\n}\r\n'), JSON.stringify(out));
      assert.ok(!/[^\r]\n/.test(out), 'only CRLF line breaks');
      await officialParse('main.tf', out);
    });

    it('appends to a block body one level deeper, in the file indentation unit', async () => {
      const ed = editor('module "m" {\n\tsource = "x"\n}\n');
      const out = apply(ed, ed.appendToBody(firstBlock(ed, 'module'), [{ attr: 'attach_network_policy', value: 'true' }]));
      assert.equal(out, 'module "m" {\n\tsource = "x"\n\n\tattach_network_policy = true\n}\n');
      await officialParse('main.tf', out);
      const oneLine = editor('module "m" { source = "x" }\n');
      assert.equal(oneLine.appendToBody(firstBlock(oneLine, 'module'), [{ attr: 'a', value: '1' }]), undefined);
    });
  });
});
