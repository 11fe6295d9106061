import { parseEntityRef } from '@backstage/catalog-model';
import { Finding, Signal } from '@homelab-portal/plugin-cybernetics-common';
import { createHash } from 'node:crypto';
import { Policy } from './policies';

/** A finding with the policy that made it and the values its templates may use. */
export type PolicyFinding = Finding & {
  policyDef: Policy;
  vars: Record<string, string>;
};

const round = (n: number | null) => (n === null ? 'n/a' : n.toFixed(1));

/**
 * Fills `{{name}}` from vars; unknown names stay visible as `{{name}}`. Only
 * vars' own names count: `{{constructor}}` is not Object's.
 */
export function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name) =>
    Object.hasOwn(vars, name) ? vars[name] : whole,
  );
}

const fingerprintOf = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40);

function entityVars(entityRef: string): Record<string, string> {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return {
    'entity.ref': entityRef,
    'entity.kind': kind,
    'entity.namespace': namespace,
    'entity.name': name,
  };
}

/**
 * Turns signals into findings with declarative policies. Pure and
 * synchronous: no I/O, so its cost is measured against the fetching
 * (bench:cybernetics).
 */
export function evaluatePolicies(
  signals: Signal[],
  policies: Policy[],
): PolicyFinding[] {
  const findings = new Map<string, PolicyFinding>();
  const byKind = new Map<string, Policy[]>();
  for (const policy of policies) {
    const list = byKind.get(policy.kind) ?? [];
    list.push(policy);
    byKind.set(policy.kind, list);
  }
  const add = (
    policy: Policy,
    signal: Signal,
    discriminator: string,
    vars: Record<string, string>,
    evidence: Finding['evidence'],
  ) => {
    const fingerprint = fingerprintOf(
      policy.id,
      signal.entityRef,
      discriminator,
    );
    if (findings.has(fingerprint)) return;
    const all = { ...entityVars(signal.entityRef), ...vars, policy: policy.id };
    findings.set(fingerprint, {
      policy: policy.id,
      fingerprint,
      entityRef: signal.entityRef,
      title: fill(policy.title, all),
      diagnosis: fill(policy.diagnosis, all),
      evidence,
      source: signal.source,
      ...(policy.runbook ? { runbook: policy.runbook } : {}),
      policyDef: policy,
      vars: all,
    });
  };

  for (const signal of signals) {
    if (signal.kind === 'alert') {
      if (signal.suppressed) continue;
      for (const policy of byKind.get('alert') ?? []) {
        if (policy.alertname && policy.alertname !== signal.alertname) continue;
        if (policy.severity && policy.severity !== signal.severity) continue;
        const vars: Record<string, string> = {
          ...Object.fromEntries(
            Object.entries(signal.labels).map(([k, v]) => [`labels.${k}`, v]),
          ),
          alertmanager: signal.alertmanager,
        };
        add(policy, signal, signal.alertname, vars, [
          { label: 'Alert', value: `${signal.alertname} (${signal.severity})` },
          { label: 'Firing since', value: signal.startsAt },
          {
            label: 'Labels',
            value: Object.entries(signal.labels)
              .map(([k, v]) => `${k}=${v}`)
              .join(', '),
            query: 'GET /api/alerts/overview',
          },
          ...(signal.annotations.summary
            ? [{ label: 'Summary', value: signal.annotations.summary }]
            : []),
        ]);
      }
    } else if (signal.kind === 'backup') {
      for (const policy of byKind.get('backup-rpo') ?? []) {
        if (!(policy.rpo ?? ['breached']).includes(signal.rpo)) continue;
        add(policy, signal, signal.policy, { 'backup.policy': signal.policy }, [
          { label: 'Backup policy', value: signal.policy },
          {
            label: 'RPO',
            value: signal.rpo,
            query: 'GET /api/backups/overview',
          },
          { label: 'Last good backup', value: signal.lastGoodAt ?? 'never' },
        ]);
      }
    } else if (signal.kind === 'workload') {
      for (const policy of byKind.get('workload-degraded') ?? []) {
        const degraded =
          signal.crashLooping > 0 ||
          signal.readyPods < signal.pods ||
          signal.availableReplicas < signal.desiredReplicas;
        if (!degraded) continue;
        const vars = {
          cluster: signal.cluster,
          pods: String(signal.pods),
          readyPods: String(signal.readyPods),
          crashLooping: String(signal.crashLooping),
          restarts: String(signal.restarts),
          desiredReplicas: String(signal.desiredReplicas),
          availableReplicas: String(signal.availableReplicas),
        };
        add(policy, signal, signal.cluster, vars, [
          {
            label: 'Pods ready',
            value: `${signal.readyPods} of ${signal.pods}`,
            query: 'POST /api/kubernetes/resources/workloads/query',
          },
          {
            label: 'Replicas available',
            value: `${signal.availableReplicas} of ${signal.desiredReplicas}`,
          },
          {
            label: 'Crash-looping containers',
            value: `${signal.crashLooping} (${signal.restarts} restarts)`,
          },
          { label: 'Cluster', value: signal.cluster },
        ]);
      }
    } else {
      const power = signal;
      const vars = {
        recentW: round(power.recentW),
        baselineMeanW: round(power.baselineMeanW),
        baselineStdW: round(power.baselineStdW),
      };
      const evidence = (extra: Finding['evidence']) => [
        {
          label: 'Last hour',
          value: `${vars.recentW} W`,
          query: `GET /api/energy/series?entityRef=${power.entityRef}`,
        },
        {
          label: 'Baseline',
          value: `${vars.baselineMeanW} W ± ${vars.baselineStdW} W over ${power.baselineSamples} samples`,
        },
        ...extra,
      ];
      for (const policy of byKind.get('energy-anomaly') ?? []) {
        if (policy.role && policy.role !== power.role) continue;
        if (
          power.recentW === null ||
          power.baselineMeanW === null ||
          power.baselineStdW === null ||
          power.baselineSamples < (policy.minSamples ?? 24) ||
          power.recentW < (policy.minWatts ?? 0)
        ) {
          continue;
        }
        const limit =
          power.baselineMeanW +
          (policy.sigma ?? 3) *
            Math.max(power.baselineStdW, power.baselineMeanW * 0.02);
        if (power.recentW > limit) {
          add(
            policy,
            power,
            'anomaly',
            vars,
            evidence([
              {
                label: 'Limit',
                value: `${round(limit)} W (mean + ${policy.sigma ?? 3}σ)`,
              },
            ]),
          );
        }
      }
      for (const policy of byKind.get('idle-power') ?? []) {
        if (policy.role && policy.role !== power.role) continue;
        if (
          power.recentW === null ||
          power.recentSpread === null ||
          power.recentW < (policy.minWatts ?? 0)
        ) {
          continue;
        }
        if (power.recentSpread <= (policy.maxSpread ?? 0.05)) {
          add(
            policy,
            power,
            'idle',
            vars,
            evidence([
              {
                label: 'Variation over the last hour',
                value: `${(power.recentSpread * 100).toFixed(1)}%`,
              },
            ]),
          );
        }
      }
    }
  }
  return [...findings.values()];
}
