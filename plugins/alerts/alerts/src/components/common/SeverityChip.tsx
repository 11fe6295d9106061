import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';

/** Severity as a status, in words (not only colour). */
export const Severity = ({ severity }: { severity: string }) => {
  if (severity === 'critical') return <StatusError>critical</StatusError>;
  if (severity === 'warning') return <StatusWarning>warning</StatusWarning>;
  return <StatusOK>{severity}</StatusOK>;
};
