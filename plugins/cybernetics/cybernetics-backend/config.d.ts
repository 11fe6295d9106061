import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Cybernetic decisions: sense, analyse, decide, act (on approval), verify. */
  cybernetics?: {
    /** How often the loop runs, once across all replicas (default every 5 minutes). */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /** Seconds to wait for another plugin's API (default 20). */
    timeoutSeconds?: number;
    /** The policies; replaces the shipped ones (the seed's thresholds, backup RPO, energy anomaly, idle power). */
    policies?: Array<{
      id: string;
      kind:
        | 'alert'
        | 'backup-rpo'
        | 'energy-anomaly'
        | 'idle-power'
        | 'workload-degraded';
      autonomy: 'observe' | 'propose' | 'act';
      risk: 'low' | 'medium' | 'high';
      alertname?: string;
      severity?: string;
      rpo?: string[];
      sigma?: number;
      minWatts?: number;
      minSamples?: number;
      maxSpread?: number;
      role?: 'node' | 'service';
      title: string;
      diagnosis: string;
      rationale: string;
      action: {
        type:
          | 'gitops-change'
          | 'kratix-request'
          | 'chaos-experiment'
          | 'silence'
          | 'page'
          | 'investigation'
          | 'cleanup'
          | 'cert-renewal'
          | 'velero-schedule'
          | 'none';
        title: string;
        file?: string;
        // any: values set at paths of a manifest: any JSON value
        set?: { [path: string]: any };
        promiseEntityRef?: string;
        name?: string;
        namespace?: string;
        // any: a Kubernetes spec: any JSON object
        spec?: { [key: string]: any };
        /** chaos-experiment: namespaces to select pods in (default: every namespace a catalog service runs in). */
        namespaces?: string[];
        /** chaos-experiment: pod labels to select by. */
        labels?: { [key: string]: string };
        /** chaos-experiment: select pods on these nodes. */
        nodes?: string[];
        chaosAction?: 'pod-kill' | 'pod-failure' | 'container-kill';
        duration?: string;
        durationMinutes?: number;
        /** page: who is paged next (default cybernetics.paging.escalateTo). */
        escalateTo?: string[];
        /** investigation: the resource whose top consumers are evidence. */
        resource?: 'cpu' | 'memory';
        /** cleanup: known cleanups by catalog service name. */
        cleanups?: {
          [service: string]: {
            title: string;
            file: string;
            // any: values set at paths of a manifest: any JSON value
            set: { [path: string]: any };
          };
        };
        /** velero-schedule: the cron schedule to run. */
        schedule?: string;
        /** velero-schedule: a new Schedule's BackupStorageLocation (default nas). */
        storageLocation?: string;
        /** velero-schedule: a new Schedule's backup retention (default 72h0m0s). */
        ttl?: string;
      };
      /** The runbook the policy follows (a TechDocs page). */
      runbook?: { title: string; url: string };
    }>;
    /**
     * Pages (NodeDown): the owner of the entity is paged at once with a
     * critical notification; if nobody acknowledges it in the portal in time,
     * the next group is paged.
     */
    paging?: {
      /** Minutes before an unacknowledged page escalates (default 15). */
      escalateAfterMinutes?: number;
      /**
       * Who is paged next (entity refs, e.g. group:default/admins). Default:
       * the owner group's parent group, or a user owner's groups.
       */
      escalateTo?: string[];
    };
    /**
     * Prometheus, for evidence: the top consumers of a node's disk (by
     * device), CPU and memory (cAdvisor's container metrics, the kubelet's
     * volume stats). Without it, DiskFull proposes no cleanup and the
     * investigations have no consumers.
     */
    prometheus?: {
      /** e.g. http://prometheus.monitoring:9090 */
      baseUrl: string;
    };
    /** ArgoCD, for evidence: the recent deployments of the top consumers' applications. */
    argocd?: {
      /** e.g. https://argocd.lab.local */
      baseUrl: string;
      /**
       * An ArgoCD API token (a read-only account).
       * @visibility secret
       */
      token?: string;
    };
    /** Action types a policy with autonomy `act` may carry out unasked, when its risk is low (default: silence). */
    autoActAllow?: Array<
      'gitops-change' | 'kratix-request' | 'chaos-experiment' | 'silence'
    >;
    /** Where approved changes go, as pull requests. Without it, only silences can be carried out. */
    gitops?: {
      /** The scaffolder's form, e.g. git.lab.local?owner=homelab&repo=gitops */
      repoUrl: string;
      /** Where the loop reads the current files, e.g. https://git.lab.local/homelab/gitops/src/branch/main */
      browseUrl: string;
      forge?: 'gitea' | 'github' | 'gitlab';
      /** Default template:default/cybernetics-change. */
      templateRef?: string;
    };
    verify?: {
      /** After a merge, seconds to give ArgoCD before reading the signal again (default 300). */
      delaySeconds?: number;
      /** After a merge, seconds after which a finding still present makes the decision ineffective (default 3600). */
      timeoutSeconds?: number;
    };
    /** Optional, local-first advice: shown as text, never acted on. */
    advisor?: {
      type: 'ollama' | 'langflow';
      baseUrl: string;
      /** Ollama: the model. */
      model?: string;
      /** LangFlow: the flow id. */
      flowId?: string;
      /** @visibility secret */
      apiKey?: string;
      timeoutSeconds?: number;
    };
  };
}
