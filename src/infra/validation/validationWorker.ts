// Entry point of the validation worker thread (dist/validationWorker.js): validates the large YAML documents, whose
// parse alone would hold the extension host for longer than a frame.
import { MessagePort, parentPort } from 'node:worker_threads';
import { SchemaSet } from '../../core/authoring/schemaSet';
import { ManifestValidator } from '../../core/authoring/validator';
import type { WorkerReply, WorkerRequest } from './protocol';

function serve(port: MessagePort): void {
  let validator: ManifestValidator | undefined;
  port.on('message', (message: WorkerRequest) => {
    if (message.type === 'configure') {
      validator = new ManifestValidator(SchemaSet.fromPlain(message.schemas), message.options);
      return;
    }
    let reply: WorkerReply;
    try {
      if (!validator) throw new Error('the validation worker has no schemas yet');
      reply = { id: message.id, result: validator.analyzeChunk({ base: 0, text: message.text }) };
    } catch (err) {
      reply = { id: message.id, error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply);
  });
}

if (parentPort) serve(parentPort);
