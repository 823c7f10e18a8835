import { configForCli, runEntryPoint } from '../src/cli/bootstrap.js';
import { KnowledgeBase } from '../src/core/knowledgeBase.js';
import type { BuildProgress } from '../src/core/index/buildIndex.js';

const PHASES: Record<BuildProgress['phase'], string> = {
  sentences: 'Splitting sentences',
  embedding: 'Embedding chunks',
  indexing: 'Indexing vectors',
  writing: 'Writing the index',
};

/** Progress on one self-updating line when stderr is a terminal, quiet otherwise. */
function progressPrinter(): (progress: BuildProgress) => void {
  if (!process.stderr.isTTY) return () => {};
  return ({ phase, done, total }) => {
    const percent = total > 0 ? Math.round((100 * done) / total) : 100;
    process.stderr.write(`\r\x1b[K${PHASES[phase]}: ${done}/${total} (${percent}%)`);
    if (done === total) process.stderr.write('\n');
  };
}

await runEntryPoint(async () => {
  const config = configForCli();
  const started = performance.now();
  const knowledge = await KnowledgeBase.open(config, { rebuild: true, onProgress: progressPrinter() });
  const summary = knowledge.summary();
  knowledge.close();
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    [
      'Index built.',
      `  documents: ${summary.documents.length} (${summary.documents.map((d) => d.id).join(', ')})`,
      `  sentences: ${summary.sentences}`,
      `  chunks:    ${summary.chunks}`,
      `  embedder:  ${summary.embedder} (${summary.model})`,
      `  seconds:   ${seconds.toFixed(2)}`,
      `  stored in: ${config.indexDir}`,
    ].join('\n') + '\n',
  );
});
