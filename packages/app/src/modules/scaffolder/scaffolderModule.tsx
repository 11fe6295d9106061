import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Progress } from '@backstage/core-components';
import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  FormFieldBlueprint,
  createFormField,
} from '@backstage/plugin-scaffolder-react/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';

const TemplateList = lazy(() =>
  import('./TemplateList').then(m => ({ default: m.TemplateList })),
);

/**
 * The Create page's templates sub-page, with our list (templates tagged
 * internal left out of the catalog query, so that its counts match the
 * cards) in front of the scaffolder's own, which still runs each template.
 */
const templatesSubPage = scaffolderPlugin
  .getExtension('sub-page:scaffolder/templates')
  .override({
    *factory(originalFactory) {
      const original = originalFactory();
      const templates = original.get(coreExtensionData.reactElement);
      yield coreExtensionData.routePath(
        original.get(coreExtensionData.routePath),
      );
      yield coreExtensionData.title(original.get(coreExtensionData.title));
      yield coreExtensionData.reactElement(
        <Routes>
          <Route
            index
            element={
              <Suspense fallback={<Progress />}>
                <TemplateList />
              </Suspense>
            }
          />
          <Route path="*" element={templates} />
        </Routes>,
      );
    },
  });

/** Where a template's change goes, in words (form and Review step). */
const repositoryInWordsField = FormFieldBlueprint.make({
  name: 'repository-in-words',
  params: {
    field: () =>
      import('./RepositoryInWords').then(m =>
        createFormField({
          name: 'RepositoryInWords',
          component: m.RepositoryInWords,
        }),
      ),
  },
});

export const scaffolderModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [templatesSubPage, repositoryInWordsField],
});
