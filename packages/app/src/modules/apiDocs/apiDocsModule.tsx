import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  apiDocsConfigRef,
  defaultDefinitionWidgets,
} from '@backstage/plugin-api-docs';
import { PromiseDefinition } from '@homelab-portal/plugin-kratix';

/** The API entity type of Kratix Promises (catalog-backend-module-kratix). */
export const KRATIX_PROMISE_API_TYPE = 'kratix-promise';

/**
 * API docs' definition widgets, plus one for Kratix Promises: a Promise's
 * Definition tab reads as a Promise (what it offers, its request fields, its
 * pipelines, its YAML wrapped inside its card) instead of raw YAML running
 * off the page. Overrides api-docs' own `api:api-docs/config`.
 */
export const apiDocsModule = createFrontendModule({
  pluginId: 'api-docs',
  extensions: [
    ApiBlueprint.make({
      name: 'config',
      params: defineParams =>
        defineParams({
          api: apiDocsConfigRef,
          deps: {},
          factory: () => {
            const widgets = [
              ...defaultDefinitionWidgets(),
              {
                type: KRATIX_PROMISE_API_TYPE,
                title: 'Kratix Promise',
                rawLanguage: 'yaml',
                component: (definition: string) => (
                  <PromiseDefinition definition={definition} />
                ),
              },
            ];
            return {
              getApiDefinitionWidget: apiEntity =>
                widgets.find(w => w.type === apiEntity.spec.type),
            };
          },
        }),
    }),
  ],
});
