import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { energyApiRef } from '../../api';
import { fakeEnergyApi, summary } from '../../__testUtils__/fakeEnergyApi';
import { EnergyCard } from './EnergyCard';

const jellyfin: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'jellyfin',
    annotations: { 'backstage.io/kubernetes-namespace': 'jellyfin' },
  },
  spec: { type: 'service' },
};

async function render(api = fakeEnergyApi(), entity = jellyfin) {
  await renderInTestApp(
    <TestApiProvider apis={[[energyApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EnergyCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

describe('EnergyCard', () => {
  it('shows power now, and energy, cost and CO2 per window', async () => {
    const api = await render();
    expect(await screen.findByTestId('energy-power-now')).toHaveTextContent(
      '12 W',
    );
    expect(screen.getByText('250 Wh')).toBeInTheDocument();
    expect(screen.getByText('7.50 kWh')).toBeInTheDocument();
    expect(screen.getByText('€2.40')).toBeInTheDocument();
    expect(screen.getByText('2.85 kg CO₂')).toBeInTheDocument();
    expect(screen.queryByText('Demo data')).not.toBeInTheDocument();
    expect(api.getSummary).toHaveBeenCalledWith('component:default/jellyfin');
    expect(api.getSeries).toHaveBeenCalledWith(
      'component:default/jellyfin',
      '24h',
    );
  });

  it('labels demo data as demo', async () => {
    await render(
      fakeEnergyApi({ getSummary: async () => summary({ source: 'demo' }) }),
    );
    expect(await screen.findByText('Demo data')).toBeInTheDocument();
  });

  it('shows missing data as "no data", never as 0', async () => {
    await render(
      fakeEnergyApi({
        getSummary: async () =>
          summary({
            powerW: null,
            windows: {
              '24h': { energyKWh: null, cost: null, co2Kg: null },
              '7d': { energyKWh: null, cost: null, co2Kg: null },
              '30d': { energyKWh: null, cost: null, co2Kg: null },
            },
            warnings: ['Nothing measures component:default/jellyfin'],
          }),
      }),
    );
    expect(await screen.findByTestId('energy-power-now')).toHaveTextContent(
      'no data',
    );
    expect(screen.getAllByText('no data')).toHaveLength(1 + 9);
    expect(
      screen.queryByText(/^0(\.0+)? ?(W|Wh|kWh)$/),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(/Nothing measures component:default\/jellyfin/),
    ).toBeInTheDocument();
  });

  it('shows an upstream failure as an error panel with the reason', async () => {
    const failing = async () => {
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'ServiceUnavailableError',
              message: 'Prometheus cannot be reached (ECONNREFUSED)',
            },
            response: { statusCode: 503 },
          }),
          {
            status: 503,
            statusText: 'Service Unavailable',
            headers: { 'content-type': 'application/json' },
          },
        ),
      );
    };
    await render(fakeEnergyApi({ getSummary: failing }));
    expect(
      (
        await screen.findAllByText(
          /Prometheus cannot be reached \(ECONNREFUSED\)/,
        )
      )[0],
    ).toBeInTheDocument();
  });

  it('says what to annotate when nothing can measure the entity', async () => {
    const api = await render(fakeEnergyApi(), {
      ...jellyfin,
      metadata: { name: 'docs' },
    });
    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(api.getSummary).not.toHaveBeenCalled();
  });
});
