import { ModelApi, RequestStyle, routesOf } from '../kserve/openaiRoutes';
import { UserFacingError } from '../errors';
import { InferenceServiceTarget } from '../target';

/** The settings that say where to send requests when no InferenceService is chosen. */
export interface EndpointSettingsInput {
  readonly url: string;
  readonly hostHeader: string;
  readonly model: string;
  readonly ingressUrl: string;
}

export interface ResolvedEndpoint {
  readonly source: 'inferenceService' | 'settings';
  /** Scheme, authority and optional path prefix, without a trailing slash. */
  readonly baseUrl: string;
  /** Sent as `Host:` instead of the authority of `baseUrl`, for ingress gateways that route on it. */
  readonly hostHeader: string | undefined;
  readonly model: string;
  /** Which server answers: KServe's (`/openai/v1`) or vLLM's behind an LLMInferenceService (`/v1`). */
  readonly api: ModelApi;
  readonly style: RequestStyle;
  /** Short description for the status bar and messages. */
  readonly label: string;
  readonly inferenceService?: Pick<InferenceServiceTarget, 'kind' | 'context' | 'namespace' | 'name'>;
  /** How a discovered way reaches it ("via port-forward to …"), when it is not the URL itself. */
  readonly route?: string;
}

const OPENAI_SUFFIX = /\/openai(?:\/v1(?:\/(?:completions|chat\/completions|models(?:\/[^/]*)?))?)?\/?$/;
const VLLM_SUFFIX = /\/v1(?:\/(?:completions|chat\/completions|models))?\/?$/;

/** Parses a user-supplied base URL; accepts a pasted completions or models URL and keeps only its base. */
export function normalizeBaseUrl(raw: string, settingName: string, api: ModelApi = 'kserve'): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new UserFacingError(
      `"${raw}" in ${settingName} is not a URL. Use the endpoint's base address, for example http://localhost:8080.`,
      'invalidEndpoint',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserFacingError(`${settingName} must start with http:// or https:// (got "${url.protocol}").`, 'invalidEndpoint');
  }
  if (url.username || url.password) {
    throw new UserFacingError(
      `${settingName} must not contain a user name or password. Remove them and store a token with "KServe: Set Endpoint Token".`,
      'invalidEndpoint',
    );
  }
  const path = url.pathname.replace(api === 'vllm' ? VLLM_SUFFIX : OPENAI_SUFFIX, '').replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** The `Host:` value for an InferenceService's status.url (its authority: host, plus port if not the default). */
export function hostOf(url: string): string {
  return new URL(url).host;
}

/**
 * Where to send requests: the InferenceService chosen in the explorer first (its status.url, or the ingress
 * gateway with a Host header taken from status.url), else the endpoint settings. Undefined when neither is set.
 */
export function resolveEndpoint(chosen: InferenceServiceTarget | undefined, settings: EndpointSettingsInput): ResolvedEndpoint | undefined {
  const model = settings.model.trim() || 't5';
  if (chosen) {
    const where = `${chosen.namespace}/${chosen.name}`;
    const kind = chosen.kind ?? 'InferenceService';
    const api: ModelApi = kind === 'LLMInferenceService' ? 'vllm' : 'kserve';
    if (!chosen.url) {
      throw new UserFacingError(
        `${kind} ${where} has no URL yet (status.url is empty). Wait until it is Ready in the KServe explorer, or choose another translation target.`,
        'noEndpoint',
      );
    }
    const statusUrl = normalizeBaseUrl(chosen.url, `status.url of ${where}`, api);
    const viaIngress = settings.ingressUrl.trim() !== '';
    return {
      source: 'inferenceService',
      // With an ingress pathTemplate, status.url carries a path that the gateway routes on: keep it.
      baseUrl: viaIngress ? normalizeBaseUrl(settings.ingressUrl, 'kserve.ingress.url') + new URL(statusUrl).pathname.replace(/\/$/, '') : statusUrl,
      hostHeader: viaIngress ? hostOf(statusUrl) : undefined,
      model: chosen.model || chosen.name,
      api,
      style: chosen.style ?? 'completions',
      label: where,
      inferenceService: { kind, context: chosen.context, namespace: chosen.namespace, name: chosen.name },
    };
  }
  if (settings.url.trim() === '') return undefined;
  const baseUrl = normalizeBaseUrl(settings.url, 'kserve.endpoint.url');
  const hostHeader = settings.hostHeader.trim() || undefined;
  return { source: 'settings', baseUrl, hostHeader, model, api: 'kserve', style: 'completions', label: hostHeader ?? new URL(baseUrl).host };
}

/**
 * The key a bearer token is stored under. It names both the address the request is sent to and the Host it is
 * routed to, so a token stored for one is never sent to a different server or a different routed service.
 */
export function tokenScope(endpoint: Pick<ResolvedEndpoint, 'baseUrl' | 'hostHeader'>): string {
  const origin = new URL(endpoint.baseUrl).origin;
  return endpoint.hostHeader ? `${origin} (Host: ${endpoint.hostHeader.toLowerCase()})` : origin;
}

type Addressed = { readonly baseUrl: string; readonly api?: ModelApi; readonly style?: RequestStyle };

/** The route a run posts to: completions, or chat/completions for the chat style. */
export function completionsUrl(endpoint: Addressed): string {
  const routes = routesOf(endpoint.api);
  return `${endpoint.baseUrl}${endpoint.style === 'chat' ? routes.chatCompletions : routes.completions}`;
}

/** KServe's readiness route for the model; undefined for servers without one (vLLM). */
export function modelUrl(endpoint: Addressed & { readonly model: string }): string | undefined {
  const route = routesOf(endpoint.api).model;
  return route ? `${endpoint.baseUrl}${route(endpoint.model)}` : undefined;
}

export function modelsUrl(endpoint: Addressed): string {
  return `${endpoint.baseUrl}${routesOf(endpoint.api).models}`;
}
