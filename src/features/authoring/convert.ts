import * as vscode from 'vscode';
import { ManifestDiagnostic, Severity, TextRange } from '../../core/authoring/types';

export const DIAGNOSTIC_SOURCE = 'KServe';

export function toRange(document: vscode.TextDocument, range: TextRange): vscode.Range {
  return new vscode.Range(document.positionAt(range.start), document.positionAt(range.end));
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(document: vscode.TextDocument, diagnostic: ManifestDiagnostic): vscode.Diagnostic {
  const result = new vscode.Diagnostic(toRange(document, diagnostic.range), diagnostic.message, SEVERITY[diagnostic.severity]);
  result.source = DIAGNOSTIC_SOURCE;
  result.code = diagnostic.code;
  return result;
}

export function isYaml(document: vscode.TextDocument): boolean {
  return document.languageId === 'yaml' && document.uri.scheme !== 'output' && document.uri.scheme !== 'git';
}
