import { repositoryInWords } from './repositoryInWords';
import { NotInternalFilter } from './internalTemplates';

describe('repositoryInWords', () => {
  it('names the repository and its forge', () => {
    expect(repositoryInWords('git.lab.local?owner=homelab&repo=gitops')).toBe(
      'homelab/gitops on git.lab.local',
    );
    expect(
      repositoryInWords('gitlab.com?owner=lab&repo=gitops', 'git.lab.local'),
    ).toBe('lab/gitops on gitlab.com');
  });

  it('says the local Git repository where the local start stands in for the forge', () => {
    expect(
      repositoryInWords(
        'git.lab.local?owner=homelab&repo=gitops',
        'git.lab.local',
      ),
    ).toBe(
      'The local Git repository (no forge here; it stands in for homelab/gitops on git.lab.local)',
    );
  });

  it('says nothing for what is not a repository yet', () => {
    expect(repositoryInWords(undefined)).toBeUndefined();
    expect(repositoryInWords('')).toBeUndefined();
    expect(repositoryInWords('git.lab.local?owner=homelab')).toBeUndefined();
    expect(repositoryInWords('not a url ::')).toBeUndefined();
    expect(repositoryInWords(42)).toBeUndefined();
  });
});

describe('NotInternalFilter', () => {
  const template = (tags?: string[]) => ({
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'x', tags },
  });

  it('asks the catalog for what is not tagged internal, and agrees on the page', () => {
    const filter = new NotInternalFilter();
    expect(filter.getCatalogQuery()).toEqual({
      $not: { 'metadata.tags': { $contains: 'internal' } },
    });
    expect(filter.filterEntity(template(['internal', 'gitops']))).toBe(false);
    expect(filter.filterEntity(template(['redis']))).toBe(true);
    expect(filter.filterEntity(template())).toBe(true);
  });
});
