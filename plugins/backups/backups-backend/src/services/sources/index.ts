export * from './BackupSource';
export * from './LiveBackupSource';
export * from './demo/DemoBackupSource';
