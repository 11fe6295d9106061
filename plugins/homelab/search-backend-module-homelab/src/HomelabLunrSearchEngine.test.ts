import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import {
  LunrSearchEngine,
  TestPipeline,
} from '@backstage/plugin-search-backend-node';
import { seedDocuments } from './__testUtils__/seedCatalog';
import { HomelabLunrSearchEngine } from './HomelabLunrSearchEngine';

// The real Lunr engine (Backstage's, with this module's translator) over the
// seed homelab in catalog/, as the catalog collator gives it.
async function indexedEngine() {
  const engine = new HomelabLunrSearchEngine({
    logger: mockServices.logger.mock(),
  });
  const { error } = await TestPipeline.fromIndexer(
    await engine.getIndexer('software-catalog'),
  )
    .withDocuments(seedDocuments())
    .execute();
  if (error) {
    throw error;
  }
  return engine;
}

async function titles(engine: LunrSearchEngine, term: string) {
  const { results } = await engine.query({
    term,
    types: ['software-catalog'],
  });
  return results.map(r => r.document.title);
}

describe('HomelabLunrSearchEngine on the seed catalog', () => {
  let engine: HomelabLunrSearchEngine;
  beforeAll(async () => {
    engine = await indexedEngine();
  });

  it('finds the node whose address an IP is first, then the VLAN that holds it, and nothing else', async () => {
    expect(await titles(engine, '10.0.20.11')).toEqual([
      'SFF node 1',
      'VLAN 20: Server/Lab',
    ]);
    expect((await titles(engine, '10.0.50.5'))[0]).toBe('Synology NAS');
    // an address no device has: its VLAN
    expect(await titles(engine, '10.0.20.99')).toEqual(['VLAN 20: Server/Lab']);
    // a gateway is its VLAN's
    expect((await titles(engine, '10.0.30.1'))[0]).toBe(
      'VLAN 30: User/Trusted',
    );
    expect(await titles(engine, '192.168.1.1')).toEqual([]);
  });

  it('finds a device by its MAC in any spelling', async () => {
    for (const mac of [
      '6c:4b:90:1a:2b:01',
      '6C-4B-90-1A-2B-01',
      '6c4b.901a.2b01',
    ]) {
      expect(await titles(engine, mac)).toEqual(['SFF node 1']);
    }
    expect(await titles(engine, '00:11:32:aa:bb:02')).toEqual(['Synology NAS']);
  });

  it('finds a VLAN by its id and by its subnet', async () => {
    for (const term of ['20', 'vlan 20', 'VLAN20']) {
      expect((await titles(engine, term))[0]).toBe('VLAN 20: Server/Lab');
    }
    expect((await titles(engine, '50'))[0]).toBe('VLAN 50: Storage');
    expect(await titles(engine, '10.0.20.0/24')).toEqual([
      'VLAN 20: Server/Lab',
    ]);
  });

  it('finds a device or service by its hostname or name first', async () => {
    expect((await titles(engine, 'sff-1'))[0]).toBe('SFF node 1');
    expect((await titles(engine, 'sff-2.lab.local'))[0]).toBe('SFF node 2');
    expect((await titles(engine, 'nas.lab.local'))[0]).toBe('Synology NAS');
    expect((await titles(engine, 'switch.lab.local'))[0]).toBe(
      (await titles(engine, 'switch-1'))[0],
    );
    expect((await titles(engine, 'grafana.lab.local'))[0]).toBe('Grafana');
  });

  it('still answers words as Backstage does (prefixes, typos)', async () => {
    expect(await titles(engine, 'grafan')).toContain('Grafana');
    expect(await titles(engine, 'promethues')).toContain('Prometheus');
  });

  it('applies filters, the matching entity first', async () => {
    const { results } = await engine.query({
      term: '10.0.20.11',
      types: ['software-catalog'],
      filters: { type: 'vlan' },
    });
    // Lunr keeps every document that passes a filter (a filter is a
    // required clause, the query's terms optional ones), as Backstage's does
    expect(results[0].document.title).toBe('VLAN 20: Server/Lab');
    expect(results.map(r => (r.document as any).type)).toEqual(
      results.map(() => 'vlan'),
    );
  });

  it('answers a document type with no index (TechDocs with no sites) with no results, not an error', async () => {
    await expect(
      engine.query({ term: '', types: ['techdocs'] }),
    ).resolves.toEqual({ results: [], numberOfResults: 0 });
    await expect(
      engine.query({ term: '10.0.20.11', types: ['techdocs'] }),
    ).resolves.toEqual({ results: [], numberOfResults: 0 });
    // Backstage's own engine throws there, and the search route answers 500
    const stock = new LunrSearchEngine({ logger: mockServices.logger.mock() });
    await expect(
      stock.query({ term: '', types: ['techdocs'] }),
    ).rejects.toThrow(/Missing index for techdocs/);
  });
});

