import { ResolvedEndpoint } from '../../core/translate/endpoint';
import { TransportSettings } from '../../infra/http/dispatchers';
import { ModelAddress } from '../../infra/http/inferenceClient';

/** Everything one request needs: where, how, and with which token. */
export interface Connection {
  readonly endpoint: ResolvedEndpoint;
  readonly address: ModelAddress;
  readonly transport: TransportSettings;
  /** The SecretStorage scope the token belongs to. */
  readonly scope: string;
}
