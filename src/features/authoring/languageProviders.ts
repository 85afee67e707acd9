import * as vscode from 'vscode';
import { complete } from '../../core/authoring/completion';
import { hover } from '../../core/authoring/hover';
import { ManifestDiagnostic } from '../../core/authoring/types';
import { KSERVE_GROUP } from '../../core/kserve/group';
import { DIAGNOSTIC_SOURCE, toRange } from './convert';
import { SchemaSources } from './schemaSources';
import { ValidationController } from './validationController';

export const YAML_SELECTOR: vscode.DocumentSelector = [{ language: 'yaml', scheme: 'file' }, { language: 'yaml', scheme: 'untitled' }];

export class ManifestCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly sources: SchemaSources, private readonly validation: ValidationController) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const text = document.getText();
    // A document not yet in KServe's group gets only apiVersion values (`apiVersion: s…`).
    if (!text.includes(KSERVE_GROUP) && !/^\s*apiVersion:\s*s/.test(document.lineAt(position.line).text)) return undefined;
    const kindOf = (offset: number) => this.validation.kindAt(document, offset);
    const result = complete(text, document.offsetAt(position), this.sources.current, kindOf);
    if (!result) return undefined;
    const range = new vscode.Range(document.positionAt(result.replaceStart), position);
    return result.items.map((entry, i) => {
      const item = new vscode.CompletionItem(entry.label,
        entry.kind === 'property' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.EnumMember);
      item.insertText = new vscode.SnippetString(entry.insertText);
      item.range = range;
      item.detail = entry.detail;
      if (entry.documentation) item.documentation = new vscode.MarkdownString(entry.documentation);
      item.sortText = `${entry.required ? '0' : '1'}${String(i).padStart(4, '0')}`;
      return item;
    });
  }
}

export class ManifestHoverProvider implements vscode.HoverProvider {
  constructor(private readonly sources: SchemaSources, private readonly validation: ValidationController) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const text = document.getText();
    if (!text.includes(KSERVE_GROUP)) return undefined;
    const kindOf = (offset: number) => this.validation.kindAt(document, offset);
    const info = hover(text, document.offsetAt(position), this.sources.current, kindOf);
    if (!info) return undefined;
    const range = toRange(document, info.range);
    return range.contains(position) || document.lineAt(position.line).range.contains(range)
      ? new vscode.Hover(new vscode.MarkdownString(info.contents), range)
      : undefined;
  }
}

/** Quick fixes for KServe diagnostics: the fixes the validator computed with them. */
export class ManifestCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly validation: ValidationController) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const result = this.validation.resultFor(document);
    if (!result) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const match = result.diagnostics.find((d) => sameDiagnostic(document, d, diagnostic));
      for (const fix of match?.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred === true;
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits) action.edit.replace(document.uri, toRange(document, edit.range), edit.newText);
        actions.push(action);
      }
    }
    return actions;
  }
}

function sameDiagnostic(document: vscode.TextDocument, ours: ManifestDiagnostic, shown: vscode.Diagnostic): boolean {
  return ours.code === shown.code && ours.message === shown.message &&
    document.offsetAt(shown.range.start) === ours.range.start && document.offsetAt(shown.range.end) === ours.range.end;
}
