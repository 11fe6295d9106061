import {
  Content,
  Header,
  HeaderTabs,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  Decision,
  DecisionState,
} from '@homelab-portal/plugin-cybernetics-common';
import { useState } from 'react';
import { Route, Routes, useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { cyberneticsApiRef } from '../../api';
import { cyberneticsRouteRef } from '../../routes';
import { DecisionDetail } from '../DecisionView';
import { LoopView } from '../LoopPage';
import { DecisionsTable } from './DecisionsTable';

const FILTERS: Array<{ label: string; states?: DecisionState[] }> = [
  { label: 'Open', states: ['proposed', 'observed'] },
  { label: 'Approved', states: ['approved', 'executing'] },
  { label: 'Executed', states: ['executed'] },
  { label: 'Verified', states: ['verified', 'ineffective'] },
  { label: 'Closed', states: ['rejected', 'resolved', 'failed'] },
  { label: 'All' },
];

const DecisionList = () => {
  const api = useApi(cyberneticsApiRef);
  const base = useRouteRef(cyberneticsRouteRef)();
  const [tab, setTab] = useState(0);
  const { value, loading, error } = useAsync(
    () => api.listDecisions({ states: FILTERS[tab].states }),
    [api, tab],
  );
  return (
    <>
      <HeaderTabs
        selectedIndex={tab}
        onChange={setTab}
        tabs={FILTERS.map((f, i) => ({ id: String(i), label: f.label }))}
      />
      <Content>
        <InfoCard
          title={`${FILTERS[tab].label} decisions`}
          subheader={
            <>
              Findings the loop made, with evidence and a proposed action.{' '}
              <Link to={`${base}/loop`}>See the loop</Link>
            </>
          }
        >
          {error && <ResponseErrorPanel error={error} />}
          {loading && <Progress />}
          {value && <DecisionsTable decisions={value} label="Decisions" />}
        </InfoCard>
      </Content>
    </>
  );
};

const DecisionPage = () => {
  const { id } = useParams();
  const api = useApi(cyberneticsApiRef);
  const [updated, setUpdated] = useState<Decision>();
  const { value, loading, error } = useAsyncRetry(
    () => api.getDecision(id!),
    [api, id],
  );
  if (error) return <ResponseErrorPanel error={error} />;
  if (loading || !value) return <Progress />;
  const decision = updated?.id === value.id ? updated : value;
  return (
    <Content>
      <DecisionDetail decision={decision} onChange={setUpdated} />
    </Content>
  );
};

/** The decisions page: lists by state, each decision's timeline, and the loop. */
export const DecisionsPage = () => (
  <Page themeId="tool">
    <Header
      title="Cybernetic decisions"
      subtitle="The homelab senses, analyses and proposes; a person approves; a pull request acts; the loop verifies"
    />
    <Routes>
      <Route path="/" element={<DecisionList />} />
      <Route path="/decisions/:id" element={<DecisionPage />} />
      <Route
        path="/loop"
        element={
          <Content>
            <LoopView />
          </Content>
        }
      />
    </Routes>
  </Page>
);
