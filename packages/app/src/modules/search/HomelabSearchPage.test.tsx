import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { NoResults } from './HomelabSearchPage';

describe('NoResults', () => {
  it('says where docs come from and how to add them, with the Documentation filter', async () => {
    await renderInTestApp(<NoResults types={['techdocs']} />);
    expect(screen.getByText('No documentation matches')).toBeInTheDocument();
    expect(
      screen.getByText(/backstage\.io\/techdocs-ref: dir:\./),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Docs page' })).toHaveAttribute(
      'href',
      '/docs',
    );
  });

  it('suggests other words for any other search', async () => {
    await renderInTestApp(<NoResults types={[]} />);
    expect(
      screen.getByText('Sorry, no results were found'),
    ).toBeInTheDocument();
    expect(screen.queryByText('No documentation matches')).toBeNull();
  });
});
