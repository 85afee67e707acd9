// What the in-VS Code benches share: timing kubectl against the test cluster, and a cold switch to the `kapi` context.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ExplorerApi, ExplorerNode } from '../../src/features/explorer';
import { waitFor } from '../../test/support/extension';

/** `kubectl <args>` on the `kapi` context, timed `runs` times after one warm-up; undefined when kubectl is missing. */
export async function timeKubectl(kubeconfig: string, args: readonly string[], runs: number): Promise<number[] | undefined> {
  const kubectl = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));
  if (!kubectl) return undefined;
  const run = () => new Promise<number>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(kubectl, ['--kubeconfig', kubeconfig, '--context', 'kapi', ...args],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: path.dirname(kubeconfig) } });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { bytes += chunk.length; });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && bytes > 0 ? resolve(performance.now() - started) : reject(new Error(`kubectl exited ${code}: ${stderr}`))));
  });
  await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await run());
  return samples;
}

/** From `kapi-bare` (no KServe) to `kapi`: resolves with the context node and when the switch started. */
export async function switchToKapi(api: ExplorerApi): Promise<{ started: number; context: ExplorerNode }> {
  await vscode.commands.executeCommand('kserve.explorer.selectContext', 'kapi-bare');
  await waitFor(() => api.snapshot().state === 'noKServe', 'the bare context', 30_000);
  const started = performance.now();
  await vscode.commands.executeCommand('kserve.explorer.selectContext', 'kapi');
  const context = await waitFor(async () => (await api.treeDataProvider.getChildren())?.[0], 'the context node', 60_000);
  return { started, context };
}
