// The explanation of a network picture (network/explain.ts), which the hover and --explain both show: checked on
// the pictures of every case in test-fixtures/network/, and on synthetic pictures for what the cases lack.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { MemoryHost } from '../../src/core/host';
import { endpointFor, subnetEgress, ipv6Allowed } from '../../src/network/egress';
import { explainPicture, segmentsText, type Explanation, type ExplanationLine } from '../../src/network/explain';
import { buildPictures } from '../../src/network/picture';
import type { FunctionPicture, Loc } from '../../src/network/types';
import * as rulesEgress from '../../src/rules/egress';
import { loadWorkspace } from '../../src/terraform';

const FIXTURES = path.resolve(__dirname, '../../../test-fixtures/network');
const ALL_FIXTURES = path.resolve(__dirname, '../../../test-fixtures');
const CONFIG = /\.(tf|tofu|tf\.json|tofu\.json)$/;

function filesUnder(dir: string, out: Map<string, string> = new Map()): Map<string, string> {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) filesUnder(p, out);
    else if (name !== 'expected.json') out.set(p.split(path.sep).join('/'), readFileSync(p, 'utf8'));
  }
  return out;
}

/** The pictures of every directory of configuration in test-fixtures/ (every layer's fixtures), each a root module. */
let everyPicture: { where: string; picture: FunctionPicture }[] | undefined;

function everyFixturePicture(): { where: string; picture: FunctionPicture }[] {
  if (everyPicture) return everyPicture;
  const files = new Map<string, string>();
  const roots = new Set<string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        files.set(p.split(path.sep).join('/'), readFileSync(p, 'utf8'));
        if (CONFIG.test(name)) roots.add(dir.split(path.sep).join('/'));
      }
    }
  };
  walk(ALL_FIXTURES);
  const host = new MemoryHost(files);
  everyPicture = [...roots].sort().flatMap((root) => buildPictures(loadWorkspace(host, [root])).map((picture) => ({ where: `${path.posix.relative(ALL_FIXTURES, root)} ${picture.id}`, picture })));
  return everyPicture;
}
const pictureCache = new Map<string, FunctionPicture[]>();

function picturesOf(name: string): FunctionPicture[] {
  let pictures = pictureCache.get(name);
  if (!pictures) {
    const dir = path.join(FIXTURES, name).split(path.sep).join('/');
    pictures = buildPictures(loadWorkspace(new MemoryHost(filesUnder(dir)), [dir]));
    pictureCache.set(name, pictures);
  }
  return pictures;
}

function pictureOf(name: string, id?: string): FunctionPicture {
  const all = picturesOf(name);
  const p = id ? all.find((x) => x.id === id) : all[0];
  assert.ok(p, `no picture ${id ?? ''} in ${name}`);
  return p;
}

/** The explanation as indented text (paths shown by their last segment), for readable assertions. */
function outline(e: Explanation): string {
  const show = (d: string): string => path.posix.basename(d);
  const out = [segmentsText(e.title, show)];
  const render = (l: ExplanationLine, indent: string): void => {
    out.push(indent + segmentsText(l.segments, show));
    for (const c of l.lines) render(c, indent + '  ');
  };
  for (const s of e.sections) {
    out.push(`  ${s.title}`);
    for (const l of s.lines) render(l, '    ');
  }
  return out.join('\n');
}

function section(e: Explanation, title: string): ExplanationLine[] | undefined {
  return e.sections.find((s) => s.title === title)?.lines;
}

function allLines(lines: readonly ExplanationLine[]): ExplanationLine[] {
  return lines.flatMap((l) => [l, ...allLines(l.lines)]);
}

/** Every Loc anywhere in a picture, as keys. */
function locKeys(x: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(x)) x.forEach((v) => locKeys(v, out));
  else if (typeof x === 'object' && x !== null) {
    const o = x as Record<string, unknown>;
    if (typeof o.file === 'string' && typeof o.span === 'object') out.add(locKey(o as unknown as Loc));
    Object.values(o).forEach((v) => locKeys(v, out));
  }
  return out;
}

