/**
 * For tests: what Kratix does with a resource request, step by step, on the
 * fake Kubernetes API, running the Promise's REAL configure pipeline
 * in-process (no container). Each step writes the request's status exactly
 * as Kratix does (syntasso/kratix @ ae170e22e974):
 *
 * - `start`: the configure workflow's Job is created
 *   (lib/workflow/reconciler.go setPipelineStartingStatus): message
 *   `Pending`, `Reconciled` Unknown `WorkflowPending`,
 *   `ConfigureWorkflowCompleted` False `PipelinesInProgress`, the pipeline
 *   `Running`;
 * - `runPipeline`: the Job runs. The pipeline reads
 *   `/kratix/input/object.yaml` (the request as it is in the cluster) and
 *   writes `/kratix/output/` and `/kratix/metadata/status.yaml`, here temp
 *   directories. On success the status is merged the way work-creator's
 *   update-status does (work-creator/lib/status_updater.go MergeStatuses:
 *   top-level keys overwrite, conditions merge by type; MarkAsCompleted:
 *   `Pending` becomes `Resource requested`, `ConfigureWorkflowCompleted`
 *   True `PipelinesExecutedSuccessfully`), and the Works are pending
 *   (`WorksSucceeded` and `Reconciled` Unknown `WorksPending`). On failure
 *   the Job failed (reconciler.go setFailedConditionAndEvents):
 *   `ConfigureWorkflowCompleted` False `ConfigureWorkflowFailed` "A
 *   Configure Pipeline has failed: <pipeline>", `Reconciled` False
 *   `ConfigureWorkflowFailed` "Failing", `workflowsFailed` 1, the pipeline
 *   `Failed`; nothing is scheduled;
 * - `applyWorks`: the destination applies every output document (here: put
 *   into the fake cluster, which checks each against its real schema), then
 *   `WorksSucceeded` True and `Reconciled` True, `observedGeneration` set
 *   (dynamic_resource_request_controller.go).
 *
 * @packageDocumentation
 */
import { asKratixInstallsIt, FakeKubeApi } from '@homelab-portal/test-utils';
import {
  main,
  schemasDir,
  strictSchema,
  validateObject,
} from '@homelab-portal/kratix-pipelines';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';

/** promises/ at the repository's root. */
export const homelabPromisesDir = path.resolve(
  __dirname,
  '../../../../../promises',
);

/** The five homelab Promises, by name. */
export function readHomelabPromise(name: string): any {
  return parse(
    fs.readFileSync(
      path.join(homelabPromisesDir, name, 'promise.yaml'),
      'utf8',
    ),
  );
}

/**
 * Kinds the fake Kubernetes API does not serve: applied after the same
 * check the pipelines make (kubernetes-models, generated from Kubernetes'
 * OpenAPI), and kept here.
 */
const NOT_SERVED = new Set(['networking.k8s.io/v1/NetworkPolicy']);

/**
 * A fake cluster that serves the five homelab Promises' request CRDs (as
 * Kratix installs them, with their status) and every CRD their pipelines
 * output (as their projects publish them, unknown fields refused as with
 * `kubectl apply --validate=strict`).
 */
export function homelabCluster(promises: string[]): FakeKubeApi {
  const outputCrds = fs
    .readdirSync(schemasDir)
    .filter(file => file.endsWith('.yaml'))
    .map(file => {
      const crd = parse(fs.readFileSync(path.join(schemasDir, file), 'utf8'));
      return {
        ...crd,
        spec: {
          ...crd.spec,
          versions: crd.spec.versions.map((version: any) => ({
            ...version,
            schema: {
              openAPIV3Schema: strictSchema(version.schema.openAPIV3Schema),
            },
          })),
        },
      };
    });
  return new FakeKubeApi([
    ...promises.map(name =>
      asKratixInstallsIt(readHomelabPromise(name).spec.api),
    ),
    ...outputCrds,
  ]);
}

type Condition = {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
};

/** Conditions merged by type, as Kratix's SetCondition and mergeConditions do. */
function withConditions(status: any, ...conditions: Condition[]) {
  const list: Condition[] = [...(status.conditions ?? [])];
  for (const condition of conditions) {
    const at = list.findIndex(c => c.type === condition.type);
    if (at >= 0) list[at] = condition;
    else list.push(condition);
  }
  return { ...status, conditions: list };
}

