export { homelabPolicyModule as default } from './module';
export { HomelabPermissionPolicy } from './HomelabPermissionPolicy';
