import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import cyberneticsPlugin from '@homelab-portal/plugin-cybernetics-backend';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';

const repoRoot = path.resolve(__dirname, '../../..');
const configs = ['app-config.yaml', 'app-config.production.yaml'];

/** Our backend plugins that register actions, by plugin id. */
function pluginsWithActions(): string[] {
  const plugins = path.join(repoRoot, 'plugins');
  const dirs = fs
    .readdirSync(plugins)
    .flatMap(group =>
      fs.readdirSync(path.join(plugins, group)).map(p => path.join(group, p)),
    );
  return dirs.flatMap(dir => {
    const src = path.join(plugins, dir, 'src');
    const plugin = path.join(src, 'plugin.ts');
    if (!fs.existsSync(plugin)) return [];
    const pluginId = /pluginId: '([^']+)'/.exec(
      fs.readFileSync(plugin, 'utf8'),
    )?.[1];
    const registers = fs
      .readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter(f => f.endsWith('.ts') && !f.includes('.test.'))
      .some(f =>
        /actionsRegistry\.register\(/.test(
          fs.readFileSync(path.join(src, f), 'utf8'),
        ),
      );
    return pluginId && registers ? [pluginId] : [];
  });
}

it('makes every plugin of ours that registers actions an actions source', () => {
  const plugins = pluginsWithActions();
  expect(plugins).toContain('cybernetics');
  for (const file of configs) {
    const shipped = parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));
    expect({
      file,
      missing: plugins.filter(
        id => !shipped.backend.actions.pluginSources.includes(id),
      ),
    }).toEqual({ file, missing: [] });
  }
});

const notifications = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({ send: async () => {} }),
});

// The README promises agents the cybernetics actions through MCP. Which
// plugins' actions are offered is backend.actions in the shipped configs,
// read here from the files themselves.
describe.each(configs)('MCP actions with %s as shipped', file => {
  const shipped = parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));
  let server: any;

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        cyberneticsPlugin,
        mcpActionsPlugin,
        notifications,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: { backend: { actions: shipped.backend.actions } },
        }),
      ],
    }));
  });

  it('offers the cybernetics actions from the plugin', async () => {
    const res = await request(server)
      .get('/api/cybernetics/.backstage/actions/v1/actions')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.actions.map((a: { id: string }) => a.id).sort()).toEqual([
      'cybernetics:explain-decision',
      'cybernetics:list-decisions',
    ]);
  });

  it('lists them as MCP tools', async () => {
    const res = await request(server)
      .post('/api/mcp-actions/v1')
      .set('Authorization', mockCredentials.user.header())
      .set('Accept', 'application/json, text/event-stream')
      .send({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
    expect(res.status).toBe(200);
    // a stream of server-sent events, one JSON-RPC message each
    const messages = res.text
      .split('\n')
      .filter(line => line.startsWith('data: '))
      .map(line => JSON.parse(line.slice(6)));
    const tools = messages.find(m => m.id === 1)?.result?.tools ?? [];
    expect(tools.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('list-decisions'),
        expect.stringContaining('explain-decision'),
      ]),
    );
  });
});
