import { invalidBranchReason } from './refs';

describe('invalidBranchReason', () => {
  it.each(['request/postgresql-db', 'feature/a.b', 'homelab-portal/x_1'])(
    'accepts %s',
    name => expect(invalidBranchReason(name)).toBeUndefined(),
  );

  it.each([
    '-uexploit',
    '--upload-pack=touch /tmp/pwned',
    'a..b',
    'a@{1}',
    'main.lock',
    'refs/heads/x.lock',
    'a b',
    'a\nb',
    'a:b',
    'a\\b',
    '/abs',
    'trailing/',
    'double//slash',
    '.hidden',
    'end.',
    '',
  ])('refuses %j', name => expect(invalidBranchReason(name)).toBeDefined());
});
