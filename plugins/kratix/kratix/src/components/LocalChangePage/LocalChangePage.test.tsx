import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { LocalChangePage } from './LocalChangePage';

// The first render loads the app harness; on a loaded machine that outlasts 5 s.
jest.setTimeout(30_000);

const sha = 'c0ffee0000000000000000000000000000000001';
const file = 'platform/requests/media/redis-cache.yaml';

/** The kratix backend's local-git routes, as they answer (router.ts). */
function fakeBackend(
  answers: Record<string, { status: number; body: unknown }>,
) {
  const asked: string[] = [];
  return {
    asked,
    api: {
      fetch: async (input: RequestInfo | URL) => {
        const path = String(input).replace('http://backend/api/kratix', '');
        asked.push(path);
        const answer = answers[path] ?? {
          status: 404,
          body: { error: { name: 'NotFoundError', message: 'no such route' } },
        };
        return new Response(JSON.stringify(answer.body), {
          status: answer.status,
          headers: { 'content-type': 'application/json' },
        });
      },
    },
  };
}

async function render(backend: ReturnType<typeof fakeBackend>, query: string) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [fetchApiRef, backend.api],
        [
          discoveryApiRef,
          { getBaseUrl: async () => 'http://backend/api/kratix' },
        ],
      ]}
    >
      <Routes>
        <Route path="/kratix/local-git/:sha" element={<LocalChangePage />} />
      </Routes>
    </TestApiProvider>,
    { routeEntries: [`/kratix/local-git/${sha}${query}`] },
  );
}

describe('LocalChangePage', () => {
  it('shows the commit, its file and how to review and merge the branch', async () => {
    const backend = fakeBackend({
      [`/local-git/commits/${sha}`]: {
        status: 200,
        body: {
          sha,
          message: 'Request redis cache\n\nfor the media system',
          author: 'Homelab Portal <portal@localhost>',
          at: '2026-12-01T10:00:00.000Z',
          files: [file, 'platform/requests/media/notes.md'],
          repository: '/home/me/portal/.local-state/gitops',
        },
      },
      [`/local-git/commits/${sha}/file?path=${encodeURIComponent(file)}`]: {
        status: 200,
        body: {
          sha,
          path: file,
          content: 'kind: Redis\nspec:\n  mode: cache\n',
        },
      },
    });
    await render(
      backend,
      `?branch=request%2Fredis-cache&path=${encodeURIComponent(file)}`,
    );
    expect(await screen.findByText('Request redis cache')).toBeInTheDocument();
    expect(
      screen.getByText(/Commit c0ffee000000 on branch request\/redis-cache/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/git merge request\/redis-cache/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/cd \/home\/me\/portal\/.local-state\/gitops/),
    ).toBeInTheDocument();
    // the file shown, the other one of the commit a link to it
    expect(screen.getAllByText(file).length).toBeGreaterThan(0);
    expect(
      screen.getByRole('link', { name: 'platform/requests/media/notes.md' }),
    ).toBeInTheDocument();
    // the file's content (highlighted, so split into tokens)
    expect(document.body.textContent).toMatch(/kind:\s*Redis/);
    expect(document.body.textContent).toMatch(/mode:\s*cache/);
  });

  it("shows the backend's refusal as an error panel, not a crash", async () => {
    const backend = fakeBackend({
      [`/local-git/commits/${sha}`]: {
        status: 404,
        body: {
          error: {
            name: 'NotFoundError',
            message:
              'There is no local Git repository here (homelab.localForge is not configured)',
          },
          response: { statusCode: 404 },
        },
      },
    });
    await render(backend, '?branch=request%2Fredis-cache&path=a.yaml');
    expect(
      await screen.findByText(/This change cannot be shown/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'There is no local Git repository here (homelab.localForge is not configured)',
      ),
    ).toBeInTheDocument();
    expect(backend.asked).toEqual([`/local-git/commits/${sha}`]);
  });
});
