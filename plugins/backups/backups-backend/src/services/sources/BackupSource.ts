import { BackupRun } from '@homelab-portal/plugin-backups-common';
import { ResticSnapshot } from '../ResticReader';
import { VeleroState } from '../VeleroReader';

export type ResticState = {
  repository: string;
  snapshots: ResticSnapshot[];
  runs: BackupRun[];
};

export type BackupFacts = {
  velero: VeleroState[];
  restic: ResticState[];
  warnings: string[];
};

/** Where backup facts come from: the clusters and repositories, or the demo. */
export interface BackupSource {
  readonly kind: 'live' | 'demo';
  read(): Promise<BackupFacts>;
}

/** What the restic repositories gave, and what could not be read. */
export type ResticFacts = { restic: ResticState[]; warnings: string[] };
