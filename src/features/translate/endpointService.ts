import * as vscode from 'vscode';
import { UserFacingError } from '../../core/errors';
import { Disposable, Emitter } from '../../core/lifecycle';
import { InferenceServiceTarget } from '../../core/target';
import { EndpointSettingsInput, resolveEndpoint, ResolvedEndpoint, tokenScope } from '../../core/translate/endpoint';
import { TransportSettings } from '../../infra/http/dispatchers';
import { Connection } from '../../app/translate/connection';
import type { Reach } from '../../app/explorer/reach';
import { Services } from '../../platform/services';
import { ServiceKind } from '../../core/kserve/serviceKinds';

const CHOSEN_KEY = 'kserve.translate.inferenceService';
const TOKEN_KEY_PREFIX = 'kserve.endpointToken:';

/**
 * The active translation target: the InferenceService chosen in the explorer (remembered per workspace) or the
 * endpoint settings, the bearer token stored for it, and the transport settings (timeouts, TLS, VS Code's proxy).
 */
export class EndpointService extends Disposable {
  private readonly changed = this._register(new Emitter<void>());
  /** Fires when the target, its settings or a stored token change. */
  readonly onDidChange = this.changed.event;
  private insecureWarningShown = false;
  /** Finds the way to an InferenceService when no ingress address is set (lent by the explorer). */
  reach: ((target: InferenceServiceTarget) => Promise<Reach | undefined>) | undefined;
  /** Reads a service of the current context as a target (lent by the explorer), for kserve.translate.defaultService. */
  findTarget: ((kind: ServiceKind, namespace: string, name: string) => Promise<InferenceServiceTarget | undefined>) | undefined;
  /** The way last found, by target, so that the status bar and later requests use it. */
  private reached: { key: string; reach: Reach } | undefined;

