// Entry for benchmarks that must run inside a real VS Code: node test/harness/run-code-server.mjs --suite --tests out/bench/host
import { runMochaIn } from '../../test/integration/index';

export function run(): Promise<void> {
  return runMochaIn(__dirname, /\.bench\.js$/);
}
