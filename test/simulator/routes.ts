import type { ServerResponse } from 'node:http';
import { OPENAI_ROUTES, VLLM_ROUTES } from '../../src/core/kserve/openaiRoutes';
import { sendJson } from './httpReplies';
import { modelNotFoundBody, modelNotReadyBody, SYSTEM_FINGERPRINT } from './payloads';
import type { ModelStatus } from './generationHandler';
import type { ModelSpec } from './types';

/** What the non-generating routes need from the simulator. */
export interface ModelRegistry {
  models(): readonly ModelSpec[];
  status(name: string): ModelStatus;
  startedAt: number;
}

export interface RouteCall {
  res: ServerResponse;
  /** The `{name}` path segment, URL-decoded; '' for routes without one. */
  name: string;
  rawBody: string;
  body: unknown;
  /** Aborts when the client goes away or the simulator closes. */
  signal: AbortSignal;
  requestIndex: number;
}

export type RouteAction = (call: RouteCall) => void | Promise<void>;

export interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  action: RouteAction;
}

/** Answers 404/503 for a model that is unknown or not ready; true when it did. */
function refusedModel(res: ServerResponse, registry: ModelRegistry, name: string): boolean {
  const status = registry.status(name);
  if (status === 'ready') return false;
  sendJson(res, status === 'unknown' ? 404 : 503, (status === 'unknown' ? modelNotFoundBody : modelNotReadyBody)(name));
  return true;
}

const MODEL_NAME = '([^/]+)';

export function modelRoutes(registry: ModelRegistry): Route[] {
  const whenReady =
    (answer: (res: ServerResponse, name: string) => void): RouteAction =>
    ({ res, name }) => {
      if (!refusedModel(res, registry, name)) answer(res, name);
    };
  const doesNotSupportInference = whenReady((res) =>
    sendJson(res, 500, { error: 'Model of type HuggingfaceGenerativeModel does not support inference' }),
  );
  return [
    { method: 'GET', pattern: /^\/$/, action: ({ res }) => sendJson(res, 200, { status: 'alive' }) },
    modelList(registry, OPENAI_ROUTES.models, SYSTEM_FINGERPRINT),
    // KServe's OpenAI readiness route answers a bare JSON null when the model is ready, and 503 "not ready" for
    // every failure, an unknown model included.
    {
      method: 'GET',
      pattern: new RegExp(`^${OPENAI_ROUTES.models}/${MODEL_NAME}$`),
      action: ({ res, name }) => (registry.status(name) === 'ready' ? sendJson(res, 200, null) : sendJson(res, 503, modelNotReadyBody(name))),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/v1/models/${MODEL_NAME}$`),
      action: whenReady((res, name) => sendJson(res, 200, { name, ready: true })),
    },
    { method: 'POST', pattern: new RegExp(`^/v1/models/${MODEL_NAME}:predict$`), action: doesNotSupportInference },
    { method: 'GET', pattern: /^\/v2\/health\/live$/, action: ({ res }) => sendJson(res, 200, { live: true }) },
    {
      method: 'GET',
      pattern: /^\/v2\/health\/ready$/,
      action: ({ res }) => {
        const ready = registry.models().every((model) => model.ready);
        sendJson(res, ready ? 200 : 503, { ready });
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/v2/models/${MODEL_NAME}/ready$`),
      action: whenReady((res, name) => sendJson(res, 200, { name, ready: true })),
    },
    { method: 'POST', pattern: new RegExp(`^/v2/models/${MODEL_NAME}/infer$`), action: doesNotSupportInference },
  ];
}

function modelList(registry: ModelRegistry, path: string, owner: string): Route {
  return {
    method: 'GET',
    pattern: new RegExp(`^${path}$`),
    action: ({ res }) => sendJson(res, 200, {
      object: 'list',
      data: registry.models().map((model) => ({ id: model.name, object: 'model', created: registry.startedAt, owned_by: owner })),
    }),
  };
}

/** vLLM's own server: the model list and the health route; it has no per-model readiness route. */
export function vllmRoutes(registry: ModelRegistry): Route[] {
  return [
    modelList(registry, VLLM_ROUTES.models, 'vllm'),
    { method: 'GET', pattern: /^\/health$/, action: ({ res }) => { res.writeHead(200, { 'content-length': '0' }); res.end(); } },
  ];
}

/** Finds the route for a request: the route and its model name, 'wrongMethod', or undefined. */
export function matchRoute(routes: readonly Route[], method: string, path: string) {
  let pathKnown = false;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.method !== method) {
      pathKnown = true;
      continue;
    }
    let name = match[1] ?? '';
    try {
      name = decodeURIComponent(name);
    } catch {
      // a malformed escape stays as sent
    }
    return { route, name };
  }
  return pathKnown ? ('wrongMethod' as const) : undefined;
}
