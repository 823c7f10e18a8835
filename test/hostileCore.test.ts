import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteRequestFor } from '../src/cli/quoteArgument.js';
import { renderAnswer, renderQuote } from '../src/cli/renderText.js';
import { KnowledgeBase } from '../src/core/knowledgeBase.js';
import type { Answer, QuoteRequest, QuoteResult } from '../src/core/types.js';
import { answerMessage } from '../src/discord/render/answerMessage.js';
import { lineChoices } from '../src/discord/render/lineChoices.js';
import { quoteMessage } from '../src/discord/render/quoteMessage.js';
import { choiceViolations, messageViolations } from './fakeDiscord/limits.js';
import { isInside, recordFileAccess, type FileAccessRecorder } from './support/fileAccess.js';
import {
  BAD_LINE_RANGES,
  HOSTILE_DOC_IDS,
  QUESTION_CATEGORIES,
  hostileQuestions,
  hostileQuoteRequests,
} from './support/hostileInput.js';
import { createWorkspace, ROOT, SEED_ARTICLE, type Workspace } from './support/workspace.js';

const QUESTIONS = 5_000;
const QUOTES = 4_000;
const SUGGESTIONS = 1_000;
const ANSWER_ID = '1234567890123456789';

const storyText = readFileSync(SEED_ARTICLE, 'utf8');
const storyLines = storyText.split('\n');
const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();

let workspace: Workspace;
let knowledge: KnowledgeBase;
let access: FileAccessRecorder;
const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => {
  rejections.push(reason);
};
let handled = 0;

beforeAll(async () => {
  workspace = await createWorkspace();
  // Build once without watching; what is recorded is loading the index and answering.
  (await KnowledgeBase.open(workspace.config({ LOG_LEVEL: 'warn' }))).close();
  process.on('unhandledRejection', onRejection);
  access = recordFileAccess();
  knowledge = await KnowledgeBase.open(workspace.config({ LOG_LEVEL: 'warn' }));
});

afterAll(async () => {
  access?.restore();
  process.off('unhandledRejection', onRejection);
  knowledge?.close();
  await workspace?.remove();
});

