import * as vscode from 'vscode';
import { defaultLogContainer, podSelector, readsPrevious, summarizePod } from '../../core/explorer/pods';
import { RESOURCES } from '../../core/explorer/resources';
import { isServiceKind, ServiceKind } from '../../core/kserve/serviceKinds';
import { UserFacingError } from '../../core/errors';
import { ExplorerModel } from '../../app/explorer/explorerModel';
import { ForwardInfo, PortForwards, servingPort } from '../../app/explorer/forwards';
import { DiagnosisNode, IsvcNode } from '../../app/explorer/nodes';
import { readyPod } from '../../app/explorer/reach';
import { Commands } from '../../platform/commands';
import { eventsUri, manifestUri } from './documents';
import { LogRequest, logsUri } from './logDocuments';

export type PodCommand =
  | 'kserve.pod.showLogs' | 'kserve.pod.showLogsWithOptions' | 'kserve.pod.showEvents' | 'kserve.pod.portForward' | 'kserve.stopPortForward'
  | 'kserve.explorer.runDiagnosisAction';

const DEFAULT_TAIL = 1000;

interface PodRef {
  readonly context: string;
  readonly namespace: string;
  readonly pod: string;
  readonly isvc?: string;
  readonly serviceKind?: ServiceKind;
  readonly container?: string;
}

/** A pod or container node, or `{ namespace, pod, container?, follow?, previous?, tailLines?, whole?, timestamps? }`. */
function podRef(model: ExplorerModel, arg: unknown): PodRef & Partial<LogRequest> & { whole?: boolean } {
  const value = (arg ?? {}) as Record<string, unknown>;
  const context = model.cluster?.contextName;
  if (!context) throw new UserFacingError('Connect to a cluster first (select a context).', 'notConnected');
  const parent = value.parent as Record<string, unknown> | undefined;
  const isvc = typeof value.isvc === 'string' ? value.isvc : typeof parent?.isvc === 'string' ? parent.isvc : undefined;
  const kind = [value.serviceKind, parent?.serviceKind].find(isServiceKind);
  if (typeof value.namespace !== 'string' || typeof value.pod !== 'string') {
    throw new UserFacingError('Choose a pod or container in the KServe explorer first.', 'noServices');
  }
  return { ...(value as Partial<LogRequest>), context, namespace: value.namespace, pod: value.pod, isvc, serviceKind: kind };
}

/** Logs and events of pods, and the diagnosis row's next step. */
export function podCommands(model: ExplorerModel, forwards: PortForwards): Commands<PodCommand> {
  const openLogs = async (arg: unknown, ask: boolean) => {
    const ref = podRef(model, arg);
    const pod = ref.isvc ? model.cluster?.pods.of(ref.namespace, ref.isvc, ref.serviceKind).find((p) => p.name === ref.pod) : undefined;
    const container = ref.container ?? (pod ? defaultLogContainer(pod) : 'kserve-container');
    const state = pod?.containers.find((c) => c.name === container);
    // After a crash the current instance has not written anything yet: the previous one says why it died.
    const previous = ref.previous ?? (state ? readsPrevious(state) : false);
    let request: LogRequest = {
      context: ref.context, namespace: ref.namespace, pod: ref.pod, container, follow: ref.follow ?? false, previous,
      tailLines: ref.whole ? undefined : ref.tailLines ?? DEFAULT_TAIL, timestamps: ref.timestamps ?? false,
    };
    if (ask) {
      const picked = await pickOptions(request, !!state?.lastTermination);
      if (!picked) return undefined;
      request = picked;
    }
    const document = await vscode.workspace.openTextDocument(logsUri(request));
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  };
  return {
    'kserve.pod.showLogs': { title: 'Show logs', run: (arg) => openLogs(arg, false) },
    'kserve.pod.showLogsWithOptions': { title: 'Show logs', run: (arg) => openLogs(arg, true) },
    'kserve.pod.showEvents': {
      title: 'Show events',
      run: async (arg) => {
        const ref = podRef(model, arg);
        const document = await vscode.workspace.openTextDocument(eventsUri({ context: ref.context, namespace: ref.namespace, name: ref.pod, kind: 'Pod' }));
        await vscode.window.showTextDocument(document, { preview: true });
        return document;
      },
    },
    'kserve.pod.portForward': {
      title: 'Port-forward',
      run: async (arg) => {
        if ((arg as { kind?: string } | undefined)?.kind === 'isvc') return forwardService(model, forwards, arg as IsvcNode);
        const ref = podRef(model, arg);
        const cluster = model.cluster!;
        const port = typeof (arg as { port?: unknown })?.port === 'number' ? (arg as { port: number }).port : servingPort(ref.serviceKind);
        const info = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `KServe: port-forward to ${ref.pod}` },
          () => forwards.toPod(cluster, ref.namespace, ref.pod, port));
        announce(info, forwards);
        return info;
      },
    },
    'kserve.stopPortForward': {
      title: 'Stop port-forward',
      run: async (arg) => {
        const running = forwards.list();
        const key = typeof arg === 'string' ? arg : (await vscode.window.showQuickPick(running.map((f) => ({
          label: f.url, description: `${f.target.namespace}/${f.target.pod}:${f.target.port}`, detail: `context ${f.context}`, key: f.key,
        })), { title: 'Stop which port-forward?', placeHolder: running.length ? undefined : 'No port-forward is running' }))?.key;
        return key ? forwards.stop(key) : false;
      },
    },
    'kserve.explorer.runDiagnosisAction': {
      title: 'Diagnosis',
      run: async (arg) => {
        const node = arg as DiagnosisNode | undefined;
        const action = node?.diagnosis?.action;
        if (!node || !action) return undefined;
        const service = { context: node.context, namespace: node.namespace, name: node.name, kind: node.serviceKind };
        if (action.kind === 'showLogs') {
          return openLogs({
            namespace: node.namespace, pod: action.pod, container: action.container, previous: action.previous, isvc: node.name, serviceKind: node.serviceKind,
          }, false);
        }
        if (action.kind === 'showEvents') {
          const document = await vscode.workspace.openTextDocument(eventsUri(service));
          await vscode.window.showTextDocument(document, { preview: true });
          return document;
        }
        const document = await vscode.workspace.openTextDocument(manifestUri(service));
        await vscode.languages.setTextDocumentLanguage(document, 'yaml');
        const editor = await vscode.window.showTextDocument(document, { preview: true });
        const line = fieldLine(document.getText(), action.field);
        if (line !== undefined) {
          const range = document.lineAt(line).range;
          editor.selection = new vscode.Selection(range.start, range.end);
          editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
        }
        return document;
      },
    },
  };
}

