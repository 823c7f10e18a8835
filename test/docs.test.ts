import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'dotenv';
import { loadConfig } from '../src/config.js';
import { ROOT } from './support/workspace.js';

const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');
const example = read('.env.example');
const exampleVariables = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
const configurationSection = read('README.md').split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? '';
const readmeVariables = [...configurationSection.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]);

describe('documented configuration', () => {
  it('has a README table that matches .env.example line by line', () => {
    expect(exampleVariables.length).toBeGreaterThan(10);
    expect(readmeVariables).toEqual(exampleVariables);
  });

  it('gives every variable in .env.example a comment', () => {
    const lines = example.split('\n');
    for (const variable of exampleVariables) {
      const at = lines.findIndex((line) => line.startsWith(`${variable}=`));
      expect(lines[at - 1], variable).toMatch(/^# \S/);
    }
  });

  it('shows the real defaults in .env.example, so copying it to .env changes nothing', () => {
    expect(loadConfig(parse(example), ROOT)).toEqual(loadConfig({}, ROOT));
  });

  it('reads every documented variable, and documents every variable it reads', () => {
    const source = ['src/config.ts'].map(read).join('\n');
    const read_ = new Set([...source.matchAll(/'([A-Z][A-Z0-9_]{2,})'/g)].map((m) => m[1]));
    read_.delete('SHARDING_MANAGER'); // set by discord.js inside shard processes, not by users
    expect([...read_].sort()).toEqual([...exampleVariables].sort());
  });

  it('keeps .env out of git', () => {
    expect(read('.gitignore').split('\n')).toContain('.env');
  });
});
