import { parseArgs } from 'node:util';
import { KnowledgeBase } from '../core/knowledgeBase.js';
import { configForCli, usageError } from './bootstrap.js';
import { quoteRequestFor } from './quoteArgument.js';
import { quoteJson, renderQuote } from './renderText.js';

const USAGE = `Usage: npm run --silent quote -- [--json] [--doc ID] 27-29
       npm run --silent quote -- [--json] [--doc ID] "theater chains"`;

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ options: { json: { type: 'boolean' }, doc: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  } catch (error) {
    usageError((error as Error).message, USAGE);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const argument = positionals.join(' ');
  if (argument.trim() === '') usageError('Give line numbers or a phrase to quote.', USAGE);

  const knowledge = await KnowledgeBase.open(configForCli());
  const result = knowledge.quote(quoteRequestFor(argument, values.doc));
  knowledge.close();
  if (!result.ok) {
    if (values.json) process.stdout.write(`${JSON.stringify({ error: result.message })}\n`);
    process.stderr.write(`${result.message}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${values.json ? JSON.stringify(quoteJson(result)) : renderQuote(result)}\n`);
}

await main();
