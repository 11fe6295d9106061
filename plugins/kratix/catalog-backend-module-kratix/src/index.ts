/**
 * Kratix Promises in the catalog: API entities and generated request templates.
 *
 * @packageDocumentation
 */
export { catalogModuleKratix as default } from './module';
export { KratixPromiseProvider } from './provider/KratixPromiseProvider';
export type { PromiseSource, SourcedPromise } from './provider/sources';
export {
  KratixRequestProvider,
  entityForRequest,
  KRATIX_REQUEST_ENTITY_TYPE,
  KRATIX_REQUEST_ID_ANNOTATION,
  KRATIX_REQUEST_STATE_LABEL,
  KRATIX_REQUEST_REASON_ANNOTATION,
  KRATIX_REQUEST_PROMISE_ANNOTATION,
} from './provider/KratixRequestProvider';
