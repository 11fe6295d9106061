export * from './AlertSource';
export * from './AlertmanagerSource';
export * from './demo/DemoAlertSource';
