import { InputError } from '@backstage/errors';
import {
  digest,
  generatedInVault,
  labelsFor,
  secretFromVault,
  vaultKey,
} from '../common';
import { homelab } from '../homelab';
import { Pipeline } from '../runner';
import { KubeObject } from '../schemas';

export interface BucketSpec {
  bucketName: string;
  quotaGi: number;
  versioning: boolean;
  retentionDays: number;
}

/**
 * The Job's script, a constant: the request's values arrive as environment
 * variables and are always quoted. It refuses a bucket that another request
 * owns (MinIO bucket names are global), then makes the bucket, its quota,
 * versioning and expiry, and a user that may use this bucket only.
 */
export const BUCKET_SCRIPT = [
  'set -eu',
  'export HOME=/tmp',
  'mc alias set nas "$MINIO_URL" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null',
  // mc's image has a shell but not necessarily grep: match with case.
  'if mc stat "nas/$BUCKET" >/dev/null 2>&1; then',
  '  tags="$(mc tag list --json "nas/$BUCKET" 2>/dev/null || true)"',
  '  case "$tags" in',
  '    *"\\"homelab-portal-owner\\":\\"$OWNER\\""*) ;;',
  '    *) echo "bucket $BUCKET exists and belongs to another request" >&2; exit 1 ;;',
  '  esac',
  'else',
  '  mc mb "nas/$BUCKET"',
  '  mc tag set "nas/$BUCKET" "homelab-portal-owner=$OWNER"',
  'fi',
  'mc quota set "nas/$BUCKET" --size "${QUOTA_GI}GiB"',
  'if [ "$VERSIONING" = "true" ]; then mc version enable "nas/$BUCKET"; else mc version suspend "nas/$BUCKET" || true; fi',
  'mc ilm rule rm --all --force "nas/$BUCKET" >/dev/null 2>&1 || true',
  'if [ "$RETENTION_DAYS" -gt 0 ]; then mc ilm rule add --expire-days "$RETENTION_DAYS" "nas/$BUCKET"; fi',
  'mc admin policy create nas "$POLICY" /config/policy.json',
  'mc admin user add nas "$ACCESS_KEY" "$SECRET_KEY"',
  'if ! out="$(mc admin policy attach nas "$POLICY" --user "$ACCESS_KEY" 2>&1)"; then',
  '  case "$out" in *"already"*) ;; *) echo "$out" >&2; exit 1 ;; esac',
  'fi',
].join('\n');

/** MinIO's own buckets and the homelab's backup buckets are not for requests. */
const reservedBuckets = [homelab.minio.backupBucket, 'velero', 'restic'];

/**
 * A bucket on the NAS MinIO (Tier 2). MinIO has no bucket CRD, so a
 * Kubernetes Job runs `mc` in the platform namespace minio-provisioning with
 * MinIO's admin credentials (from Vault; they never reach the request's
 * namespace). The bucket's own user gets a generated secret key that is kept
 * in Vault, and the request's namespace receives a Secret `<name>-s3` with
 * the endpoint, bucket, access key and secret key, filled from Vault.
 */
