import * as k8s from '@kubernetes/client-node';
import { ISVC_GROUP, ISVC_PLURAL, ISVC_VERSION, type InferenceService } from './cluster-isvc';
import { waitFor, type WaitOptions } from './cluster-wait';

export interface IsvcWatchEvent {
  type: string;
  object: InferenceService;
}

/** Records the events of one InferenceService watch. It does not reconnect: `ended` settles when the stream stops. */
export class IsvcWatchRecorder {
  readonly events: IsvcWatchEvent[] = [];
  /** Resolves with the error (or undefined) once the server or `stop()` ends the stream. */
  readonly ended: Promise<unknown>;
  private markEnded!: (error: unknown) => void;
  private controller?: AbortController;

  private constructor() {
    this.ended = new Promise((resolve) => (this.markEnded = resolve));
  }

  /** Lists first and watches from that resourceVersion, so no change after `start` resolves can be missed. */
  static async start(kubeConfig: k8s.KubeConfig, namespace?: string): Promise<IsvcWatchRecorder> {
    const recorder = new IsvcWatchRecorder();
    const api = kubeConfig.makeApiClient(k8s.CustomObjectsApi);
    const coordinates = { group: ISVC_GROUP, version: ISVC_VERSION, plural: ISVC_PLURAL };
    const list = (namespace
      ? await api.listNamespacedCustomObject({ ...coordinates, namespace })
      : await api.listClusterCustomObject(coordinates)) as { metadata?: { resourceVersion?: string } };
    const path = namespace
      ? `/apis/${ISVC_GROUP}/${ISVC_VERSION}/namespaces/${namespace}/${ISVC_PLURAL}`
      : `/apis/${ISVC_GROUP}/${ISVC_VERSION}/${ISVC_PLURAL}`;
    recorder.controller = await new k8s.Watch(kubeConfig).watch(
      path,
      { resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: false },
      (type, object) => recorder.events.push({ type, object: object as InferenceService }),
      (error) => recorder.markEnded(error),
    );
    return recorder;
  }

  /** Resolves with the first recorded event (past or future) that matches. */
  waitForEvent(predicate: (event: IsvcWatchEvent) => boolean, options: WaitOptions): Promise<IsvcWatchEvent> {
    return waitFor(() => this.events.find(predicate), options);
  }

  stop(): void {
    this.controller?.abort();
  }
}
