import type { Decision } from './types';

/**
 * Whether approving a decision would carry it out, and if not, why not and
 * what a person can do instead. The backend adds it to every decision it
 * answers with (it alone knows its configuration) and refuses to approve a
 * decision that is not executable; the frontend offers Approve only on one
 * that is.
 */
export type DecisionExecutability =
  | { executable: true }
  | {
      executable: false;
      /** Why approving it would carry nothing out. */
      reason: string;
      /** What the person can do instead. */
      instead: string;
    };

/** What the backend can carry out, from its configuration. */
export interface ExecutionContext {
  /**
   * Whether a GitOps repository is configured (`cybernetics.gitops`): changes,
   * Kratix requests and chaos experiments are carried out as pull requests there.
   */
  gitops: boolean;
}

/** Action types that are carried out as a pull request on the GitOps repository. */
const PULL_REQUEST_ACTIONS = [
  'gitops-change',
  'kratix-request',
  'chaos-experiment',
] as const;

/** Whether approving `decision` would carry it out (see DecisionExecutability). */
export function decisionExecutability(
  decision: Pick<Decision, 'state' | 'action'>,
  context: ExecutionContext,
): DecisionExecutability {
  const { action } = decision;
  if (action.type === 'none') {
    return {
      executable: false,
      reason:
        'It proposes no action: its policy only reports this finding for a person to look at.',
      instead:
        'Look into the evidence and fix the cause by hand. The loop closes the decision by itself once the signal recovers, or reject it to close it now.',
    };
  }
  if (action.type === 'investigation') {
    return {
      executable: false,
      reason:
        'It opens an investigation, not a change: there is nothing to carry out until a person knows the cause.',
      instead:
        'Answer its questions from the evidence (the top consumers and the recent changes), then fix the cause by hand or through a template. The loop closes it once the alert stops, or reject it to close it now.',
    };
  }
  if (action.type === 'page') {
    return {
      executable: false,
      reason:
        'A page is sent by the loop itself, at once: the runbook pages on-call without waiting for approval.',
      instead:
        'Acknowledge it to stop the escalation, then follow the runbook. The loop closes it once the alert stops.',
    };
  }
  if (decision.state !== 'proposed') {
    return {
      executable: false,
      reason: `Only a proposed decision can be approved; this one is ${decision.state}.`,
      instead:
        decision.state === 'observed'
          ? 'Its policy only observes: act by hand if needed, or reject it to close it.'
          : 'Nothing is left to approve: its audit shows what happened.',
    };
  }
  if (
    (PULL_REQUEST_ACTIONS as readonly string[]).includes(action.type) &&
    !context.gitops
  ) {
    const file = 'file' in action ? ` to ${action.file}` : '';
    return {
      executable: false,
      reason:
        'It is carried out as a pull request on the GitOps repository, and this portal has none configured (cybernetics.gitops).',
      instead: `Make the change by hand: apply its diff${file} in your GitOps repository, then reject this decision (or leave it: the loop closes it once the signal recovers). To let the portal open the pull request, configure cybernetics.gitops.`,
    };
  }
  return { executable: true };
}
