import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Decision } from '@homelab-portal/plugin-cybernetics-common';
import { decision, renderDecision } from '../../__testUtils__/decision';

const page: Decision = {
  ...decision,
  policy: 'node-down',
  entityRef: 'resource:default/sff-2',
  state: 'executed',
  autonomy: 'act',
  title: 'sff-2 is down',
  action: {
    type: 'page',
    title: 'Page the owner of sff-2',
    recipients: ['group:default/admins'],
    escalateTo: ['group:default/homelab'],
    escalateAfterMinutes: 15,
  },
  paging: {
    pagedAt: '2026-12-01T10:00:00.000Z',
    recipients: ['group:default/admins'],
    escalateAt: '2026-12-01T10:15:00.000Z',
    escalateTo: ['group:default/homelab'],
  },
  runbook: {
    title: 'NodeDown',
    url: '/docs/default/component/runbooks/alerts/node-down/',
  },
  advisory: undefined,
};

const investigation: Decision = {
  ...decision,
  policy: 'high-memory',
  state: 'observed',
  autonomy: 'observe',
  title: 'Memory over 85% for 5 minutes on sff-3',
  action: {
    type: 'investigation',
    title: 'Investigate memory on sff-3',
    questions: [
      'Is ollama/ollama-0 (ollama) (24.2 GiB) expected to use this much memory on sff-3?',
    ],
  },
  advisory: undefined,
};

describe('the runbook’s kinds of decision', () => {
  it('shows a page, who it escalates to, its runbook, and lets an admin acknowledge it', async () => {
    const acknowledge = jest.fn(async () => ({
      ...page,
      paging: { ...page.paging!, acknowledgedAt: '2026-12-01T10:05:00.000Z' },
    }));
    const onChange = await renderDecision(true, { acknowledge }, page);
    expect(screen.getByLabelText('Page').textContent).toContain(
      'Critical page to group:default/admins; escalates to group:default/homelab after 15 minutes unless acknowledged.',
    );
    expect(screen.getByText('Not acknowledged yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'NodeDown' })).toHaveAttribute(
      'href',
      '/docs/default/component/runbooks/alerts/node-down/',
    );
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge page' }));
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(acknowledge).toHaveBeenCalledWith(page.id, undefined);
  });

  it('shows an investigation’s questions and offers nothing to approve', async () => {
    await renderDecision(true, {}, investigation);
    expect(
      screen.getByRole('list', { name: 'Questions' }).textContent,
    ).toContain('expected to use this much memory on sff-3');
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('decision-not-executable').textContent).toMatch(
      /opens an investigation, not a change/,
    );
  });
});