function locKey(l: Loc): string {
  return `${l.file}:${l.span.start}-${l.span.end}`;
}

describe('network/explain', () => {
  it('every fixture: plain data, locations only from the picture, every unknown and dependency shown, VPC sections only when attached', () => {
    let pictures = 0;
    for (const { where, picture: p } of everyFixturePicture()) {
      pictures++;
      const e = explainPicture(p);
      assert.deepEqual(JSON.parse(JSON.stringify(e)), e, `${where}: not plain data`);
      const known = locKeys(p);
      const lines = e.sections.flatMap((s) => allLines(s.lines));
      for (const l of [e.at, ...lines.flatMap((x) => x.locs)]) assert.ok(known.has(locKey(l)), `${where}: ${locKey(l)} is not a location of the picture`);
      for (const l of lines) assert.equal(new Set(l.locs.map(locKey)).size, l.locs.length, `${where}: duplicate locations`);

      const unknowns = section(e, 'Unknowns') ?? [];
      if (p.unknowns.length === 0) assert.deepEqual(unknowns.map((l) => segmentsText(l.segments)), ['None: every fact above is known']);
      else assert.equal(unknowns.length, p.unknowns.length, `${where}: unknowns`);
      for (const u of p.unknowns) assert.ok(unknowns.some((l) => segmentsText(l.segments).includes(u.reason)), `${where}: unknown ${u.what} not shown`);

      const deps = (section(e, 'Dependencies') ?? []).map((l) => segmentsText(l.segments));
      const egress = (section(e, 'Egress (IPv4)') ?? []).map((l) => segmentsText(l.segments));
      for (const d of p.dependencies) {
        assert.ok(deps.some((t) => t.startsWith(`${d.name} (${d.service})`)), `${where}: dependency ${d.service}`);
        if (p.subnets?.known && p.subnets.value.length > 0) assert.ok(egress.some((t) => t.startsWith(`${d.name} (${d.service})`)), `${where}: egress of ${d.service}`);
      }

      const titles = e.sections.map((s) => s.title);
      for (const t of ['Subnets', 'VPC endpoints']) assert.equal(titles.includes(t), p.subnets !== undefined, `${where}: ${t}`);
      assert.deepEqual(titles.slice(0, 2), ['Function', 'Attachment']);
      assert.equal(titles[titles.length - 1], 'Unknowns');
    }
    assert.ok(pictures >= 100, `only ${pictures} pictures`);
  });

  it('egress per service: a Gateway endpoint on the route table, none where the endpoint is on another table', () => {
    const text = outline(explainPicture(pictureOf('gateway-endpoint-default-rt')));
    assert.ok(
      text.includes(
        [
          '  Egress (IPv4)',
          '    Internet and public AWS APIs: none: aws_route_table.private has no default route',
          '    Amazon DynamoDB (dynamodb): through Gateway endpoint aws_vpc_endpoint.dynamodb',
          "    Amazon S3 (s3): none: no NAT route and no VPC endpoint for it (aws_vpc_endpoint.s3 is not associated with the subnet's route table)",
        ].join('\n'),
      ),
      text,
    );
    // Endpoints, with what is not known about them; dependencies with their evidence.
    assert.ok(text.includes('      aws_vpc_endpoint.s3: Gateway endpoint for s3\n        Service name: unknown (service_name is unknown: var.region has no default'), text);
    assert.ok(text.includes('        Route tables: aws_vpc.main.main_route_table_id'), text);
    assert.ok(text.includes('    Amazon S3 (s3): public AWS API\n      aws_iam_role_policy.fn allows s3:GetObject, s3:PutObject'), text);
    // An unknown about an element of the picture names the element (`vpcs[0].endpoints[0].serviceName`).
    assert.ok(text.includes('    service_name of aws_vpc_endpoint.s3: service_name is unknown: var.region has no default'), text);
  });

  it('subnets: AZ, VPC, route table and its default routes; the internet gateway gives Lambda nothing', () => {
    const text = outline(explainPicture(pictureOf('public-subnets')));
    assert.ok(
      text.includes(
        [
          '    aws_subnet.public[0]',
          '      AZ: sa-east-1a',
          '      VPC: aws_vpc.main',
          "      Route table: aws_default_route_table.main (the VPC's main route table, managed by aws_default_route_table)",
          '        0.0.0.0/0 → internet gateway aws_internet_gateway.igw (gives Lambda nothing: its ENIs get no public IP)',
        ].join('\n'),
      ),
      text,
    );
    assert.ok(text.includes('    Internet and public AWS APIs: none: 0.0.0.0/0 goes to internet gateway aws_internet_gateway.igw'), text);
  });

  it('egress that differs between subnets is shown per subnet, unresolved routes with their reason', () => {
    const e = explainPicture(pictureOf('route-targets'));
    const text = outline(e);
    assert.ok(
      text.includes(
        [
          '    Internet and public AWS APIs: depends on the subnet',
          '      through NAT instance aws_instance.nat (subnet aws_subnet.nat_instance)',
          '      through transit gateway aws_ec2_transit_gateway.hub (subnet aws_subnet.tgw)',
          '      unknown: a route of aws_route_table.maybe could not be resolved (aws_route.maybe_default may add a default route to this table',
        ].join('\n'),
      ),
      text,
    );
    assert.ok(text.includes('        Unresolved: aws_route.maybe_default may add a default route to this table'), text);
    assert.ok(text.includes('        ::/0 → VPC peering connection aws_vpc_peering_connection.shared (no internet through it: peering is not transitive)'), text);
    // The route line links the route and its target.
    const route = allLines(section(e, 'Subnets') ?? []).find((l) => segmentsText(l.segments).startsWith('0.0.0.0/0 → NAT instance'));
    assert.ok(route && route.locs.length >= 1);
  });

  it('AZs known only at apply are shown as what they are', () => {
    assert.ok(outline(explainPicture(pictureOf('count-azs'))).includes('      AZ: data.aws_availability_zones.available.names[0], known only at apply (differs from the other elements of its list)'));
    assert.ok(outline(explainPicture(pictureOf('region-symbolic', 'aws_lambda_function.two_azs'))).includes('      AZ: known only at apply, ending in b'));
  });

  it('not attached: no VPC sections, egress from Lambda; event source mappings and module calls shown', () => {
    const cp = outline(explainPicture(pictureOf('capacity-provider')));
    assert.ok(cp.includes("    Runs on capacity provider aws_lambda_capacity_provider.lmi, whose vpc_config is the function's network"), cp);
    assert.ok(cp.includes("  Egress (IPv4)\n    Through the capacity provider's VPC (not analysed here)"), cp);
    assert.ok(cp.includes('ENI permissions (needed only for a VPC attachment): granted'), cp);

    const mod = outline(explainPicture(pictureOf('lambda-module', 'module.no_vpc.aws_lambda_function.this[0]')));
    assert.ok(mod.startsWith('Lambda function module.no_vpc.aws_lambda_function.this[0] (function_name no-vpc), from a terraform-aws-modules/lambda/aws module call'), mod);
    assert.ok(mod.includes('    Root module lambda-module\n      Called through module.no_vpc (source terraform-aws-modules/lambda/aws)'), mod);
    assert.ok(mod.includes('  Egress (IPv4)\n    Not attached to a VPC: Lambda gives the function internet access and every public AWS API'), mod);
    assert.ok(mod.includes('    attach_network_policy: false'), mod);

    const sqs = outline(explainPicture(pictureOf('sqs-mapping')));
    assert.ok(sqs.includes('  Event source mappings (polled by the Lambda service, not by the code)\n    aws_lambda_event_source_mapping.in: SQS queue aws_sqs_queue.in'), sqs);
  });

  it('Interface endpoints serve a service only with private DNS; otherwise the egress is unknown, with the reason', () => {
    const base = pictureOf('sqs-mapping');
    const vpc = base.vpcs[0];
    const at = base.locations.header;
    const withEndpoint = (privateDns: boolean): FunctionPicture => ({
      ...base,
      vpcs: [
        {
          ...vpc,
          endpoints: [
            {
              ref: 'aws_vpc_endpoint.sqs',
              at,
              type: { known: true, value: 'Interface' },
              serviceName: { known: true, value: 'com.amazonaws.eu-west-1.sqs' },
              service: { known: true, value: 'sqs' },
              subnets: { known: true, value: ['aws_subnet.private[0]'] },
              privateDnsEnabled: { known: true, value: privateDns },
            },
          ],
        },
      ],
    });
    const on = outline(explainPicture(withEndpoint(true)));
    assert.ok(on.includes('    Amazon SQS (sqs): through Interface endpoint aws_vpc_endpoint.sqs'), on);
    assert.ok(on.includes('      aws_vpc_endpoint.sqs: Interface endpoint for sqs\n        Service name: com.amazonaws.eu-west-1.sqs\n        Subnets: aws_subnet.private[0]\n        Private DNS: enabled'), on);
    const off = outline(explainPicture(withEndpoint(false)));
    assert.ok(off.includes("    Amazon SQS (sqs): unknown: aws_vpc_endpoint.sqs has no private DNS, so only code that uses the endpoint's own DNS name reaches it"), off);
  });

  it('unknowns say what they are about: a path into the picture becomes the field of the element it names', () => {
    const base = pictureOf('sqs-mapping');
    const unknowns = [
      { what: 'subnets.value[1].az', reason: 'why 1' },
      { what: 'vpcs[0].ipv6', reason: 'why 2' },
      { what: 'role.eniPermissions', reason: 'why 3' },
      { what: 'environment variable X', reason: 'why 4' },
      { what: 'aws_route.r', reason: 'aws_route.r may add a default route' },
      { what: 'subnets.value[7].az', reason: 'why 5' },
    ];
    const lines = (section(explainPicture({ ...base, unknowns }), 'Unknowns') ?? []).map((l) => segmentsText(l.segments));
    assert.deepEqual(lines, [
      'Availability Zone of aws_subnet.private[1]: why 1',
      'IPv6 CIDR block of aws_vpc.main: why 2',
      'ENI permissions: why 3',
      'environment variable X: why 4',
      'aws_route.r may add a default route',
      // A path that leads nowhere stays as it is.
      'subnets.value[7].az: why 5',
    ]);
  });

  it('segmentsText shows code as is and paths through the given function', () => {
    assert.equal(segmentsText(['Root module ', { path: '/w/envs/dev' }, ' in ', { code: 'eu-west-1' }], (p) => p.replace('/w/', '')), 'Root module envs/dev in eu-west-1');
    assert.equal(segmentsText([{ path: '/w' }]), '/w');
  });

  it('judges egress as the rules do (network/egress.ts and rules/egress.ts agree on every fixture)', () => {
    let judged = 0;
    for (const { where, picture: p } of everyFixturePicture()) {
      if (!p.subnets?.known) continue;
      const v6 = ipv6Allowed(p);
      assert.equal(v6, rulesEgress.ipv6Allowed(p));
      const services = new Set([...p.dependencies.map((d) => d.service), ...p.vpcs.flatMap((v) => v.endpoints.flatMap((e) => (e.service.known ? [e.service.value] : [])))]);
      for (const s of p.subnets.value) {
        assert.equal(subnetEgress(s, v6), rulesEgress.subnetEgress(s, v6), `${where}: egress of ${s.known ? s.ref : 'unknown subnet'}`);
        if (!s.known) continue;
        for (const service of services) {
          judged++;
          assert.equal(endpointFor(p, s, service).answer, rulesEgress.endpointServes(p, s, service), `${where}: ${service} from ${s.ref}`);
        }
      }
    }
    assert.ok(judged >= 50, `only ${judged} endpoint judgements`);
  });
});
