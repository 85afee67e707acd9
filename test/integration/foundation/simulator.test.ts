import { strict as assert } from 'node:assert';
import { OPENAI_ROUTES } from '../../../src/core/kserve/openaiRoutes';
import { request } from 'undici';
import { createParser } from 'eventsource-parser';
import { DOCS_EXAMPLE_PROMPT, startSimulator } from '../../simulator';

describe('protocol simulator (inside VS Code)', () => {
  it('streams the docs example completion, which the test reads back piece by piece', async () => {
    const sim = await startSimulator({ requireHost: 'huggingface-t5.default.example.com' });
    try {
      const response = await request(`${sim.url}${OPENAI_ROUTES.completions}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', host: 'huggingface-t5.default.example.com' },
        body: JSON.stringify({ model: 't5', prompt: DOCS_EXAMPLE_PROMPT, stream: true, max_tokens: 64 }),
      });
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^text\/event-stream/);
      const pieces: string[] = [];
      let done = false;
      const parser = createParser({
        onEvent: (event) => {
          if (event.data === '[DONE]') done = true;
          else pieces.push(JSON.parse(event.data).choices[0].text);
        },
      });
      const decoder = new TextDecoder();
      for await (const chunk of response.body) parser.feed(decoder.decode(chunk as Buffer, { stream: true }));
      assert.deepEqual(pieces, ['Das ', 'Haus ', 'ist ', 'wunderbar.']);
      assert.equal(done, true, 'stream ends with [DONE]');
    } finally {
      await sim.close();
    }
  });
});
