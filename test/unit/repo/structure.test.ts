import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { COMMAND_IDS } from '../../../src/platform/commandIds';
import { WALKTHROUGH_KEYS } from '../../../src/features/walkthrough/keys';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const sources = (dir: string): string[] => fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));

describe('repository structure', () => {
  it('the command table lists exactly the commands package.json contributes', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string; category?: string }[] } };
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual([...COMMAND_IDS].sort(), contributed);
    assert.deepEqual([...new Set(manifest.contributes.commands.map((c) => c.category))], ['KServe'], 'one command category');
  });

  it('completes each walkthrough step on a context key the extension sets, and ships each step\'s page', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: { walkthroughs: { steps: { completionEvents: string[]; media: { markdown: string } }[] }[] };
    };
    const steps = manifest.contributes.walkthroughs[0].steps;
    assert.deepEqual(steps.map((s) => s.completionEvents), Object.values(WALKTHROUGH_KEYS).map((key) => [`onContext:${key}`]));
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
    for (const step of steps) {
      assert.ok(fs.existsSync(path.join(root, step.media.markdown)), step.media.markdown);
      assert.ok(ignore.includes(`!${path.dirname(step.media.markdown)}/*.md`), `${step.media.markdown} is packaged`);
    }
  });

  it('registers commands in one module only', () => {
    const registering = sources('src').filter((file) => /\bregisterCommand\(/.test(fs.readFileSync(path.join(root, file), 'utf8')));
    assert.deepEqual(registering, [path.join('src', 'platform', 'commands.ts')]);
  });

  it('lint keeps core/, infra/ and app/ free of vscode, and app/ above infra/ and core/', async () => {
    const eslint = new ESLint({ cwd: root });
    const probe = async (file: string, code: string) => {
      const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
      return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
    };
    assert.equal(await probe('src/app/probe.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n"), 1, 'app/ may not import vscode');
    assert.equal(await probe('src/app/probe.ts', "import { Config } from '../platform/config';\nexport const x = Config;\n"), 1, 'app/ may not import platform/');
    assert.equal(await probe('src/infra/probe.ts', "import { ExplorerModel } from '../app/explorer/explorerModel';\nexport const x = ExplorerModel;\n"), 1,
      'infra/ may not import app/');
    assert.equal(await probe('src/core/probe.ts', "import { ExplorerModel } from '../app/explorer/explorerModel';\nexport const x = ExplorerModel;\n"), 1,
      'core/ may not import app/');
    assert.equal(await probe('src/app/probe.ts', "import { KServeApi } from '../infra/kube/kserveApi';\nexport const x = KServeApi;\n"), 0, 'app/ uses infra/');
  });
});