/** From a service's row: one of its pods, or one of its Services (forwarded to a ready pod behind it). */
async function forwardService(model: ExplorerModel, forwards: PortForwards, node: IsvcNode): Promise<ForwardInfo | undefined> {
  const cluster = model.cluster;
  if (!cluster) throw new UserFacingError('Connect to a cluster first (select a context).', 'notConnected');
  const selector = podSelector(node.name, node.serviceKind);
  const [pods, services] = await Promise.all([
    cluster.api.list(RESOURCES.pods, { namespace: node.namespace, labelSelector: selector }),
    cluster.api.list(RESOURCES.services, { namespace: node.namespace, labelSelector: selector }),
  ]);
  type Item = vscode.QuickPickItem & { pick: () => Promise<ForwardInfo> };
  const items: Item[] = [
    ...(services.items ?? []).map((svc): Item => {
      const spec = (svc.spec ?? {}) as { selector?: Record<string, string>; ports?: { port: number; targetPort?: number | string }[] };
      const port = spec.ports?.[0];
      return {
        label: `$(server) ${svc.metadata.name}`, description: `Service, port ${port?.port ?? '?'}`,
        pick: () => forwards.start(cluster, `service/${node.namespace}/${svc.metadata.name}`, async () => {
          const ready = await readyPod(cluster, node.namespace, Object.entries(spec.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(','));
          if (!ready) throw new UserFacingError(`Service ${svc.metadata.name} has no ready pod.`, 'connectionRefused');
          return { namespace: node.namespace, pod: ready.name, port: typeof port?.targetPort === 'number' ? port.targetPort : servingPort(node.serviceKind) };
        }),
      };
    }),
    ...(pods.items ?? []).map(summarizePod).map((pod): Item => ({
      label: `$(symbol-constructor) ${pod.name}`, description: `pod, ${pod.phase}, port ${servingPort(node.serviceKind)}`,
      pick: () => forwards.toPod(cluster, node.namespace, pod.name, servingPort(node.serviceKind)),
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `Port-forward to ${node.namespace}/${node.name}`, placeHolder: items.length ? undefined : 'It has no pods or Services yet' });
  if (!picked) return undefined;
  const info = await picked.pick();
  announce(info, forwards);
  return info;
}

/** Says where a forward listens, with buttons to copy the address and to stop it. */
function announce(info: ForwardInfo, forwards: PortForwards): void {
  const { namespace, pod, port } = info.target;
  void vscode.window.showInformationMessage(`KServe: ${info.url} forwards to ${namespace}/${pod}:${port} (loopback only).`, 'Copy Address', 'Stop')
    .then(async (choice) => {
      if (choice === 'Copy Address') await vscode.env.clipboard.writeText(info.url);
      if (choice === 'Stop') forwards.stop(info.key);
    });
}

/** The line of a dotted field such as `resources.limits.memory` in YAML text: each key indented below the last. */
export function fieldLine(text: string, field: string): number | undefined {
  const keys = field.split('.');
  const lines = text.split('\n');
  let want = 0;
  let indent = -1;
  for (let i = 0; i < lines.length; i++) {
    const match = /^(\s*)(?:- )?([\w./-]+):/.exec(lines[i]);
    if (!match) continue;
    const depth = match[1].length;
    if (want > 0 && depth <= indent) { want = 0; indent = -1; }
    if (match[2] === keys[want] && depth > indent) {
      want++;
      indent = depth;
      if (want === keys.length) return i;
    }
  }
  return undefined;
}

async function pickOptions(request: LogRequest, restarted: boolean): Promise<LogRequest | undefined> {
  type Item = vscode.QuickPickItem & { option: 'follow' | 'previous' | 'timestamps' | 'all' };
  const items: Item[] = [
    { label: 'Follow', description: 'keep streaming new lines until the tab closes', option: 'follow', picked: request.follow },
    { label: 'Previous instance', description: restarted ? 'the container before its last restart' : 'the container has not restarted',
      option: 'previous', picked: request.previous },
    { label: 'Timestamps', description: 'prefix each line with its time', option: 'timestamps', picked: request.timestamps },
    { label: 'Whole log', description: `instead of the last ${DEFAULT_TAIL} lines`, option: 'all' },
  ];
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: `Logs of ${request.pod} / ${request.container}` });
  if (!picked) return undefined;
  const has = (option: Item['option']) => picked.some((p) => p.option === option);
  return { ...request, follow: has('follow'), previous: has('previous'), timestamps: has('timestamps'), tailLines: has('all') ? undefined : DEFAULT_TAIL };
}
