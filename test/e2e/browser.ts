import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { projectRoot } from '../../src/infrastructure/project-root.js';

/** Debian's chromium: the only browser these machines may run (never a downloaded Playwright build). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const SCREENSHOTS = join(projectRoot(), 'test', 'e2e', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The console end-to-end test needs Debian's chromium at ${CHROMIUM}: run \`apt-get install -y chromium chromium-driver\` ` +
        '(.ci/run does this in CI). Do not use `npx playwright install`.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Runs axe-core on the page as it is and fails on any `serious` or `critical` violation, listing them. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // colours measured mid-transition (a button just enabled fading in) are neither state: settle them first
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; }' });
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join('\n    ')}`,
  );
  expect({ page: name, violations: report }).toEqual({ page: name, violations: [] });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The same page at a phone's width (390×844), saved as `<name>-phone.png`; the viewport is restored. */
export async function screenshotPhone(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-phone`);
  if (before) await page.setViewportSize(before);
}
