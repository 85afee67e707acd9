import { isMap, Node, Pair, YAMLMap } from 'yaml';
import { rangeOf } from '../documents';
import { findPair, keyText } from '../nodes';
import { ManifestDiagnostic, TextEdit } from '../types';
import { columnOf, LintContext, mapAt, warning } from './context';

/** `predictor.<framework>` keys that predate `predictor.model`; each is also the model format's name. */
export const FRAMEWORK_KEYS = ['sklearn', 'xgboost', 'tensorflow', 'pytorch', 'triton', 'onnx', 'pmml', 'lightgbm', 'paddle', 'huggingface'];

/** The deprecated `predictor.sklearn:` form, with a fix to `predictor.model` + `modelFormat.name`. */
export function deprecatedFrameworkRules({ document, text, kind }: LintContext): ManifestDiagnostic[] {
  if (kind !== 'InferenceService') return [];
  const predictor = mapAt(document, ['spec', 'predictor']);
  if (!predictor) return [];
  const hasModel = findPair(predictor, 'model') !== undefined;
  const diagnostics: ManifestDiagnostic[] = [];
  for (const pair of predictor.items as Pair<Node, Node | null>[]) {
    const framework = keyText(pair);
    if (!framework || !FRAMEWORK_KEYS.includes(framework) || !pair.key?.range) continue;
    const edits = hasModel ? undefined : migrate(text, pair, framework);
    diagnostics.push(warning('deprecated-framework', rangeOf(pair.key),
      `predictor.${framework} is deprecated: use predictor.model with modelFormat.name: ${framework}.`,
      edits ? [{ title: `Convert to predictor.model with modelFormat ${framework}`, edits, preferred: true }] : []));
  }
  return diagnostics;
}

function migrate(text: string, pair: Pair<Node, Node | null>, framework: string): TextEdit[] | undefined {
  const renameKey: TextEdit = { range: rangeOf(pair.key), newText: 'model' };
  const value = pair.value;
  if (!isMap(value) || value.items.length === 0) return undefined;
  const map = value as YAMLMap<Node, Node | null>;
  if (map.flow) {
    const open = rangeOf(map).start + 1;
    return [renameKey, { range: { start: open, end: open }, newText: `modelFormat: {name: ${framework}}, ` }];
  }
  const first = map.items[0].key;
  if (!first?.range) return undefined;
  const column = columnOf(text, first.range[0]);
  const lineStart = first.range[0] - column;
  if (text.slice(lineStart, first.range[0]).trim() !== '') return undefined;
  const indent = ' '.repeat(column);
  return [renameKey, { range: { start: lineStart, end: lineStart }, newText: `${indent}modelFormat:\n${indent}  name: ${framework}\n` }];
}
