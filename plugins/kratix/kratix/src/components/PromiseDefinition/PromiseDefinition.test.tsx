import fs from 'node:fs';
import path from 'node:path';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { PromiseDefinition } from './PromiseDefinition';

const postgresql = fs.readFileSync(
  path.resolve(__dirname, '../../../../../../promises/postgresql/promise.yaml'),
  'utf8',
);

describe('PromiseDefinition', () => {
  it('shows what the Promise offers, its fields with types and defaults, its pipeline and its YAML', async () => {
    await renderInTestApp(<PromiseDefinition definition={postgresql} />);
    expect(
      screen.getByText('PostgreSQL', { selector: 'strong' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/destinations labelled environment=homelab/),
    ).toBeInTheDocument();
    const fields = screen.getByRole('table', { name: 'Request fields' });
    const storage = within(fields).getByRole('row', { name: /^storageGi/ });
    expect(
      within(storage)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      'storageGi',
      'integer',
      '5',
      'Volume size in GiB (Longhorn)1 to 200.',
    ]);
    expect(
      within(fields).getByRole('row', { name: /^databaseName/ }).textContent,
    ).toContain('required');
    expect(
      within(screen.getByRole('list', { name: 'Pipelines' })).getByText(
        /postgresql-pipeline:v0\.2\.0/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('promise-yaml').textContent).toContain(
      'kind: Promise',
    );
  });

  it('shows the YAML as it is, and says why, when the definition is no Promise', async () => {
    await renderInTestApp(
      <PromiseDefinition definition={'kind: ConfigMap\napiVersion: v1\n'} />,
    );
    expect(
      screen.getByText(/cannot be shown in readable form/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('promise-yaml').textContent).toContain(
      'kind: ConfigMap',
    );
  });
});
