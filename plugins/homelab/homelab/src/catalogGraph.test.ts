import { createHomelabCatalogGraphApi } from './catalogGraph';

describe('createHomelabCatalogGraphApi', () => {
  it('knows the homelab relations and shows them by default', () => {
    const api = createHomelabCatalogGraphApi();
    expect(api.knownRelations).toEqual(
      expect.arrayContaining([
        'runsOn',
        'hosts',
        'attachedTo',
        'canReach',
        'storedOn',
      ]),
    );
    expect(api.knownRelationPairs).toContainEqual(['runsOn', 'hosts']);
    expect(api.defaultRelations).toEqual(api.knownRelations);
  });
});
