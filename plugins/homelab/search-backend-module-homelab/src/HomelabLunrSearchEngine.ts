import { LoggerService } from '@backstage/backend-plugin-api';
import { LunrSearchEngine } from '@backstage/plugin-search-backend-node';
import {
  IndexableResultSet,
  SearchQuery,
} from '@backstage/plugin-search-common';
import { createHomelabLunrTranslator, homelabClauses } from './translator';
import { textNamesIdentifier } from './terms';

const CATALOG_TYPE = 'software-catalog';

/**
 * Backstage's Lunr engine with the homelab's query translator, and an empty
 * answer for a document type that has no index: a type with no documents
 * (TechDocs with no sites), or one not indexed yet in the first seconds after
 * start. Backstage's engine throws MissingIndexError there, which the search
 * route answers with 500.
 *
 * An address, network or MAC query answers the entities it is first, then,
 * outside the catalog, only the pages that name it whole: Lunr indexes
 * "10.0.20.11" as "10", "0", "20" and "11", which a page about 10.0.20.12
 * and port 11 has too.
 *
 * @public
 */
export class HomelabLunrSearchEngine extends LunrSearchEngine {
  constructor(options: { logger: LoggerService }) {
    super(options);
    this.setTranslator(createHomelabLunrTranslator(options));
  }

  async query(query: SearchQuery): Promise<IndexableResultSet> {
    const types = query.types;
    if (types?.length && !types.some(type => this.lunrIndices[type])) {
      this.logger.debug(
        `No index yet for ${types.join(', ')}: answering no results`,
      );
      return { results: [], numberOfResults: 0 };
    }
    if (!homelabClauses(query.term).exactOnly) {
      return super.query(query);
    }
    const all = await super.query({
      ...query,
      pageCursor: undefined,
      pageLimit: Number.MAX_SAFE_INTEGER,
    });
    // Lunr's scores are not comparable across indexes (each is normalised
    // by its own query vector), so the entities whose own identifier this
    // is come first, then the pages that name it
    const kept = [
      ...all.results.filter(result => result.type === CATALOG_TYPE),
      ...all.results.filter(
        result =>
          result.type !== CATALOG_TYPE &&
          textNamesIdentifier(
            `${result.document.title}\n${result.document.text}`,
            query.term,
          ),
      ),
    ];
    const pageSize = query.pageLimit || 25;
    // a cursor is a page number, as Backstage's engine writes it; anything
    // else (garbage, negative, fractional) is the first page
    const decoded = query.pageCursor
      ? Number(Buffer.from(query.pageCursor, 'base64').toString('utf-8'))
      : 0;
    const page = Number.isSafeInteger(decoded) && decoded > 0 ? decoded : 0;
    const offset = page * pageSize;
    const cursor = (n: number) =>
      Buffer.from(String(n), 'utf-8').toString('base64');
    return {
      results: kept
        .slice(offset, offset + pageSize)
        .map((result, index) => ({ ...result, rank: offset + index + 1 })),
      numberOfResults: kept.length,
      nextPageCursor:
        kept.length > offset + pageSize ? cursor(page + 1) : undefined,
      previousPageCursor: page > 0 ? cursor(page - 1) : undefined,
    };
  }
}
