import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { KnowledgeBase } from '../core/knowledgeBase.js';
import type { Logger } from '../log.js';
import type { LiveKnowledgeBase } from './liveKnowledgeBase.js';

/** A reindex replaces the manifest last, by rename; this lets a burst of file events settle first. */
const SETTLE_MS = 400;

export interface IndexWatcher {
  close(): void;
}

/** A question the new index must answer (abstaining is fine, failing is not) before it replaces the old. */
async function probe(knowledge: KnowledgeBase): Promise<void> {
  const { documents, sentences } = knowledge.summary();
  if (documents.length === 0 || sentences === 0) throw new Error('the new index holds no sentences');
  const answer = await knowledge.ask(documents[0].title);
  if (typeof answer.answer !== 'string' || answer.answer === '') throw new Error('the new index gave an empty answer');
}

/**
 * Watches the index manifest; when a new build appears, opens it in the background, probes it, and
 * only then swaps it in. Until then, and whenever the new build fails, the bot answers from the old one.
 */
export function watchForNewIndex(config: Config, live: LiveKnowledgeBase, log: Logger): IndexWatcher {
  const manifestFile = path.basename(live.manifestPath);
  let timer: NodeJS.Timeout | undefined;
  let reloading = false;
  let again = false;
  let closed = false;

  const reload = async (): Promise<void> => {
    if (reloading) {
      again = true;
      return;
    }
    reloading = true;
    try {
      // Load only: a build made with other settings must not be replaced by one built here, inside the bot.
      const next = await KnowledgeBase.open(config, { loadOnly: true });
      if (closed || next.buildId === live.buildId) {
        next.close();
        return;
      }
      try {
        await probe(next);
      } catch (error) {
        next.close();
        throw error;
      }
      live.replace(next);
      log.info('Switched to the new index', { build: next.buildId, builtAt: next.summary().builtAt });
    } catch (error) {
      log.error('Could not load the new index; still answering from the previous one', { error });
    } finally {
      reloading = false;
      if (again && !closed) {
        again = false;
        void reload();
      }
    }
  };

  let watcher: FSWatcher;
  try {
    watcher = watch(path.dirname(live.manifestPath), (_event, file) => {
      if (file !== manifestFile || closed) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), SETTLE_MS);
    });
  } catch (error) {
    log.warn('Cannot watch the index for changes; restart the bot after a reindex', { error });
    return { close: () => {} };
  }
  watcher.on('error', (error) => log.warn('Stopped watching the index for changes', { error }));

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher.close();
    },
  };
}
