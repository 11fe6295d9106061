export { validateCatalogFiles } from './validateCatalogFiles';
export type { FileProblem, ValidationReport } from './validateCatalogFiles';
export { main } from './cli';
