/**
 * Kratix requests, followed from pull request to Ready.
 *
 * @packageDocumentation
 */
export { kratixPlugin as default } from './plugin';
