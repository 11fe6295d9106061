import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  DECISION_STATES,
  Decision,
} from '@homelab-portal/plugin-cybernetics-common';
import { DecisionStore } from './database/DecisionStore';

const summary = (d: Decision) => ({
  id: d.id,
  title: d.title,
  state: d.state,
  entityRef: d.entityRef,
  policy: d.policy,
  risk: d.risk,
  action: d.action.title,
  source: d.source,
  createdAt: d.createdAt,
});

/**
 * The decisions, for agents through Backstage's MCP actions: they may list
 * and explain decisions, never approve or reject them (no such action exists).
 */
export function registerDecisionActions(
  actionsRegistry: ActionsRegistryService,
  store: DecisionStore,
) {
  actionsRegistry.register({
    name: 'list-decisions',
    title: 'List cybernetic decisions',
    description:
      "Lists the homelab's cybernetic decisions (findings with a proposed action), newest first. Read-only: approving is for people in the portal.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          state: z
            .enum(DECISION_STATES)
            .optional()
            .describe('Only decisions in this state'),
          entityRef: z
            .string()
            .max(255)
            .optional()
            .describe('Only decisions about this entity'),
        }),
      output: z =>
        z.object({
          decisions: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              state: z.string(),
              entityRef: z.string(),
              policy: z.string(),
              risk: z.string(),
              action: z.string(),
              source: z.string(),
              createdAt: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input }) => {
      const decisions = await store.list({
        states: input.state ? [input.state] : undefined,
        entityRef: input.entityRef,
        limit: 100,
      });
      return { output: { decisions: decisions.map(summary) } };
    },
  });

  actionsRegistry.register({
    name: 'explain-decision',
    title: 'Explain a cybernetic decision',
    description:
      'Explains one decision: its evidence, diagnosis, proposed change (as a diff), rationale, risk and audit trail. Read-only.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({ id: z.string().uuid().describe('The decision id') }),
      output: z =>
        z.object({
          explanation: z.string(),
          state: z.string(),
        }),
    },
    action: async ({ input }) => {
      const d = await store.get(input.id);
      if (!d) {
        return {
          output: { explanation: `No decision ${input.id}`, state: 'unknown' },
        };
      }
      const lines = [
        `${d.title} (${d.state}, risk ${d.risk}, policy ${d.policy}, ${d.source} data)`,
        `Entity: ${d.entityRef}`,
        `Diagnosis: ${d.diagnosis}`,
        'Evidence:',
        ...d.evidence.map(
          e => `- ${e.label}: ${e.value}${e.query ? ` (${e.query})` : ''}`,
        ),
        `Proposed action: ${d.action.title} (${d.action.type})`,
        ...('diff' in d.action ? [d.action.diff] : []),
        `Rationale: ${d.rationale}`,
        ...(d.advisory
          ? [`Advice from ${d.advisory.model} (text only): ${d.advisory.text}`]
          : []),
        ...(d.pullRequestUrl ? [`Pull request: ${d.pullRequestUrl}`] : []),
        'Audit:',
        ...d.audit.map(
          a => `- ${a.at} ${a.actor}: ${a.from ?? '-'} -> ${a.to}: ${a.note}`,
        ),
      ];
      return { output: { explanation: lines.join('\n'), state: d.state } };
    },
  });
}
