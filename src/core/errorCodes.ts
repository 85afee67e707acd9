/** A button on an error message that leads to the fix. */
export type ErrorAction = 'chooseInferenceService' | 'setEndpointUrl' | 'setToken' | 'openSettings' | 'showLog';

export interface ErrorCodeInfo {
  /** The buttons on its message, in order. */
  readonly actions: readonly ErrorAction[];
  /** The settings that `openSettings` shows. */
  readonly setting?: string;
  /**
   * When the failure cuts a translation short, what the note on a kept partial translation says; without it the
   * partial text is always removed.
   */
  readonly cutMidStream?: string;
}

const LOG: ErrorCodeInfo = { actions: ['showLog'] };
const NONE: ErrorCodeInfo = { actions: [] };
const ADDRESS: ErrorCodeInfo = { actions: ['setEndpointUrl', 'showLog'] };
const TOKEN: ErrorCodeInfo = { actions: ['setToken'] };
const settings = (setting: string, extra: Partial<ErrorCodeInfo> = {}): ErrorCodeInfo => ({ actions: ['openSettings', 'showLog'], setting, ...extra });

/**
 * Every failure the extension reports, by code. Adding a failure means adding its code here: the compiler then
 * checks every place that treats codes differently.
 */
export const ERROR_CODES = {
  // Reaching the model and the OpenAI-compatible route.
  noEndpoint: { actions: ['chooseInferenceService', 'setEndpointUrl'] },
  invalidEndpoint: ADDRESS,
  connectionRefused: ADDRESS,
  dnsFailure: ADDRESS,
  routeNotFound: ADDRESS,
  notEventStream: ADDRESS,
  networkUnreachable: LOG,
  connectionReset: { ...LOG, cutMidStream: 'the connection was lost' },
  tlsFailure: settings('kserve.endpoint'),
  caFileUnreadable: settings('kserve.endpoint.caFile'),
  timeout: settings('kserve.endpoint', { cutMidStream: 'the stream stalled' }),
  deadlineExceeded: settings('kserve.translate.deadlineSeconds'),
  unauthorized: TOKEN,
  forbidden: TOKEN,
  modelNotFound: { actions: ['openSettings', 'chooseInferenceService'], setting: 'kserve.endpoint.model' },
  modelNotReady: LOG,
  contextTooLong: settings('kserve.translate.maxTokens'),
  maxTokensOutOfRange: settings('kserve.translate.maxTokens'),
  serverError: LOG,
  badRequest: LOG,
  gatewayError: LOG,
  rateLimited: LOG,
  httpError: LOG,
  requestFailed: LOG,
  // The stream itself.
  streamIncomplete: { ...LOG, cutMidStream: 'the stream ended early' },
  streamError: { ...LOG, cutMidStream: 'the server reported an error' },
  streamTooLarge: LOG,
  malformedStream: { ...LOG, cutMidStream: 'the stream was malformed' },
  // The editor.
  cancelled: { ...NONE, cutMidStream: 'cancelled' },
  emptySelection: NONE,
  busy: NONE,
  editedWhileStreaming: NONE,
  editRefused: LOG,
  readOnly: NONE,
  // The cluster.
  noKubeconfig: NONE,
  badContext: NONE,
  noCluster: NONE,
  clusterUnreachable: LOG,
  clusterTls: LOG,
  clusterTimeout: LOG,
  clusterUnauthorized: LOG,
  clusterForbidden: LOG,
  clusterNotFound: LOG,
  clusterGone: LOG,
  clusterConflict: LOG,
  clusterInvalid: LOG,
  clusterServerError: LOG,
  clusterAuthPlugin: LOG,
  // The explorer.
  badNamespace: NONE,
  serviceGone: NONE,
  noServices: NONE,
  noUrl: NONE,
  unavailableHere: NONE,
  notConnected: NONE,
  // Manifests.
  noManifestEditor: NONE,
  noKServeDocuments: NONE,
  documentGone: NONE,
  documentChanged: NONE,
  yamlErrors: NONE,
  // Guided deploy.
  badArgument: NONE,
  deployFailed: LOG,
  // Anything that was not written for the user.
  unknown: LOG,
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function errorCodeInfo(code: ErrorCode): ErrorCodeInfo {
  return ERROR_CODES[code];
}
