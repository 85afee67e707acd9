// @ts-check
// A person opens VS Code and sees the KServe entry in the activity bar; clicking it shows the Models view.
export const name = 'the KServe view container is in the activity bar and opens its view';

export default async function ({ page, screenshot }) {
  const entry = page.locator('.activitybar .action-item a[aria-label^="KServe"]').first();
  await entry.waitFor({ state: 'visible', timeout: 60_000 });
  await entry.click();
  const sidebar = page.locator('[id="workbench.parts.sidebar"]');
  await sidebar.locator('.composite.title', { hasText: /KServe/i }).waitFor({ state: 'visible', timeout: 30_000 });
  // A container with one view folds the view's header into its own title; the pane itself must be there and expanded.
  const pane = sidebar.locator('.pane-header[aria-label="Models Section"][aria-expanded="true"]');
  await pane.waitFor({ state: 'attached', timeout: 30_000 });
  await screenshot('screenshot-explorer.png');
}
