import { Config } from '@backstage/config';

export type AlertsConfig = {
  alertmanagers: Array<{
    name: string;
    baseUrl: string;
    token?: string;
    timeoutMs: number;
  }>;
  webhookToken?: string;
  ackMinutes: number;
  pollSeconds: number;
  retentionDays: number;
};

/** Reads `alerts.*`; see config.d.ts. */
export function readAlertsConfig(root: Config): AlertsConfig {
  const config = root.getOptionalConfig('alerts');
  const names = new Set<string>();
  const alertmanagers = (
    config?.getOptionalConfigArray('alertmanagers') ?? []
  ).map(am => {
    const name = am.getString('name');
    if (!/^[A-Za-z0-9._-]{1,100}$/.test(name) || names.has(name)) {
      throw new Error(
        `alerts.alertmanagers: name "${name}" must be unique and use only letters, digits, . _ -`,
      );
    }
    names.add(name);
    return {
      name,
      baseUrl: am.getString('baseUrl'),
      token: am.getOptionalString('token'),
      timeoutMs: (am.getOptionalNumber('timeoutSeconds') ?? 10) * 1000,
    };
  });
  return {
    alertmanagers,
    webhookToken: config?.getOptionalString('webhook.token'),
    ackMinutes: config?.getOptionalNumber('acknowledgeMinutes') ?? 15,
    pollSeconds: config?.getOptionalNumber('pollSeconds') ?? 60,
    retentionDays: config?.getOptionalNumber('history.retentionDays') ?? 90,
  };
}
