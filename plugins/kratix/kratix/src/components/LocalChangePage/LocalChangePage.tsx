import {
  CodeSnippet,
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { Box, Typography } from '@material-ui/core';
import { useLocation, useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';

interface LocalCommit {
  sha: string;
  message: string;
  author: string;
  at: string;
  files: string[];
  repository: string;
}

/**
 * The local start's stand-in for a pull request: a commit on a branch of the
 * local Git repository (homelab.localForge), read-only, with the file the
 * template rendered and how to approve it (merge the branch).
 */
export const LocalChangePage = () => {
  const { sha = '' } = useParams();
  const query = new URLSearchParams(useLocation().search);
  const branch = query.get('branch') ?? '';
  const file = query.get('path') ?? '';
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const { value, loading, error } = useAsync(async () => {
    const base = await discoveryApi.getBaseUrl('kratix');
    const get = async (path: string) => {
      const response = await fetchApi.fetch(`${base}${path}`);
      if (!response.ok) throw await ResponseError.fromResponse(response);
      return response.json();
    };
    const commit: LocalCommit = await get(
      `/local-git/commits/${encodeURIComponent(sha)}`,
    );
    const shown = file || commit.files[0];
    const content: string | undefined = shown
      ? (
          await get(
            `/local-git/commits/${encodeURIComponent(
              sha,
            )}/file?${new URLSearchParams({ path: shown })}`,
          )
        ).content
      : undefined;
    return { commit, shown, content };
  }, [discoveryApi, fetchApi, sha, file]);

  return (
    <Page themeId="tool">
      <Header
        title="Local change"
        subtitle="A request in the local Git repository: there is no forge here"
      />
      <Content>
        {loading && <Progress />}
        {error && (
          <WarningPanel
            severity="error"
            title="This change cannot be shown"
            message={
              error instanceof ResponseError
                ? error.body.error.message
                : error.message
            }
          />
        )}
        {value && (
          <>
            <InfoCard
              title={value.commit.message.split('\n')[0]}
              subheader={`Commit ${value.commit.sha.slice(0, 12)}${
                branch ? ` on branch ${branch}` : ''
              } · ${value.commit.author} · ${new Date(
                value.commit.at,
              ).toLocaleString()}`}
            >
              <Typography variant="body2" paragraph>
                Review it, then approve it by merging the branch into main; the
                request then moves on under{' '}
                <Link to="/kratix/requests">Requests</Link>.
              </Typography>
              {branch && (
                <CodeSnippet
                  language="shell"
                  text={[
                    `cd ${value.commit.repository}`,
                    `git log -p main..${branch}`,
                    `git merge ${branch}`,
                  ].join('\n')}
                />
              )}
              <Box mt={2}>
                <Typography variant="subtitle2">
                  Files in this commit
                </Typography>
                <ul aria-label="Files in this commit">
                  {value.commit.files.map(name => (
                    <li key={name}>
                      {name === value.shown ? (
                        <strong>{name}</strong>
                      ) : (
                        <Link
                          to={`?${new URLSearchParams({
                            branch,
                            path: name,
                          })}`}
                        >
                          {name}
                        </Link>
                      )}
                    </li>
                  ))}
                </ul>
              </Box>
            </InfoCard>
            {value.shown && value.content !== undefined && (
              <Box mt={3}>
                <InfoCard title={value.shown}>
                  <CodeSnippet
                    language="yaml"
                    text={value.content}
                    showLineNumbers
                  />
                </InfoCard>
              </Box>
            )}
          </>
        )}
      </Content>
    </Page>
  );
};