/** A message the core gives for a bad argument: plain sentences, no internals, bounded. */
function expectFriendly(message: string, context: unknown): void {
  const where = JSON.stringify(context).slice(0, 300);
  expect(message.length, where).toBeGreaterThan(10);
  expect(message.length, where).toBeLessThanOrEqual(400);
  expect(message, where).toMatch(/^["A-Z]/);
  expect(message, where).toMatch(/[.?]$/);
  // Outside the echoed (quoted, shortened) user text: no stack, no error names, no leaked JS values.
  const own = message.replace(/"[^]*?"/g, '""');
  expect(own, where).not.toMatch(/\n\s+at |Error|undefined|NaN|Infinity|\[object|null|e\+\d/);
  for (const echoed of message.matchAll(/"([^]*?)"/g)) expect(echoed[1].length, where).toBeLessThanOrEqual(80);
}

function expectValidAnswer(question: string, answer: Answer): void {
  const where = JSON.stringify(question).slice(0, 200);
  expect(answer.question, where).toBe(question);
  expect(typeof answer.answer).toBe('string');
  expect(answer.answer.length, where).toBeGreaterThan(0);
  expect(answer.confidence, where).toBeGreaterThanOrEqual(0);
  expect(answer.confidence, where).toBeLessThanOrEqual(1);
  if (answer.abstained) expect(answer.citations, where).toEqual([]);
  else expect(answer.citations.length, where).toBeGreaterThan(0);
  for (const citation of answer.citations) {
    expect(citation.doc, where).toBe('sony-hack');
    const [first, last] = citation.lines;
    expect(first, where).toBeGreaterThanOrEqual(1);
    expect(last, where).toBeGreaterThanOrEqual(first);
    expect(last, where).toBeLessThanOrEqual(storyLines.length);
    // The cited sentence is the story's own text, found on the cited lines.
    expect(flat(storyLines.slice(first - 1, last).join(' ')), where).toContain(flat(citation.text));
  }
  const message = answerMessage(answer, ANSWER_ID);
  expect(messageViolations(message), where).toEqual([]);
  expect(renderAnswer(answer).length).toBeGreaterThan(0);
}

function expectValidQuote(request: QuoteRequest, result: QuoteResult): void {
  if (result.ok) {
    expect(result.lines.length, JSON.stringify(request)).toBeGreaterThan(0);
    expect(result.lines.length).toBeLessThanOrEqual(100);
    for (const line of result.lines) {
      expect(line.doc).toBe('sony-hack');
      expect(line.text).toBe(storyLines[line.n - 1]);
    }
  } else {
    expectFriendly(result.message, request);
  }
  const message = quoteMessage(result, knowledge.summary());
  expect(messageViolations(message), JSON.stringify(request).slice(0, 300)).toEqual([]);
  expect(renderQuote(result).length).toBeGreaterThan(0);
}

describe(`hostile input through the core (${QUESTIONS + QUOTES + SUGGESTIONS} generated, seeded)`, () => {
  it(`answers ${QUESTIONS} hostile questions of every category without throwing, citing only the story, within Discord limits`, async () => {
    const questions = hostileQuestions(20_061, QUESTIONS);
    expect(new Set(questions.map((q) => q.category))).toEqual(new Set(QUESTION_CATEGORIES));
    expect(questions.some((q) => q.text.length >= 6000)).toBe(true);
    for (const { text } of questions) {
      expectValidAnswer(text, await knowledge.ask(text));
      handled++;
    }
  });

  it('gives a friendly message for each line range, phrase and document id the issue names', () => {
    for (const lines of BAD_LINE_RANGES) {
      const result = knowledge.quote({ lines });
      if (!/^\s*(9|20)\s*$/.test(lines) && result.ok) throw new Error(`"${lines}" quoted ${JSON.stringify(result.lines)}`);
      expectValidQuote({ lines }, result);
      // The terminal and CLI read one free-form argument.
      expectValidQuote({ lines }, knowledge.quote(quoteRequestFor(lines)));
      handled += 2;
    }
    for (const doc of HOSTILE_DOC_IDS) {
      const result = knowledge.quote({ lines: '1', doc });
      expect(result.ok, doc).toBe(false);
      expectValidQuote({ lines: '1', doc }, result);
      expect(!result.ok && result.message).toMatch(/^There is no story called ".*"\. Stories: sony-hack\.$/s);
      handled++;
    }
  });

  it(`quotes ${QUOTES} hostile requests (ranges, phrases, document ids): exact lines or a friendly message, within limits`, () => {
    const requests = hostileQuoteRequests(6_612, QUOTES);
    let quoted = 0;
    for (const request of requests) {
      const result = knowledge.quote(request);
      if (result.ok) quoted++;
      expectValidQuote(request, result);
      handled++;
    }
    // Some succeed, so the checks above saw both outcomes.
    expect(quoted).toBeGreaterThan(0);
    expect(quoted).toBeLessThan(requests.length);
  });

  it(`suggests lines for ${SUGGESTIONS} hostile partial phrases within Discord's autocomplete limits`, () => {
    const texts = hostileQuestions(911, SUGGESTIONS).map((q) => q.text);
    for (const text of texts) {
      const lines = knowledge.suggest(text, 25);
      expect(lines.length).toBeLessThanOrEqual(25);
      for (const line of lines) expect(line.text).toBe(storyLines[line.n - 1]);
      expect(choiceViolations(lineChoices(lines)), JSON.stringify(text).slice(0, 200)).toEqual([]);
      handled++;
    }
  });

  it('read no file outside the corpus and data folders, and left no unhandled rejection', async () => {
    expect(handled).toBeGreaterThanOrEqual(10_000);
    // Let any stray promise settle before judging.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rejections).toEqual([]);
    const allowed = [workspace.corpusDir, path.join(workspace.dir, 'data')];
    // The recorder works: loading the index read the story and the index files through it.
    expect(access.paths).toContain(path.join(workspace.corpusDir, 'sony-hack.txt'));
    expect(access.paths.some((p) => isInside(p, workspace.indexDir) && p.endsWith('.bin'))).toBe(true);
    // …and it sees named imports of node:fs too.
    const canary = path.join(workspace.dir, 'canary.txt');
    writeFileSync(canary, 'x');
    readFileSync(canary);
    expect(access.paths).toContain(canary);
    access.restore();
    const recorded = access.paths.filter((p) => p !== canary);
    // The test runner reads its own files to print a failure; those are not the core's doing.
    const runner = [path.join(ROOT, 'node_modules', 'vitest'), path.join(ROOT, 'node_modules', '@vitest')];
    const outside = [...new Set(recorded)].filter((p) => ![...allowed, ...runner].some((folder) => isInside(p, folder)));
    expect(outside).toEqual([]);
  });
});
