import * as vscode from 'vscode';
import { AuthoringApi, AuthoringFeature } from './features/authoring';
import { DeployApi, DeployFeature } from './features/deploy';
import { ExplorerApi, ExplorerFeature, EXPLORER_CONTEXT_KEY } from './features/explorer';
import { TranslateApi, TranslateFeature } from './features/translate';
import { openWalkthroughOnFirstRun, WalkthroughProgress } from './features/walkthrough';
import { CommandTable, registerCommands } from './platform/commands';
import { KnownSecrets } from './core/logger';
import { KubeSession } from './infra/kube/session';
import { Config } from './platform/config';
import { createLogger } from './platform/logging';
import { Services } from './platform/services';

/** Returned from activate(); integration tests reach the live models through it. */
export interface KServeToolkitApi {
  readonly explorer: ExplorerApi;
  readonly translate: TranslateApi;
  readonly authoring: AuthoringApi;
  readonly deploy: DeployApi;
  /** The walkthrough steps completed in this window. */
  readonly walkthrough: { readonly completed: readonly string[] };
  /** How long activate() took, from its first line to its return. */
  readonly activatedInMs: number;
}

export function activate(context: vscode.ExtensionContext): KServeToolkitApi {
  const started = performance.now();
  const channel = vscode.window.createOutputChannel('KServe', { log: true });
  const secrets = new KnownSecrets();
  const logger = createLogger(channel, secrets);
  const config = new Config();
  context.subscriptions.push(channel, config);
  const kube = new KubeSession({
    sources: () => ({ settingPath: config.kubeconfigPath, kubeconfigEnv: process.env.KUBECONFIG }),
    preferredContext: () => context.workspaceState.get<string>(EXPLORER_CONTEXT_KEY),
  });
  context.subscriptions.push(kube);
  const rememberKubeTokens = () => kube.current?.kubeConfig.users.forEach((user) => secrets.add(user.token));
  context.subscriptions.push(kube.onDidChangeConnection(rememberKubeTokens));
  const services: Services = { context, logger, secrets, config, kube };

  const translate = new TranslateFeature(services);
  const explorer = new ExplorerFeature(services, {
    useForTranslation: (target) => translate.useInferenceService(target),
    testEndpoint: (target) => translate.testEndpoint(target),
  });
  context.subscriptions.push(translate.useExplorer(explorer));
  const authoring = new AuthoringFeature(services);
  const deploy = new DeployFeature(services, explorer.model, {
    useForTranslation: (target) => translate.useInferenceService(target),
    testEndpoint: (target) => translate.testEndpoint(target),
  });
  const walkthrough = new WalkthroughProgress({
    explorerChanged: (listener) => explorer.onDidChangeData(listener),
    snapshot: () => explorer.snapshot(),
    applied: (listener) => authoring.onDidApply(listener),
    deployed: (listener) => deploy.onDidDeploy(listener),
    translated: (listener) => translate.onDidFinishTranslation(listener),
  });
  const commands: CommandTable = {
    'kserve.showLog': { title: 'Show Log', run: () => channel.show() },
    ...translate.commands,
    ...explorer.commands,
    ...authoring.commands,
    ...deploy.commands,
  };
  context.subscriptions.push(translate, explorer, authoring, deploy, walkthrough, registerCommands(commands, services));

  openWalkthroughOnFirstRun(context, config.walkthroughOnFirstRun);

  const activatedInMs = performance.now() - started;
  logger.info(`KServe Toolkit ${context.extension.packageJSON.version} activated in ${activatedInMs.toFixed(1)} ms`);
  return { explorer, translate, authoring, deploy, walkthrough, activatedInMs };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
