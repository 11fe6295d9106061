/**
 * The scaffolder action that writes approved cybernetic changes for GitOps pull requests.
 *
 * @packageDocumentation
 */
export { scaffolderModuleCybernetics as default } from './module';
export { createWriteChangeAction } from './actions/writeChange';
