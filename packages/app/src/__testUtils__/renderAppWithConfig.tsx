import { render } from '@testing-library/react';

/**
 * Renders the whole app on the given config. The app reads its config once per
 * module instance, so each test file renders one config.
 */
export function renderAppWithConfig(data: object) {
  process.env = {
    NODE_ENV: 'test',
    APP_CONFIG: [
      {
        data: {
          app: { title: 'Test' },
          backend: { baseUrl: 'http://localhost:7007' },
          techdocs: {
            storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
          },
          ...data,
        },
        context: 'test',
      },
    ] as any,
  };
  const App = require('../App').default;
  return render(App.createRoot());
}
