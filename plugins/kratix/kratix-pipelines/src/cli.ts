import { dirsFromEnv } from './contract';
import { pipelines } from './pipelines';
import { runPipeline } from './runner';

export interface MainDeps {
  env?: NodeJS.ProcessEnv;
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
  promisesDir?: string;
}

/**
 * `kratix-pipeline <promise>`: runs that Promise's configure pipeline. The
 * Promise defaults to KRATIX_PIPELINE (each image sets its own), then to
 * KRATIX_PROMISE_NAME (which Kratix sets); an image run for another
 * Promise than its own refuses. Returns the
 * exit code: 0 when every output was written, 1 (and nothing written) when
 * the request or an output is invalid, 2 for a usage error.
 */
export async function main(
  args: string[],
  deps: MainDeps = {},
): Promise<number> {
  const env = deps.env ?? process.env;
  const out =
    deps.stdout ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err =
    deps.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
  const promise = args[0] ?? env.KRATIX_PIPELINE ?? env.KRATIX_PROMISE_NAME;
  const pipeline =
    promise && Object.hasOwn(pipelines, promise)
      ? pipelines[promise]
      : undefined;
  if (!pipeline || args.length > 1) {
    err(
      `usage: kratix-pipeline <${Object.keys(pipelines).join(
        '|',
      )}> (got ${JSON.stringify(args)})`,
    );
    return 2;
  }
  if (env.KRATIX_PROMISE_NAME && env.KRATIX_PROMISE_NAME !== promise) {
    err(
      `this is the ${promise} pipeline; Kratix runs it for the ${env.KRATIX_PROMISE_NAME} Promise`,
    );
    return 2;
  }
  if (env.KRATIX_WORKFLOW_TYPE && env.KRATIX_WORKFLOW_TYPE !== 'resource') {
    err(`the ${promise} pipeline runs resource workflows only`);
    return 2;
  }
  if (env.KRATIX_WORKFLOW_ACTION === 'delete') {
    // Kratix removes what configure scheduled; nothing else to undo.
    out(`${promise}: delete needs no output`);
    return 0;
  }
  try {
    const { files } = await runPipeline(pipeline, {
      dirs: dirsFromEnv(env),
      promisesDir: deps.promisesDir ?? env.KRATIX_PIPELINE_PROMISES_DIR,
    });
    for (const file of files) {
      out(`wrote ${file}`);
    }
    return 0;
  } catch (error) {
    err(
      `${promise} pipeline failed, nothing written: ${
        (error as Error).message
      }`,
    );
    return 1;
  }
}