export const bucketPipeline: Pipeline<BucketSpec> = {
  promise: 'bucket',
  build(request) {
    const { name, namespace, spec } = request;
    const bucket = spec.bucketName;
    // The Promise's pattern lets through what S3 still refuses.
    if (
      bucket.includes('..') ||
      bucket.includes('.-') ||
      bucket.includes('-.') ||
      /^\d+\.\d+\.\d+\.\d+$/.test(bucket) ||
      bucket.startsWith('xn--') ||
      bucket.endsWith('-s3alias')
    ) {
      throw new InputError(
        `bucketName ${bucket} is not a valid S3 bucket name`,
      );
    }
    if (reservedBuckets.includes(bucket)) {
      throw new InputError(`bucketName ${bucket} is reserved for the homelab`);
    }
    const labels = labelsFor('bucket', request, 'bucket');
    const id = digest(`${namespace}/${name}`);
    // Everything in the shared platform namespace carries the request's digest.
    const jobBase = `bucket-${name}-${id}`;
    const jobNamespace = homelab.minio.jobNamespace;
    const accessKey = `b${digest(`access:${namespace}/${name}`)}${id}`;
    const key = vaultKey('bucket', request);
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:*'],
          Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        },
      ],
    };
    const job = {
      bucket,
      quotaGi: spec.quotaGi,
      versioning: spec.versioning,
      retentionDays: spec.retentionDays,
    };

    const objects: KubeObject[] = [
      ...generatedInVault({
        name: `${jobBase}-key`,
        namespace: jobNamespace,
        labels,
        vaultKey: key,
        property: 'secretAccessKey',
        length: 40,
      }),
      secretFromVault({
        name: `${jobBase}-creds`,
        namespace: jobNamespace,
        labels,
        data: {
          MINIO_ROOT_USER: {
            key: homelab.vault.minioAdminKey,
            property: 'user',
          },
          MINIO_ROOT_PASSWORD: {
            key: homelab.vault.minioAdminKey,
            property: 'password',
          },
          SECRET_KEY: { key, property: 'secretAccessKey' },
        },
      }),
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: jobBase, namespace: jobNamespace, labels },
        data: { 'policy.json': JSON.stringify(policy, null, 2) },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        // A Job's template cannot change: a changed request is a new Job.
        metadata: {
          name: `${jobBase}-${digest(job)}`,
          namespace: jobNamespace,
          labels,
        },
        spec: {
          backoffLimit: 6,
          template: {
            metadata: { labels },
            spec: {
              restartPolicy: 'OnFailure',
              automountServiceAccountToken: false,
              securityContext: {
                runAsNonRoot: true,
                runAsUser: 1000,
                seccompProfile: { type: 'RuntimeDefault' },
              },
              containers: [
                {
                  name: 'mc',
                  image: homelab.images.mc,
                  command: ['/bin/sh', '-c', BUCKET_SCRIPT],
                  env: [
                    { name: 'MINIO_URL', value: homelab.minio.url },
                    { name: 'BUCKET', value: bucket },
                    { name: 'OWNER', value: `${namespace}.${name}` },
                    { name: 'QUOTA_GI', value: String(spec.quotaGi) },
                    { name: 'VERSIONING', value: String(spec.versioning) },
                    {
                      name: 'RETENTION_DAYS',
                      value: String(spec.retentionDays),
                    },
                    { name: 'POLICY', value: `bucket-${bucket}` },
                    { name: 'ACCESS_KEY', value: accessKey },
                  ],
                  envFrom: [{ secretRef: { name: `${jobBase}-creds` } }],
                  securityContext: {
                    allowPrivilegeEscalation: false,
                    readOnlyRootFilesystem: true,
                    capabilities: { drop: ['ALL'] },
                  },
                  volumeMounts: [
                    { name: 'config', mountPath: '/config', readOnly: true },
                    { name: 'tmp', mountPath: '/tmp' },
                  ],
                },
              ],
              volumes: [
                { name: 'config', configMap: { name: jobBase } },
                { name: 'tmp', emptyDir: {} },
              ],
            },
          },
        },
      },
      secretFromVault({
        name: `${name}-s3`,
        namespace,
        labels,
        data: { AWS_SECRET_ACCESS_KEY: { key, property: 'secretAccessKey' } },
        literals: {
          AWS_ACCESS_KEY_ID: accessKey,
          AWS_ENDPOINT_URL: homelab.minio.url,
          BUCKET_NAME: bucket,
        },
      }),
    ];

    return {
      objects,
      status: {
        message: `Bucket ${bucket} on ${homelab.minio.url}: ${spec.quotaGi} GiB quota`,
        bucket,
        endpoint: homelab.minio.url,
        secret: `${name}-s3`,
        vaultKey: key,
      },
    };
  },
};
