import {
  GettableAlert,
  GettableSilence,
  PostableSilence,
} from '../AlertmanagerClient';

export type SourcedAlert = GettableAlert & { alertmanager: string };
export type SourcedSilence = GettableSilence & { alertmanager: string };

/**
 * Where alerts and silences live: one or more Alertmanagers, or the demo.
 * Everything above (mapping to entities, history, permissions, routes, UI)
 * is shared by both.
 */
export interface AlertSource {
  readonly kind: 'alertmanager' | 'demo';
  names(): string[];
  /** `unreachable` names the Alertmanagers that did not answer. */
  alerts(): Promise<{
    alerts: SourcedAlert[];
    warnings: string[];
    unreachable: string[];
  }>;
  silences(): Promise<{ silences: SourcedSilence[]; warnings: string[] }>;
  createSilence(
    alertmanager: string,
    silence: PostableSilence,
  ): Promise<string>;
  expireSilence(alertmanager: string, id: string): Promise<void>;
}
