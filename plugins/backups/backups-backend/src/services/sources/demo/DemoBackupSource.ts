import { BackupRun, RestoreRun } from '@homelab-portal/plugin-backups-common';
import { ResticSnapshot } from '../../ResticReader';
import { VeleroBackup, VeleroSchedule } from '../../VeleroReader';
import { BackupFacts, BackupSource } from '../BackupSource';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * A simulation of the seed homelab's backups, served when no cluster and no
 * restic repository is configured: the seed's three Velero schedules and
 * the media repository, with a failed hook, a partial failure, a missed
 * night and a restore drill. The API marks every answer as demo data.
 */
export class DemoBackupSource implements BackupSource {
  readonly kind = 'demo' as const;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async read(): Promise<BackupFacts> {
    const now = Math.floor(this.clock().getTime() / HOUR) * HOUR;
    const iso = (t: number) => new Date(t).toISOString();
    const backups: VeleroBackup[] = [];
    const add = (
      schedule: string,
      namespaces: string[],
      at: number,
      ttlHours: number,
      outcome: BackupRun['outcome'] = 'succeeded',
      failureReason?: string,
    ) => {
      const phase = {
        succeeded: 'Completed',
        partial: 'PartiallyFailed',
        failed: 'Failed',
        running: 'InProgress',
        unknown: '',
      }[outcome];
      backups.push({
        tool: 'velero',
        id: `${schedule}-${new Date(at)
          .toISOString()
          .replace(/[-:]/g, '')
          .slice(0, 13)}`,
        origin: schedule,
        schedule,
        phase,
        outcome,
        startedAt: iso(at),
        completedAt: outcome === 'running' ? null : iso(at + 4 * 60_000),
        expiresAt: iso(at + ttlHours * HOUR),
        ttlSeconds: ttlHours * 3600,
        failureReason,
        includedNamespaces: namespaces,
        excludedNamespaces: [],
      });
    };
    // cluster state: nightly at 02:00 for 30 days; last Tuesday's night failed
    for (let d = 0; d <= 30; d++) {
      const at = Math.floor(now / DAY) * DAY + 2 * HOUR - d * DAY;
      if (at > now) continue;
      if (d === 4)
        add(
          'cluster-state-daily',
          ['*'],
          at,
          720,
          'failed',
          'BackupStorageLocation "nas" is unavailable: dial tcp 10.0.50.5:9000: i/o timeout',
        );
      else add('cluster-state-daily', ['*'], at, 720);
    }
    // databases: hourly for 3 days, with a failed pre-hook 5 hours ago
    for (let h = 0; h < 72; h++) {
      const at = now - h * HOUR;
      if (h === 5)
        add(
          'databases-hourly',
          ['keycloak', 'vault'],
          at,
          72,
          'failed',
          'pre-hook "pg_dump" in keycloak/keycloak-0 exited with 1: could not connect to server',
        );
      else add('databases-hourly', ['keycloak', 'vault'], at, 72);
    }
    // configs: weekly on Sunday 03:00, 13 weeks; one partial failure
    for (let w = 0; w < 13; w++) {
      const at = Math.floor((now - (w * 7 + 1) * DAY) / DAY) * DAY + 3 * HOUR;
      add(
        'configs-weekly',
        ['pihole', 'ingress-nginx', 'gozones', 'monitoring'],
        at,
        2160,
        w === 2 ? 'partial' : 'succeeded',
        w === 2
          ? '2 items could not be backed up: configmaps/monitoring/grafana-dashboards'
          : undefined,
      );
    }
    const schedules: VeleroSchedule[] = [
      {
        name: 'cluster-state-daily',
        cron: '0 2 * * *',
        paused: false,
        phase: 'Enabled',
        includedNamespaces: ['*'],
        excludedNamespaces: [],
        ttlSeconds: 720 * 3600,
        lastBackup: iso(now - DAY),
      },
      {
        name: 'databases-hourly',
        cron: '0 * * * *',
        paused: false,
        phase: 'Enabled',
        includedNamespaces: ['keycloak', 'vault'],
        excludedNamespaces: [],
        ttlSeconds: 72 * 3600,
        lastBackup: iso(now),
      },
      {
        name: 'configs-weekly',
        cron: '0 3 * * 0',
        paused: false,
        phase: 'Enabled',
        includedNamespaces: [
          'pihole',
          'ingress-nginx',
          'gozones',
          'monitoring',
        ],
        excludedNamespaces: [],
        ttlSeconds: 2160 * 3600,
        lastBackup: iso(now - 7 * DAY),
      },
    ];
    const drill = backups.find(
      b =>
        b.schedule === 'databases-hourly' &&
        b.outcome === 'succeeded' &&
        Date.parse(b.startedAt!) < now - 40 * HOUR,
    )!;
    const restores: RestoreRun[] = [
      {
        id: 'drill-keycloak',
        backupName: drill.id,
        phase: 'Completed',
        outcome: 'succeeded',
        completedAt: iso(Date.parse(drill.startedAt!) + 2 * HOUR),
      },
    ];
    // media: restic to the NAS every few days, jellyfin and kiwix
    const snapshots: ResticSnapshot[] = [];
    for (let d = 1; d < 60; d += 3) {
      snapshots.push({
        id: `${(0xa1b2c3d4 + d).toString(16)}00000000`,
        short_id: (0xa1b2c3d4 + d).toString(16),
        time: iso(now - d * DAY),
        hostname: 'nas',
        paths: ['/volume1/media'],
        tags: ['jellyfin', 'kiwix'],
      });
    }
    return {
      velero: [{ cluster: 'demo', backups, schedules, restores }],
      restic: [
        {
          repository: 'nas-media',
          snapshots,
          runs: snapshots.map(s => ({
            tool: 'restic',
            id: s.short_id!,
            origin: 'nas-media',
            phase: 'Completed',
            outcome: 'succeeded',
            startedAt: s.time,
            completedAt: s.time,
            expiresAt: null,
            ttlSeconds: null,
          })),
        },
      ],
      warnings: [],
    };
  }
}
