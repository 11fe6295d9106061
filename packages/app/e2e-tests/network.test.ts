import { test, expect } from '@playwright/test';
import { recordOutsideRequests, signInAsGuest } from './guest';

// The Network page reads like a diagram: VLAN regions with their devices,
// the switch with its ports, the allowed flows labelled with protocol and
// ports, and a legend; a device opens its entity page.

for (const width of [1440, 900]) {
  test(`the network diagram shows VLANs, switch ports, labelled flows and a legend at ${width} px`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    const consoleErrors: string[] = [];
    page.on('console', message => {
      // React's development-only deprecation warnings about other packages
      // (MUI 4, material-table) show only on a development start.
      if (
        message.type() === 'error' &&
        !/^Warning: (findDOMNode|%s: Support for defaultProps)/.test(
          message.text(),
        )
      ) {
        consoleErrors.push(message.text());
      }
    });
    page.on('pageerror', error => consoleErrors.push(error.message));
    const outside = recordOutsideRequests(page);
    await signInAsGuest(page, '/homelab/topology');

    const diagram = page.getByTestId('network-diagram');
    await expect(diagram).toBeVisible();
    await expect(
      page.getByTestId('network-region-resource:default/vlan-20-server-lab'),
    ).toBeVisible();
    // the whole diagram fits the frame's width when the page opens: no drag
    const frame = (await diagram.boundingBox())!;
    const drawn = (await diagram.locator('svg > g').first().boundingBox())!;
    expect(drawn.x).toBeGreaterThanOrEqual(frame.x - 1);
    expect(drawn.x + drawn.width).toBeLessThanOrEqual(
      frame.x + frame.width + 1,
    );
    // the switch and its nine ports
    await expect(
      page.getByTestId('network-switch-resource:default/switch-1'),
    ).toBeVisible();
    for (const port of ['ether1', 'sfp-sfpplus1', 'sfp-sfpplus8']) {
      await expect(page.getByTestId(`network-port-${port}`)).toBeVisible();
    }
    // flows, with their protocol and ports, and none for the denied
    await expect(page.getByTestId('network-flow')).toHaveCount(4);
    await expect(diagram.getByText('tcp 445, 2049, 3260')).toBeVisible();
    await expect(diagram.getByText('tcp 80, 443 · udp 53')).toBeVisible();
    const legend = page.getByTestId('network-legend');
    await legend.scrollIntoViewIfNeeded();
    await expect(legend).toBeVisible();
    await expect(legend.getByText(/Allowed flow/)).toBeVisible();
    await expect(legend.getByText(/switch port/)).toBeVisible();
    await expect(page.getByText(/Error/)).toHaveCount(0);

    if (process.env.NETWORK_SCREENS_DIR) {
      await page.screenshot({
        path: `${process.env.NETWORK_SCREENS_DIR}/network-${width}.png`,
      });
      // the whole page: the content scrolls inside the page, so grow the window
      await page.setViewportSize({ width, height: 1500 });
      await page.screenshot({
        path: `${process.env.NETWORK_SCREENS_DIR}/network-${width}-whole.png`,
      });
      await page.setViewportSize({ width, height: 900 });
    }

    // a device opens its entity page
    await page.getByTestId('network-card-resource:default/sff-1 eno1').click();
    await expect(page).toHaveURL(/\/catalog\/default\/resource\/sff-1$/);
    await expect(page.getByText('Lenovo ThinkCentre M700 SFF')).toBeVisible();

    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
  });
}

test('the network diagram zooms and pans', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAsGuest(page, '/homelab/topology');
  const diagram = page.getByTestId('network-diagram');
  const zoomed = diagram.locator('svg > g').first();
  await expect(zoomed).toBeVisible();
  const before = await zoomed.getAttribute('transform');
  await page.getByRole('button', { name: 'Zoom in' }).click();
  const scale = (t: string | null) =>
    Number(/scale\(([\d.]+)\)/.exec(t ?? '')![1]);
  await expect
    .poll(async () => scale(await zoomed.getAttribute('transform')))
    .toBeGreaterThan(scale(before));

  const box = (await diagram.boundingBox())!;
  await page.mouse.move(box.x + 300, box.y + 300);
  await page.mouse.down();
  await page.mouse.move(box.x + 200, box.y + 250, { steps: 5 });
  await page.mouse.up();
  const translate = (t: string | null) =>
    /translate\(([-\d.]+),([-\d.]+)\)/
      .exec(t ?? '')!
      .slice(1)
      .map(Number);
  const moved = translate(await zoomed.getAttribute('transform'));
  await page.getByRole('button', { name: 'Fit to the window' }).click();
  expect(moved[0]).toBeLessThan(0);
  await expect(zoomed).toHaveAttribute('transform', before!);
});
