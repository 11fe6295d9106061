/**
 * For tests of plugins that follow Kratix requests: statuses shaped as
 * Kratix writes them, and a request CRD as Kratix installs it. Reasons,
 * messages and the status schema follow syntasso/kratix
 * (lib/resourceutil/util.go, internal/controller/promise_controller.go
 * setStatusFieldsOnCRD), so that the fake Kubernetes API checks our statuses
 * against the same schema.

 */

const condition = {
  type: 'object',
  properties: {
    lastTransitionTime: { type: 'string' },
    message: { type: 'string' },
    reason: { type: 'string' },
    status: { type: 'string' },
    type: { type: 'string' },
  },
};

/** A Promise's `spec.api` CRD with the status Kratix adds to it when it installs it. */
export function asKratixInstallsIt(crd: any): any {
  return {
    ...crd,
    spec: {
      ...crd.spec,
      versions: crd.spec.versions.map((version: any) => ({
        ...version,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            ...version.schema.openAPIV3Schema,
            properties: {
              ...version.schema.openAPIV3Schema.properties,
              status: {
                type: 'object',
                'x-kubernetes-preserve-unknown-fields': true,
                properties: {
                  message: { type: 'string' },
                  observedGeneration: { type: 'integer' },
                  workflows: { type: 'integer' },
                  workflowsSucceeded: { type: 'integer' },
                  workflowsFailed: { type: 'integer' },
                  conditions: { type: 'array', items: condition },
                  kratix: { type: 'object' },
                },
              },
            },
          },
        },
      })),
    },
  };
}

const at = (time: string) => ({ lastTransitionTime: time });

/** Statuses of a request as Kratix moves it along. */
export const kratixStatus = {
  /** The configure workflow runs (Reconciled Unknown, WorkflowPending). */
  workflowPending: (time: string, pipeline = 'instance-configure') => ({
    message: 'Pending',
    workflows: 1,
    workflowsSucceeded: 0,
    workflowsFailed: 0,
    observedGeneration: 1,
    conditions: [
      {
        type: 'ConfigureWorkflowCompleted',
        status: 'False',
        reason: 'PipelinesInProgress',
        message: 'Pipelines are still in progress',
        ...at(time),
      },
      {
        type: 'Reconciled',
        status: 'Unknown',
        reason: 'WorkflowPending',
        message: 'Pending',
        ...at(time),
      },
    ],
    kratix: {
      workflows: {
        pipelines: [{ name: pipeline, phase: 'Running', ...at(time) }],
      },
    },
  }),
  /** A pipeline wrote `suspend: true` with a message (Reconciled Unknown, WorkflowSuspended). */
  suspended: (time: string, pipeline: string, message: string) => ({
    message: 'Pending',
    workflows: 2,
    workflowsSucceeded: 0,
    workflowsFailed: 0,
    observedGeneration: 1,
    conditions: [
      {
        type: 'ConfigureWorkflowCompleted',
        status: 'False',
        reason: 'PipelinesInProgress',
        message: 'Pipelines are still in progress',
        ...at(time),
      },
      {
        type: 'Reconciled',
        status: 'Unknown',
        reason: 'WorkflowSuspended',
        message: 'Suspended',
        ...at(time),
      },
    ],
    kratix: {
      workflows: {
        suspendedGeneration: 1,
        pipelines: [
          { name: pipeline, phase: 'Suspended', message, ...at(time) },
          { name: 'instance-configure', phase: 'Pending', ...at(time) },
        ],
      },
    },
  }),
  /** A configure pipeline failed (Reconciled False, ConfigureWorkflowFailed). */
  workflowFailed: (time: string, pipeline = 'instance-configure') => ({
    message: 'Pending',
    workflows: 1,
    workflowsSucceeded: 0,
    workflowsFailed: 0,
    observedGeneration: 1,
    conditions: [
      {
        type: 'ConfigureWorkflowCompleted',
        status: 'False',
        reason: 'ConfigureWorkflowFailed',
        message: `A Configure Pipeline has failed: ${pipeline}`,
        ...at(time),
      },
      {
        type: 'Reconciled',
        status: 'False',
        reason: 'ConfigureWorkflowFailed',
        message: 'Failing',
        ...at(time),
      },
    ],
    kratix: {
      workflows: {
        pipelines: [{ name: pipeline, phase: 'Failed', ...at(time) }],
      },
    },
  }),
  /** Done: the workflow succeeded and its works are applied (Reconciled True). */
  reconciled: (time: string, pipeline = 'instance-configure') => ({
    message: 'Resource requested',
    workflows: 1,
    workflowsSucceeded: 1,
    workflowsFailed: 0,
    observedGeneration: 1,
    conditions: [
      {
        type: 'ConfigureWorkflowCompleted',
        status: 'True',
        reason: 'PipelinesExecutedSuccessfully',
        message: 'Pipelines completed',
        ...at(time),
      },
      {
        type: 'WorksSucceeded',
        status: 'True',
        reason: 'WorksSucceeded',
        message: 'All works associated with this resource are ready',
        ...at(time),
      },
      {
        type: 'Reconciled',
        status: 'True',
        reason: 'Reconciled',
        message: 'Reconciled',
        ...at(time),
      },
    ],
    kratix: {
      workflows: {
        pipelines: [{ name: pipeline, phase: 'Succeeded', ...at(time) }],
      },
    },
  }),
};
