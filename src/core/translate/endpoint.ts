import { OPENAI_ROUTES } from '../kserve/openaiRoutes';
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
  /** Short description for the status bar and messages. */
  readonly label: string;
  readonly inferenceService?: Pick<InferenceServiceTarget, 'context' | 'namespace' | 'name'>;
  /** How a discovered way reaches it ("via port-forward to …"), when it is not the URL itself. */
  readonly route?: string;
}

const OPENAI_SUFFIX = /\/openai(?:\/v1(?:\/(?:completions|chat\/completions|models(?:\/[^/]*)?))?)?\/?$/;

/** Parses a user-supplied base URL; accepts a pasted completions or models URL and keeps only its base. */
export function normalizeBaseUrl(raw: string, settingName: string): string {
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
  const path = url.pathname.replace(OPENAI_SUFFIX, '').replace(/\/+$/, '');
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
    if (!chosen.url) {
      throw new UserFacingError(
        `InferenceService ${where} has no URL yet (status.url is empty). Wait until it is Ready in the KServe explorer, or choose another translation target.`,
        'noEndpoint',
      );
    }
    const statusUrl = normalizeBaseUrl(chosen.url, `status.url of ${where}`);
    const viaIngress = settings.ingressUrl.trim() !== '';
    return {
      source: 'inferenceService',
      // With an ingress pathTemplate, status.url carries a path that the gateway routes on: keep it.
      baseUrl: viaIngress ? normalizeBaseUrl(settings.ingressUrl, 'kserve.ingress.url') + new URL(statusUrl).pathname.replace(/\/$/, '') : statusUrl,
      hostHeader: viaIngress ? hostOf(statusUrl) : undefined,
      model: chosen.model || chosen.name,
      label: where,
      inferenceService: { context: chosen.context, namespace: chosen.namespace, name: chosen.name },
    };
  }
  if (settings.url.trim() === '') return undefined;
  const baseUrl = normalizeBaseUrl(settings.url, 'kserve.endpoint.url');
  const hostHeader = settings.hostHeader.trim() || undefined;
  return { source: 'settings', baseUrl, hostHeader, model, label: hostHeader ?? new URL(baseUrl).host };
}

/**
 * The key a bearer token is stored under. It names both the address the request is sent to and the Host it is
 * routed to, so a token stored for one is never sent to a different server or a different routed service.
 */
export function tokenScope(endpoint: Pick<ResolvedEndpoint, 'baseUrl' | 'hostHeader'>): string {
  const origin = new URL(endpoint.baseUrl).origin;
  return endpoint.hostHeader ? `${origin} (Host: ${endpoint.hostHeader.toLowerCase()})` : origin;
}

export function completionsUrl(endpoint: Pick<ResolvedEndpoint, 'baseUrl'>): string {
  return `${endpoint.baseUrl}${OPENAI_ROUTES.completions}`;
}

export function modelUrl(endpoint: Pick<ResolvedEndpoint, 'baseUrl' | 'model'>): string {
  return `${endpoint.baseUrl}${OPENAI_ROUTES.model(endpoint.model)}`;
}

export function modelsUrl(endpoint: Pick<ResolvedEndpoint, 'baseUrl'>): string {
  return `${endpoint.baseUrl}${OPENAI_ROUTES.models}`;
}
