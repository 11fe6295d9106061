import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { BackupsOverview } from '@homelab-portal/plugin-backups-common';
import { BackupsApi, backupsApiRef } from '../../api';
import { BackupsPage, calendarDates } from './BackupsPage';

describe('calendarDates', () => {
  it('is the 91 UTC days up to today, oldest first', () => {
    const dates = calendarDates(new Date('2026-12-01T23:30:00Z'));
    expect(dates).toHaveLength(91);
    expect(dates[0]).toBe('2026-09-02');
    expect(dates[90]).toBe('2026-12-01');
  });
});

describe('BackupsPage', () => {
  it('shows the run calendar with its time window and a legend of its colours', async () => {
    const today = calendarDates().at(-1)!;
    const overview: BackupsOverview = {
      source: 'demo',
      policies: [],
      unprotected: [],
      days: [
        { date: today, succeeded: 4, failed: 0 },
        { date: calendarDates()[0], succeeded: 1, failed: 1 },
      ],
      warnings: [],
    };
    const api: Partial<BackupsApi> = { getOverview: async () => overview };
    await renderInTestApp(
      <TestApiProvider apis={[[backupsApiRef, api]]}>
        <BackupsPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      await screen.findByText(
        `Backup runs per day, ${
          calendarDates()[0]
        } to ${today} (UTC): a square a day, a column a week, oldest on the left`,
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(`${today}: 4 good, 0 failed`)).toBeVisible();
    const legend = within(screen.getByRole('list', { name: 'Legend' }));
    expect(legend.getAllByRole('listitem').map(i => i.textContent)).toEqual([
      'No run that day',
      'Good runs, none failed: 1 (light) to 4 (dark) a day',
      'At least one run failed',
    ]);
  });
});
