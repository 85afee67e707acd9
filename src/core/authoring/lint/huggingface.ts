import { isMap, isScalar, isSeq, Node, Scalar, YAMLMap } from 'yaml';
import { rangeOf } from '../documents';
import { containerAnchor, findPair, keyRange, locate } from '../nodes';
import { closest } from '../suggest';
import { ManifestDiagnostic, QuickFix } from '../types';
import { deleteLines, LintContext, mapAt, scalarEntry, warning } from './context';

/** `--backend` values the Hugging Face runtime accepts; `auto` is its default (vLLM when available). */
const BACKENDS = ['huggingface', 'vllm'];
const ACCEPTED_BACKENDS = new Set([...BACKENDS, 'auto']);
const MODEL = ['spec', 'predictor', 'model'];

interface Arg {
  node: Scalar;
  name: string;
  value?: string;
  /** The separate list item holding the value, for `--backend`, `vllm`. */
  valueNode?: Scalar;
}

/** Hugging Face runtime arguments: `--backend`, `--model_id`, and a model source given twice. */
export function huggingFaceRules({ document, text, kind }: LintContext): ManifestDiagnostic[] {
  if (kind !== 'InferenceService') return [];
  const model = mapAt(document, MODEL);
  if (!model || !isHuggingFace(model)) return [];
  const diagnostics: ManifestDiagnostic[] = [];
  const args = readArgs(model);
  for (const arg of args.filter((a) => a.name === '--backend' && a.value !== undefined)) {
    if (ACCEPTED_BACKENDS.has(arg.value!)) continue;
    const suggestion = closest(arg.value!, BACKENDS);
    const target = arg.valueNode ?? arg.node;
    const fixes: QuickFix[] = BACKENDS.map((backend) => ({
      title: `Use --backend=${backend}`,
      edits: [{ range: rangeOf(target), newText: arg.valueNode ? backend : `--backend=${backend}` }],
      preferred: backend === suggestion,
    }));
    diagnostics.push(warning('hf-backend', rangeOf(target),
      `Unknown --backend "${arg.value}" for the Hugging Face runtime: use "huggingface" or "vllm".`, fixes));
  }
  const modelId = args.find((a) => a.name === '--model_id');
  const storageUri = findPair(model, 'storageUri') ?? findPair(model, 'storage');
  if (!modelId && !storageUri) {
    const argsAt = locate(document, [...MODEL, 'args']);
    const formatAt = locate(document, [...MODEL, 'modelFormat']);
    const anchor = (argsAt && keyRange(argsAt)) ?? (formatAt && keyRange(formatAt)) ?? containerAnchor(document, MODEL);
    diagnostics.push(warning('hf-model-id', anchor,
      'The Hugging Face runtime needs --model_id=<hub model id> in args (or a storageUri) to know which model to load.'));
  }
  if (modelId && storageUri) {
    const fixes: QuickFix[] = [];
    const removeArg = deleteLines(text, modelId.node, modelId.valueNode ?? modelId.node);
    if (removeArg) fixes.push({ title: 'Remove --model_id', edits: [removeArg] });
    const removeUri = deleteLines(text, storageUri.key, storageUri.value);
    if (removeUri) fixes.push({ title: `Remove ${String((storageUri.key as Scalar).value)}`, edits: [removeUri] });
    diagnostics.push(warning('hf-model-source', rangeOf(modelId.node),
      'Both storageUri and --model_id name the model to load: the runtime loads storageUri\'s copy. Keep only one.', fixes));
  }
  return diagnostics;
}

function isHuggingFace(model: YAMLMap<unknown, unknown>): boolean {
  const format = findPair(model, 'modelFormat')?.value;
  const name = isMap(format) ? scalarEntry(format, 'name')?.value : undefined;
  const runtime = scalarEntry(model, 'runtime')?.value;
  return (typeof name === 'string' && name.toLowerCase() === 'huggingface') ||
    (typeof runtime === 'string' && runtime.startsWith('kserve-huggingfaceserver'));
}

function readArgs(model: YAMLMap<unknown, unknown>): Arg[] {
  const list = findPair(model, 'args')?.value;
  if (!isSeq(list)) return [];
  const items = list.items.filter((item): item is Scalar => isScalar(item) && typeof item.value === 'string');
  const args: Arg[] = [];
  items.forEach((node, i) => {
    const text = (node.value as string).trim();
    if (!text.startsWith('--')) return;
    const equals = text.indexOf('=');
    if (equals > 0) {
      args.push({ node, name: text.slice(0, equals), value: text.slice(equals + 1) });
      return;
    }
    const next = items[i + 1];
    const nextText = typeof next?.value === 'string' ? next.value : undefined;
    const value = nextText !== undefined && !nextText.startsWith('--') && adjacent(list.items as Node[], node, next) ? nextText : undefined;
    args.push({ node, name: text, value, valueNode: value !== undefined ? next : undefined });
  });
  return args;
}

function adjacent(items: Node[], a: Node, b: Node): boolean {
  return items.indexOf(b) === items.indexOf(a) + 1;
}
