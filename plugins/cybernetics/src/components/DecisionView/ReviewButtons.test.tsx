import { fireEvent, screen, waitFor } from '@testing-library/react';
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
  });
});
