export { scaffolderModuleKratix as default } from './module';
export { createKratixRequestAction } from './actions/kratixRequest';
export { createKratixTrackAction } from './actions/kratixTrack';
