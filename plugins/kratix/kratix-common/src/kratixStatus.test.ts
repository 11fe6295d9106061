import { describeKratixStatus, kratixStatusOf } from './kratixStatus';

// Conditions as Kratix's lib/resourceutil/util.go writes them (types,
// statuses, reasons and messages), at the times a test gives.
const T0 = '2026-11-25T10:07:00Z';
const T1 = '2026-11-25T10:09:30Z';
const workflowRunning = {
  type: 'ConfigureWorkflowCompleted',
  status: 'False',
  reason: 'PipelinesInProgress',
  message: 'Pipelines are still in progress',
  lastTransitionTime: T0,
};
const workflowDone = {
  type: 'ConfigureWorkflowCompleted',
  status: 'True',
  reason: 'PipelinesExecutedSuccessfully',
  message: 'Pipelines completed',
  lastTransitionTime: T0,
};
const workflowFailed = {
  type: 'ConfigureWorkflowCompleted',
  status: 'False',
  reason: 'ConfigureWorkflowFailed',
  message: 'A Configure Pipeline has failed: instance-configure',
  lastTransitionTime: T1,
};
const reconciled = (status: string, reason: string, message: string) => ({
  type: 'Reconciled',
  status,
  reason,
  message,
  lastTransitionTime: T1,
});
const request = (conditions: object[], kratix?: object) => ({
  apiVersion: 'platform.lab.local/v1alpha1',
  kind: 'PostgreSQL',
  metadata: { name: 'photos', namespace: 'default' },
  spec: {},
  status: {
    message: 'Pending',
    conditions,
    ...(kratix ? { kratix } : {}),
  },
});

