import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  DECISION_STATES,
  LoopStatus,
} from '@homelab-portal/plugin-cybernetics-common';
import { cyberneticsApiRef } from '../../api';
import { LoopView } from './LoopView';

const status: LoopStatus = {
  lastCycle: {
    at: '2026-12-01T20:00:00Z',
    durationMs: 3417,
    signals: 58,
    findings: 17,
  },
  sense: { alerts: 4, backups: 12 },
  analyse: { policies: 9, findings: 17 },
  decide: {
    ...(Object.fromEntries(DECISION_STATES.map(s => [s, 0])) as any),
    proposed: 11,
    observed: 6,
  },
  source: 'demo',
  warnings: [],
};

describe('LoopView', () => {
  it('on a narrow window, lists the five stages in order, with their counts and the way back', async () => {
    // jsdom answers no media query: the narrow layout
    await renderInTestApp(
      <TestApiProvider
        apis={[[cyberneticsApiRef, { loopStatus: async () => status } as any]]}
      >
        <LoopView />
      </TestApiProvider>,
    );
    const list = await screen.findByRole('list', {
      name: "The loop's stages",
    });
    const stages = within(list).getAllByRole('listitem');
    expect(stages.map(s => s.querySelector('h6')?.textContent)).toEqual([
      'Sense',
      'Analyse',
      'Decide',
      'Act',
      'Verify',
    ]);
    expect(stages[0].textContent).toContain('backups: 12 signals');
    expect(stages[2].textContent).toContain('11 proposed');
    expect(list.textContent).toContain('↩ Sense');
    expect(screen.getByText(/3417 ms/)).toBeInTheDocument();
    expect(screen.getByText('Demo data')).toBeInTheDocument();
  });
});
