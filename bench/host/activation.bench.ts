import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../test/support/extension';
import { ms, printTable } from '../format';

describe('activation benchmark', () => {
  it('measures activation of the bundled extension in a fresh extension host', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    if (!extension) throw new Error('extension missing');
    const wasActive = extension.isActive;
    const started = performance.now();
    await extension.activate();
    const elapsed = performance.now() - started;
    const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
    printTable('Activation (inside VS Code)', ['metric', 'value'], [
      ['activate() wall time', wasActive ? 'already active' : ms(elapsed)],
      ['extension host heap after activation', `${heapMb.toFixed(1)} MB`],
    ]);
  });
});
