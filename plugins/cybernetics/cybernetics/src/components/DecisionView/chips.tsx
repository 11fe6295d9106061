import {
  DecisionState,
  Risk,
  SignalSource,
} from '@homelab-portal/plugin-cybernetics-common';
import { Chip } from '@material-ui/core';

const STATE_LABELS: Record<DecisionState, string> = {
  observed: 'Observed',
  proposed: 'Proposed',
  approved: 'Approved',
  executing: 'Carrying out',
  executed: 'Carried out',
  verified: 'Verified',
  ineffective: 'Ineffective',
  rejected: 'Rejected',
  resolved: 'Resolved by itself',
  failed: 'Failed',
};

export const stateLabel = (state: DecisionState) => STATE_LABELS[state];

export const StateChip = ({ state }: { state: DecisionState }) => {
  let color: 'primary' | 'secondary' | 'default' = 'default';
  if (state === 'verified') color = 'primary';
  if (state === 'failed' || state === 'ineffective') color = 'secondary';
  return (
    <Chip
      size="small"
      label={STATE_LABELS[state]}
      color={color}
      data-testid={`decision-state-${state}`}
    />
  );
};

export const RiskChip = ({ risk }: { risk: Risk }) => (
  <Chip
    size="small"
    variant="outlined"
    label={`${risk} risk`}
    color={risk === 'high' ? 'secondary' : 'default'}
  />
);

/** Says plainly when a decision rests on another plugin's demo data. */
export const DemoChip = ({ source }: { source: SignalSource }) =>
  source === 'demo' ? (
    <Chip
      size="small"
      label="Demo data"
      data-testid="cybernetics-demo-chip"
      variant="outlined"
    />
  ) : null;
