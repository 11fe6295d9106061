import {
  kratixPermissions,
  kratixRequestCreatePermission,
} from './permissions';

describe('kratix permissions', () => {
  it('declares registering a request as a create, which the homelab policy gives the admins only', () => {
    expect(kratixRequestCreatePermission).toMatchObject({
      type: 'basic',
      name: 'kratix.request.create',
      attributes: { action: 'create' },
    });
    expect(kratixPermissions).toEqual([kratixRequestCreatePermission]);
  });
});
