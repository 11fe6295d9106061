import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { FormControlLabel, Switch } from '@material-ui/core';
import { useState } from 'react';
import { Route, Routes, useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { kratixApiRef } from '../../api';
import { RequestTimeline, RequestsTable } from '../RequestTimeline';

const RequestList = () => {
  const api = useApi(kratixApiRef);
  const [mine, setMine] = useState(false);
  const [open, setOpen] = useState(false);
  const { value, loading, error } = useAsync(
    () => api.listRequests({ requester: mine ? 'me' : undefined, open }),
    [api, mine, open],
  );
  return (
    <InfoCard
      title="Requests"
      subheader="Every request made through a Kratix template, from pull request to Ready"
    >
      <FormControlLabel
        control={
          <Switch
            id="kratix-mine"
            checked={mine}
            onChange={(_e, checked) => setMine(checked)}
          />
        }
        label="Only mine"
      />
      <FormControlLabel
        control={
          <Switch
            id="kratix-open"
            checked={open}
            onChange={(_e, checked) => setOpen(checked)}
          />
        }
        label="Only open"
      />
      {error && <ResponseErrorPanel error={error} />}
      {loading && <Progress />}
      {value && <RequestsTable requests={value} label="Kratix requests" />}
    </InfoCard>
  );
};

const RequestDetail = () => {
  const { id } = useParams();
  const api = useApi(kratixApiRef);
  const { value, loading, error } = useAsync(
    () => api.getRequest(id!),
    [api, id],
  );
  if (error) return <ResponseErrorPanel error={error} />;
  if (loading || !value) return <Progress />;
  return <RequestTimeline request={value} />;
};

/** The Kratix requests page: the list, and each request's timeline. */
export const RequestsPage = () => (
  <Page themeId="tool">
    <Header
      title="Kratix requests"
      subtitle="Where is my database? From pull request to merged, synced and Ready"
    />
    <Content>
      <Routes>
        <Route path="/" element={<RequestList />} />
        <Route path="/:id" element={<RequestDetail />} />
      </Routes>
    </Content>
  </Page>
);
