import path from 'node:path';
import { validateCatalogFiles } from './validateCatalogFiles';

/**
 * `yarn validate-catalog [files or folders]`: prints each problem as
 * file, entity, field and reason, and exits 1 if there is any.
 * @public
 */
export async function main(args: string[]): Promise<void> {
  const targets = args.length > 0 ? args : ['catalog'];
  try {
    const report = await validateCatalogFiles(targets);
    for (const p of report.problems) {
      const where = [path.relative(process.cwd(), p.file), p.entityRef, p.field]
        .filter(Boolean)
        .join(': ');
      process.stdout.write(`${where}: ${p.message}\n`);
    }
    process.stdout.write(
      `${report.files.length} files, ${report.entities} entities, ${report.problems.length} problems\n`,
    );
    process.exitCode = report.problems.length > 0 ? 1 : 0;
  } catch (error) {
    process.stderr.write(`validate-catalog: ${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}
