import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { main } from './cli';
import {
  cleanUp,
  goodRequests,
  kratixDirs,
  readOutputs,
} from './__testUtils__/run';

// A first run reads and compiles the CRDs (CloudNativePG's is 470 kB): on a
// busy machine that alone can pass Jest's 5 s default.
jest.setTimeout(30_000);

afterEach(cleanUp);

async function mainWith(args: string[], env: Record<string, string>) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(args, {
    env,
    stdout: l => stdout.push(l),
    stderr: l => stderr.push(l),
  });
  return { code, stdout, stderr };
}

describe('kratix-pipeline', () => {
  it('refuses an unknown pipeline, extra arguments and prototype names', async () => {
    const { env } = kratixDirs();
    for (const args of [
      ['mysql'],
      ['redis', 'bucket'],
      ['__proto__'],
      ['constructor'],
      [],
    ]) {
      const run = await mainWith(args, env);
      expect(run.code).toBe(2);
      expect(run.stderr[0]).toMatch(
        /^usage: kratix-pipeline <postgresql\|redis\|bucket\|exposed-service\|keycloak-client>/,
      );
    }
  });

  it("takes its Promise from the image's KRATIX_PIPELINE, and refuses to run for another", async () => {
    const dirs = kratixDirs();
    fs.writeFileSync(
      path.join(dirs.root, 'input', 'object.yaml'),
      stringify(goodRequests.redis),
    );
    const wrong = await mainWith([], {
      ...dirs.env,
      KRATIX_PIPELINE: 'redis',
      KRATIX_PROMISE_NAME: 'bucket',
    });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr[0]).toBe(
      'this is the redis pipeline; Kratix runs it for the bucket Promise',
    );
    const right = await mainWith([], {
      ...dirs.env,
      KRATIX_PIPELINE: 'redis',
      KRATIX_PROMISE_NAME: 'redis',
    });
    expect(right.code).toBe(0);
    expect(Object.keys(readOutputs(dirs.root).outputs).length).toBeGreaterThan(
      0,
    );
  });

  it('does nothing on delete and refuses Promise workflows', async () => {
    const dirs = kratixDirs();
    const del = await mainWith(['redis'], {
      ...dirs.env,
      KRATIX_WORKFLOW_ACTION: 'delete',
    });
    expect(del).toEqual({
      code: 0,
      stdout: ['redis: delete needs no output'],
      stderr: [],
    });
    const promiseWorkflow = await mainWith(['redis'], {
      ...dirs.env,
      KRATIX_WORKFLOW_TYPE: 'promise',
    });
    expect(promiseWorkflow.code).toBe(2);
    expect(fs.readdirSync(path.join(dirs.root, 'output'))).toEqual([]);
  });

  it('runs as a node child process on the Kratix directories, as in the image', async () => {
    const dirs = kratixDirs();
    fs.writeFileSync(
      path.join(dirs.root, 'input', 'object.yaml'),
      stringify(goodRequests['exposed-service']),
    );
    const bin = path.resolve(__dirname, '../bin/kratix-pipeline');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [bin, 'exposed-service'],
      { env: { PATH: process.env.PATH, ...dirs.env } },
    );
    expect(stdout).toMatch(
      /wrote .*exposed-service-ingress-media-jellyfin\.yaml/,
    );
    const { outputs, status } = readOutputs(dirs.root);
    expect(
      Object.values(outputs)
        .map((o: any) => o.kind)
        .sort(),
    ).toEqual(['Certificate', 'ConfigMap', 'Ingress']);
    expect(status.url).toBe('https://jellyfin.lab.local/');

    // A bad request: exit 1, the reason on stderr, nothing written.
    const bad = kratixDirs();
    fs.writeFileSync(
      path.join(bad.root, 'input', 'object.yaml'),
      stringify({
        ...goodRequests['exposed-service'],
        spec: {
          ...goodRequests['exposed-service'].spec,
          hostname: 'vault.lab.local',
        },
      }),
    );
    const failure = await promisify(execFile)(
      process.execPath,
      [bin, 'exposed-service'],
      { env: { PATH: process.env.PATH, ...bad.env } },
    ).catch(error => error);
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(
      /exposed-service pipeline failed, nothing written: hostname vault\.lab\.local belongs to the homelab's own services/,
    );
    expect(fs.readdirSync(path.join(bad.root, 'output'))).toEqual([]);
    // Two node start-ups with the TypeScript transform: allow for a busy machine.
  }, 60_000);
});
