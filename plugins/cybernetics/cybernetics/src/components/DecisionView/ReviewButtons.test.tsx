import { fireEvent, screen, waitFor } from '@testing-library/react';
import { decisionExecutability } from '@homelab-portal/plugin-cybernetics-common';
import {
  decision,
  renderDecision as render,
} from '../../__testUtils__/decision';

// usePermission caches its answer per module: the allowed case has a file of its own.
describe('DecisionDetail for someone with the permission', () => {
  it('approves with a comment for someone with the permission', async () => {
    const approve = jest.fn(async () => ({
      ...decision,
      state: 'executing' as const,
    }));
    const onChange = await render(true, { approve });
    fireEvent.change(await screen.findByLabelText('Comment'), {
      target: { value: 'go' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(
        expect.objectContaining({ state: 'executing' }),
      ),
    );
    expect(approve).toHaveBeenCalledWith(decision.id, 'go');
    expect(
      screen.queryByTestId('decision-not-executable'),
    ).not.toBeInTheDocument();
  });

  it('offers no Approve on a change the backend cannot carry out, says why and what to do, and still offers Reject', async () => {
    const approve = jest.fn();
    await render(
      true,
      { approve },
      {
        ...decision,
        // as the backend answers without cybernetics.gitops
        executability: decisionExecutability(decision, { gitops: false }),
      },
    );
    expect(
      await screen.findByRole('button', { name: 'Reject' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    const note = screen.getByRole('note', {
      name: 'Why this decision cannot be approved',
    });
    expect(note.textContent).toContain('cybernetics.gitops');
    expect(note.textContent).toContain(
      'What you can do: Make the change by hand: apply its diff to platform/loki/values.yaml',
    );
    expect(approve).not.toHaveBeenCalled();
  });

  it('offers no Approve on a decision that proposes no action', async () => {
    await render(
      true,
      {},
      {
        ...decision,
        state: 'observed',
        action: { type: 'none', title: 'Observe' },
      },
    );
    expect(
      await screen.findByRole('button', { name: 'Reject' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('decision-not-executable').textContent).toContain(
      'It proposes no action',
    );
  });
});
