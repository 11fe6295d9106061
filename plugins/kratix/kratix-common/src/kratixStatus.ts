/**
 * How Kratix reports a resource request, read from its status as Kratix's
 * resource request controller writes it (syntasso/kratix,
 * `internal/controller/dynamic_resource_request_controller.go` and
 * `lib/resourceutil/util.go`):
 *
 * - `Reconciled`, the aggregate: True (reason `Reconciled`); False
 *   (`ConfigureWorkflowFailed`, `WorksFailing`); Unknown (`WorkflowPending`,
 *   `WorksPending`, `PausedReconciliation`, `WorkflowSuspended`).
 * - under it `ConfigureWorkflowCompleted` (`PipelinesInProgress`,
 *   `PipelinesExecutedSuccessfully`, `ConfigureWorkflowFailed`) and
 *   `WorksSucceeded` (`WorksSucceeded`, `WorksFailing`, `WorksMisplaced`,
 *   `WorksPending`), whose messages say what is behind the aggregate;
 * - `status.kratix.workflows.pipelines[]`: each configure pipeline's `phase`
 *   (`Pending`, `Running`, `Succeeded`, `Failed`, `Suspended`) and, for a
 *   suspended one, the `message` its container gave.
 *
 * A resource request never carries a `Ready` condition in any Kratix version
 * (Works, Destinations and State Stores do), so none is read here. Kratix
 * before mid-2025 (syntasso/kratix#526) set no `Reconciled` either; such a
 * request is read from `ConfigureWorkflowCompleted` alone and never counts as
 * reconciled.
 */

/** The four things a request can be in Kratix, as the portal shows them. */
export type KratixPhase =
  | 'waiting'
  | 'needs-approval'
  | 'failed'
  | 'reconciled';

/** Kratix's view of one resource request. */
export interface KratixStatus {
  phase: KratixPhase;
  /**
   * The `Reconciled` condition's reason (`WorkflowPending`, `WorksPending`,
   * `WorkflowSuspended`, `ConfigureWorkflowFailed`, ...), or, where there is
   * no `Reconciled` yet, the reason of the condition read instead.
   */
  reason: string;
  /** What the condition behind the reason says, e.g. the failing pipeline or works. */
  message?: string;
  /** When Kratix last changed the aggregate (ISO-8601), as Kratix reports it. */
  since?: string;
  /** The configure pipeline that is suspended or failed, when Kratix names it. */
  pipeline?: string;
  /** Where a suspended workflow is approved (set by the portal from its config). */
  approvalUrl?: string;
  /**
   * The request's `metadata.generation` when this was read: Kratix reruns
   * the workflow for a new one (a changed spec).
   */
  generation?: number;
}

/** The reasons of `Reconciled` Unknown that Kratix sets, and what they mean. */
export const KRATIX_WAITING_REASONS: Record<string, string> = {
  WorkflowPending: 'the configure workflow is running',
  WorksPending: 'the works it wrote are not applied at their destinations yet',
  PausedReconciliation: 'reconciliation is paused (kratix.io/paused label)',
  WorkflowSuspended: 'a pipeline suspended the workflow: it needs approval',
};

/** The label Kratix sets on a request whose workflow is suspended; removing it resumes the workflow. */
export const KRATIX_WORKFLOW_SUSPENDED_LABEL = 'kratix.io/workflow-suspended';

const MAX_TEXT = 1000;

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** Upstream text, bounded: a string of at most 1000 characters, or undefined. */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const trimmed = value.trim();
  return trimmed.length > MAX_TEXT
    ? `${trimmed.slice(0, MAX_TEXT - 1)}…`
    : trimmed;
}

// any: any object from the cluster; each condition is checked before use
function conditionsOf(object: any): Condition[] {
  const list = object?.status?.conditions;
  if (!Array.isArray(list)) return [];
  return list
    .filter(c => c && typeof c === 'object' && typeof c.type === 'string')
    .map(c => ({
      type: c.type,
      status: typeof c.status === 'string' ? c.status : 'Unknown',
      reason: text(c.reason),
      message: text(c.message),
      lastTransitionTime: text(c.lastTransitionTime),
    }));
}

