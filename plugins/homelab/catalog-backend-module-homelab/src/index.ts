export { catalogModuleHomelab as default } from './module';
export { HomelabEntitiesProcessor } from './processor/HomelabEntitiesProcessor';
