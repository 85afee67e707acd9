// @ts-check
// The packaged VSIX installs into a clean VS Code and activates: its palette command runs and its log says so.
export const name = 'the packaged VSIX installs, activates and runs KServe: Show Log';
export const fromVsix = true;

export default async function ({ page }) {
  await page.locator('.activitybar .action-item a[aria-label^="KServe"]').first().waitFor({ state: 'visible', timeout: 60_000 });
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill('>KServe: Show Log');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'KServe: Show Log' }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  const output = page.locator('.part.panel');
  await output.locator('.view-lines', { hasText: /KServe\sToolkit\s[\d.]+\sactivated/ }).waitFor({ state: 'visible', timeout: 30_000 });
}
