import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { createHostCheck } from './hostCheck';
import { createProxyAllowList } from './proxyAllowList';

/**
 * Backstage's root HTTP router with two guards in front of every route: the
 * Host header must name the portal (DNS rebinding), and the proxy forwards only
 * what `homelab.security.proxy` allows.
 */
export const homelabRootHttpRouter = rootHttpRouterServiceFactory({
  configure({ app, config, applyDefaults }) {
    app.use(createHostCheck(config));
    app.use('/api/proxy', createProxyAllowList(config));
    applyDefaults();
  },
});
