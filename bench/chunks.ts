/*
 * The app build's chunks by package: each chunk's source map
 * (packages/app/dist/static/<chunk>.js.map) says which source every span of
 * the minified code comes from; a span's bytes go to the package of its
 * source (node_modules/<package>, plugins/<dir> by its package.json, the app
 * itself), spans with no source to "(bundler runtime)".
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const BASE64 =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

function workspaceName(dir: string): string {
  try {
    return JSON.parse(
      fs.readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8'),
    ).name;
  } catch {
    return dir;
  }
}

export function packageOf(source: string): string {
  const p = source
    .replace(/^webpack:\/\/[^/]*\//, '')
    .replace(/^(\.\.\/)+/, '');
  const nm = p.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = p.slice(nm + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const ws = /^(plugins\/[^/]+|packages)\/([^/]+)\//.exec(p);
  if (ws) return workspaceName(`${ws[1]}/${ws[2]}`);
  if (p.startsWith('./') || p.startsWith('src/')) return 'app';
  return `(${p.split('/')[0] || 'bundler runtime'})`;
}

/** Bytes of one chunk by package. */
export function chunkByPackage(file: string): Map<string, number> {
  const code = fs.readFileSync(file, 'utf8');
  const out = new Map<string, number>();
  const add = (pkg: string, n: number) =>
    n > 0 && out.set(pkg, (out.get(pkg) ?? 0) + n);
  const mapFile = `${file}.map`;
  if (!fs.existsSync(mapFile)) {
    add('(no source map)', Buffer.byteLength(code));
    return out;
  }
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
  const packages: string[] = map.sources.map(packageOf);
  const lines = code.split('\n');
  const mappingLines: string[] = map.mappings.split(';');
  let source = 0;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    const segments = (mappingLines[l] ?? '').split(',').filter(Boolean);
    let col = 0;
    let prevCol = 0;
    let prevPkg = '(bundler runtime)';
    for (const seg of segments) {
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const c of seg) {
        const d = DIGIT.get(c)!;
        value += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += fields[0];
      add(prevPkg, Buffer.byteLength(line.slice(prevCol, col)));
      prevCol = col;
      if (fields.length >= 4) {
        source += fields[1];
        prevPkg = packages[source];
      } else {
        prevPkg = '(bundler runtime)';
      }
    }
    add(prevPkg, Buffer.byteLength(line.slice(prevCol)) + 1);
  }
  return out;
}

/** The scripts a page loaded (paths under /static/ of `dist`), by package. */
export function attributeChunks(
  scripts: string[],
  dist: string,
): Map<string, number> {
  const total = new Map<string, number>();
  for (const script of new Set(scripts)) {
    const file = path.join(dist, script);
    if (!fs.existsSync(file))
      throw new Error(`${script} is not in ${dist}: not the build served`);
    for (const [pkg, n] of chunkByPackage(file))
      total.set(pkg, (total.get(pkg) ?? 0) + n);
  }
  return total;
}
