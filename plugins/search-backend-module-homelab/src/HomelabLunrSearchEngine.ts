import { LoggerService } from '@backstage/backend-plugin-api';
import { LunrSearchEngine } from '@backstage/plugin-search-backend-node';
import {
  IndexableResultSet,
  SearchQuery,
} from '@backstage/plugin-search-common';
import { createHomelabLunrTranslator } from './translator';

/**
 * Backstage's Lunr engine with the homelab's query translator, and an empty
 * answer for a document type that has no index: a type with no documents
 * (TechDocs with no sites), or one not indexed yet in the first seconds after
 * start. Backstage's engine throws MissingIndexError there, which the search
 * route answers with 500.
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
    return super.query(query);
  }
}
