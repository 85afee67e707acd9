/** Which namespaces the explorer shows for one context. */
export type NamespaceSelection =
  | { readonly all: true }
  | { readonly all: false; readonly names: readonly string[] };

export const ALL_NAMESPACES: NamespaceSelection = { all: true };

/**
 * The namespaces to show. `listed` is what the cluster lists (undefined when the user may not list namespaces):
 * "all" then falls back to the context's own namespace. With `occupied` (the namespaces known to hold KServe
 * objects), "all" means those only.
 */
export function visibleNamespaces(
  selection: NamespaceSelection, listed: readonly string[] | undefined, contextNamespace: string, occupied?: ReadonlySet<string>,
): string[] {
  const names = selection.all ? (occupied ? [...occupied] : listed ?? [contextNamespace]) : selection.names;
  return [...new Set(names.filter((n) => isNamespaceName(n)))].sort((a, b) => a.localeCompare(b));
}

/** Reads a persisted selection back, tolerating anything that was stored by an older version. */
export function parseSelection(value: unknown): NamespaceSelection | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as { all?: unknown; names?: unknown };
  if (candidate.all === true) return ALL_NAMESPACES;
  if (Array.isArray(candidate.names)) {
    const names = candidate.names.filter((n): n is string => typeof n === 'string' && isNamespaceName(n));
    return names.length > 0 ? { all: false, names } : undefined;
  }
  return undefined;
}

/** A DNS-1123 label, which is what Kubernetes accepts as a namespace name. */
export function isNamespaceName(name: string): boolean {
  return name.length > 0 && name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}
