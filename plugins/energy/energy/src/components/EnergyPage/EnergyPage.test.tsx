import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EnergyWindow } from '@homelab-portal/plugin-energy-common';
import { energyApiRef } from '../../api';
import { fakeEnergyApi, overview } from '../../__testUtils__/fakeEnergyApi';
import { EnergyPage } from './EnergyPage';

async function render(api = fakeEnergyApi()) {
  await renderInTestApp(
    <TestApiProvider apis={[[energyApiRef, api]]}>
      <EnergyPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

// The page draws every chart of the overview: on a busy 2-core machine its
// first render takes several seconds (both tests timed out at 5 s in CI).
jest.setTimeout(30_000);
const SLOW = { timeout: 15_000 };

describe('EnergyPage', () => {
  it('shows every figure over one window, says the window, and adds the systems up to the total', async () => {
    const api = fakeEnergyApi();
    await render(api);
    expect(
      await screen.findByTestId('energy-total-power', {}, SLOW),
    ).toHaveTextContent('61 W');
    expect(api.getOverview).toHaveBeenCalledWith('24h');
    expect(screen.getByTestId('energy-total-energy-window')).toHaveTextContent(
      /^Last 24 hours, to /,
    );
    expect(screen.getByTestId('energy-total-energy')).toHaveTextContent(
      '1.44 kWh',
    );
    expect(screen.getByTestId('energy-total-cost-window')).toHaveTextContent(
      'Last 24 hours, at 0.32 EUR/kWh',
    );
    expect(screen.getByTestId('energy-total-cost')).toHaveTextContent('€0.46');
    expect(screen.getByTestId('energy-total-co2-window')).toHaveTextContent(
      'Last 24 hours, at 380 g CO₂/kWh',
    );
    expect(screen.getByTestId('energy-total-co2')).toHaveTextContent(
      '547 g CO₂',
    );
    expect(screen.getByText('Lab power, last 24 hours')).toBeInTheDocument();
    expect(screen.getByTestId('energy-month')).toHaveTextContent(
      /so far \(from the 1st, UTC, to .*\): 57.5 kWh, €18.40, 21.85 kg CO₂/,
    );

    const hardware = screen.getByRole('table', { name: 'Hardware' });
    expect(within(hardware).getByText('Energy, 24 h')).toBeInTheDocument();
    expect(within(hardware).getByText('SFF node 1')).toBeInTheDocument();
    const switchRow = within(hardware).getByText('10GbE switch').closest('tr')!;
    expect(within(switchRow).getAllByText('no data')).toHaveLength(3);

    const systems = screen.getByRole('table', { name: 'System' });
    const unattributed = within(systems).getByTestId('energy-unattributed');
    expect(unattributed).toHaveTextContent('Not attributed to a system');
    expect(unattributed).toHaveTextContent('idle draw');
    expect(unattributed).toHaveTextContent('250 Wh');
    expect(
      within(systems).getByTestId('energy-systems-total'),
    ).toHaveTextContent(/Total.*61 W.*1.44 kWh/);
    expect(
      within(systems).getByText(
        'SFF node 1: its energy counts under the services that run on it',
      ),
    ).toBeInTheDocument();

    const top = screen.getByRole('table', { name: 'Top consumers' });
    expect(within(top).getByText('CO₂, 24 h')).toBeInTheDocument();
    expect(within(top).getByText('ollama/ollama-0')).toBeInTheDocument();
    expect(within(top).getByText('not in the catalog')).toBeInTheDocument();
    expect(screen.getByText(/Prometheus: partial data/)).toBeInTheDocument();
    expect(screen.queryByText('Demo data')).not.toBeInTheDocument();
  });

  it('reads the window the user picks, and every title says it', async () => {
    const api = fakeEnergyApi({
      getOverview: jest.fn(async (window?: EnergyWindow) =>
        overview({ window: window ?? '24h' }),
      ),
    });
    await render(api);
    await screen.findByTestId('energy-total-power', {}, SLOW);
    await userEvent.click(screen.getByRole('button', { name: 'last 7 days' }));
    expect(
      await screen.findByText('Lab power, last 7 days', {}, SLOW),
    ).toBeInTheDocument();
    expect(screen.getByTestId('energy-total-energy-window')).toHaveTextContent(
      /^Last 7 days, to /,
    );
    expect(api.getOverview).toHaveBeenLastCalledWith('7d');
    expect(screen.getByText('Per system, last 7 days')).toBeInTheDocument();
    expect(screen.getByText('Top consumers, last 7 days')).toBeInTheDocument();
    expect(screen.queryByText(/Energy, 24 h|Last 24 hours/)).toBeNull();
  });

  it('labels the demo source', async () => {
    await render(
      fakeEnergyApi({ getOverview: async () => overview({ source: 'demo' }) }),
    );
    expect(await screen.findByText('Demo data', {}, SLOW)).toBeInTheDocument();
  });

  it('shows an empty state when nothing is measured, and errors as errors', async () => {
    await render(
      fakeEnergyApi({ getOverview: async () => overview({ nodes: [] }) }),
    );
    expect(
      await screen.findByText('Nothing measures the homelab yet', {}, SLOW),
    ).toBeInTheDocument();
  });

  it('shows a failure with its reason', async () => {
    await render(
      fakeEnergyApi({
        getOverview: async () => {
          throw new Error('Prometheus did not answer within 10 s');
        },
      }),
    );
    expect(
      (await screen.findAllByText(/did not answer within 10 s/))[0],
    ).toBeInTheDocument();
  });
});
