import * as vscode from 'vscode';
import { Disposable, Emitter } from '../../core/lifecycle';
import { toRange } from './convert';
import { ValidationController } from './validationController';

/** Arguments of `kserve.manifest.dryRun` / `kserve.manifest.apply` from a CodeLens. */
export interface ManifestRef {
  uri: vscode.Uri;
  /** Document index in the file; omitted with `all`. */
  index?: number;
  all?: boolean;
}

/** "Dry-run" and "Apply" above each KServe document (plus "all" variants when the file has several). */
export class ManifestCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this._register(new Emitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly validation: ValidationController) {
    super();
    this._register(validation.onDidValidate(() => this.changed.fire()));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const documents = this.validation.resultFor(document)?.documents ?? [];
    const lenses: vscode.CodeLens[] = [];
    for (const [position, found] of documents.entries()) {
      const line = toRange(document, found.range).start.line;
      const range = new vscode.Range(line, 0, line, 0);
      const target: ManifestRef = { uri: document.uri, index: found.index };
      const label = `${found.kind.kind}${found.name ? ` ${found.name}` : ''}`;
      lenses.push(
        new vscode.CodeLens(range, { title: '$(beaker) Dry-run', command: 'kserve.manifest.dryRun', arguments: [target], tooltip: `Server-side dry-run of ${label}` }),
        new vscode.CodeLens(range, { title: '$(cloud-upload) Apply', command: 'kserve.manifest.apply', arguments: [target], tooltip: `Server-side apply of ${label}` }),
      );
      if (position === 0 && documents.length > 1) {
        const all: ManifestRef = { uri: document.uri, all: true };
        lenses.push(
          new vscode.CodeLens(range, { title: `Dry-run all ${documents.length}`, command: 'kserve.manifest.dryRun', arguments: [all] }),
          new vscode.CodeLens(range, { title: `Apply all ${documents.length}`, command: 'kserve.manifest.apply', arguments: [all] }),
        );
      }
    }
    return lenses;
  }
}
