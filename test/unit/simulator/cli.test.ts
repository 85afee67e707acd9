import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import { DOCS_EXAMPLE_PROMPT } from '../../simulator';
import { postCompletion, pieceTexts, sseChunks } from './httpClient';

const CLI = path.resolve(__dirname, '../../simulator/cli.js');

function withDeadline<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function firstStdoutLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      buffered += text;
      const end = buffered.indexOf('\n');
      if (end >= 0) resolve(buffered.slice(0, end));
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code} before printing its URL`)));
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return once(child, 'exit').then(([code]) => code as number | null);
}

describe('simulator CLI', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const run = (args: string[]) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    return child;
  };

  it('prints one JSON line with the URL, serves with the given options and exits 0 on SIGTERM', async () => {
    const child = run(['--port', '0', '--require-host', 'huggingface-t5.default.example.com', '--legacy-special-tokens']);
    const line = await withDeadline(firstStdoutLine(child), 10_000, 'the URL line');
    const { url } = JSON.parse(line) as { url: string };
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const body = { model: 't5', prompt: DOCS_EXAMPLE_PROMPT, stream: true, max_tokens: 20 };
    assert.equal((await postCompletion(url, body)).status, 404);
    const routed = await postCompletion(url, body, { host: 'huggingface-t5.default.example.com' });
    assert.deepEqual(pieceTexts(routed.body), ['Das ', 'Haus ', 'ist ', 'wunderbar.</s>']);
    child.kill('SIGTERM');
    assert.equal(await withDeadline(exitCode(child), 10_000, 'exit after SIGTERM'), 0);
  });

  it('applies --model, --backend and --scenario', async () => {
    const child = run(['--model', 'flan:notready', '--model', 't5', '--backend', 'vllm', '--scenario', '{"kind":"status404","times":1}']);
    const { url } = JSON.parse(await withDeadline(firstStdoutLine(child), 10_000, 'the URL line')) as { url: string };
    assert.equal((await postCompletion(url, { model: 't5', prompt: 'x' })).status, 404);
    const streamed = await postCompletion(url, { model: 't5', prompt: DOCS_EXAMPLE_PROMPT, stream: true });
    assert.deepEqual(sseChunks(streamed.body).map((chunk) => chunk.choices[0].finish_reason), [null, null, null, 'stop']);
    assert.equal((await postCompletion(url, { model: 'flan', prompt: 'x' })).status, 503);
    child.kill('SIGINT');
    assert.equal(await withDeadline(exitCode(child), 10_000, 'exit after SIGINT'), 0);
  });

  it('exits 2 with a message on stderr for a bad argument', async () => {
    const child = run(['--backend', 'triton']);
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    assert.equal(await withDeadline(exitCode(child), 10_000, 'exit on a bad argument'), 2);
    assert.match(stderr, /--backend expects huggingface or vllm/);
  });
});
