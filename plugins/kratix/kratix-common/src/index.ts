/**
 * Kratix Promises: what they offer, and resource requests for them.
 *
 * @packageDocumentation
 */
export * from './promise';
export * from './schema';
export * from './request';
export * from './entities';
export * from './requests';
export * from './kratixStatus';
export * from './permissions';
export { re2RegExp, re2Refusal } from './re2';
export * from './client';
