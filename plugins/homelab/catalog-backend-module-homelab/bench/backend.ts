// A backend with only the catalog (and, with BENCH_WITH_MODULE=1, our module),
// reading one generated file. Started by run.js.
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
if (process.env.BENCH_WITH_MODULE === '1') {
  backend.add(import('../src'));
}
backend.start();
