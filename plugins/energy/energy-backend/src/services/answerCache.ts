import { createHash } from 'node:crypto';
import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { SourceAnswer } from './types';

/**
 * Reuses the energy source's answers for a short while, and rounds "now" to
 * the same period, so that the answers given in one period agree. A cache
 * that fails is logged and skipped: the source answers instead.
 */
export class AnswerCache {
  constructor(
    private readonly options: {
      cache: CacheService;
      logger: LoggerService;
      /** Part of every key, so demo and live answers never mix. */
      sourceKind: string;
      ttlSeconds: number;
      clock: () => Date;
    },
  ) {}

  /** "Now", to the cache's granularity. */
  now(): Date {
    const ttl = this.options.ttlSeconds * 1000;
    const now = this.options.clock().getTime();
    return new Date(ttl > 0 ? Math.floor(now / ttl) * ttl : now);
  }

  async get<T>(
    name: string,
    key: unknown[],
    load: () => Promise<SourceAnswer<T>>,
  ): Promise<SourceAnswer<T>> {
    const ttl = this.options.ttlSeconds * 1000;
    if (ttl <= 0) return load();
    const hash = createHash('sha256')
      .update(JSON.stringify([this.options.sourceKind, name, ...key]))
      .digest('hex');
    const cacheKey = `energy:${name}:${hash}`;
    try {
      const hit = await this.options.cache.get(cacheKey);
      if (hit) return hit as SourceAnswer<T>;
    } catch (error) {
      this.options.logger.warn(`Energy cache read failed: ${error}`);
    }
    const answer = await load();
    try {
      // any: answers are plain JSON (numbers, strings and arrays of them),
      // which the cache stores; their own types are not JsonValue-shaped
      await this.options.cache.set(cacheKey, answer as any, { ttl });
    } catch (error) {
      this.options.logger.warn(`Energy cache write failed: ${error}`);
    }
    return answer;
  }
}
