import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode } from './support/run.js';
import { createWorkspace, type Workspace } from './support/workspace.js';

let workspace: Workspace;
beforeAll(async () => {
  workspace = await createWorkspace();
});
afterAll(() => workspace.remove());

const ask = (...args: string[]) => runNode('dist/src/cli/ask.js', args, workspace.env);
const quote = (...args: string[]) => runNode('dist/src/cli/quote.js', args, workspace.env);

describe('ask', () => {
  it('answers with a cited sentence as one JSON object, building the index on first use', async () => {
    const { code, stdout } = await ask('--json', 'Who ordered the hacking attack on Sony Pictures?');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const answer = JSON.parse(stdout);
    expect(Object.keys(answer)).toEqual(['question', 'abstained', 'answer', 'citations', 'embedder']);
    expect(answer).toMatchObject({ question: 'Who ordered the hacking attack on Sony Pictures?', abstained: false, embedder: 'lexical' });
    expect(answer.citations[0]).toMatchObject({ n: 1, doc: 'sony-hack', sentence: 3, lines: [3, 5] });
    expect(answer.citations[0].text).toContain('ordered the hacking attack');
    expect(answer.citations[0].text).not.toContain('\n');
    expect(answer.answer).toContain('[1]');
    expect(Object.keys(answer.citations[0])).toEqual(['n', 'doc', 'sentence', 'lines', 'text']);
  });

  it('abstains on a question the story does not answer', async () => {
    const { code, stdout } = await ask('--json', 'What is the capital of France?');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ abstained: true, citations: [], answer: expect.stringMatching(/doesn't say/) });
  });

  it('prints a readable answer followed by numbered sources with lines', async () => {
    const { code, stdout } = await ask('Which theater chains said they would not show the film?');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Regal, Cinemark, Carmike and Cineplex.*\[1\]/);
    expect(stdout).toMatch(/Sources:\n {2}\[1\] sony-hack, lines 27-29: Regal, Cinemark/);
  });

  it('answers a file of questions as JSON lines, one per question', async () => {
    const file = path.join(workspace.dir, 'questions.txt');
    await fs.writeFile(file, 'Who stars in The Interview?\n\nWhat is the capital of France?\nWhat group claimed it hacked Sony?\n');
    const { code, stdout } = await ask('--json', '--file', file);
    expect(code).toBe(0);
    const answers = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(answers.map((a) => [a.question, a.abstained])).toEqual([
      ['Who stars in The Interview?', false],
      ['What is the capital of France?', true],
      ['What group claimed it hacked Sony?', false],
    ]);
    expect(answers[0].citations[0].text).toContain('Seth Rogen and James Franco');
  });

  it.each([
    [[], /Give a question/],
    [['--json'], /Give a question/],
    [['--bogus', 'q'], /Unknown option '--bogus'/],
    [['--file', '/nonexistent/q.txt'], /Cannot read \/nonexistent\/q.txt/],
  ])('exits 2 with usage on bad usage %j', async (args, message) => {
    const { code, stdout, stderr } = await ask(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/Usage: npm run --silent ask/);
    expect(stdout).toBe('');
  });

  it('explains an embedding model that cannot be loaded, without a stack trace', async () => {
    const env = {
      ...workspace.env,
      EMBEDDER: 'transformers',
      ALLOW_REMOTE_MODELS: 'false',
      MODELS_DIR: path.join(workspace.dir, 'no-models'),
      INDEX_DIR: path.join(workspace.dir, 'transformers-index'),
    };
    const { code, stdout, stderr } = await runNode('dist/src/cli/ask.js', ['Who ordered the attack?'], env);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/Could not load embedding model "[^"]+" \(remote download not allowed\)/);
    expect(stderr).toMatch(/Put the model files under MODELS_DIR/);
    // No stack frames.
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('names the variable when a setting is bad', async () => {
    const { code, stderr } = await runNode('dist/src/cli/ask.js', ['q'], { ...workspace.env, CHUNK_SIZE: 'many' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('Configuration error: CHUNK_SIZE must be a whole number (got "many").');
  });
});

describe('quote', () => {
  it('returns exact lines by range as JSON', async () => {
    const { code, stdout } = await quote('--json', '27-29');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.doc).toBe('sony-hack');
    expect(result.lines.map((l: { n: number }) => l.n)).toEqual([27, 28, 29]);
    expect(result.lines[0].text).toContain('Regal, Cinemark');
  });

  it('finds a phrase and prints numbered lines', async () => {
    const { code, stdout } = await quote('theater chains');
    expect(code).toBe(0);
    expect(stdout).toBe("20  of the country's largest theater chains said they were holding back or\n");
  });

  it('explains a bad range without a stack trace', async () => {
    const { code, stdout, stderr } = await quote('--json', '3-1');
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({ error: 'The range 3-1 runs backwards; did you mean 1-3?' });
    expect(stderr).not.toMatch(/at .*\.js/);
  });

  it('names documents when several match and selects one with --doc', async () => {
    await fs.writeFile(path.join(workspace.corpusDir, 'second.md'), 'Second Story\nTheater chains again.\n');
    try {
      const all = JSON.parse((await quote('--json', 'theater chains')).stdout);
      expect(all.lines.map((l: { doc: string; n: number }) => [l.doc, l.n])).toEqual([['second', 2], ['sony-hack', 20]]);
      const one = JSON.parse((await quote('--json', '--doc', 'second', '2')).stdout);
      expect(one).toEqual({ doc: 'second', lines: [{ n: 2, text: 'Theater chains again.' }] });
    } finally {
      await fs.rm(path.join(workspace.corpusDir, 'second.md'));
    }
  });
});

describe('terminal session (npm start without a token)', () => {
  it('says how to connect Discord, answers, quotes and leaves on /exit', async () => {
    const { code, stdout } = await runNode('dist/src/main.js', [], workspace.env, 'Who stars in The Interview?\n/quote 9\n/exit\n/quote 10\n');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/DISCORD_TOKEN/);
    expect(stdout).toMatch(/Seth Rogen and James Franco.*\[1\]/);
    expect(stdout).toContain(' 9  "We have found linkage to the North Korean government," according to a U.S. government source.');
    expect(stdout).not.toContain('An official said the');
  });

  it('leaves cleanly at end of input (Ctrl-D)', async () => {
    const { code, stdout } = await runNode('dist/src/main.js', [], workspace.env, '/about\n');
    expect(code).toBe(0);
    expect(stdout).toMatch(/sony-hack: North Korea Behind Sony Hack: U\.S\. Officials \(14 sentences, 37 lines\)/);
  });
});
