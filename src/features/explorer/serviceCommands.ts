import * as vscode from 'vscode';
import { editableManifestYaml } from '../../core/explorer/manifest';
import { KubeObject, RESOURCES } from '../../core/explorer/resources';
import { IsvcSummary, translationTarget } from '../../core/explorer/summary';
import { InferenceServiceTarget } from '../../core/target';
import { UserFacingError } from '../../core/errors';
import { showError } from '../../platform/errors';
import { Services } from '../../platform/services';
import { eventsUri, manifestUri } from './documents';
import { ExplorerModel } from '../../app/explorer/explorerModel';
import { ExplorerNode } from '../../app/explorer/nodes';
import { resolveService } from './servicePicker';

/** What other features lend the explorer; the composition root passes them in. */
export interface ExplorerHooks {
  readonly useForTranslation?: (target: InferenceServiceTarget) => unknown;
  readonly testEndpoint?: (target: InferenceServiceTarget) => unknown;
}

/** The InferenceService actions of the tree's context menu (also usable from the palette, with a picker). */
export function registerServiceCommands(
  services: Services,
  model: ExplorerModel,
  selection: () => readonly ExplorerNode[],
  hooks: ExplorerHooks,
): vscode.Disposable[] {
  const command = (id: string, title: string, run: (isvc: IsvcSummary, context: string) => unknown) =>
    vscode.commands.registerCommand(id, async (arg?: unknown) => {
      try {
        const isvc = await resolveService(model, arg, selection());
        if (!isvc) return undefined;
        return await run(isvc, model.cluster!.contextName);
      } catch (err) {
        await showError(services, title, err);
        return undefined;
      }
    });
  const hook = (name: string, fn: ((target: InferenceServiceTarget) => unknown) | undefined) => async (isvc: IsvcSummary, context: string) => {
    if (!fn) throw new UserFacingError(`${name} is not available in this window.`, 'unavailableHere');
    if (!isvc.details.url) {
      throw new UserFacingError(`${isvc.namespace}/${isvc.name} has no URL in its status yet (it is ${isvc.status.phase}).`, 'noUrl');
    }
    return fn(translationTarget(context, isvc));
  };

  return [
    command('kserve.isvc.openManifest', 'Open manifest', async (isvc, context) => {
      const document = await vscode.workspace.openTextDocument(manifestUri({ context, namespace: isvc.namespace, name: isvc.name }));
      await vscode.languages.setTextDocumentLanguage(document, 'yaml');
      await vscode.window.showTextDocument(document, { preview: true });
      return document;
    }),
    command('kserve.isvc.editManifest', 'Edit manifest', async (isvc) => {
      const object = await getLive(model, isvc);
      const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: editableManifestYaml(object) });
      await vscode.window.showTextDocument(document);
      return document;
    }),
    command('kserve.isvc.copyUrl', 'Copy URL', async (isvc) => {
      if (!isvc.details.url) throw new UserFacingError(`${isvc.namespace}/${isvc.name} has no URL in its status yet.`, 'noUrl');
      await vscode.env.clipboard.writeText(isvc.details.url);
      vscode.window.setStatusBarMessage(`Copied ${isvc.details.url}`, 3000);
      return isvc.details.url;
    }),
    command('kserve.isvc.useForTranslation', 'Use for translation', hook('Translation', hooks.useForTranslation)),
    command('kserve.isvc.testEndpoint', 'Test endpoint', hook('Testing endpoints', hooks.testEndpoint)),
    command('kserve.isvc.showEvents', 'Show events', async (isvc, context) => {
      const document = await vscode.workspace.openTextDocument(eventsUri({ context, namespace: isvc.namespace, name: isvc.name }));
      await vscode.window.showTextDocument(document, { preview: true });
      return document;
    }),
    command('kserve.isvc.delete', 'Delete InferenceService', async (isvc, context) => {
      const confirmed = await vscode.window.showWarningMessage(
        `Delete InferenceService "${isvc.name}" in namespace "${isvc.namespace}"?`,
        { modal: true, detail: `Context "${context}". KServe removes its model servers, revisions and routes. This cannot be undone.` },
        'Delete',
      );
      if (confirmed !== 'Delete') return false;
      await model.cluster!.api.delete(RESOURCES.inferenceServices, isvc.namespace, isvc.name);
      services.logger.info(`Deleted InferenceService ${isvc.namespace}/${isvc.name} (context ${context})`);
      return true;
    }),
  ];
}

async function getLive(model: ExplorerModel, isvc: IsvcSummary): Promise<KubeObject> {
  return model.cluster!.api.get(RESOURCES.inferenceServices, isvc.namespace, isvc.name);
}