// The repository's own docs (docs/: the runbooks and the architecture), one
// document a page, as the TechDocs collator gives them.
function docsDocuments() {
  const root = path.resolve(__dirname, '../../../../docs');
  const pages: { title: string; text: string; location: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(file);
      } else if (entry.name.endsWith('.md')) {
        pages.push({
          title: path.relative(root, file),
          text: fs.readFileSync(file, 'utf8'),
          location: `/docs/default/component/${path.relative(root, file)}`,
        });
      }
    }
  };
  walk(root);
  return pages;
}

describe('HomelabLunrSearchEngine on the seed catalog and the docs', () => {
  it('an IP finds its node and VLAN first, and only the pages that name that very address', async () => {
    const engine = await indexedEngine();
    const docs = docsDocuments();
    const { error } = await TestPipeline.fromIndexer(
      await engine.getIndexer('techdocs'),
    )
      .withDocuments(docs)
      .execute();
    if (error) {
      throw error;
    }
    const named = docs.filter(d => d.text.includes('10.0.20.11'));
    // the docs name other hosts of the VLAN too (a near miss by two edits)
    expect(named.length).toBeGreaterThan(0);
    expect(
      docs.filter(
        d => !d.text.includes('10.0.20.11') && /10\.0\.20\.\d/.test(d.text),
      ).length,
    ).toBeGreaterThan(0);

    const { results } = await engine.query({ term: '10.0.20.11' });
    const found = results.map(r => r.document.title);
    expect(found.slice(0, 2)).toEqual(['SFF node 1', 'VLAN 20: Server/Lab']);
    expect(found.slice(2).sort()).toEqual(named.map(d => d.title).sort());
    expect(results.map(r => r.rank)).toEqual(found.map((_, i) => i + 1));
    // in pages of two, the same order
    const first = await engine.query({ term: '10.0.20.11', pageLimit: 2 });
    const second = await engine.query({
      term: '10.0.20.11',
      pageLimit: 2,
      pageCursor: first.nextPageCursor,
    });
    expect(first.numberOfResults).toBe(found.length);
    expect(
      [...first.results, ...second.results].map(r => r.document.title),
    ).toEqual(found.slice(0, 4));
    expect(second.results.map(r => r.rank)).toEqual(
      [3, 4].slice(0, second.results.length),
    );
    // a cursor that is not a page number is the first page, not a crash
    for (const pageCursor of ['!!!', Buffer.from('-3').toString('base64')]) {
      const odd = await engine.query({
        term: '10.0.20.11',
        pageLimit: 2,
        pageCursor,
      });
      expect(odd.results.map(r => r.rank)).toEqual([1, 2]);
    }
    // words still find pages as Backstage's own translator does
    const { results: words } = await engine.query({
      term: 'restor',
      types: ['techdocs'],
    });
    expect(words.length).toBeGreaterThan(0);
  });
});
