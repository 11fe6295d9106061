import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
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

describe('EnergyPage', () => {
  it('shows totals, this month’s cost, nodes, systems and top consumers', async () => {
    await render();
    expect(await screen.findByTestId('energy-total-power')).toHaveTextContent(
      '97 W',
    );
    expect(screen.getByTestId('energy-total-24h')).toHaveTextContent(
      '2.30 kWh',
    );
    expect(screen.getByTestId('energy-month-cost')).toHaveTextContent('€18.40');
    expect(screen.getByTestId('energy-co2-30d')).toHaveTextContent(
      '26.22 kg CO₂',
    );
    const hardware = screen.getByRole('table', { name: 'Hardware' });
    expect(within(hardware).getByText('SFF node 1')).toBeInTheDocument();
    const switchRow = within(hardware).getByText('10GbE switch').closest('tr')!;
    expect(within(switchRow).getAllByText('no data')).toHaveLength(3);
    const top = screen.getByRole('table', { name: 'Top consumers' });
    expect(within(top).getByText('ollama/ollama-0')).toBeInTheDocument();
    expect(within(top).getByText('not in the catalog')).toBeInTheDocument();
    expect(screen.getByText(/Prometheus: partial data/)).toBeInTheDocument();
    expect(screen.queryByText('Demo data')).not.toBeInTheDocument();
  });

  it('labels the demo source', async () => {
    await render(
      fakeEnergyApi({ getOverview: async () => overview({ source: 'demo' }) }),
    );
    expect(await screen.findByText('Demo data')).toBeInTheDocument();
  });

  it('shows an empty state when nothing is measured, and errors as errors', async () => {
    await render(
      fakeEnergyApi({ getOverview: async () => overview({ nodes: [] }) }),
    );
    expect(
      await screen.findByText('Nothing measures the homelab yet'),
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
