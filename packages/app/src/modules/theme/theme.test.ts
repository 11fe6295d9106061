import {
  BackstageTheme,
  pageTheme as backstagePageThemes,
} from '@backstage/theme';
import { darkTheme, lightTheme, portalPalette } from './index';

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map(i => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

describe('the portal theme', () => {
  it.each([
    ['light', lightTheme],
    ['dark', darkTheme],
  ])(
    "draws every page header banner of the %s theme in the portal's teal",
    (_, theme) => {
      const themeIds = [...Object.keys(backstagePageThemes), 'unknown-page'];
      for (const themeId of themeIds) {
        const page = (theme.getTheme('v4') as BackstageTheme).getPageTheme({
          themeId,
        });
        expect([themeId, page.colors]).toEqual([
          themeId,
          [portalPalette.bannerStart, portalPalette.bannerEnd],
        ]);
        expect(page.backgroundImage).toContain(
          `linear-gradient(90deg, ${portalPalette.bannerStart}, ${portalPalette.bannerEnd})`,
        );
      }
    },
  );

  it('keeps white header titles readable on both ends of the banner (WCAG AA, 4.5:1)', () => {
    for (const colour of [portalPalette.bannerStart, portalPalette.bannerEnd]) {
      expect(contrast('#ffffff', colour)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