describe('kratixStatusOf', () => {
  it('is reconciled only when Reconciled is True', () => {
    expect(
      kratixStatusOf(
        request([
          workflowDone,
          {
            type: 'WorksSucceeded',
            status: 'True',
            reason: 'WorksSucceeded',
            message: 'All works associated with this resource are ready',
            lastTransitionTime: T1,
          },
          reconciled('True', 'Reconciled', 'Reconciled'),
        ]),
      ),
    ).toEqual({
      phase: 'reconciled',
      reason: 'Reconciled',
      message: 'Reconciled',
      since: T1,
    });
  });

  it('waits, with the reason and what is behind it, while Reconciled is Unknown', () => {
    expect(
      kratixStatusOf(
        request([
          workflowRunning,
          reconciled('Unknown', 'WorkflowPending', 'Pending'),
        ]),
      ),
    ).toEqual({
      phase: 'waiting',
      reason: 'WorkflowPending',
      message: 'Pipelines are still in progress',
      since: T1,
    });
    expect(
      kratixStatusOf(
        request([
          workflowDone,
          {
            type: 'WorksSucceeded',
            status: 'Unknown',
            reason: 'WorksPending',
            message:
              'Some works associated with this resource are not ready: [photos-instance-configure-5d8f2]',
            lastTransitionTime: T1,
          },
          reconciled('Unknown', 'WorksPending', 'Pending'),
        ]),
      ),
    ).toMatchObject({
      phase: 'waiting',
      reason: 'WorksPending',
      message:
        'Some works associated with this resource are not ready: [photos-instance-configure-5d8f2]',
    });
    expect(
      kratixStatusOf(
        request([
          workflowDone,
          reconciled('Unknown', 'PausedReconciliation', 'Paused'),
        ]),
      ),
    ).toMatchObject({
      phase: 'waiting',
      reason: 'PausedReconciliation',
      message: 'Paused',
    });
  });

  it('needs approval when a pipeline suspended the workflow, with the message it gave', () => {
    const status = kratixStatusOf(
      request(
        [
          workflowRunning,
          reconciled('Unknown', 'WorkflowSuspended', 'Suspended'),
        ],
        {
          workflows: {
            suspendedGeneration: 1,
            pipelines: [
              { name: 'validate', phase: 'Succeeded' },
              {
                name: 'approve-size',
                phase: 'Suspended',
                message: 'A 500 GiB database needs an admin to approve it',
                lastTransitionTime: T1,
              },
              { name: 'instance-configure', phase: 'Pending' },
            ],
          },
        },
      ),
    );
    expect(status).toEqual({
      phase: 'needs-approval',
      reason: 'WorkflowSuspended',
      message: 'A 500 GiB database needs an admin to approve it',
      pipeline: 'approve-size',
      since: T1,
    });
    // without a message from the pipeline, Kratix's own
    expect(
      kratixStatusOf(
        request([reconciled('Unknown', 'WorkflowSuspended', 'Suspended')]),
      ),
    ).toMatchObject({ phase: 'needs-approval', message: 'Suspended' });
  });

  it('fails with the failing pipeline or works, not the bare aggregate', () => {
    expect(
      kratixStatusOf(
        request(
          [
            workflowFailed,
            reconciled('False', 'ConfigureWorkflowFailed', 'Failing'),
          ],
          {
            workflows: {
              pipelines: [{ name: 'instance-configure', phase: 'Failed' }],
            },
          },
        ),
      ),
    ).toEqual({
      phase: 'failed',
      reason: 'ConfigureWorkflowFailed',
      message: 'A Configure Pipeline has failed: instance-configure',
      pipeline: 'instance-configure',
      since: T1,
    });
    for (const reason of ['WorksFailing', 'WorksMisplaced']) {
      const message =
        reason === 'WorksFailing'
          ? 'Some works associated with this resource failed: [photos-abc]'
          : 'Some works associated with this resource are misplaced: [photos-abc]';
      // Kratix sets Reconciled False/WorksFailing for either
      expect(
        kratixStatusOf(
          request([
            workflowDone,
            {
              type: 'WorksSucceeded',
              status: 'False',
              reason,
              message,
              lastTransitionTime: T1,
            },
            reconciled('False', 'WorksFailing', 'Failing'),
          ]),
        ),
      ).toMatchObject({ phase: 'failed', reason: 'WorksFailing', message });
    }
  });

  it("keeps the request's generation, and a Reconciled True of an older generation is not this one's", () => {
    const done = request([
      workflowDone,
      reconciled('True', 'Reconciled', 'Reconciled'),
    ]) as any;
    done.metadata.generation = 2;
    done.status.observedGeneration = 2;
    expect(kratixStatusOf(done)).toEqual({
      phase: 'reconciled',
      reason: 'Reconciled',
      message: 'Reconciled',
      since: T1,
      generation: 2,
    });
    // the spec changed (generation 3); Kratix has not rerun the workflow yet
    done.metadata.generation = 3;
    expect(kratixStatusOf(done)).toEqual({
      phase: 'waiting',
      reason: 'Reconciled',
      message:
        'Kratix reconciled generation 2; generation 3 (a changed spec) is not reconciled yet',
      since: T1,
      generation: 3,
    });
    // no generation or a junk one: read as before
    for (const junk of [undefined, 0, -1, 1.5, '3', 2 ** 60]) {
      done.metadata.generation = junk;
      expect(kratixStatusOf(done)).toEqual({
        phase: 'reconciled',
        reason: 'Reconciled',
        message: 'Reconciled',
        since: T1,
      });
    }
  });

  it('never counts a Ready condition: resource requests have none', () => {
    expect(
      kratixStatusOf(
        request([
          {
            type: 'Ready',
            status: 'True',
            reason: 'Ready',
            lastTransitionTime: T0,
          },
        ]),
      ),
    ).toBeUndefined();
  });

  it('reads a Kratix without Reconciled from its workflow, and never as reconciled', () => {
    expect(kratixStatusOf(request([workflowDone]))).toMatchObject({
      phase: 'waiting',
      reason: 'PipelinesExecutedSuccessfully',
    });
    expect(kratixStatusOf(request([workflowFailed]))).toMatchObject({
      phase: 'failed',
      reason: 'ConfigureWorkflowFailed',
      message: 'A Configure Pipeline has failed: instance-configure',
    });
  });

  it('survives junk: no status, odd conditions, unknown reasons, huge messages', () => {
    expect(kratixStatusOf(undefined)).toBeUndefined();
    expect(kratixStatusOf({ status: 'Ready' })).toBeUndefined();
    expect(
      kratixStatusOf({ status: { conditions: [null, 7, { type: 3 }] } }),
    ).toBeUndefined();
    const huge = 'x'.repeat(100_000);
    const status = kratixStatusOf(
      request([
        {
          type: 'Reconciled',
          status: 'Unknown',
          reason: 'SomethingNewer',
          message: huge,
        },
      ]),
    )!;
    expect(status.phase).toBe('waiting');
    expect(status.reason).toBe('SomethingNewer');
    expect(status.message!.length).toBeLessThanOrEqual(1000);
    expect(status.since).toBeUndefined();
    expect(
      kratixStatusOf(
        request([{ type: 'Reconciled', status: 'Maybe', reason: 'X' }]),
      ),
    ).toMatchObject({ phase: 'waiting', reason: 'X' });
  });

  it('describes a status in one line', () => {
    expect(
      describeKratixStatus({
        phase: 'waiting',
        reason: 'WorkflowPending',
        message: 'Pipelines are still in progress',
      }),
    ).toBe('WorkflowPending: Pipelines are still in progress');
  });
});
