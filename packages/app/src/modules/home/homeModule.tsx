import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

// Links stay inside the portal: the homelab must work air-gapped.
const content = `
## Welcome to the Homelab Portal

Everything that runs in the homelab, where it runs and on which network, kept
as YAML in Git (\`catalog/\`).

- **[Systems](/catalog?filters[kind]=system)**: the physical layer, the
  container runtime, platform services, observability, backup and applications
- **[Hardware and networks](/catalog?filters[kind]=resource)**: SFF nodes, the
  NAS, the switch and the five VLANs
- **[Services](/catalog?filters[kind]=component)**: Ollama, Jellyfin, Pi-hole,
  Keycloak, Vault, Prometheus and the rest
- **[Self-service](/create)**: request a platform service as a GitOps pull request
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Homelab Portal',
    description: 'What the portal holds and where to start',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});
