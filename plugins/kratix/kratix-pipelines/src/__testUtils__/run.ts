import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { main } from '../cli';

export interface Run {
  code: number;
  stdout: string[];
  stderr: string[];
  root: string;
  env: Record<string, string>;
  /** every output document, by file name */
  outputs: Record<string, any>;
  status: any;
}

const roots: string[] = [];

/** A fresh /kratix: input, output and metadata in a temp dir. */
export function kratixDirs() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kratix-pipeline-'));
  roots.push(root);
  for (const dir of ['input', 'output', 'metadata']) {
    fs.mkdirSync(path.join(root, dir));
  }
  return {
    root,
    env: {
      KRATIX_INPUT_DIR: path.join(root, 'input'),
      KRATIX_OUTPUT_DIR: path.join(root, 'output'),
      KRATIX_METADATA_DIR: path.join(root, 'metadata'),
      KRATIX_WORKFLOW_TYPE: 'resource',
      KRATIX_WORKFLOW_ACTION: 'configure',
    },
  };
}

export function cleanUp() {
  for (const root of roots.splice(0)) {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export function readOutputs(root: string) {
  const outputs: Record<string, any> = {};
  for (const file of fs.readdirSync(path.join(root, 'output')).sort()) {
    if (fs.lstatSync(path.join(root, 'output', file)).isSymbolicLink()) {
      continue;
    }
    const docs = parseAllDocuments(
      fs.readFileSync(path.join(root, 'output', file), 'utf8'),
    );
    expect(docs).toHaveLength(1);
    outputs[file] = (docs as any)[0].toJS();
  }
  const statusFile = path.join(root, 'metadata', 'status.yaml');
  const status = fs.existsSync(statusFile)
    ? parse(fs.readFileSync(statusFile, 'utf8'))
    : undefined;
  return { outputs, status };
}

/** Runs `kratix-pipeline <promise>` in-process on the request given. */
export async function runOn(
  promise: string,
  request: unknown,
  prepare?: (dirs: ReturnType<typeof kratixDirs>) => void,
): Promise<Run> {
  const dirs = kratixDirs();
  const text = typeof request === 'string' ? request : stringify(request);
  fs.writeFileSync(path.join(dirs.root, 'input', 'object.yaml'), text);
  prepare?.(dirs);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main([promise], {
    env: dirs.env,
    stdout: line => stdout.push(line),
    stderr: line => stderr.push(line),
  });
  return {
    code,
    stdout,
    stderr,
    root: dirs.root,
    env: dirs.env,
    ...readOutputs(dirs.root),
  };
}

/** All documents of a run of one kind. */
export function ofKind(run: Run, kind: string): any[] {
  return Object.values(run.outputs).filter(o => o.kind === kind);
}

/** The homelab's good requests, one per Promise. */
export const goodRequests: Record<string, any> = {
  postgresql: {
    apiVersion: 'platform.lab.local/v1alpha1',
    kind: 'PostgreSQL',
    metadata: { name: 'gitea-db', namespace: 'gitea' },
    spec: { databaseName: 'gitea', ownerRole: 'gitea' },
  },
  redis: {
    apiVersion: 'platform.lab.local/v1alpha1',
    kind: 'Redis',
    metadata: { name: 'sessions', namespace: 'nextcloud' },
    spec: { mode: 'persistent', memoryMi: 512, replicas: 3 },
  },
  bucket: {
    apiVersion: 'platform.lab.local/v1alpha1',
    kind: 'Bucket',
    metadata: { name: 'photos', namespace: 'immich' },
    spec: {
      bucketName: 'immich-photos',
      quotaGi: 200,
      versioning: true,
      retentionDays: 30,
    },
  },
  'exposed-service': {
    apiVersion: 'platform.lab.local/v1alpha1',
    kind: 'ExposedService',
    metadata: { name: 'jellyfin', namespace: 'media' },
    spec: {
      hostname: 'jellyfin.lab.local',
      serviceName: 'jellyfin',
      servicePort: 8096,
      allowedVlans: [30, 20],
    },
  },
  'keycloak-client': {
    apiVersion: 'platform.lab.local/v1alpha1',
    kind: 'KeycloakClient',
    metadata: { name: 'wiki', namespace: 'kiwix' },
    spec: {
      clientId: 'kiwix',
      redirectUris: ['https://wiki.lab.local/oauth2/callback'],
    },
  },
};

/** A copy of a good request with `change` applied to it. */
export function variant(promise: string, change: (request: any) => void) {
  const request = structuredClone(goodRequests[promise]);
  change(request);
  return request;
}
