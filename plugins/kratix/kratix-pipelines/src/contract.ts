import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

/**
 * Kratix's pipeline contract (syntasso/kratix sdk/contract.md): a resource
 * workflow reads the request from `/kratix/input/object.yaml`, writes the
 * documents to schedule to `/kratix/output/`, and may write
 * `/kratix/metadata/status.yaml`, whose keys Kratix copies into the
 * request's `status`.
 */
export interface PipelineDirs {
  input: string;
  output: string;
  metadata: string;
}

/** The three directories; each can be moved by env (tests use temp dirs). */
export function dirsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): PipelineDirs {
  return {
    input: env.KRATIX_INPUT_DIR || '/kratix/input',
    output: env.KRATIX_OUTPUT_DIR || '/kratix/output',
    metadata: env.KRATIX_METADATA_DIR || '/kratix/metadata',
  };
}

/** A resource request is a few hundred bytes; refuse anything near a MB. */
export const MAX_INPUT_BYTES = 256 * 1024;

/** Reads and parses `object.yaml`: one YAML document, a mapping, bounded. */
export async function readObject(dirs: PipelineDirs): Promise<unknown> {
  const file = path.join(dirs.input, 'object.yaml');
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    throw new InputError(`cannot read the request ${file}`, error);
  }
  let text: string;
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new InputError(`the request ${file} is not a plain file`);
    }
    const { size } = stat;
    if (size > MAX_INPUT_BYTES) {
      throw new InputError(
        `the request ${file} is ${size} bytes; at most ${MAX_INPUT_BYTES} are read`,
      );
    }
    text = await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
  const documents = parseAllDocuments(text, { uniqueKeys: true });
  if (!Array.isArray(documents) || documents.length !== 1) {
    throw new InputError(
      `the request ${file} must hold exactly one YAML document`,
    );
  }
  const [document] = documents;
  if (document.errors.length > 0) {
    throw new InputError(
      `the request ${file} is not valid YAML: ${document.errors[0].message}`,
    );
  }
  const value = document.toJS({ maxAliasCount: 50 });
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`the request ${file} is not a YAML mapping`);
  }
  refuseProtoKeys(value, 'object');
  return value;
}

function refuseProtoKeys(value: unknown, where: string) {
  if (!value || typeof value !== 'object') {
    return;
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      throw new InputError(`the request has a forbidden key ${where}.${key}`);
    }
    refuseProtoKeys((value as Record<string, unknown>)[key], `${where}.${key}`);
  }
}

/** One file to write to the output directory. */
export interface OutputFile {
  /** a plain file name: lower-case letters, digits, '-' and '.yaml' */
  name: string;
  documents: object[];
}

const FILE_NAME = /^[a-z0-9][a-z0-9-]{0,200}\.yaml$/;

/** Serializes each document with the YAML library; never by concatenation. */
export function serialize(documents: object[]): string {
  return documents
    .map(document =>
      stringify(document, { lineWidth: 0, aliasDuplicateObjects: false }),
    )
    .join('---\n');
}

/**
 * An earlier container of the same workflow may have written a status:
 * keep its keys, ours win. Kratix refuses a `kratix` key.
 */
async function mergedStatus(
  file: string,
  status: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if ('kratix' in status) {
    throw new InputError('a pipeline may not set status.kratix');
  }
  const existing = await fs.lstat(file).catch(() => undefined);
  if (!existing) {
    return status;
  }
  if (!existing.isFile() || existing.size > MAX_INPUT_BYTES) {
    throw new InputError(`refusing to update ${file}: not a plain, small file`);
  }
  const before = parseAllDocuments(await fs.readFile(file, 'utf8'));
  const value =
    Array.isArray(before) && before.length === 1 ? before[0].toJS() : undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`refusing to update ${file}: not a YAML mapping`);
  }
  return { ...value, ...status };
}

/**
 * Writes the outputs and the status. Files are created exclusively (an
 * existing file or symlink there is an error, never followed); on any
 * failure the files written so far are removed, so a failed run leaves
 * nothing behind.
 */
export async function writeResults(
  dirs: PipelineDirs,
  files: OutputFile[],
  status: Record<string, unknown> | undefined,
): Promise<string[]> {
  const planned: Array<{ file: string; text: string }> = [];
  for (const output of files) {
    if (!FILE_NAME.test(output.name)) {
      throw new InputError(`refusing to write an output named ${output.name}`);
    }
    const text = serialize(output.documents);
    // What is written must read back as exactly the documents built.
    const readBack = parseAllDocuments(text).map(d => d.toJS());
    if (JSON.stringify(readBack) !== JSON.stringify(output.documents)) {
      throw new InputError(
        `the output ${output.name} does not read back as what was built`,
      );
    }
    planned.push({ file: path.join(dirs.output, output.name), text });
  }
  const statusFile = path.join(dirs.metadata, 'status.yaml');
  const statusText = status
    ? stringify(await mergedStatus(statusFile, status), {
        lineWidth: 0,
        aliasDuplicateObjects: false,
      })
    : undefined;
  const written: string[] = [];
  try {
    for (const { file, text } of planned) {
      await fs.writeFile(file, text, { flag: 'wx', mode: 0o644 });
      written.push(file);
    }
    if (statusText !== undefined) {
      // Replace the status in one step: write beside it, then rename.
      const temporary = path.join(dirs.metadata, `.status-${process.pid}.yaml`);
      await fs.writeFile(temporary, statusText, { flag: 'wx', mode: 0o644 });
      await fs.rename(temporary, statusFile);
      written.push(statusFile);
    }
  } catch (error) {
    await Promise.all(written.map(file => fs.rm(file, { force: true })));
    throw error;
  }
  return written;
}
