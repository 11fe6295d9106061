import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { ThemeBlueprint } from '@backstage/plugin-app-react';
import {
  PageTheme,
  UnifiedThemeProvider,
  createUnifiedTheme,
  defaultComponentThemes,
  genPageTheme,
  pageTheme as backstagePageThemes,
  palettes,
} from '@backstage/theme';
import DarkIcon from '@material-ui/icons/Brightness2';
import LightIcon from '@material-ui/icons/WbSunny';

// Backstage's theme lets table cells break a word anywhere
// (`word-break: break-word`), so a narrow column reads "Alertm/anage/r".
// Words stay whole: a column is as wide as its longest word.
const wholeWords = {
  wordBreak: 'normal',
  overflowWrap: 'normal',
  hyphens: 'none',
} as const;

type Components = NonNullable<
  Parameters<typeof createUnifiedTheme>[0]['components']
>;
type CellStyles = NonNullable<
  NonNullable<Components['MuiTableCell']>['styleOverrides']
>;
type CellStyle = (props: object) => object;

const cell = defaultComponentThemes?.MuiTableCell?.styleOverrides as Record<
  'root' | 'head',
  CellStyle
>;
const withWholeWords = (style: CellStyle) =>
  ((props: object) => ({
    ...style(props),
    ...wholeWords,
  })) as unknown as CellStyles['root'];

const components: Components = {
  // 40 px sidebar items (Material's dense list items) rather than 48: the
  // homelab group has ten pages, and Settings stays above the fold of a
  // 900 px tall window (local-start.test.ts, "the sidebar ... fits").
  BackstageSidebarItem: {
    styleOverrides: { root: { height: 40 } },
  },
  // A table wider than its card (a narrow window) scrolls inside the card
  // instead of being cut off at the card's edge.
  MuiCardContent: {
    styleOverrides: {
      root: {
        ...(defaultComponentThemes?.MuiCardContent?.styleOverrides
          ?.root as object),
        overflowX: 'auto',
      },
    },
  },
  MuiTableCell: {
    styleOverrides: {
      ...(defaultComponentThemes?.MuiTableCell?.styleOverrides as CellStyles),
      root: withWholeWords(cell.root),
      head: withWholeWords(cell.head),
    },
  },
};

/**
 * The portal's colours: the mark's teal (the sidebar logo, drawn in
 * packages/app/src/modules/nav) and two deep teals of the same hue for the
 * page header banners, dark enough for their white titles.
 */
export const portalPalette = {
  mark: '#7df3e1',
  bannerStart: '#004d40',
  bannerEnd: '#00796b',
} as const;

const banner = (shape: string) =>
  genPageTheme({
    colors: [portalPalette.bannerStart, portalPalette.bannerEnd],
    shape,
  });

/**
 * Every page header banner in the portal's teal instead of Backstage's
 * purple, blue, red and orange; each kind of page keeps its own shape.
 */
export const portalPageThemes: Record<string, PageTheme> = Object.fromEntries(
  Object.entries(backstagePageThemes).map(([themeId, theme]) => [
    themeId,
    banner(theme.shape),
  ]),
);

export const lightTheme = createUnifiedTheme({
  palette: palettes.light,
  components,
  pageTheme: portalPageThemes,
});
export const darkTheme = createUnifiedTheme({
  palette: palettes.dark,
  components,
  pageTheme: portalPageThemes,
});

/**
 * Backstage's light and dark themes, with the portal's teal page headers,
 * whole words in table cells and tables that scroll in their cards.
 */
export const themeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    ThemeBlueprint.make({
      name: 'light',
      params: {
        theme: {
          id: 'light',
          title: 'Light Theme',
          variant: 'light',
          icon: <LightIcon />,
          Provider: ({ children }) => (
            <UnifiedThemeProvider theme={lightTheme} children={children} />
          ),
        },
      },
    }),
    ThemeBlueprint.make({
      name: 'dark',
      params: {
        theme: {
          id: 'dark',
          title: 'Dark Theme',
          variant: 'dark',
          icon: <DarkIcon />,
          Provider: ({ children }) => (
            <UnifiedThemeProvider theme={darkTheme} children={children} />
          ),
        },
      },
    }),
  ],
});
