import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from '../../support/extension';

describe('extension activation', () => {
  it('activates from the bundle and returns its API', async () => {
    const api = await activateExtension();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive, 'extension should be active');
    assert.match(extension.extensionPath.replace(/\\/g, '/'), /\/[^/]+$/);
    assert.equal(extension.packageJSON.main, './dist/extension.js');
    for (const key of ['explorer', 'translate', 'authoring'] as const) assert.ok(api[key], `API exposes ${key}`);
  });

  it('contributes the KServe view container and its explorer view', async () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON;
    const container = pkg.contributes.viewsContainers.activitybar.find((c: { id: string }) => c.id === 'kserve');
    assert.equal(container?.title, 'KServe');
    assert.ok(pkg.contributes.views.kserve.some((v: { id: string }) => v.id === 'kserve.explorer'));
    // VS Code registers "<view>.focus" only for views it accepted from the manifest; running it reveals the view.
    await vscode.commands.executeCommand('kserve.explorer.focus');
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('workbench.view.extension.kserve'), 'view container command is registered');
  });

  it('puts every contributed command under the KServe category and registers it', async () => {
    await activateExtension();
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON;
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of pkg.contributes.commands as { command: string; category?: string }[]) {
      assert.equal(command.category, 'KServe', `${command.command} category`);
      assert.ok(registered.has(command.command), `${command.command} is registered by activate()`);
    }
  });

  it('describes every setting', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON;
    const properties = Object.entries(pkg.contributes.configuration.properties) as [string, { markdownDescription?: string; description?: string }][];
    assert.ok(properties.length > 10);
    for (const [key, schema] of properties) {
      assert.ok(key.startsWith('kserve.'), key);
      assert.ok((schema.markdownDescription ?? schema.description ?? '').length > 20, `${key} has a description`);
    }
  });
});
