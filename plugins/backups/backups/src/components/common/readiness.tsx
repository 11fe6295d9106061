import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { ReadinessStatus } from '@homelab-portal/plugin-backups-common';

const WORDS: Record<ReadinessStatus, string> = {
  ready: 'Ready',
  'at-risk': 'At risk',
  'not-ready': 'Not ready',
  unknown: 'Unknown',
};

/** A procedure's readiness as a status with its word. */
export const ReadinessChip = ({ status }: { status: ReadinessStatus }) => {
  const word = WORDS[status] ?? status;
  if (status === 'ready') return <StatusOK>{word}</StatusOK>;
  if (status === 'at-risk') return <StatusWarning>{word}</StatusWarning>;
  if (status === 'not-ready') return <StatusError>{word}</StatusError>;
  return <StatusPending>{word}</StatusPending>;
};

/** "4 min 12 s": a measured recovery time. */
export function recoveryTime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return 'not measured';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** "3 h", "2 days": an age. */
export function age(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return 'none';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

/** The template that starts a restore drill, filled in with the entity if given. */
export function drillLink(entityRef?: string): string {
  const base = '/create/templates/default/restore-drill';
  return entityRef
    ? `${base}?${new URLSearchParams({
        formData: JSON.stringify({ entity: entityRef }),
      })}`
    : base;
}
