import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { BUCKET_SCRIPT } from './pipelines/bucket';
import { REDIS_START } from './pipelines/redis';

// The Jobs' and containers' scripts, run by /bin/sh against stand-ins for
// mc and redis-server that record their arguments, one per line.
let bin: string;
let log: string;

beforeEach(() => {
  bin = fs.mkdtempSync(path.join(os.tmpdir(), 'pipeline-scripts-'));
  log = path.join(bin, 'calls.log');
  const stub = [
    '#!/bin/sh',
    'printf "%s\\n" "$(basename "$0")" "$@" "--" >> "$CALLS"',
    'case "$1 $2" in',
    '  "stat "*) exit "${MC_STAT_RC:-1}" ;;',
    '  "tag list") printf "%s" "$MC_TAGS" ;;',
    'esac',
  ].join('\n');
  for (const name of ['mc', 'redis-server']) {
    fs.writeFileSync(path.join(bin, name), stub, { mode: 0o755 });
  }
});

afterEach(() => fs.rmSync(bin, { recursive: true, force: true }));

async function sh(script: string, env: Record<string, string>) {
  return promisify(execFile)('/bin/sh', ['-c', script], {
    env: { PATH: `${bin}:/usr/bin:/bin`, CALLS: log, ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    error => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

/** Each call as its argument list. */
function calls(): string[][] {
  const lines = fs.readFileSync(log, 'utf8').split('\n');
  const result: string[][] = [];
  let current: string[] = [];
  for (const line of lines.slice(0, -1)) {
    if (line === '--') {
      result.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  return result;
}

const bucketEnv = {
  MINIO_URL: 'https://minio.lab.local',
  MINIO_ROOT_USER: 'admin',
  MINIO_ROOT_PASSWORD: 'p; rm -rf /',
  BUCKET: 'photos',
  OWNER: 'immich.photos',
  QUOTA_GI: '200',
  VERSIONING: 'true',
  RETENTION_DAYS: '30',
  POLICY: 'bucket-photos',
  ACCESS_KEY: 'b0123',
  SECRET_KEY: '$(reboot)`id`',
};

describe('the bucket Job script', () => {
  it('makes a new bucket, its limits and its user, each value one argument', async () => {
    const run = await sh(BUCKET_SCRIPT, bucketEnv);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(calls()).toEqual([
      [
        'mc',
        'alias',
        'set',
        'nas',
        'https://minio.lab.local',
        'admin',
        'p; rm -rf /',
      ],
      ['mc', 'stat', 'nas/photos'],
      ['mc', 'mb', 'nas/photos'],
      ['mc', 'tag', 'set', 'nas/photos', 'homelab-portal-owner=immich.photos'],
      ['mc', 'quota', 'set', 'nas/photos', '--size', '200GiB'],
      ['mc', 'version', 'enable', 'nas/photos'],
      ['mc', 'ilm', 'rule', 'rm', '--all', '--force', 'nas/photos'],
      ['mc', 'ilm', 'rule', 'add', '--expire-days', '30', 'nas/photos'],
      [
        'mc',
        'admin',
        'policy',
        'create',
        'nas',
        'bucket-photos',
        '/config/policy.json',
      ],
      ['mc', 'admin', 'user', 'add', 'nas', 'b0123', '$(reboot)`id`'],
      [
        'mc',
        'admin',
        'policy',
        'attach',
        'nas',
        'bucket-photos',
        '--user',
        'b0123',
      ],
    ]);
  });

  it('takes up its own existing bucket again', async () => {
    const run = await sh(BUCKET_SCRIPT, {
      ...bucketEnv,
      VERSIONING: 'false',
      RETENTION_DAYS: '0',
      MC_STAT_RC: '0',
      MC_TAGS:
        '{"status":"success","tagset":{"homelab-portal-owner":"immich.photos"}}',
    });
    expect(run.code).toBe(0);
    const made = calls().map(c => c.slice(1, 4).join(' '));
    expect(made).not.toContain('mb nas/photos');
    expect(made).toContain('version suspend nas/photos');
    // Retention 0: old expiry rules removed, none added.
    expect(made).toContain('ilm rule rm');
    expect(made).not.toContain('ilm rule add');
  });

  it('refuses a bucket another request owns, before touching it', async () => {
    const run = await sh(BUCKET_SCRIPT, {
      ...bucketEnv,
      MC_STAT_RC: '0',
      MC_TAGS:
        '{"status":"success","tagset":{"homelab-portal-owner":"other.photos"}}',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'bucket photos exists and belongs to another request\n',
    );
    expect(calls().map(c => c[1])).toEqual(['alias', 'stat', 'tag']);
  });
});

describe('the Redis start script', () => {
  const env = {
    REDIS_PASSWORD: 'pw with spaces $(id)',
    REDIS_MAXMEMORY: '409mb',
    REDIS_MAXMEMORY_POLICY: 'noeviction',
    REDIS_APPENDONLY: 'yes',
    REDIS_SAVE: '',
    REDIS_PRIMARY: 'sessions-0.sessions-headless.nextcloud.svc',
  };
  const common = [
    'redis-server',
    '--port',
    '6379',
    '--dir',
    '/data',
    '--requirepass',
    'pw with spaces $(id)',
    '--masterauth',
    'pw with spaces $(id)',
    '--maxmemory',
    '409mb',
    '--maxmemory-policy',
    'noeviction',
    '--appendonly',
    'yes',
    '--save',
    '',
  ];

  it('starts pod 0 as the primary', async () => {
    expect(
      (await sh(REDIS_START, { ...env, HOSTNAME: 'sessions-0' })).code,
    ).toBe(0);
    expect(calls()).toEqual([common]);
  });

  it('starts the other pods as its replicas', async () => {
    expect(
      (await sh(REDIS_START, { ...env, HOSTNAME: 'sessions-2' })).code,
    ).toBe(0);
    expect(calls()).toEqual([
      [
        ...common,
        '--replicaof',
        'sessions-0.sessions-headless.nextcloud.svc',
        '6379',
      ],
    ]);
  });
});
