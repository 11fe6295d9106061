export { parseEntityRefParam } from './entityRef';
export { parseInput } from './parseInput';
export { requirePermission } from './permissions';
export {
  authenticateThenReadJson,
  bodyAlreadyRead,
  requireJsonBody,
} from './beforeValidation';
