/**
 * Builds every TechDocs site, then has the search backend index it.
 *
 * @packageDocumentation
 */
export { searchModuleTechdocsPrebuild as default } from './module';
export { TechDocsSiteBuilder, TechDocsBuildError } from './TechDocsSiteBuilder';
export type { SiteBuildResult } from './TechDocsSiteBuilder';
