import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Content } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import {
  CatalogFilterLayout,
  DefaultEntityFilters,
  EntityKindPicker,
  EntityListProvider,
  EntityOwnerPicker,
  EntitySearchBar,
  EntityTagPicker,
  UserListPicker,
  useEntityList,
} from '@backstage/plugin-catalog-react';
import {
  TemplateCategoryPicker,
  TemplateGroups,
} from '@backstage/plugin-scaffolder-react/alpha';
import { TemplateEntityV1beta3 } from '@backstage/plugin-scaffolder-common';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import { NotInternalFilter } from './internalTemplates';

type Filters = DefaultEntityFilters & { internal?: NotInternalFilter };

/** Puts the filter in the list's catalog query, where the counts come from. */
const HideInternalTemplates = () => {
  const { updateFilters } = useEntityList<Filters>();
  useEffect(() => {
    updateFilters({ internal: new NotInternalFilter() });
  }, [updateFilters]);
  return null;
};

const groups = [{ title: 'Templates', filter: () => true }];

/**
 * The Create page's list, as the scaffolder's own (search, category, tag and
 * owner pickers, the templates as cards), without the templates tagged
 * internal, which are left out of the catalog query rather than hidden
 * afterwards: the "All" count is then the number of cards shown.
 */
export const TemplateList = () => {
  const navigate = useNavigate();
  const templateRoute = useRouteRef(scaffolderPlugin.routes.selectedTemplate);
  const onTemplateSelected = (template: TemplateEntityV1beta3) => {
    const { namespace, name } = parseEntityRef(stringifyEntityRef(template));
    if (templateRoute) {
      navigate(templateRoute({ namespace, templateName: name }));
    }
  };
  return (
    <EntityListProvider>
      <HideInternalTemplates />
      <Content>
        <CatalogFilterLayout>
          <CatalogFilterLayout.Filters>
            <EntitySearchBar />
            <EntityKindPicker initialFilter="template" hidden />
            <UserListPicker
              initialFilter="all"
              availableFilters={['all', 'starred']}
            />
            <TemplateCategoryPicker />
            <EntityTagPicker />
            <EntityOwnerPicker />
          </CatalogFilterLayout.Filters>
          <CatalogFilterLayout.Content>
            <TemplateGroups
              groups={groups}
              onTemplateSelected={onTemplateSelected}
            />
          </CatalogFilterLayout.Content>
        </CatalogFilterLayout>
      </Content>
    </EntityListProvider>
  );
};