export interface PipelineRun {
  /** the pipeline's exit code: 0 written, 1 refused */
  code: number;
  stderr: string[];
  /** every document of /kratix/output */
  documents: any[];
  /** /kratix/metadata/status.yaml, as the pipeline wrote it */
  written?: Record<string, unknown>;
}

/** One request as Kratix follows it. */
export class KratixEmulator {
  private object: any;
  private readonly pipelineName: string;
  /** documents applied that the fake API does not serve (NetworkPolicy) */
  readonly notServed: any[] = [];

  constructor(
    private readonly kube: FakeKubeApi,
    private readonly promise: string,
    request: any,
    private readonly clock: () => string = () =>
      new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  ) {
    this.pipelineName =
      readHomelabPromise(
        promise,
      ).spec.workflows.resource.configure[0].metadata.name;
    // The API server sets the generation; it moves when the spec changes.
    this.object = {
      ...structuredClone(request),
      metadata: { ...request.metadata, generation: 1 },
    };
  }

  get current(): any {
    return structuredClone(this.object);
  }

  private key() {
    const { apiVersion, kind, metadata } = this.object;
    return [apiVersion, kind, metadata.namespace, metadata.name] as const;
  }

  /** ArgoCD applies the request from Git: it is in the cluster, no status yet. */
  sync() {
    this.kube.put(this.object);
  }

  /** A new spec (a later change to the request): the generation moves on. */
  changeSpec(spec: object) {
    this.object = {
      ...this.object,
      spec,
      metadata: {
        ...this.object.metadata,
        generation: this.object.metadata.generation + 1,
      },
    };
    this.kube.put(this.object);
  }

  private setStatus(status: any) {
    this.object = { ...this.object, status };
    this.kube.setStatus(...this.key(), status);
  }

  private pipelinePhase(status: any, phase: string, at: string) {
    return {
      ...status,
      kratix: {
        workflows: {
          pipelines: [
            { name: this.pipelineName, phase, lastTransitionTime: at },
          ],
        },
      },
    };
  }

  /** The configure workflow's Job is created (a first run, or a retry). */
  start() {
    const at = this.clock();
    const status = withConditions(
      {
        ...(this.object.status ?? {}),
        message: 'Pending',
        workflows: 1,
        workflowsSucceeded: 0,
        workflowsFailed: 0,
      },
      {
        type: 'ConfigureWorkflowCompleted',
        status: 'False',
        reason: 'PipelinesInProgress',
        message: 'Pipelines are still in progress',
        lastTransitionTime: at,
      },
      {
        type: 'Reconciled',
        status: 'Unknown',
        reason: 'WorkflowPending',
        message: 'Pending',
        lastTransitionTime: at,
      },
    );
    this.setStatus(this.pipelinePhase(status, 'Running', at));
  }

  /** The Job failed before the pipeline ran (an image pull, a lost node). */
  jobFailed() {
    this.markFailed();
  }

  private markFailed() {
    const at = this.clock();
    const status = withConditions(
      { ...this.object.status, workflowsFailed: 1 },
      {
        type: 'ConfigureWorkflowCompleted',
        status: 'False',
        reason: 'ConfigureWorkflowFailed',
        message: `A Configure Pipeline has failed: ${this.pipelineName}`,
        lastTransitionTime: at,
      },
      {
        type: 'Reconciled',
        status: 'False',
        reason: 'ConfigureWorkflowFailed',
        message: 'Failing',
        lastTransitionTime: at,
      },
    );
    this.setStatus(this.pipelinePhase(status, 'Failed', at));
  }

