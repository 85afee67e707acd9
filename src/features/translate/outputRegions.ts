import * as vscode from 'vscode';
import { UserFacingError } from '../../core/errors';
import { TranslationPlan, planTranslation } from '../../core/translate/chunking';
import { TranslateOutput } from '../../platform/config';

/** One selection to translate and where its translation goes. */
export interface SourceSelection {
  readonly range: vscode.Range;
  readonly plan: TranslationPlan;
}

/** A place the stream writes into: the range it starts as (empty for an insertion), the text to put first, and what to translate. */
export interface OutputRegion {
  readonly range: vscode.Range;
  /** Written just before the first translated text (a line break for insertBelow, blank lines between selections). */
  readonly prefix: string;
  /** One plan per selection written into this region, with `separator` between them. */
  readonly plans: readonly TranslationPlan[];
  readonly separator: string;
}

/** The non-blank selections of an editor, in document order, each planned into parts of at most `budget` tokens. */
export function planSelections(editor: vscode.TextEditor, budget: number, output: TranslateOutput): SourceSelection[] {
  const sorted = [...editor.selections].sort((a, b) => a.start.compareTo(b.start));
  const planned: SourceSelection[] = [];
  for (const selection of sorted) {
    if (selection.isEmpty) continue;
    const text = editor.document.getText(selection);
    if (text.trim() === '') continue;
    // Only `replace` puts the text back where it was, so only there the surrounding whitespace is part of the output.
    planned.push({ range: selection, plan: planTranslation(output === 'replace' ? text : text.trim(), budget) });
  }
  if (planned.length === 0) {
    throw new UserFacingError('There is no text to translate: select the text first, then run the command again.', 'emptySelection');
  }
  return planned;
}

function eolOf(document: vscode.TextDocument): string {
  return document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
}

/** Where the translation of each selection goes in the source document (for `replace` and `insertBelow`). */
export function inPlaceRegions(document: vscode.TextDocument, selections: readonly SourceSelection[], output: 'replace' | 'insertBelow'): OutputRegion[] {
  if (output === 'replace') return selections.map((s) => ({ range: s.range, prefix: '', plans: [s.plan], separator: '' }));
  const eol = eolOf(document);
  const byLine = new Map<number, SourceSelection[]>();
  for (const selection of selections) {
    const { start, end } = selection.range;
    // A selection that ends at the start of a line (whole lines selected) goes below its last selected line.
    const line = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
    byLine.set(line, [...(byLine.get(line) ?? []), selection]);
  }
  return [...byLine].map(([line, group]) => {
    const at = document.lineAt(line).range.end;
    return { range: new vscode.Range(at, at), prefix: eol, plans: group.map((s) => s.plan), separator: eol };
  });
}

/** One region at the start of an empty document holding every selection's translation, separated by blank lines. */
export function newDocumentRegion(document: vscode.TextDocument, selections: readonly SourceSelection[]): OutputRegion {
  const eol = eolOf(document);
  const start = new vscode.Position(0, 0);
  return { range: new vscode.Range(start, start), prefix: '', plans: selections.map((s) => s.plan), separator: eol + eol };
}
