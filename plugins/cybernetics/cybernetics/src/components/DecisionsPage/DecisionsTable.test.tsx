import { render } from '@testing-library/react';
import { BreakablePath, ago } from './DecisionsTable';

describe('BreakablePath', () => {
  it('keeps the text and lets it wrap after each slash only', () => {
    const text =
      'Renew it by hand: its Certificate is not in platform/certificates/keycloak/keycloak-tls.yaml';
    const { container } = render(<BreakablePath text={text} />);
    expect(container.textContent).toBe(text);
    const breaks = container.querySelectorAll('wbr');
    expect(breaks).toHaveLength(3);
    breaks.forEach(wbr => expect(wbr.previousSibling?.textContent).toBe('/'));
  });

  it('leaves text without a slash as it is', () => {
    const { container } = render(<BreakablePath text="Investigate CPU" />);
    expect(container.textContent).toBe('Investigate CPU');
    expect(container.querySelectorAll('wbr')).toHaveLength(0);
  });
});

describe('ago', () => {
  it('says how long ago, with its unit', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(ago('2026-12-01T11:59:30Z', now)).toBe('just now');
    expect(ago('2026-12-01T11:55:00Z', now)).toBe('5 min ago');
    expect(ago('2026-12-01T09:00:00Z', now)).toBe('3 h ago');
    expect(ago('2026-11-28T12:00:00Z', now)).toBe('3 days ago');
  });
});
