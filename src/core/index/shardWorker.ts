import { parentPort } from 'node:worker_threads';
import { ShardBuilder, type FromShardWorker, type ToShardWorker } from './vectorIndex.js';

/** Builds one HNSW shard in a worker thread: `init`, then `add` batches, then `finish` writes the file. */

const port = parentPort;
if (!port) throw new Error('shardWorker runs as a worker thread only');

let builder: ShardBuilder | undefined;
const reply = (message: FromShardWorker): void => port.postMessage(message);

port.on('message', (message: ToShardWorker) => {
  try {
    if (message.type === 'init') builder = new ShardBuilder(message.spec);
    else if (!builder) throw new Error('the shard was not initialised');
    else if (message.type === 'add') reply({ type: 'progress', count: builder.add(message.vectors) });
    else {
      const done = builder;
      done.graph
        .writeIndex(message.file)
        .then(() => reply({ type: 'done', count: done.count }))
        .catch((error: Error) => reply({ type: 'error', message: error.message }));
    }
  } catch (error) {
    reply({ type: 'error', message: (error as Error).message });
  }
});
