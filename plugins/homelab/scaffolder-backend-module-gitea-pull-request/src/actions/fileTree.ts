import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { invalidRepositoryPathReason } from '@homelab-portal/plugin-homelab-node';
import fs from 'node:fs/promises';
import path from 'node:path';

/*
 * The files the action publishes, from the workspace into a clone or a
 * commit: never through a symlink, never outside the repository, never into
 * its .git.
 */

/**
 * Refuses a path in the clone that is, or goes through, a symlink: one
 * committed to the repository could point anywhere on this machine.
 */
async function assertNoSymlinks(root: string, relative: string) {
  let current = root;
  for (const part of relative.split(/[\\/]/).filter(Boolean)) {
    current = path.join(current, part);
    let stat;
    try {
      stat = await fs.lstat(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    if (stat.isSymbolicLink()) {
      throw new InputError(
        `${path.relative(
          root,
          current,
        )} is a symlink in the repository; nothing is written through a symlink`,
      );
    }
  }
}

/** Where a file goes in the clone: inside it, not in its .git, through no symlink. */
async function safeTargetIn(root: string, relative: string): Promise<string> {
  // lexically inside first, so that the symlink walk stays in the clone
  resolveSafeChildPath('/repository', relative);
  // .git/config names the remote the integration's credentials are sent to
  if (
    relative
      .split(/[\\/]/)
      .some(part => part.replace(/[. ]+$/, '').toLowerCase() === '.git')
  ) {
    throw new InputError(
      `${relative} is inside .git; nothing is written there`,
    );
  }
  await assertNoSymlinks(root, relative);
  // and the real path of what exists stays inside too
  return resolveSafeChildPath(root, relative);
}

/**
 * Copies a workspace folder into the clone, refusing symlinks on either side:
 * in the workspace (they could point anywhere) and in the clone (a committed
 * one would redirect the write outside it).
 */
export async function copyTree(
  from: string,
  root: string,
  targetPath: string,
): Promise<string[]> {
  const copied: string[] = [];
  await safeTargetIn(root, targetPath);
  const walk = async (dir: string, rel: string) => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const source = path.join(dir, entry.name);
      const relative = path.posix.join(rel, entry.name);
      if (entry.isSymbolicLink()) {
        throw new InputError(
          `${relative} is a symlink; symlinks are not published`,
        );
      }
      if (entry.isDirectory()) {
        await walk(source, relative);
      } else if (entry.isFile()) {
        const inRepository = path.posix.join(targetPath, relative);
        const target = await safeTargetIn(root, inRepository);
        await fs.mkdir(path.dirname(target), { recursive: true });
        // mkdir made only real folders; check the whole path once more
        await safeTargetIn(root, inRepository);
        await fs.copyFile(source, target);
        copied.push(relative);
      }
    }
  };
  await walk(from, '');
  return copied;
}

/**
 * The files of a workspace folder as they go into the repository, refusing
 * symlinks (they could point anywhere) and paths that would leave it or
 * reach its .git.
 */
export async function readTree(
  from: string,
  targetPath: string,
): Promise<{ path: string; content: Buffer }[]> {
  const files: { path: string; content: Buffer }[] = [];
  const walk = async (dir: string, rel: string) => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const source = path.join(dir, entry.name);
      const relative = path.posix.join(rel, entry.name);
      if (entry.isSymbolicLink()) {
        throw new InputError(
          `${relative} is a symlink; symlinks are not published`,
        );
      }
      if (entry.isDirectory()) {
        await walk(source, relative);
      } else if (entry.isFile()) {
        const inRepository = path.posix.normalize(
          path.posix.join(targetPath, relative),
        );
        const reason = invalidRepositoryPathReason(inRepository);
        if (reason) {
          throw new InputError(`${JSON.stringify(inRepository)} ${reason}`);
        }
        files.push({ path: inRepository, content: await fs.readFile(source) });
      }
    }
  };
  await walk(from, '');
  return files;
}
