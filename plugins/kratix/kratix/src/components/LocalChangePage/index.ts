export { LocalChangePage } from './LocalChangePage';
