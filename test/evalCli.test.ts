import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode } from './support/run.js';
import { createWorkspace, type Workspace } from './support/workspace.js';

const EVAL = 'dist/scripts/eval.js';
let workspace: Workspace;
let qa: string;

beforeAll(async () => {
  workspace = await createWorkspace();
  qa = path.join(workspace.dir, 'qa.jsonl');
  await fs.writeFile(
    qa,
    [
      { id: 'a1', q: 'Who ordered the hacking attack on Sony Pictures?', evidence: ['ordered the hacking attack'] },
      { id: 'a2', q: 'Which cinema chains refused to screen the movie?', evidence: ['Regal, Cinemark'] },
      { id: 'u1', q: 'What is the capital of France?', answerable: false },
    ]
      .map((item) => JSON.stringify(item))
      .join('\n'),
  );
});

afterAll(() => workspace?.remove());

describe('npm run eval', () => {
  it('--json prints exactly the summary object', async () => {
    const { code, stdout } = await runNode(EVAL, ['--qa', qa, '--json'], { ...workspace.env, LOG_LEVEL: 'warn' }, undefined, 60_000);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(Object.keys(summary).sort()).toEqual(['answerable', 'embedder', 'latency_ms', 'unanswerable']);
    expect(summary.answerable).toMatchObject({ n: 2, false_abstain: 0 });
    expect(summary.answerable.hit_at_1).toBeGreaterThanOrEqual(0.5);
    expect(summary.unanswerable).toEqual({ n: 1, abstain_rate: 1 });
    expect(summary.embedder).toBe('lexical');
    expect(summary.latency_ms.p95).toBeGreaterThanOrEqual(summary.latency_ms.p50);
  });

  it('prints a table, the misses and, with --calibrate, the confidence of every question; --set overrides a setting', async () => {
    const { code, stdout } = await runNode(EVAL, ['--qa', qa, '--calibrate', '--set', 'ABSTAIN_THRESHOLD=1'], { ...workspace.env, LOG_LEVEL: 'warn' }, undefined, 60_000);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^metric\s+\| value$/m);
    expect(stdout).toMatch(/^hit@1\s+\| \d\.\d{3}$/m);
    expect(stdout).toMatch(/^latency p95 ms\s+\| \d+\.\d{3}$/m);
    // At threshold 1 only a perfect match is answered, so the chains question is missed by abstaining.
    expect(stdout).toMatch(/Misses \(\d\):/);
    expect(stdout).toContain('[a2] Which cinema chains refused to screen the movie?\n  cited:    (abstained)\n  expected: "Regal, Cinemark"');
    expect(stdout).toContain('current ABSTAIN_THRESHOLD=1');
    expect(stdout).toMatch(/^ {2}\d\.\d{3} {2}unanswerable {7}\[u1\] What is the capital of France\?$/m);
  });

  it('exits 2 with usage on bad input', async () => {
    expect((await runNode(EVAL, [], workspace.env)).code).toBe(2);
    // A stray word (a file name without --qa, say) is refused rather than ignored.
    const stray = await runNode(EVAL, ['--qa', qa, 'extra.jsonl'], workspace.env);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain("Unexpected argument 'extra.jsonl'");
    const bad = path.join(workspace.dir, 'bad.jsonl');
    await fs.writeFile(bad, '{"id":"x","q":"no evidence"}\n');
    const result = await runNode(EVAL, ['--qa', bad], workspace.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bad.jsonl:1');
  });
});