  constructor(private readonly services: Services) {
    super();
    this._register(services.config.onDidChange((e) => {
      if (e.affectsConfiguration('kserve.endpoint') || e.affectsConfiguration('kserve.ingress') || e.affectsConfiguration('kserve.log')) {
        this.changed.fire();
      }
    }));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('http') && this.changed.fire()));
    this._register(services.context.secrets.onDidChange((e) => e.key.startsWith(TOKEN_KEY_PREFIX) && this.changed.fire()));
  }

  get chosenInferenceService(): InferenceServiceTarget | undefined {
    return this.services.context.workspaceState.get<InferenceServiceTarget>(CHOSEN_KEY);
  }

  async choose(target: InferenceServiceTarget | undefined): Promise<void> {
    await this.services.context.workspaceState.update(CHOSEN_KEY, target);
    this.reached = undefined;
    this.changed.fire();
  }

  /** The endpoint settings, where only the user's own values count in an untrusted workspace. */
  settings(): EndpointSettingsInput {
    return this.services.config.endpoint;
  }

  /** The resolved target, or undefined when nothing is configured. Throws when a configured URL is invalid. */
  resolve(override?: InferenceServiceTarget): ResolvedEndpoint | undefined {
    const target = override ?? this.chosenInferenceService;
    const endpoint = resolveEndpoint(target, this.settings());
    const reached = target && this.reached?.key === reachKey(target) ? this.reached.reach : undefined;
    return endpoint && reached && !this.settings().ingressUrl.trim() ? withReach(endpoint, reached) : endpoint;
  }

  /** Like `resolve`, but fails with a `noEndpoint` error, and adds the token and transport settings. */
  async connect(override?: InferenceServiceTarget): Promise<Connection> {
    if (!override && !this.chosenInferenceService) await this.adoptDefaultService();
    const endpoint = this.resolve(override);
    if (!endpoint) {
      throw new UserFacingError(
        'No translation endpoint is configured. Choose a T5 InferenceService in the KServe explorer, or set kserve.endpoint.url to its address.',
        'noEndpoint',
      );
    }
    const target = override ?? this.chosenInferenceService;
    if (target && endpoint.source === 'inferenceService' && !this.settings().ingressUrl.trim() && this.reach) {
      const reach = await this.reach(target);
      if (reach) {
        const changed = this.reached?.key !== reachKey(target) || this.reached.reach.baseUrl !== reach.baseUrl;
        this.reached = { key: reachKey(target), reach };
        if (changed) {
          this.services.logger.info(`Reaching ${endpoint.label} ${reach.description} (${reach.baseUrl})`);
          this.changed.fire();
        }
        return this.connectTo(withReach(endpoint, reach), tokenScope({ baseUrl: reach.origin, hostHeader: reach.hostHeader }));
      }
    }
    return this.connectTo(endpoint, tokenScope(endpoint));
  }

  /** With nothing chosen in this workspace, kserve.translate.defaultService becomes the chosen target. */
  private async adoptDefaultService(): Promise<void> {
    const setting = this.services.config.translate.defaultService;
    const match = /^(llm:)?([a-z0-9-]+)\/([a-z0-9.-]+)$/.exec(setting);
    if (!setting || !this.findTarget) return;
    if (!match) {
      this.services.logger.warn(`kserve.translate.defaultService "${setting}" is not namespace/name: ignored`);
      return;
    }
    const kind: ServiceKind = match[1] ? 'LLMInferenceService' : 'InferenceService';
    const target = await this.findTarget(kind, match[2], match[3]).catch(() => undefined);
    if (!target) {
      this.services.logger.warn(`kserve.translate.defaultService: ${kind} ${match[2]}/${match[3]} was not found in the current context`);
      return;
    }
    this.services.logger.info(`Translating with ${kind} ${target.namespace}/${target.name} (kserve.translate.defaultService)`);
    await this.choose(target);
  }

  private async connectTo(endpoint: ResolvedEndpoint, scope: string): Promise<Connection> {
    const token = await this.getToken(scope);
    const transport = this.transport();
    if (transport.insecureSkipTlsVerify && endpoint.baseUrl.startsWith('https:')) this.warnInsecure();
    return {
      endpoint,
      scope,
      transport,
      address: { baseUrl: endpoint.baseUrl, hostHeader: endpoint.hostHeader, model: endpoint.model, token, api: endpoint.api, style: endpoint.style },
    };
  }

  transport(): TransportSettings {
    const endpoint = this.services.config.endpoint;
    return {
      connectTimeoutMs: endpoint.connectTimeoutMs,
      idleTimeoutMs: endpoint.idleTimeoutMs,
      caFile: endpoint.caFile || undefined,
      insecureSkipTlsVerify: endpoint.insecureSkipTlsVerify,
      proxy: this.services.config.proxy,
    };
  }

  async getToken(scope: string): Promise<string | undefined> {
    const token = await this.services.context.secrets.get(TOKEN_KEY_PREFIX + scope);
    this.services.secrets.add(token);
    return token;
  }

  async setToken(scope: string, token: string | undefined): Promise<void> {
    this.services.secrets.add(token);
    if (token) await this.services.context.secrets.store(TOKEN_KEY_PREFIX + scope, token);
    else await this.services.context.secrets.delete(TOKEN_KEY_PREFIX + scope);
  }

  private warnInsecure(): void {
    this.services.logger.warn('TLS certificate verification is off for the inference endpoint (kserve.endpoint.insecureSkipTlsVerify).');
    if (this.insecureWarningShown) return;
    this.insecureWarningShown = true;
    void vscode.window.showWarningMessage(
      'KServe: TLS certificate verification is off for the inference endpoint (kserve.endpoint.insecureSkipTlsVerify). Anyone on the network path can read your text and token.',
    );
  }
}

const reachKey = (target: InferenceServiceTarget) => `${target.context}/${target.namespace}/${target.name}/${target.url}`;

/** The endpoint as the discovered way reaches it: another address, maybe a Host header, and a label saying how. */
function withReach(endpoint: ResolvedEndpoint, reach: Reach): ResolvedEndpoint {
  const direct = reach.description === 'via its URL';
  return direct ? { ...endpoint, baseUrl: reach.baseUrl, hostHeader: reach.hostHeader }
    : { ...endpoint, baseUrl: reach.baseUrl, hostHeader: reach.hostHeader, label: `${endpoint.label} ${reach.description}`, route: reach.description };
}
