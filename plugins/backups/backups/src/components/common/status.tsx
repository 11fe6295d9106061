import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';

/** RPO as a status with its word: OK, late, breached. */
export const RpoChip = ({ rpo }: { rpo: string }) => {
  if (rpo === 'ok') return <StatusOK>OK</StatusOK>;
  if (rpo === 'late') return <StatusWarning>late</StatusWarning>;
  if (rpo === 'breached') return <StatusError>breached</StatusError>;
  return <StatusPending>unknown</StatusPending>;
};

export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} days ago`;
}

/** The scaffolder link that asks for a backup schedule for this entity. */
export function protectLink(entityRef: string): string {
  const formData = JSON.stringify({ entity: entityRef });
  return `/create/templates/default/backup-schedule?${new URLSearchParams({
    formData,
  })}`;
}
