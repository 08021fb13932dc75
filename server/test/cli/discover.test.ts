import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MemoryHost } from '../../src/core/host';
import { findRootModules } from '../../src/cli/discover';
import { NodeFileHost } from '../../src/cli/host';
import { scratchDir, writeTree } from './helpers';

const never = (): boolean => false;

describe('cli/discover (--recursive)', () => {
  it('roots are module directories no other module there calls', () => {
    const host = MemoryHost.from({
      '/r/envs/prod/main.tf': 'module "net" {\n  source = "../../modules/net"\n}\n',
      '/r/envs/dev/main.tf': 'module "net" {\n  source = "../../modules/net/"\n}\nmodule "app" {\n  source = "./app"\n}\n',
      '/r/envs/dev/app/main.tf': 'resource "x" "y" {\n}\n',
      '/r/modules/net/main.tf': 'resource "aws_vpc" "v" {\n}\n',
      '/r/modules/unused/main.tofu': 'variable "a" {\n}\n',
      '/r/README.md': '# not terraform',
      '/r/docs/notes.txt': 'no terraform here',
    });
    assert.deepEqual(findRootModules(host, '/r', never), ['/r/envs/dev', '/r/envs/prod', '/r/modules/unused']);
  });

  it('only local sources count as calls', () => {
    const host = MemoryHost.from({
      '/r/a/main.tf': 'module "reg" {\n  source = "terraform-aws-modules/vpc/aws"\n}\nmodule "git" {\n  source = "git::https://example.com/b.git"\n}\n',
      '/r/b/main.tf': 'locals {\n}\n',
    });
    assert.deepEqual(findRootModules(host, '/r', never), ['/r/a', '/r/b']);
  });

  it('skips hidden directories, .terraform, node_modules and ignored paths', () => {
    const host = MemoryHost.from({
      '/r/main.tf': 'locals {\n}\n',
      '/r/.terraform/modules/x/main.tf': 'locals {\n}\n',
      '/r/.hidden/main.tf': 'locals {\n}\n',
      '/r/node_modules/pkg/main.tf': 'locals {\n}\n',
      '/r/legacy/main.tf': 'locals {\n}\n',
      '/r/sub/main.tf': 'locals {\n}\n',
    });
    assert.deepEqual(
      findRootModules(host, '/r', (p) => p.startsWith('/r/legacy')),
      ['/r', '/r/sub'],
    );
  });

  it('a file called by nobody that only calls itself is still a root', () => {
    const host = MemoryHost.from({ '/r/self/main.tf': 'module "me" {\n  source = "./"\n}\n' });
    assert.deepEqual(findRootModules(host, '/r', never), ['/r/self']);
  });

  it('a cycle of modules nobody else calls is checked once, from its first directory', () => {
    const host = MemoryHost.from({
      '/r/a/main.tf': 'module "b" {\n  source = "../b"\n}\n',
      '/r/b/main.tf': 'module "a" {\n  source = "../a"\n}\n',
      '/r/c/main.tf': 'module "d" {\n  source = "../d"\n}\n',
      '/r/d/main.tf': 'module "c" {\n  source = "../c"\n}\n',
      '/r/e/main.tf': 'module "c" {\n  source = "../c"\n}\n',
    });
    assert.deepEqual(findRootModules(host, '/r', never), ['/r/a', '/r/e']);
  });

  it('reports progress per directory', () => {
    const host = MemoryHost.from({ '/r/a/main.tf': 'locals {\n}\n', '/r/b/c/main.tf': 'locals {\n}\n' });
    const seen: string[] = [];
    findRootModules(host, '/r', never, (d) => seen.push(d));
    assert.deepEqual(seen, ['/r', '/r/a', '/r/b', '/r/b/c']);
  });

  it('on disk: follows a symlinked directory once and survives symlink loops', function () {
    const dir = scratchDir();
    writeTree(dir, { 'real/main.tf': 'locals {\n}\n', 'other/main.tf': 'locals {\n}\n' });
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'link'));
    fs.symlinkSync(dir, path.join(dir, 'real', 'loop'));
    const roots = findRootModules(new NodeFileHost(), dir, never);
    assert.deepEqual(roots, [`${dir}/other`, `${dir}/real`]);
  });
});
