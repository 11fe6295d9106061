import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { PgSearchEngine } from '@backstage/plugin-search-backend-module-pg';
import { TestPipeline } from '@backstage/plugin-search-backend-node';
import { seedDocuments } from './__testUtils__/seedCatalog';

// Production searches with search-backend-module-pg: this module leaves the
// engine to it and only adds fields to the documents. Real PostgreSQL
// (scripts/test.sh sets this variable when the machine's server answers).
const PG_URL = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
jest.setTimeout(60_000);

if (!PG_URL) {
  // eslint-disable-next-line jest/expect-expect
  it('needs PostgreSQL', () => {
    throw new Error(
      'These tests run on a real PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/test.sh does when one answers on 127.0.0.1:5432)',
    );
  });
} else {
  describe('the homelab documents on the PostgreSQL engine', () => {
    const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
    let engine: PgSearchEngine;

    beforeAll(async () => {
      const knex = await databases.init('POSTGRES_15');
      engine = await PgSearchEngine.fromConfig(mockServices.rootConfig(), {
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const { error } = await TestPipeline.fromIndexer(
        await engine.getIndexer('software-catalog'),
      )
        .withDocuments(seedDocuments())
        .execute();
      if (error) {
        throw error;
      }
    });

    async function titles(term: string) {
      const { results } = await engine.query({
        term,
        types: ['software-catalog'],
      });
      return results.map(r => r.document.title);
    }

    it('finds the node whose address an IP is, and only it', async () => {
      expect(await titles('10.0.20.11')).toEqual(['SFF node 1']);
    });

    it('finds a device by its MAC', async () => {
      expect(await titles('6c:4b:90:1a:2b:01')).toEqual(['SFF node 1']);
    });

    it('finds a device by its hostname first', async () => {
      expect((await titles('nas.lab.local'))[0]).toBe('Synology NAS');
      expect((await titles('sff-1.lab.local'))[0]).toBe('SFF node 1');
    });

    it('finds a VLAN by its id first', async () => {
      expect((await titles('vlan 20'))[0]).toBe('VLAN 20: Server/Lab');
    });

    it('answers a document type with no documents with no results', async () => {
      await expect(
        engine.query({ term: '', types: ['techdocs'] }),
      ).resolves.toMatchObject({ results: [], numberOfResults: 0 });
    });
  });
}
