/**
 * Backend-only Kratix code: the catalog entities and the request template
 * generated from a Promise, and the form built from its schema.
 *
 * @packageDocumentation
 */
export * from './promiseEntities';
export { requestTemplate } from './requestTemplate';
export type { RequestTemplateInput } from './requestTemplate';
export {
  TemplateError,
  formSchemaOf,
  fieldTitleOf,
  titleOf,
  withPlainTitles,
} from './formSchema';
