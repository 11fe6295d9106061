export { PromiseDefinition, PromiseYaml } from './PromiseDefinition';
export { describePromise } from './describePromise';
export type {
  PromiseDescription,
  PromiseField,
  PromisePipeline,
} from './describePromise';
