import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { ThemeBlueprint } from '@backstage/plugin-app-react';
import {
  UnifiedThemeProvider,
  createUnifiedTheme,
  defaultComponentThemes,
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

export const lightTheme = createUnifiedTheme({
  palette: palettes.light,
  components,
});
export const darkTheme = createUnifiedTheme({
  palette: palettes.dark,
  components,
});

/**
 * Backstage's light and dark themes, with whole words in table cells and
 * tables that scroll in their cards.
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
