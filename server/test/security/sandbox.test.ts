// Module sources and file reads stay put: the analysis reads nothing outside its workspace roots, whatever the
// configuration says (local module sources, installed modules in modules.json, file(), templatefile(),
// fileexists(), symbolic links). The CLI's roots are its PATH arguments and their parents up to the repository
// root (the nearest directory with a `.git`), or the PATH itself outside any repository.
//
// In-process, a recording host proves that nothing outside the roots is even asked for; through the built CLI,
// the same configurations on a real disk show what is followed and what is not.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../src/analysis';
import { MemoryHost, type DirEntry, type FileHost } from '../../src/core/host';
import { loadWorkspace, reasonsOf } from '../../src/terraform';
import { buildBin, checkWithBin, removeDir, writeTree } from '../hostile/helpers';

/**
 * A MemoryHost with directory links that records every path read or listed, as the operating system would reach it
 * (links followed). Asking where a path leads (realPath) reads nothing and is not recorded.
 */
class RecordingHost implements FileHost {
  readonly asked: string[] = [];
  private readonly inner: MemoryHost;

  constructor(
    files: Record<string, string>,
    private readonly links: Record<string, string> = {},
  ) {
    this.inner = MemoryHost.from(files);
  }

  private follow(p: string): string {
    for (const [link, target] of Object.entries(this.links)) if (p === link || p.startsWith(link + '/')) return target + p.slice(link.length);
    return p;
  }

  readFile(p: string): string | undefined {
    this.asked.push(this.follow(p));
    return this.inner.readFile(this.follow(p));
  }

  readDir(p: string): DirEntry[] | undefined {
    this.asked.push(this.follow(p));
    return this.inner.readDir(this.follow(p));
  }

  realPath(p: string): string {
    return this.follow(p);
  }
}

const REPO_ROOT = '/ws/repo';
const ROOT = `${REPO_ROOT}/envs/prod`;

/** Everything a hostile configuration may point at, and a module inside the repository that may be used. */
function hostileFiles(): Record<string, string> {
  return {
    [`${ROOT}/main.tf`]: `
locals {
  passwd   = file("/etc/passwd")
  relative = file("../../../outside/secret.txt")
  template = templatefile("/ws/outside/secret.tftpl", { x = 1 })
  exists   = fileexists("/etc/passwd")
  inside   = file("../../shared/name.txt")
}
module "inside"   { source = "../../modules/net" }
module "outside"  { source = "../../../outside" }
module "etc"      { source = "../../../../../../../../etc" }
module "absolute" { source = "/ws/outside" }
module "link"     { source = "../../modules/escape" }
module "deeplink" { source = "../../modules/escape/nested" }
module "registry" { source = "terraform-aws-modules/vpc/aws" }
`,
    [`${ROOT}/.terraform/modules/modules.json`]: JSON.stringify({
      Modules: [
        { Key: 'registry', Source: 'registry.terraform.io/terraform-aws-modules/vpc/aws', Dir: '../../../outside' },
      ],
    }),
    [`${REPO_ROOT}/modules/net/main.tf`]: 'output "id" { value = "net" }\n',
    [`${REPO_ROOT}/shared/name.txt`]: 'inside-name',
    '/ws/outside/main.tf': 'output "id" { value = "outside" }\n',
    '/ws/outside/nested/main.tf': 'output "id" { value = "nested" }\n',
    '/ws/outside/secret.txt': 'secret',
    '/ws/outside/secret.tftpl': 'secret ${x}',
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
    '/etc/main.tf': 'output "id" { value = "etc" }\n',
  };
}

describe('security: the analysis reads nothing outside its workspace roots', () => {
  const isInside = (p: string): boolean => p === REPO_ROOT || p.startsWith(REPO_ROOT + '/');

  it('whatever the configuration asks, nothing outside the roots is read or listed', () => {
    const host = new RecordingHost(hostileFiles(), { [`${REPO_ROOT}/modules/escape`]: '/ws/outside' });
    const result = analyze(host, [ROOT], { workspaceRoots: [REPO_ROOT] });
    assert.ok(host.asked.length > 0);
    const outside = [...new Set(host.asked.filter((p) => !isInside(p)))];
    assert.deepEqual(outside, []);
    // Nothing of what lies outside reached the results either.
    assert.ok(!JSON.stringify(result).includes('secret'));
  });

  it('file(), templatefile() and fileexists() outside are unknown with a reason; inside they are read', () => {
    const ws = loadWorkspace(new RecordingHost(hostileFiles()), [ROOT], { workspaceRoots: [REPO_ROOT] });
    const root = ws.roots[0];
    for (const name of ['passwd', 'relative', 'template', 'exists']) {
      const v = root.local(name);
      assert.equal(v.kind, 'unknown', name);
      assert.ok(
        reasonsOf(v).some((r) => r.code === 'file-unavailable' && /outside the workspace/.test(r.message)),
        `${name}: ${JSON.stringify(reasonsOf(v))}`,
      );
    }
    assert.deepEqual(root.local('inside'), { kind: 'string', value: 'inside-name', origins: root.local('inside').origins });
  });

  it('module sources: followed inside the roots; outside, through a link out, or installed outside, not', () => {
    const ws = loadWorkspace(new RecordingHost(hostileFiles(), { [`${REPO_ROOT}/modules/escape`]: '/ws/outside' }), [ROOT], { workspaceRoots: [REPO_ROOT] });
    const kinds = Object.fromEntries(ws.roots[0].children().map((c) => [c.call!.name, c.source.kind === 'unavailable' ? `unavailable: ${c.source.reason?.message}` : c.source.kind]));
    assert.equal(kinds.inside, 'local');
    for (const name of ['outside', 'etc', 'link', 'deeplink', 'registry']) assert.match(kinds[name], /^unavailable: .*outside the workspace/, name);
    // An absolute path is not a local source (Terraform would fetch it as a remote one): not available.
    assert.match(kinds.absolute, /^unavailable/);
  });

  it('the default roots are the root modules themselves', () => {
    const host = new RecordingHost(hostileFiles());
    analyze(host, [ROOT]);
    assert.deepEqual([...new Set(host.asked.filter((p) => !(p === ROOT || p.startsWith(ROOT + '/'))))], []);
  });
});

