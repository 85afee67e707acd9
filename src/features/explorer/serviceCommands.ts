import * as vscode from 'vscode';
import { editableManifestYaml } from '../../core/explorer/manifest';
import { KubeObject } from '../../core/explorer/resources';
import { IsvcSummary, translationTarget } from '../../core/explorer/summary';
import { InferenceServiceTarget } from '../../core/target';
import { UserFacingError } from '../../core/errors';
import { Command, Commands } from '../../platform/commands';
import { Logger } from '../../core/logger';
import { eventsUri, manifestUri } from './documents';
import { ExplorerModel } from '../../app/explorer/explorerModel';
import { ExplorerNode } from '../../app/explorer/nodes';
import { resolveService } from './servicePicker';

/** What other features lend the explorer; the composition root passes them in. */
export interface ExplorerHooks {
  readonly useForTranslation?: (target: InferenceServiceTarget) => unknown;
  readonly testEndpoint?: (target: InferenceServiceTarget) => unknown;
}

export type ServiceCommand =
  | 'kserve.isvc.openManifest' | 'kserve.isvc.editManifest' | 'kserve.isvc.copyUrl' | 'kserve.isvc.useForTranslation'
  | 'kserve.isvc.testEndpoint' | 'kserve.isvc.showEvents' | 'kserve.isvc.delete';

/** The InferenceService actions of the tree's context menu (also usable from the palette, with a picker). */
export function serviceCommands(
  logger: Logger,
  model: ExplorerModel,
  selection: () => readonly ExplorerNode[],
  hooks: ExplorerHooks,
): Commands<ServiceCommand> {
  const command = (title: string, run: (isvc: IsvcSummary, context: string) => unknown): Command => ({
    title,
    run: async (arg?: unknown) => {
      const isvc = await resolveService(model, arg, selection());
      return isvc ? run(isvc, model.cluster!.contextName) : undefined;
    },
  });
  const hook = (name: string, fn: ((target: InferenceServiceTarget) => unknown) | undefined) => async (isvc: IsvcSummary, context: string) => {
    if (!fn) throw new UserFacingError(`${name} is not available in this window.`, 'unavailableHere');
    if (!isvc.details.url) {
      throw new UserFacingError(`${isvc.namespace}/${isvc.name} has no URL in its status yet (it is ${isvc.status.phase}).`, 'noUrl');
    }
    return fn(translationTarget(context, isvc));
  };

  return {
    'kserve.isvc.openManifest': command('Open manifest', async (isvc, context) => {
      const document = await vscode.workspace.openTextDocument(manifestUri({ context, namespace: isvc.namespace, name: isvc.name, kind: isvc.kind }));
      await vscode.languages.setTextDocumentLanguage(document, 'yaml');
      await vscode.window.showTextDocument(document, { preview: true });
      return document;
    }),
    'kserve.isvc.editManifest': command('Edit manifest', async (isvc) => {
      const object = await getLive(model, isvc);
      const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: editableManifestYaml(object) });
      await vscode.window.showTextDocument(document);
      return document;
    }),
    'kserve.isvc.copyUrl': command('Copy URL', async (isvc) => {
      if (!isvc.details.url) throw new UserFacingError(`${isvc.namespace}/${isvc.name} has no URL in its status yet.`, 'noUrl');
      await vscode.env.clipboard.writeText(isvc.details.url);
      vscode.window.setStatusBarMessage(`Copied ${isvc.details.url}`, 3000);
      return isvc.details.url;
    }),
    'kserve.isvc.useForTranslation': command('Use for translation', hook('Translation', hooks.useForTranslation)),
    'kserve.isvc.testEndpoint': command('Test endpoint', hook('Testing endpoints', hooks.testEndpoint)),
    'kserve.isvc.showEvents': command('Show events', async (isvc, context) => {
      const document = await vscode.workspace.openTextDocument(eventsUri({ context, namespace: isvc.namespace, name: isvc.name, kind: isvc.kind }));
      await vscode.window.showTextDocument(document, { preview: true });
      return document;
    }),
    'kserve.isvc.delete': command('Delete service', async (isvc, context) => {
      const confirmed = await vscode.window.showWarningMessage(
        `Delete ${isvc.kind} "${isvc.name}" in namespace "${isvc.namespace}"?`,
        { modal: true, detail: `Context "${context}". KServe removes its model servers, ${isvc.kind === 'LLMInferenceService' ? 'workloads' : 'revisions'} and routes. This cannot be undone.` },
        'Delete',
      );
      if (confirmed !== 'Delete') return false;
      await model.cluster!.api.delete(model.cluster!.serviceType(isvc.kind), isvc.namespace, isvc.name);
      logger.info(`Deleted ${isvc.kind} ${isvc.namespace}/${isvc.name} (context ${context})`);
      return true;
    }),
  };
}

async function getLive(model: ExplorerModel, isvc: IsvcSummary): Promise<KubeObject> {
  return model.cluster!.api.get(model.cluster!.serviceType(isvc.kind), isvc.namespace, isvc.name);
}
