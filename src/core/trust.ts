/**
 * Settings that say where text, tokens or cluster requests go, or how much work the extension does. In an untrusted
 * workspace only the user's own value (or the default) of these counts: a cloned repository's .vscode/settings.json
 * cannot redirect data or make the extension work for it. package.json lists the same keys as restricted.
 */
export const RESTRICTED_SETTINGS: ReadonlySet<string> = new Set([
  'kubeconfig', 'endpoint.url', 'endpoint.hostHeader', 'endpoint.model', 'ingress.url', 'endpoint.caFile',
  'endpoint.insecureSkipTlsVerify', 'endpoint.connectTimeoutSeconds', 'endpoint.idleTimeoutSeconds', 'log.includeBodies',
  'explorer.pageSize', 'validation.maxFileSizeKb', 'schemas.source', 'apply.fieldManager', 'translate.maxTokens',
  'translate.maxConcurrency', 'translate.deadlineSeconds', 'translate.defaultService',
]);

/** How a configuration value is set at each level, as VS Code's `inspect()` reports it. */
export interface SettingLevels<T> {
  readonly defaultValue?: T;
  readonly globalValue?: T;
  readonly workspaceValue?: T;
  readonly workspaceFolderValue?: T;
}

/**
 * The value to use for an endpoint setting. In an untrusted workspace only the user's own (global) value or the
 * default counts, so a workspace file cannot redirect text or tokens to another host.
 */
export function trustedSettingValue<T>(levels: SettingLevels<T> | undefined, trusted: boolean, fallback: T): T {
  if (!levels) return fallback;
  const ordered = trusted
    ? [levels.workspaceFolderValue, levels.workspaceValue, levels.globalValue, levels.defaultValue]
    : [levels.globalValue, levels.defaultValue];
  return ordered.find((value) => value !== undefined) ?? fallback;
}

/**
 * Where schemas come from: in an untrusted workspace always the bundled ones, so that opening a YAML file never
 * contacts the cluster on its own.
 */
export function effectiveSchemaSource<S extends string>(source: S, trusted: boolean): S | 'bundled' {
  return trusted ? source : 'bundled';
}