// any: any object from the cluster; each field is checked before use
function pipelineIn(object: any, phase: string) {
  const pipelines = object?.status?.kratix?.workflows?.pipelines;
  if (!Array.isArray(pipelines)) return undefined;
  const found = pipelines.find(p => p && p.phase === phase);
  return found
    ? { name: text(found.name), message: text(found.message) }
    : undefined;
}

function compact(status: KratixStatus): KratixStatus {
  return Object.fromEntries(
    Object.entries(status).filter(([, v]) => v !== undefined),
  ) as unknown as KratixStatus;
}

/**
 * Reads a resource request's Kratix status; undefined when Kratix has not
 * written any condition yet.
 */
export function kratixStatusOf(object: unknown): KratixStatus | undefined {
  const status = readKratixStatus(object);
  // any: the object is unchecked input; the value is type-checked just below
  const generation = (object as any)?.metadata?.generation;
  if (!status || !Number.isSafeInteger(generation) || generation < 1) {
    return status;
  }
  // Kratix sets observedGeneration once a generation's workflow completed:
  // Reconciled True of an older one (the spec changed, Kratix has not rerun
  // the workflow yet) is not this generation's.
  // any: the object is unchecked input; the value is type-checked just below
  const observed = (object as any)?.status?.observedGeneration;
  if (
    status.phase === 'reconciled' &&
    Number.isSafeInteger(observed) &&
    observed < generation
  ) {
    return compact({
      phase: 'waiting',
      reason: status.reason,
      message: `Kratix reconciled generation ${observed}; generation ${generation} (a changed spec) is not reconciled yet`,
      since: status.since,
      generation,
    });
  }
  return { ...status, generation };
}

function readKratixStatus(object: unknown): KratixStatus | undefined {
  const conditions = conditionsOf(object);
  const find = (type: string) => conditions.find(c => c.type === type);
  const reconciled = find('Reconciled');
  const workflow = find('ConfigureWorkflowCompleted');
  const works = find('WorksSucceeded');

  if (!reconciled) {
    if (!workflow) return undefined;
    const failed =
      workflow.status === 'False' &&
      workflow.reason === 'ConfigureWorkflowFailed';
    return compact({
      phase: failed ? 'failed' : 'waiting',
      reason: workflow.reason ?? 'NotReconciled',
      message: failed
        ? workflow.message
        : `${
            workflow.message ?? 'Configure workflow'
          }; Kratix has not set Reconciled`,
      since: workflow.lastTransitionTime,
      pipeline: failed ? pipelineIn(object, 'Failed')?.name : undefined,
    });
  }

  const reason = reconciled.reason ?? reconciled.message ?? 'Unknown';
  const since = reconciled.lastTransitionTime;
  if (reconciled.status === 'True') {
    return compact({
      phase: 'reconciled',
      reason,
      message: reconciled.message,
      since,
    });
  }
  if (reconciled.status === 'False') {
    const behind =
      reason === 'ConfigureWorkflowFailed'
        ? workflow
        : works ?? (workflow?.status === 'False' ? workflow : undefined);
    return compact({
      phase: 'failed',
      reason,
      message: behind?.message ?? reconciled.message,
      since,
      pipeline:
        reason === 'ConfigureWorkflowFailed'
          ? pipelineIn(object, 'Failed')?.name
          : undefined,
    });
  }
  if (reason === 'WorkflowSuspended') {
    const suspended = pipelineIn(object, 'Suspended');
    return compact({
      phase: 'needs-approval',
      reason,
      message: suspended?.message ?? reconciled.message,
      since,
      pipeline: suspended?.name,
    });
  }
  let message = reconciled.message;
  if (reason === 'WorkflowPending') message = workflow?.message ?? message;
  if (reason === 'WorksPending') message = works?.message ?? message;
  return compact({ phase: 'waiting', reason, message, since });
}

/** One line for people: "WorkflowPending: Pipelines are still in progress". */
export function describeKratixStatus(status: KratixStatus): string {
  return `${status.reason}${status.message ? `: ${status.message}` : ''}`;
}
