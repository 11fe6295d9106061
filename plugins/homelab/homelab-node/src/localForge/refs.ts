/**
 * Why a branch name is refused, or undefined if git would accept it and it
 * cannot be mistaken for an option. Follows `git check-ref-format --branch`.
 */
export function invalidBranchReason(name: string): string | undefined {
  if (name.length === 0 || name.length > 200) {
    return 'must be 1 to 200 characters';
  }
  if (name.startsWith('-')) return 'must not start with "-"';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(name)) {
    return 'must not contain spaces, control characters or any of ~ ^ : ? * [ \\';
  }
  if (name.includes('..')) return 'must not contain ".."';
  if (name.includes('@{') || name === '@') return 'must not contain "@{"';
  if (name.includes('//')) return 'must not contain "//"';
  if (name.startsWith('/') || name.endsWith('/')) {
    return 'must not start or end with "/"';
  }
  if (name.endsWith('.')) return 'must not end with "."';
  if (
    name.split('/').some(part => part.startsWith('.') || part.endsWith('.lock'))
  ) {
    return 'no part may start with "." or end with ".lock"';
  }
  return undefined;
}
