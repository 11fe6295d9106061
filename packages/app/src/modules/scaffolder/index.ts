export { scaffolderModule } from './scaffolderModule';
