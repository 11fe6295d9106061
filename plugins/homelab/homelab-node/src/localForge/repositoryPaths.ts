/*
 * Paths inside the local repository: what is refused before git sees it.
 */

const MAX_PATH_LENGTH = 1024;

/**
 * Why a path inside the repository is refused, or undefined. Refuses what
 * could leave the repository or reach git's own files: absolute paths, "."
 * and ".." segments, backslashes, control characters and any segment named
 * .git (in any case, with trailing dots or spaces, as some filesystems read it).
 */
export function invalidRepositoryPathReason(file: string): string | undefined {
  if (file.length === 0 || file.length > MAX_PATH_LENGTH) {
    return `must be 1 to ${MAX_PATH_LENGTH} characters`;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(file)) {
    return 'must not contain control characters or backslashes';
  }
  if (file.startsWith('/')) return 'must be relative to the repository';
  const segments = file.split('/');
  if (segments.some(s => s === '' || s === '.' || s === '..')) {
    return 'must not contain empty, "." or ".." segments';
  }
  if (segments.some(s => s.replace(/[. ]+$/, '').toLowerCase() === '.git')) {
    return 'must not be inside .git';
  }
  return undefined;
}
