import { createInterface } from 'node:readline';
import type { Config } from '../config.js';
import { KnowledgeBase } from '../core/knowledgeBase.js';
import { quoteRequestFor } from './quoteArgument.js';
import { renderAnswer, renderQuote, renderSummary } from './renderText.js';

const HELP = `Type a question, or:
  /ask QUESTION     the same as typing the question
  /quote 27-29      exact source lines (a number or a range)
  /quote PHRASE     every line containing the phrase
  /about            what the bot knows
  /exit             leave (Ctrl-D works too)`;

/** Runs one line of the terminal session and returns what to print, or undefined to leave. */
export async function replyTo(knowledge: KnowledgeBase, line: string): Promise<string | undefined> {
  const input = line.trim();
  const [command = '', ...rest] = input.split(/\s+/);
  const argument = input.slice(command.length).trim();
  switch (input.startsWith('/') ? command.toLowerCase() : '') {
    case '':
      return input === '' ? '' : renderAnswer(await knowledge.ask(input));
    case '/ask':
      return argument === '' ? 'Usage: /ask QUESTION' : renderAnswer(await knowledge.ask(argument));
    case '/quote':
      return rest.length === 0 ? 'Usage: /quote 27-29 or /quote PHRASE' : renderQuote(knowledge.quote(quoteRequestFor(argument)));
    case '/about':
      return renderSummary(knowledge.summary());
    case '/help':
      return HELP;
    case '/exit':
    case '/quit':
      return undefined;
    default:
      return `Unknown command ${command}. ${HELP}`;
  }
}

/** The interactive terminal session that `npm start` opens when no Discord token is set. */
export async function runRepl(config: Config): Promise<void> {
  process.stdout.write('storybot terminal session. To run the Discord bot instead, set DISCORD_TOKEN in .env (see README).\n');
  const knowledge = await KnowledgeBase.open(config);
  process.stdout.write(`${HELP}\n`);
  const terminal = createInterface({ input: process.stdin, output: process.stdout, prompt: 'storybot> ' });
  terminal.prompt();
  for await (const line of terminal) {
    const reply = await replyTo(knowledge, line);
    if (reply === undefined) break;
    if (reply !== '') process.stdout.write(`${reply}\n`);
    terminal.prompt();
  }
  terminal.close();
  knowledge.close();
}
