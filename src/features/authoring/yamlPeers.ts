import * as vscode from 'vscode';
import { Disposable, Emitter } from '../../core/lifecycle';
import { Config } from '../../platform/config';

export const RED_HAT_YAML = 'redhat.vscode-yaml';

/**
 * Red Hat's YAML extension reports YAML syntax errors in every YAML file while `yaml.validate` is on. When it does,
 * syntax errors are left to it so nobody sees the same error twice; KServe schema errors and lint warnings are ours
 * alone, because our schemas are never registered with it.
 */
export class YamlPeers extends Disposable {
  private readonly changed = this._register(new Emitter<void>());
  readonly onDidChange = this.changed.event;
  private owned: boolean;

  constructor(private readonly config: Config) {
    super();
    this.owned = this.compute();
    const update = () => {
      const next = this.compute();
      if (next !== this.owned) {
        this.owned = next;
        this.changed.fire();
      }
    };
    this._register(vscode.extensions.onDidChange(update));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('yaml.validate')) update(); }));
  }

  /** True when another extension already reports YAML syntax errors. */
  get syntaxReportedElsewhere(): boolean {
    return this.owned;
  }

  private compute(): boolean {
    return vscode.extensions.getExtension(RED_HAT_YAML) !== undefined &&
      this.config.yamlExtensionValidates;
  }
}
