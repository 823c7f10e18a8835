import { KnowledgeBase } from '../core/knowledgeBase.js';
import { configForCli, parseCommandLine, runEntryPoint, usageError } from './bootstrap.js';
import { quoteRequestFor } from './quoteArgument.js';
import { quoteJson, renderQuote } from './renderText.js';

const USAGE = `Usage: npm run --silent quote -- [--json] [--doc ID] 27-29
       npm run --silent quote -- [--json] [--doc ID] "theater chains"`;

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine({ json: { type: 'boolean' }, doc: { type: 'string' } } as const, USAGE);
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

await runEntryPoint(main);
