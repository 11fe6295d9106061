import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { pipelineImage } from './homelab';
import { pipelines } from './pipelines';
import { defaultPromisesDir } from './runner';

const packageDir = path.resolve(__dirname, '..');
const { version } = JSON.parse(
  fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'),
);
const promiseNames = fs
  .readdirSync(defaultPromisesDir)
  .filter(name =>
    fs.existsSync(path.join(defaultPromisesDir, name, 'promise.yaml')),
  );

describe("the homelab's Promises and their pipelines", () => {
  it('every Promise has a pipeline, and every pipeline a Promise', () => {
    expect(Object.keys(pipelines).sort()).toEqual(promiseNames.sort());
  });

  it.each(promiseNames)(
    "%s's configure workflow runs this package's image, at its version",
    name => {
      const promise = parse(
        fs.readFileSync(
          path.join(defaultPromisesDir, name, 'promise.yaml'),
          'utf8',
        ),
      );
      const containers = promise.spec.workflows.resource.configure.flatMap(
        (pipeline: any) => pipeline.spec.containers,
      );
      expect(containers.map((c: any) => c.image)).toEqual([
        pipelineImage(name, `v${version}`),
      ]);
      expect(containers[0].image).toBe(
        `registry.lab.local/homelab-portal/${name}-pipeline:v${version}`,
      );
      expect(promise.metadata.labels['kratix.io/promise-version']).toBe(
        `v${version}`,
      );
    },
  );

  it('the Dockerfile builds any of them and runs the pipeline', () => {
    const dockerfile = fs.readFileSync(
      path.join(packageDir, 'Dockerfile'),
      'utf8',
    );
    expect(dockerfile).toMatch(/^ARG PROMISE$/m);
    expect(dockerfile).toMatch(/KRATIX_PIPELINE=\$\{PROMISE\}/);
    expect(dockerfile).toMatch(
      /COPY --from=build \/app\/promises\/\$\{PROMISE\}\/promise\.yaml/,
    );
    expect(dockerfile).toMatch(
      /^ENTRYPOINT \["node", "\/app\/plugins\/kratix\/kratix-pipelines\/bin\/kratix-pipeline"\]$/m,
    );
    // BuildKit reads this instead of the root .dockerignore, which drops plugins/.
    expect(
      fs.existsSync(path.join(packageDir, 'Dockerfile.dockerignore')),
    ).toBe(true);
  });
});
