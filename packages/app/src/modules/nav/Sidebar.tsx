import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarSpace,
  SidebarSubmenu,
  SidebarSubmenuItem,
} from '@backstage/core-components';
import {
  NavContentBlueprint,
  NavContentNavItem,
} from '@backstage/plugin-app-react';
import { SidebarLogo } from './SidebarLogo';
import { SidebarSection } from './SidebarSection';
import MenuIcon from '@material-ui/icons/Menu';
import BuildIcon from '@material-ui/icons/Build';
import { SidebarSearchModal } from '@backstage/plugin-search';
import { UserSettingsSignInAvatar } from '@backstage/plugin-user-settings';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';

/** The homelab's own pages, in the order an operator walks them. */
export const HOMELAB_PAGES = [
  'page:home',
  'page:homelab/topology',
  'page:homelab/dns',
  'page:homelab/capacity',
  'page:energy',
  'page:alerts',
  'page:backups',
  'page:homelab/secrets',
  'page:cybernetics',
  'page:kratix',
];

/** Backstage's own: the catalog, templates and docs (search follows them). */
export const PORTAL_PAGES = [
  'page:catalog',
  'page:scaffolder',
  'page:techdocs',
];

// The main drawer fits "Capacity" and the like; the developer tools' flyout
// is wider, for "Register existing component".
const SUBMENU_WIDTH = 300;

const ToolItem = ({ item }: { item: NavContentNavItem }) => (
  <SidebarSubmenuItem
    icon={() => item.icon}
    to={item.href}
    title={item.title}
  />
);

export const SidebarContent = NavContentBlueprint.make({
  params: {
    component: ({ navItems }) => {
      const nav = navItems.withComponent(item => (
        <SidebarItem icon={() => item.icon} to={item.href} text={item.title} />
      ));

      // Skipped items
      navItems.take('page:search'); // Using search modal instead
      navItems.take('page:notifications'); // Using NotificationsSidebarItem manually instead
      const settings = nav.take('page:user-settings');

      const homelab = HOMELAB_PAGES.map(id => nav.take(id));
      const portal = PORTAL_PAGES.map(id => nav.take(id));
      // Whatever else the installed plugins bring: the visualizer, API docs,
      // catalog import and the like, for whoever builds the portal.
      const tools = [...navItems.rest()].sort((a, b) =>
        a.title.localeCompare(b.title),
      );

      return (
        <Sidebar submenuOptions={{ drawerWidthOpen: SUBMENU_WIDTH }}>
          <SidebarLogo />
          <SidebarGroup label="Menu" icon={<MenuIcon />}>
            <SidebarSection title="Homelab" />
            {homelab}
            <SidebarSection title="Portal" />
            {portal}
            <SidebarSearchModal />
          </SidebarGroup>
          <SidebarSpace />
          <SidebarDivider />
          {tools.length > 0 && (
            <SidebarGroup label="Developer tools" icon={<BuildIcon />}>
              <SidebarItem icon={BuildIcon} text="Dev tools">
                <SidebarSubmenu title="Developer tools">
                  {tools.map(item => (
                    <ToolItem key={item.node.spec.id} item={item} />
                  ))}
                </SidebarSubmenu>
              </SidebarItem>
            </SidebarGroup>
          )}
          <NotificationsSidebarItem />
          <SidebarDivider />
          <SidebarGroup
            label="Settings"
            icon={<UserSettingsSignInAvatar />}
            to="/settings"
          >
            {settings}
          </SidebarGroup>
        </Sidebar>
      );
    },
  },
});