describe('security: module sources and file reads through the CLI', function () {
  this.timeout(300_000);
  const dirs: string[] = [];

  before(function () {
    this.timeout(300_000);
    buildBin();
  });
  after(() => dirs.splice(0).forEach(removeDir));

  /** A function in a single subnet: aws_lambda_vpc_single_az fires on it wherever it is analysed. */
  const fn = (name: string): string =>
    `resource "aws_lambda_function" "${name}" {\n  function_name = "${name}"\n  role = "arn:aws:iam::123456789012:role/r"\n  vpc_config {\n    subnet_ids         = ["subnet-1"]\n    security_group_ids = ["sg-1"]\n  }\n}\n`;

  /** `<tmp>/<base>/repo` (a repository when `git`) and `<tmp>/<base>/outside`, with a function in each module. */
  function layout(git: boolean): { base: string; repo: string; prod: string; outside: string } {
    const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lvl-sandbox-')));
    dirs.push(base);
    const repo = path.join(base, 'repo');
    const outside = path.join(base, 'outside');
    writeTree(repo, {
      'envs/prod/main.tf':
        'module "shared" {\n  source = "../../modules/shared"\n}\nmodule "outside" {\n  source = "../../../outside"\n}\n' +
        'module "etc" {\n  source = "../../../../../../../../../../etc"\n}\nmodule "link" {\n  source = "../../modules/escape"\n}\n' +
        'locals {\n  inside  = file("../../names/inside.txt")\n  outside = file("../../../outside/secret.txt")\n}\n' +
        fn('prod').replace('function_name = "prod"', 'function_name = "${local.inside}-${local.outside}"'),
      'modules/shared/main.tf': fn('shared'),
      'names/inside.txt': 'inside-name',
    });
    if (git) fs.mkdirSync(path.join(repo, '.git'));
    writeTree(outside, { 'main.tf': fn('outside_fn'), 'secret.txt': 'TOP-SECRET' });
    fs.symlinkSync(outside, path.join(repo, 'modules/escape'));
    return { base, repo, prod: path.join(repo, 'envs/prod'), outside };
  }

  const resources = (findings: { resource: string | null }[]): string[] => [...new Set(findings.map((f) => f.resource ?? ''))].sort();

  it('in a repository, ../../modules/shared is followed; ../../../outside, ../../etc and a link out are not', () => {
    const { repo } = layout(true);
    const { report, stdout } = checkWithBin(repo, ['envs/prod', '--explain']);
    assert.deepEqual(resources(report.findings), ['aws_lambda_function.prod', 'module.shared.aws_lambda_function.shared']);
    assert.ok(!stdout.includes('TOP-SECRET'));
    // file() inside the repository is read, outside it is not.
    const prod = (report.pictures ?? []).find((p) => p.id === 'aws_lambda_function.prod') as { name: { known: boolean; reason?: string } };
    assert.equal(prod.name.known, false);
    assert.match(prod.name.reason ?? '', /secret\.txt is outside the workspace/);
    assert.ok(!/inside\.txt/.test(prod.name.reason ?? ''), prod.name.reason);
  });

  it('outside any repository, the PATH itself is the root: ../../modules/shared is not followed', function () {
    const { base, repo } = layout(false);
    for (let d = base; path.dirname(d) !== d; d = path.dirname(d)) {
      assert.ok(!fs.existsSync(path.join(d, '.git')), `${d} holds a .git, so this test cannot make a workspace outside any repository; set TMPDIR elsewhere`);
    }
    const { report } = checkWithBin(repo, ['envs/prod']);
    assert.deepEqual(resources(report.findings), ['aws_lambda_function.prod']);
  });

  it('a file PATH has the roots of its directory', () => {
    const { repo } = layout(true);
    const { report } = checkWithBin(repo, ['envs/prod/main.tf']);
    assert.deepEqual(resources(report.findings), ['aws_lambda_function.prod', 'module.shared.aws_lambda_function.shared']);
  });

  it('a PATH reached through a symbolic link is checked where it really is: ../../modules/shared is followed', () => {
    const { base, prod } = layout(true);
    fs.symlinkSync(prod, path.join(base, 'prod-link'));
    for (const arg of ['prod-link', 'prod-link/main.tf']) {
      const { report } = checkWithBin(base, [arg]);
      assert.deepEqual(resources(report.findings), ['aws_lambda_function.prod', 'module.shared.aws_lambda_function.shared'], arg);
    }
  });
});
