import { screen } from '@testing-library/react';
import {
  HOSTILE,
  renderDecision as render,
} from '../../__testUtils__/decision';

describe('DecisionDetail', () => {
  it('shows evidence, diff, rationale and audit, and the advice as inert text', async () => {
    await render(false);
    expect(screen.getByText('DiskFull (critical)')).toBeInTheDocument();
    expect(screen.getByLabelText('Diff').textContent).toContain(
      '+    retention_period: 72h',
    );
    expect(
      screen.getByText('Frees the most space with the least risk'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('decision-advice').textContent).toBe(HOSTILE);
    expect(document.querySelector('script')).toBeNull();
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect((window as any).pwned).toBeUndefined();
    expect(screen.getByText('Policy disk-full')).toBeInTheDocument();
  });

  it('offers no approve or reject without the permission', async () => {
    await render(false);
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Reject' }),
    ).not.toBeInTheDocument();
  });
});
