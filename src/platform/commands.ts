import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import { ErrorEdge, showError } from './errors';

export type { CommandId } from './commandIds';

export interface Command {
  /** Names the action in an error message: "Refresh: the API server …". */
  readonly title: string;
  run(...args: unknown[]): unknown;
}

/** Every command, by id: the compiler checks that none is missing. */
export type CommandTable = { readonly [K in CommandId]: Command };

/** The commands one feature handles. */
export type Commands<K extends CommandId> = Pick<CommandTable, K>;

/**
 * The one place commands are registered. A command that throws is reported once, here: logged with its detail and
 * shown as one message with every known token redacted.
 */
export function registerCommands(table: CommandTable, edge: ErrorEdge): vscode.Disposable {
  const registrations = (Object.entries(table) as [CommandId, Command][]).map(([id, command]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await command.run(...args);
      } catch (err) {
        await showError(edge, command.title, err);
        return undefined;
      }
    }));
  return vscode.Disposable.from(...registrations);
}
