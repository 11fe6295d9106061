/**
 * Kratix Promises in the catalog: API entities and generated request templates.
 *
 * @packageDocumentation
 */
export { catalogModuleKratix as default } from './module';
export { KratixPromiseProvider } from './provider/KratixPromiseProvider';
export type { PromiseSource, SourcedPromise } from './provider/sources';
