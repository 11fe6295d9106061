export { PromiseContent } from './PromiseContent';
