/**
 * The homelab's catalog model, shared by the catalog module, the frontend
 * and the validation command.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './relations';
export * from './types';
export * from './schemas';
export * from './refs';
export * from './urls';
export * from './validateEntity';
export * from './validateCatalog';
export * from './capacity';
export * from './neighbours';
export * from './flows';
export * from './quantity';
export * from './placement';
export * from './dns';
export * from './secrets';
export * from './inventory';
export * from './fetchArgs';
export * from './client';