  /** The Job runs the Promise's real pipeline on the request as it is in the cluster. */
  async runPipeline(): Promise<PipelineRun> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kratix-'));
    try {
      for (const dir of ['input', 'output', 'metadata']) {
        fs.mkdirSync(path.join(root, dir));
      }
      fs.writeFileSync(
        path.join(root, 'input', 'object.yaml'),
        stringify(this.object),
      );
      const stderr: string[] = [];
      const code = await main([], {
        env: {
          KRATIX_PIPELINE: this.promise,
          KRATIX_PROMISE_NAME: this.promise,
          KRATIX_WORKFLOW_TYPE: 'resource',
          KRATIX_WORKFLOW_ACTION: 'configure',
          KRATIX_INPUT_DIR: path.join(root, 'input'),
          KRATIX_OUTPUT_DIR: path.join(root, 'output'),
          KRATIX_METADATA_DIR: path.join(root, 'metadata'),
        },
        stdout: () => {},
        stderr: line => stderr.push(line),
      });
      if (code !== 0) {
        this.markFailed();
        return { code, stderr, documents: [] };
      }
      const documents = fs
        .readdirSync(path.join(root, 'output'))
        .sort()
        .flatMap(file =>
          parseAllDocuments(
            fs.readFileSync(path.join(root, 'output', file), 'utf8'),
          ).map(d => (d as any).toJS()),
        );
      const statusFile = path.join(root, 'metadata', 'status.yaml');
      const written = fs.existsSync(statusFile)
        ? parse(fs.readFileSync(statusFile, 'utf8'))
        : undefined;
      this.completeWorkflow(written ?? {}, documents.length);
      return { code, stderr, documents, written };
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }

  /** update-status: MergeStatuses, then MarkAsCompleted; the Works are then pending. */
  private completeWorkflow(incoming: Record<string, any>, works: number) {
    if ('kratix' in incoming) {
      throw new Error("a pipeline's status.yaml may not set kratix");
    }
    const existing = this.object.status ?? {};
    let merged: any = { ...existing };
    for (const [key, value] of Object.entries(incoming)) {
      merged =
        key === 'conditions' && Array.isArray(value)
          ? withConditions(merged, ...value)
          : { ...merged, [key]: value };
    }
    if (merged.message === 'Pending') merged.message = 'Resource requested';
    const at = this.clock();
    merged = withConditions(
      { ...merged, workflowsSucceeded: 1 },
      {
        type: 'ConfigureWorkflowCompleted',
        status: 'True',
        reason: 'PipelinesExecutedSuccessfully',
        message: 'Pipelines completed',
        lastTransitionTime: at,
      },
      {
        type: 'WorksSucceeded',
        status: 'Unknown',
        reason: 'WorksPending',
        message: `Some works associated with this resource are not ready: [${this.promise}-${this.object.metadata.name}-${this.pipelineName}] (${works} documents)`,
        lastTransitionTime: at,
      },
      {
        type: 'Reconciled',
        status: 'Unknown',
        reason: 'WorksPending',
        message: 'Pending',
        lastTransitionTime: at,
      },
    );
    this.setStatus(this.pipelinePhase(merged, 'Succeeded', at));
  }

  /** Removes what `applyWorks` applied, and the request (between tests). */
  remove(run?: PipelineRun) {
    for (const document of run?.documents ?? []) {
      if (!NOT_SERVED.has(`${document.apiVersion}/${document.kind}`)) {
        this.kube.delete(
          document.apiVersion,
          document.kind,
          document.metadata.namespace,
          document.metadata.name,
        );
      }
    }
    this.kube.delete(...this.key());
  }

  /**
   * The destination applies the Works: every document goes into the fake
   * cluster, checked against its schema (a document it refuses throws);
   * then Kratix marks the Works and the request reconciled.
   */
  applyWorks(run: PipelineRun) {
    for (const document of run.documents) {
      if (NOT_SERVED.has(`${document.apiVersion}/${document.kind}`)) {
        validateObject(document);
        this.notServed.push(document);
      } else {
        this.kube.put(document);
      }
    }
    const at = this.clock();
    this.setStatus(
      withConditions(
        {
          ...this.object.status,
          observedGeneration: this.object.metadata.generation,
        },
        {
          type: 'WorksSucceeded',
          status: 'True',
          reason: 'WorksSucceeded',
          message: 'All works associated with this resource are ready',
          lastTransitionTime: at,
        },
        {
          type: 'Reconciled',
          status: 'True',
          reason: 'Reconciled',
          message: 'Reconciled',
          lastTransitionTime: at,
        },
      ),
    );
  }
}
