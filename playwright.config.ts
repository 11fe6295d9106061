import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';

/**
 * Browser tests run Debian's Chromium (playwright never downloads a browser
 * here) against the production build of the app, served by the backend on
 * the local-start defaults. scripts/test.sh builds the app first.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.E2E_BACKEND_PORT ?? 7007);
// The backend from source, as `yarn start` runs it but without the CLI's
// file watcher and its IPC store: on a busy machine that store's 5 s
// answers time out and every plugin fails to start.
const backend =
  'cd packages/backend && node -r @backstage/cli/config/nodeTransform.cjs src/index.ts';

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 20_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  webServer: [
    {
      command: `${backend} --config ../../app-config.yaml --config ../../e2e/app-config.e2e.yaml`,
      env: { NODE_ENV: 'development' },
      url: `http://localhost:${port}/.backstage/health/v1/readiness`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // a second backend, with a cluster and ArgoCD (cluster.test.ts, argocd.test.ts)
      command: `${backend} --config ../../app-config.yaml --config ../../e2e/app-config.e2e.yaml --config ../../e2e/app-config.cluster.yaml`,
      env: { NODE_ENV: 'development' },
      url: `http://localhost:7017/.backstage/health/v1/readiness`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // the Kubernetes API that backend sees (no cluster runs here)
      command: `node -r @backstage/cli/config/nodeTransform.cjs e2e/fake-kube.ts`,
      // answers 401 without the token, which counts as up
      url: 'http://127.0.0.1:7093/api',
      env: { E2E_KUBE_PORT: '7093' },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // ArgoCD's API, for the ArgoCD cards (no ArgoCD runs here)
      command: `node -r @backstage/cli/config/nodeTransform.cjs e2e/fake-argocd.ts`,
      // answers 401 without the token, which counts as up
      url: 'http://127.0.0.1:7092/api/v1/applications',
      env: { E2E_ARGOCD_PORT: '7092' },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
  use: {
    baseURL: `http://localhost:${port}`,
    actionTimeout: 20_000,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      // Keep Chromium's own background traffic off, so that every request
      // seen in a test is one the portal made.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  outputDir: 'test-results/e2e-artifacts',
  projects: generateProjects().map(project => ({
    ...project,
    use: { ...project.use, channel: undefined },
  })),
});
