import {
  AlertmanagerClient,
  AlertmanagerError,
  PostableSilence,
} from '../AlertmanagerClient';
import { AlertSource } from './AlertSource';

/**
 * Several Alertmanagers: one that fails is a warning while the others
 * answer; only when all fail is it an error.
 */
export class AlertmanagerSource implements AlertSource {
  readonly kind = 'alertmanager' as const;

  constructor(private readonly clients: AlertmanagerClient[]) {}

  names() {
    return this.clients.map(c => c.name);
  }

  async alerts() {
    const { items, warnings, unreachable } = await this.gather(c =>
      c.getAlerts(),
    );
    return { alerts: items, warnings, unreachable };
  }

  async silences() {
    const { items, warnings } = await this.gather(c => c.getSilences());
    return { silences: items, warnings };
  }

  createSilence(alertmanager: string, silence: PostableSilence) {
    return this.client(alertmanager).postSilence(silence);
  }

  expireSilence(alertmanager: string, id: string) {
    return this.client(alertmanager).deleteSilence(id);
  }

  private client(name: string): AlertmanagerClient {
    const client = this.clients.find(c => c.name === name);
    if (!client) {
      throw new AlertmanagerError(
        `No Alertmanager named "${name}" is configured`,
        { status: 404 },
      );
    }
    return client;
  }

  private async gather<T>(read: (client: AlertmanagerClient) => Promise<T[]>) {
    const results = await Promise.allSettled(this.clients.map(read));
    const items: Array<T & { alertmanager: string }> = [];
    const warnings: string[] = [];
    const unreachable: string[] = [];
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') {
        items.push(
          ...result.value.map(item => ({
            ...item,
            alertmanager: this.clients[i].name,
          })),
        );
      } else {
        unreachable.push(this.clients[i].name);
        warnings.push(
          String((result.reason as Error)?.message ?? result.reason),
        );
      }
    });
    if (warnings.length === this.clients.length && this.clients.length > 0) {
      throw new AlertmanagerError(warnings.join('; '));
    }
    return { items, warnings, unreachable };
  }
}
