import { capitalize } from '../../core/text';
import { ComponentDetails, ResourceDetails } from '../../core/explorer/details';
import { LlmDetails } from '../../core/explorer/llmDetails';
import { Condition } from '../../core/explorer/resources';
import { statusLabel } from '../../core/explorer/status';
import { IsvcSummary } from '../../core/explorer/summary';
import { DetailIcon, DetailNode, IsvcNode } from './nodes';
import { statusIcon } from './statusIcons';

type Parent = IsvcNode | DetailNode;

/** The rows under an InferenceService: status, URL, model, runtime, resources, components, conditions. */
export function detailNodes(parent: IsvcNode, isvc: IsvcSummary): DetailNode[] {
  if (isvc.details.llm) return llmDetailNodes(parent, isvc, isvc.details.llm);
  const d = isvc.details;
  const { rows, add } = statusRows(parent, isvc);
  add('url', 'URL', d.url, { id: 'link' }, { value: d.url });
  add('address', 'Cluster URL', d.addressUrl, { id: 'link' }, { value: d.addressUrl });
  add('format', 'Model format', d.modelFormat, { id: 'symbol-class' });
  add('runtime', 'Runtime', d.runtime ?? 'chosen by KServe', { id: 'server-process' });
  add('modelId', 'Model id', d.modelId, { id: 'symbol-key' }, { value: d.modelId });
  add('modelName', 'Model name', d.modelName, { id: 'symbol-string' }, { value: d.modelName });
  add('storage', 'Storage URI', d.storageUri, { id: 'database' }, { value: d.storageUri });
  add('mode', 'Deployment mode', d.deploymentMode, { id: 'settings-gear' });
  add('protocol', 'Protocol', d.protocolVersion, { id: 'plug' });
  add('gpus', 'GPUs', d.gpus > 0 ? String(d.gpus) : undefined, { id: 'circuit-board' });
  add('canary', 'Canary traffic', d.canaryTrafficPercent !== undefined ? `${d.canaryTrafficPercent}%` : undefined, { id: 'git-compare' });
  for (const component of d.components) rows.push(componentNode(parent, component));
  if (d.conditions.length > 0) rows.push(conditionsNode(parent, d.conditions));
  return rows;
}

/** The rows under an LLMInferenceService: status, the presets gate, topology, URLs, model, presets, workloads, conditions. */
function llmDetailNodes(parent: IsvcNode, isvc: IsvcSummary, llm: LlmDetails): DetailNode[] {
  const d = isvc.details;
  const { rows, add } = statusRows(parent, isvc);
  const presets = llm.presets;
  if (presets) {
    add('presets', 'Presets combined', [presets.status, presets.reason].filter(Boolean).join(' · '), conditionIcon(presets),
      presets.message ? { tooltip: presets.message } : {});
  }
  add('topology', 'Topology', llm.topology, { id: 'type-hierarchy' });
  add('url', 'URL', d.url, { id: 'link' }, { value: d.url });
  if (llm.addresses.length > 0) rows.push(addressesNode(parent, llm));
  add('modelName', 'Model name', d.modelName, { id: 'symbol-string' }, { value: d.modelName });
  add('modelUri', 'Model URI', llm.modelUri, { id: 'database' }, { value: llm.modelUri });
  add('replicas', 'Replicas', llm.replicas !== undefined ? String(llm.replicas) : undefined, { id: 'layers' });
  add('gpus', 'GPUs', d.gpus > 0 ? String(d.gpus) : undefined, { id: 'circuit-board' });
  add('baseRefs', 'Base configs', llm.baseRefs.join(', '), { id: 'references' });
  add('applied', 'Applied configs', llm.appliedConfigs.join(', '), { id: 'layers-active' });
  add('workloads', 'Workloads', llm.workloads.join(', '), { id: 'server-process' });
  if (d.conditions.length > 0) rows.push(conditionsNode(parent, d.conditions));
  return rows;
}

/** The Status row, and `add` for rows that appear only when they have a value. */
function statusRows(parent: IsvcNode, isvc: IsvcSummary) {
  const rows: DetailNode[] = [];
  const add = (key: string, label: string, description: string | undefined, icon: DetailIcon, extra: Partial<DetailNode> = {}) => {
    if (description !== undefined && description !== '') rows.push(detail(parent, key, label, description, icon, extra));
  };
  add('status', 'Status', statusLabel(isvc.status), statusIcon(isvc.status), {
    tooltip: [isvc.status.message, isvc.status.warning].filter(Boolean).join('\n') || undefined,
  });
  return { rows, add };
}

