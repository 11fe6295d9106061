import { InputError } from '@backstage/errors';
import { labelsFor, secretFromVault, vaultKey } from '../common';
import { homelab } from '../homelab';
import { Pipeline } from '../runner';
import { KubeObject } from '../schemas';

export interface PostgresqlSpec {
  databaseName: string;
  ownerRole: string;
  version: '15' | '16' | '17';
  storageGi: number;
  backup: { enabled: boolean; schedule: string; retentionDays: number };
}

const CRON_FIELD =
  /^(\*|[0-9]{1,2}(-[0-9]{1,2})?)(\/[0-9]{1,2})?(,(\*|[0-9]{1,2}(-[0-9]{1,2})?)(\/[0-9]{1,2})?)*$/;

/**
 * CloudNativePG schedules with six fields (seconds first, robfig/cron); the
 * Promise offers the usual five. Checks the five and prefixes the seconds.
 */
export function cnpgSchedule(schedule: string): string {
  const fields = schedule.trim().split(/\s+/);
  if (
    schedule.length > 100 ||
    fields.length !== 5 ||
    !fields.every(f => CRON_FIELD.test(f))
  ) {
    throw new InputError(
      `backup.schedule ${JSON.stringify(
        schedule,
      )} is not a five-field cron schedule such as "0 * * * *"`,
    );
  }
  return `0 ${fields.join(' ')}`;
}

/** Names PostgreSQL or CloudNativePG keep for themselves. */
const reservedRoles = ['postgres', 'streaming_replica'];
const reservedDatabases = ['postgres', 'template0', 'template1'];

/**
 * A CloudNativePG Cluster on Longhorn (Tier 1) with one database and its
 * owner. The owner's password, which CloudNativePG generates into the
 * Secret `<name>-app`, is pushed to Vault. Backups follow the homelab's
 * database policy (hourly, kept 3 days): WAL archiving and base backups
 * with barman to the NAS MinIO, a ScheduledBackup for the base backups, and
 * a retention policy that barman applies to both.
 */
export const postgresqlPipeline: Pipeline<PostgresqlSpec> = {
  promise: 'postgresql',
  build(request) {
    const { name, namespace, spec } = request;
    if (reservedRoles.includes(spec.ownerRole)) {
      throw new InputError(`ownerRole ${spec.ownerRole} is reserved`);
    }
    if (reservedDatabases.includes(spec.databaseName)) {
      throw new InputError(`databaseName ${spec.databaseName} is reserved`);
    }
    const labels = labelsFor('postgresql', request, 'database');
    const backupSecret = `${name}-backup-s3`;
    const destinationPath = `s3://${homelab.minio.backupBucket}/${namespace}/${name}`;
    const retentionPolicy = `${spec.backup.retentionDays}d`;
    const schedule = spec.backup.enabled
      ? cnpgSchedule(spec.backup.schedule)
      : undefined;

    const cluster: KubeObject = {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name, namespace, labels },
      spec: {
        instances: 1,
        imageName: homelab.images.postgresql(spec.version),
        storage: {
          size: `${spec.storageGi}Gi`,
          storageClass: homelab.storageClass,
        },
        bootstrap: {
          initdb: { database: spec.databaseName, owner: spec.ownerRole },
        },
        ...(spec.backup.enabled
          ? {
              backup: {
                retentionPolicy,
                barmanObjectStore: {
                  destinationPath,
                  endpointURL: homelab.minio.url,
                  s3Credentials: {
                    accessKeyId: { name: backupSecret, key: 'ACCESS_KEY_ID' },
                    secretAccessKey: {
                      name: backupSecret,
                      key: 'ACCESS_SECRET_KEY',
                    },
                  },
                  wal: { compression: 'gzip' },
                  data: { compression: 'gzip' },
                },
              },
            }
          : {}),
      },
    };

    const key = vaultKey('postgresql', request);
    const pushOwner: KubeObject = {
      apiVersion: 'external-secrets.io/v1alpha1',
      kind: 'PushSecret',
      metadata: { name: `${name}-app-to-vault`, namespace, labels },
      spec: {
        refreshInterval: '1h',
        // CloudNativePG owns the password; Vault follows it.
        updatePolicy: 'Replace',
        deletionPolicy: 'None',
        secretStoreRefs: [{ ...homelab.vault.store }],
        selector: { secret: { name: `${name}-app` } },
        data: ['username', 'password', 'host', 'port', 'dbname', 'uri'].map(
          property => ({
            match: {
              secretKey: property,
              remoteRef: { remoteKey: key, property },
            },
          }),
        ),
      },
    };

    const objects: KubeObject[] = [cluster, pushOwner];
    if (spec.backup.enabled) {
      objects.push(
        secretFromVault({
          name: backupSecret,
          namespace,
          labels,
          data: {
            ACCESS_KEY_ID: {
              key: homelab.vault.backupCredentialsKey,
              property: 'accessKeyId',
            },
            ACCESS_SECRET_KEY: {
              key: homelab.vault.backupCredentialsKey,
              property: 'secretAccessKey',
            },
          },
        }),
        {
          apiVersion: 'postgresql.cnpg.io/v1',
          kind: 'ScheduledBackup',
          metadata: { name: `${name}-backup`, namespace, labels },
          spec: {
            schedule,
            cluster: { name },
            method: 'barmanObjectStore',
            backupOwnerReference: 'self',
            immediate: true,
          },
        },
      );
    }

    return {
      objects,
      status: {
        message: `PostgreSQL ${spec.version} cluster ${name}: database ${spec.databaseName} owned by ${spec.ownerRole}`,
        host: `${name}-rw.${namespace}.svc`,
        database: spec.databaseName,
        vaultKey: key,
        backup: spec.backup.enabled
          ? { schedule, retentionPolicy, destinationPath }
          : { enabled: false },
      },
    };
  },
};
