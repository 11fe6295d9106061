import { createSocket, Socket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { AddressInfo } from 'node:net';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  DnsRecord,
  answeringServer,
  catalogDnsNames,
  checkDns,
} from '@homelab-portal/plugin-homelab-common';
import { seedCatalog } from '@homelab-portal/test-utils';
import {
  DnsConfig,
  parseDnsmasqServers,
  parseGoZones,
  readDnsConfig,
} from './readDnsConfig';

const GITOPS = resolvePackagePath(
  '@homelab-portal/plugin-homelab-node',
  '../../../gitops',
);

/**
 * A tiny authoritative DNS server over UDP that answers A queries from
 * GoZones' records, following CNAMEs inside its zone, and NXDOMAIN otherwise
 * (RFC 1035 wire format, enough for node's resolver).
 */
function startZoneServer(
  records: DnsRecord[],
): Promise<{ socket: Socket; port: number }> {
  const socket = createSocket('udp4');
  const encodeName = (name: string) =>
    Buffer.concat([
      ...name
        .split('.')
        .map(label =>
          Buffer.concat([Buffer.from([label.length]), Buffer.from(label)]),
        ),
      Buffer.from([0]),
    ]);
  socket.on('message', (query, peer) => {
    const id = query.readUInt16BE(0);
    const labels: string[] = [];
    let offset = 12;
    while (query[offset] !== 0) {
      labels.push(
        query.subarray(offset + 1, offset + 1 + query[offset]).toString(),
      );
      offset += query[offset] + 1;
    }
    const question = query.subarray(12, offset + 5);
    const qtype = query.readUInt16BE(offset + 1);
    const answers: Buffer[] = [];
    let name = labels.join('.').toLowerCase();
    const lookup = (wanted: string) =>
      records.find(
        r =>
          r.name === wanted &&
          (r.type === 'CNAME' || (r.type === 'A' && qtype === 1)),
      );
    for (let hops = 0; hops < 8; hops++) {
      const record = lookup(name);
      if (!record) break;
      const rdata =
        record.type === 'A'
          ? Buffer.from(record.value.split('.').map(Number))
          : encodeName(record.value);
      const header = Buffer.alloc(10);
      header.writeUInt16BE(record.type === 'A' ? 1 : 5, 0);
      header.writeUInt16BE(1, 2);
      header.writeUInt32BE(record.ttl ?? 3600, 4);
      header.writeUInt16BE(rdata.length, 8);
      answers.push(Buffer.concat([encodeName(name), header, rdata]));
      if (record.type === 'A') break;
      name = record.value;
    }
    const head = Buffer.alloc(12);
    head.writeUInt16BE(id, 0);
    // response, authoritative, recursion desired copied; NXDOMAIN if nothing
    head.writeUInt16BE(
      0x8400 | (query.readUInt16BE(2) & 0x0100) | (answers.length ? 0 : 3),
      2,
    );
    head.writeUInt16BE(1, 4);
    head.writeUInt16BE(answers.length, 6);
    socket.send(
      Buffer.concat([head, question, ...answers]),
      peer.port,
      peer.address,
    );
  });
  return new Promise(resolve =>
    socket.bind(0, '127.0.0.1', () =>
      resolve({ socket, port: (socket.address() as AddressInfo).port }),
    ),
  );
}