function addressesNode(parent: Parent, llm: LlmDetails): DetailNode {
  const self = { id: `${parent.id}/addresses` } as DetailNode;
  const children = llm.addresses.map((a, i) => detail(self, `a${i}`, a.name ?? 'address', a.url, { id: 'link' }, {
    value: a.url, ...(a.models.length ? { tooltip: `Models: ${a.models.join(', ')}` } : {}),
  }));
  return Object.assign(self, {
    kind: 'detail' as const, parent, context: parent.context, label: 'Addresses', description: String(llm.addresses.length), icon: { id: 'globe' }, children,
  });
}

function conditionIcon(c: Condition): DetailIcon {
  return c.status === 'True' ? { id: 'pass', color: 'testing.iconPassed' } : c.status === 'False' ? { id: 'error', color: 'list.errorForeground' } : { id: 'question' };
}

function componentNode(parent: Parent, component: ComponentDetails): DetailNode {
  const id = `${parent.id}/component:${component.name}`;
  const self = { id } as DetailNode;
  const children: DetailNode[] = [];
  const add = (key: string, label: string, description: string | undefined, icon: string, value?: string) => {
    if (description) children.push(detail(self, key, label, description, { id: icon }, value ? { value } : {}));
  };
  add('url', 'URL', component.url, 'link', component.url);
  add('address', 'Cluster URL', component.addressUrl, 'link', component.addressUrl);
  add('image', 'Image', component.image, 'package', component.image);
  if (component.resources) {
    add('requests', 'Requests', quantities(component.resources.requests), 'dashboard');
    add('limits', 'Limits', quantities(component.resources.limits), 'dashboard');
  }
  add('latestReady', 'Latest ready revision', component.latestReadyRevision, 'versions');
  add('latestCreated', 'Latest created revision', component.latestCreatedRevision, 'versions');
  add('rolledOut', 'Rolled-out revision', component.latestRolledoutRevision, 'versions');
  add('previous', 'Previous revision', component.previousRolledoutRevision, 'history');
  component.traffic.forEach((t, i) => {
    const flags = [t.latestRevision ? 'latest' : undefined, t.tag ? `tag ${t.tag}` : undefined].filter(Boolean).join(', ');
    add(`traffic${i}`, `Traffic ${t.percent ?? 0}%`, `${t.revisionName ?? '(latest)'}${flags ? ` (${flags})` : ''}`, 'arrow-swap');
  });
  return Object.assign(self, {
    kind: 'detail' as const,
    parent,
    context: parent.context,
    label: capitalize(component.name),
    description: componentSummary(component),
    icon: { id: 'symbol-module' },
    children,
  });
}

function componentSummary(component: ComponentDetails): string | undefined {
  const gpus = component.resources?.gpus ? `${component.resources.gpus} GPU` : undefined;
  return [component.latestReadyRevision ?? component.latestCreatedRevision, resourcesSummary(component.resources), gpus]
    .filter(Boolean).join(' · ') || undefined;
}

function resourcesSummary(resources: ResourceDetails | undefined): string | undefined {
  if (!resources) return undefined;
  const source = Object.keys(resources.limits).length > 0 ? resources.limits : resources.requests;
  return [source.cpu ? `${source.cpu} CPU` : undefined, source.memory].filter(Boolean).join(', ') || undefined;
}

function quantities(values: Readonly<Record<string, string>>): string | undefined {
  const entries = Object.entries(values);
  return entries.length ? entries.map(([k, v]) => `${k}: ${v}`).join(', ') : undefined;
}

function conditionsNode(parent: Parent, conditions: readonly Condition[]): DetailNode {
  const id = `${parent.id}/conditions`;
  const self = { id } as DetailNode;
  const children = conditions.map((c) => detail(self, `c:${c.type}`, c.type,
    [c.status, c.reason].filter(Boolean).join(' · '),
    conditionIcon(c), c.message ? { tooltip: c.message } : {}));
  const positive = conditions.filter((c) => c.type.endsWith('Ready'));
  return Object.assign(self, {
    kind: 'detail' as const,
    parent,
    context: parent.context,
    label: 'Conditions',
    description: `${positive.filter((c) => c.status === 'True').length}/${positive.length} ready`,
    icon: { id: 'checklist' },
    children,
  });
}

function detail(parent: Parent, key: string, label: string, description: string, icon: DetailIcon, extra: Partial<DetailNode> = {}): DetailNode {
  return { kind: 'detail', id: `${parent.id}/${key}`, parent, context: parent.context, label, description, icon, ...extra };
}
