/**
 * Kratix pipelines for the homelab's Promises.
 *
 * @packageDocumentation
 */
export { main } from './cli';
export type { MainDeps } from './cli';
export {
  dirsFromEnv,
  MAX_INPUT_BYTES,
  readObject,
  writeResults,
} from './contract';
export type { OutputFile, PipelineDirs } from './contract';
export { homelab, pipelineImage } from './homelab';
export * from './pipelines';
export { checkRequest, loadPromiseApi, runPipeline } from './runner';
export type { Pipeline, PipelineResult, ResourceRequest } from './runner';
export { schemasDir, strictSchema, validateObject } from './schemas';
export type { KubeObject } from './schemas';
