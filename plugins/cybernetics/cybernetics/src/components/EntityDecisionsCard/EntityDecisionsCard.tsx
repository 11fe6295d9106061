import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Decision } from '@homelab-portal/plugin-cybernetics-common';
import { Box, Divider, Typography } from '@material-ui/core';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { cyberneticsApiRef } from '../../api';
import { cyberneticsRouteRef } from '../../routes';
import {
  DemoChip,
  ReviewButtons,
  RiskChip,
  StateChip,
  executabilityOf,
} from '../DecisionView';

/** The entity's open decisions, with approve and reject for those allowed. */
export const EntityDecisionsCard = () => {
  const { entity } = useEntity();
  const api = useApi(cyberneticsApiRef);
  const base = useRouteRef(cyberneticsRouteRef)();
  const ref = stringifyEntityRef(entity);
  const [changed, setChanged] = useState<Record<string, Decision>>({});
  const { value, loading, error } = useAsync(
    () =>
      api.listDecisions({
        entityRef: ref,
        states: ['proposed', 'observed', 'approved', 'executing', 'executed'],
      }),
    [api, ref],
  );
  return (
    <InfoCard title="Decisions">
      {error && <ResponseErrorPanel error={error} />}
      {loading && <Progress />}
      {value && value.length === 0 && (
        <Typography variant="body2">No open decisions.</Typography>
      )}
      {value?.map(original => {
        const d = changed[original.id] ?? original;
        const executability = executabilityOf(d);
        return (
          <Box key={d.id} my={1}>
            <Box display="flex" alignItems="center" style={{ gap: 8 }}>
              <Link to={`${base}/decisions/${d.id}`}>{d.title}</Link>
              <StateChip state={d.state} />
              <RiskChip risk={d.risk} />
              <DemoChip source={d.source} />
            </Box>
            <Typography variant="body2">Proposed: {d.action.title}</Typography>
            {!executability.executable && d.state === 'proposed' && (
              <Typography variant="caption" color="textSecondary" component="p">
                Not offered for approval: {executability.reason} See the
                decision for what you can do.
              </Typography>
            )}
            <ReviewButtons
              decision={d}
              onChange={next => setChanged(c => ({ ...c, [next.id]: next }))}
            />
            <Divider />
          </Box>
        );
      })}
    </InfoCard>
  );
};
