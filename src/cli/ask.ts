import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { KnowledgeBase } from '../core/knowledgeBase.js';
import type { Answer } from '../core/types.js';
import { configForCli, parseCommandLine, runEntryPoint, usageError } from './bootstrap.js';
import { renderAnswer } from './renderText.js';

const USAGE = `Usage: npm run --silent ask -- [--json] "question"
       npm run --silent ask -- [--json] --file FILE    (one question per line; - reads standard input)`;

function answerJson(answer: Answer): string {
  const citations = answer.citations.map(({ n, doc, sentence, lines, text }) => ({ n, doc, sentence, lines, text }));
  return JSON.stringify({ question: answer.question, abstained: answer.abstained, answer: answer.answer, citations, embedder: answer.embedder });
}

async function* questionsFrom(file: string): AsyncGenerator<string> {
  const input = file === '-' ? process.stdin : createReadStream(file, 'utf8');
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.trim() !== '') yield line;
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine({ json: { type: 'boolean' }, file: { type: 'string' } } as const, USAGE);
  const question = positionals.join(' ');
  if (values.file === undefined && question.trim() === '') usageError('Give a question to ask.', USAGE);
  if (values.file !== undefined && positionals.length > 0) usageError('Give either a question or --file, not both.', USAGE);

  const config = configForCli();
  const knowledge = await KnowledgeBase.open(config);
  const print = (answer: Answer): void => {
    process.stdout.write(`${values.json ? answerJson(answer) : renderAnswer(answer)}\n${values.json ? '' : '\n'}`);
  };
  if (values.file === undefined) {
    print(await knowledge.ask(question));
  } else {
    try {
      for await (const line of questionsFrom(values.file)) print(await knowledge.ask(line));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') usageError(`Cannot read ${values.file}: no such file.`, USAGE);
      throw error;
    }
  }
  knowledge.close();
}

await runEntryPoint(main);
