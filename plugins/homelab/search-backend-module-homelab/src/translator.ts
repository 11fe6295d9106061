import lunr from 'lunr';
import { SearchQuery } from '@backstage/plugin-search-common';
import {
  ConcreteLunrQuery,
  LunrQueryTranslator,
} from '@backstage/plugin-search-backend-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  HOMELAB_KEYS_FIELD,
  HOMELAB_MENTIONS_FIELD,
} from './entityTransformer';
import {
  containingNetworkTerms,
  hostTerms,
  ipTerm,
  macTerm,
  networkTerm,
  normalizeMac,
  parseCidr,
  parseHostname,
  parseIpv4,
  parseVlanId,
  vlanTerm,
} from './terms';

/** Boost of a document whose own identifier is the query. */
export const EXACT_BOOST = 10_000;
/** Boost of a VLAN whose subnet holds the queried address. */
export const NETWORK_BOOST = 1_000;
/** Boost of a document that mentions the queried identifier in its text. */
export const MENTION_BOOST = 500;

/** A whole term to look for in the homelab fields, with its boost. */
export type HomelabClause = { term: string; field: string; boost: number };

/**
 * What a query means to the homelab: the whole terms to look for, and
 * whether it is an address or a MAC (then only those terms count: the
 * pieces of an address, "10", "0", "20", match half the catalog).
 */
export function homelabClauses(term: string): {
  clauses: HomelabClause[];
  exactOnly: boolean;
} {
  const value = term.trim();
  const exact = (t: string, boost = EXACT_BOOST): HomelabClause[] => [
    { term: t, field: HOMELAB_KEYS_FIELD, boost },
    { term: t, field: HOMELAB_MENTIONS_FIELD, boost: MENTION_BOOST },
  ];

  const octets = parseIpv4(value);
  if (octets) {
    return {
      exactOnly: true,
      clauses: [
        ...exact(ipTerm(octets)),
        ...containingNetworkTerms(octets).flatMap(t => exact(t, NETWORK_BOOST)),
      ],
    };
  }
  const cidr = parseCidr(value);
  if (cidr) {
    return {
      exactOnly: true,
      clauses: exact(networkTerm(cidr.octets, cidr.prefix)),
    };
  }
  const clauses: HomelabClause[] = [];
  const mac = normalizeMac(value);
  if (mac && !/^[0-9a-f]{12}$/i.test(value)) {
    return { exactOnly: true, clauses: exact(macTerm(mac)) };
  }
  if (mac) {
    // 12 hex digits: a MAC, or a name such as "abcdef123456".
    clauses.push(...exact(macTerm(mac)));
  }
  const vlanId = parseVlanId(value);
  if (vlanId !== undefined) {
    clauses.push(...exact(vlanTerm(vlanId)));
  }
  const hostname = parseHostname(value);
  if (hostname) {
    clauses.push(...hostTerms(hostname).flatMap(t => exact(t)));
  }
  return { exactOnly: false, clauses };
}

/**
 * The Lunr query translator of the homelab: Backstage's own clauses (each
 * word, its prefix, and words two edits away), plus, far ahead of them, the
 * documents whose own IP, MAC, VLAN id or hostname the query is. An IP or MAC
 * query looks only for the whole address, in every index (docs included).
 * Filters work as Backstage's do.
 *
 * @public
 */
export function createHomelabLunrTranslator(options: {
  logger: LoggerService;
}): LunrQueryTranslator {
  const { logger } = options;
  return ({ term, filters, types, pageLimit }: SearchQuery) => {
    const pageSize = pageLimit || 25;
    const { clauses, exactOnly } = homelabClauses(term);
    const lunrQueryBuilder: lunr.Index.QueryBuilder = q => {
      const homelabIndex = q.allFields.includes(HOMELAB_KEYS_FIELD);
      if (homelabIndex) {
        for (const clause of clauses) {
          if (q.allFields.includes(clause.field)) {
            q.term(clause.term, {
              fields: [clause.field],
              boost: clause.boost,
              usePipeline: true,
            });
          }
        }
      }
      if (exactOnly && !homelabIndex) {
        // an address or MAC in another index (the docs), whose indexer split
        // it into "10", "0", "20", "11": every piece is required, with no
        // prefixes or near spellings ("10.0.20.11" is two edits from every
        // 10.0.20.x in the runbooks), and far below the entities' own terms.
        // The engine then keeps only the pages that name it whole.
        q.term(lunr.tokenizer(term), {
          usePipeline: true,
          boost: 1,
          presence: lunr.Query.presence.REQUIRED,
        });
      } else if (!exactOnly) {
        const termToken = lunr.tokenizer(term);
        q.term(termToken, { usePipeline: true, boost: 100 });
        q.term(termToken, {
          usePipeline: false,
          boost: 10,
          wildcard: lunr.Query.wildcard.TRAILING,
        });
        q.term(termToken, { usePipeline: false, editDistance: 2, boost: 1 });
      }
      addFilters(q, filters, logger);
    };
    return {
      lunrQueryBuilder,
      documentTypes: types,
      pageSize,
    } satisfies ConcreteLunrQuery;
  };
}

/** Backstage's Lunr filters, as its own translator applies them. */
function addFilters(
  q: lunr.Query,
  filters: SearchQuery['filters'],
  logger: LoggerService,
) {
  if (!filters) {
    return;
  }
  Object.entries(filters).forEach(([field, fieldValue]) => {
    if (!q.allFields.includes(field)) {
      // the engine skips an index that lacks a filtered field
      throw new Error(`unrecognised field ${field}`);
    }
    const value =
      Array.isArray(fieldValue) && fieldValue.length === 1
        ? fieldValue[0]
        : fieldValue;
    if (['string', 'number', 'boolean'].includes(typeof value)) {
      q.term(
        lunr
          .tokenizer(String(value))
          .map(token => lunr.stopWordFilter(token))
          .filter((token): token is lunr.Token => token !== undefined),
        { presence: lunr.Query.presence.REQUIRED, fields: [field] },
      );
    } else if (Array.isArray(value)) {
      logger.warn(
        `Non-scalar filter value used for field ${field}. Consider using a different Search Engine for better results.`,
      );
      q.term(lunr.tokenizer(value), {
        presence: lunr.Query.presence.OPTIONAL,
        fields: [field],
      });
    } else {
      logger.warn(`Unknown filter type used on field ${field}`);
    }
  });
}