describe('the homelab DNS in Git, checked against the catalog', () => {
  let config: DnsConfig;
  const entities = seedCatalog();
  beforeAll(async () => {
    config = await readDnsConfig(GITOPS);
  });

  it('reads GoZones’ zone and Pi-hole’s forwarding: lab.local to GoZones, the rest upstream', () => {
    expect(config.zones).toEqual(['lab.local']);
    expect(config.forwards).toEqual([
      { domain: 'lab.local', server: '10.0.20.53' },
    ]);
    expect(config.upstreams).toEqual(['1.1.1.1', '1.0.0.1']);
    expect(config.records).toContainEqual({
      name: 'git.lab.local',
      type: 'CNAME',
      value: 'ingress.lab.local',
      ttl: 3600,
    });
    const servers = {
      labZoneServer: config.forwards[0].server,
      upstreams: config.upstreams,
    };
    expect(answeringServer('Registry.lab.local', servers)).toEqual({
      server: '10.0.20.53',
      role: 'authoritative',
    });
    expect(answeringServer('example.org', servers).role).toBe('upstream');
  });

  it('has a record for every *.lab.local name the catalog uses, and none for nothing', () => {
    const uses = catalogDnsNames(entities);
    expect(uses.map(u => u.name)).toEqual(
      expect.arrayContaining([
        'git.lab.local',
        'registry.lab.local',
        'minio.lab.local',
        'portal.lab.local',
        'sff-1.lab.local',
        'nas.lab.local',
        'k8s.lab.local',
      ]),
    );
    expect(
      checkDns(config.records, uses, { infrastructure: config.infrastructure }),
    ).toEqual([]);
  });

  it('catches planted problems: a link with no record, a record for nothing, two services on one name, a CNAME to nowhere', () => {
    const records = config.records
      .filter(r => r.name !== 'minio.lab.local')
      .concat([
        { name: 'old-wiki.lab.local', type: 'A', value: '10.0.20.99' },
        { name: 'photos.lab.local', type: 'CNAME', value: 'gone.lab.local' },
      ]);
    const planted = entities.map(e =>
      e.metadata.name === 'kiwix'
        ? {
            ...e,
            metadata: {
              ...e.metadata,
              links: [
                { url: 'https://jellyfin.lab.local/wiki', title: 'Kiwix' },
              ],
            },
          }
        : e,
    );
    const problems = checkDns(records, catalogDnsNames(planted), {
      infrastructure: config.infrastructure,
    });
    expect(problems).toEqual([
      {
        kind: 'shared-name',
        name: 'jellyfin.lab.local',
        entityRefs: ['component:default/jellyfin', 'component:default/kiwix'],
      },
      {
        kind: 'no-record',
        name: 'minio.lab.local',
        uses: [
          {
            name: 'minio.lab.local',
            entityRef: 'component:default/minio',
            via: 'link',
          },
        ],
      },
      // kiwix.lab.local is no longer linked from anything
      {
        kind: 'record-for-nothing',
        name: 'kiwix.lab.local',
        record: expect.objectContaining({ type: 'CNAME' }),
      },
      {
        kind: 'record-for-nothing',
        name: 'old-wiki.lab.local',
        record: expect.objectContaining({ value: '10.0.20.99' }),
      },
      {
        kind: 'record-for-nothing',
        name: 'photos.lab.local',
        record: expect.objectContaining({ type: 'CNAME' }),
      },
      {
        kind: 'dangling-cname',
        name: 'photos.lab.local',
        target: 'gone.lab.local',
      },
    ]);
  });

  it('answers a live query for a catalog name from the zone in Git, and NXDOMAIN for a name with no record', async () => {
    const { socket, port } = await startZoneServer(config.records);
    try {
      const resolver = new Resolver({ timeout: 2000, tries: 1 });
      resolver.setServers([`127.0.0.1:${port}`]);
      expect(await resolver.resolve4('registry.lab.local')).toEqual([
        '10.0.20.80',
      ]);
      expect(await resolver.resolveCname('git.lab.local')).toEqual([
        'ingress.lab.local',
      ]);
      expect(await resolver.resolve4('sff-2.lab.local')).toEqual([
        '10.0.20.12',
      ]);
      await expect(
        resolver.resolve4('nothing.lab.local'),
      ).rejects.toMatchObject({
        code: 'ENOTFOUND',
      });
    } finally {
      socket.close();
    }
  });

  it('refuses malformed zone and dnsmasq files with the place named', () => {
    expect(() => parseGoZones('zones: nope', 'z.yml')).toThrow(
      'z.yml has no zones list',
    );
    expect(() =>
      parseGoZones(
        'zones:\n  - name: lab.local\n    records:\n      A:\n        - name: x\n          value: 10.0.0.300\n',
        'z.yml',
      ),
    ).toThrow('z.yml: lab.local A record 1 (x) has an invalid value');
    expect(() =>
      parseGoZones(
        'zones:\n  - name: lab.local\n    records:\n      CNAME:\n        - name: "<img src=x>"\n          value: a.lab.local\n',
        'z.yml',
      ),
    ).toThrow('z.yml: lab.local CNAME record 1 has no valid name');
    expect(() => parseDnsmasqServers('server=$(reboot)\n', 'p.conf')).toThrow(
      'p.conf line 1: not a server= line dnsmasq reads',
    );
  });
});
