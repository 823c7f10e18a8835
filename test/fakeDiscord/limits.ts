import type { APIApplicationCommandOptionChoice, APIEmbed } from 'discord-api-types/v10';

/** Discord's documented limits, enforced by the fake the way Discord enforces them: with a 400. */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** One broken rule: the JSON path of the offending value, and Discord's wording. */
export interface LimitViolation {
  path: string;
  code: 'BASE_TYPE_MAX_LENGTH' | 'BASE_TYPE_REQUIRED';
  message: string;
}

interface MessageLike {
  content?: string | null;
  embeds?: APIEmbed[] | null;
  components?: unknown[] | null;
}

interface ComponentLike {
  type?: number;
  custom_id?: string;
  label?: string;
  components?: ComponentLike[];
}

class Checker {
  readonly violations: LimitViolation[] = [];

  maxLength(path: string, value: string | undefined | null, max: number): void {
    if (typeof value === 'string' && value.length > max) {
      this.violations.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
    }
  }

  required(path: string, value: string | undefined | null): void {
    if (typeof value !== 'string' || value.trim() === '') {
      this.violations.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    }
  }

  maxItems(path: string, items: readonly unknown[] | undefined | null, max: number): void {
    if (items && items.length > max) {
      this.violations.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
    }
  }
}

function embedLength(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

function checkEmbeds(check: Checker, embeds: readonly APIEmbed[]): void {
  check.maxItems('embeds', embeds, DISCORD_LIMITS.embeds);
  embeds.forEach((embed, i) => {
    const at = `embeds.${i}`;
    check.maxLength(`${at}.title`, embed.title, DISCORD_LIMITS.embedTitle);
    check.maxLength(`${at}.description`, embed.description, DISCORD_LIMITS.embedDescription);
    check.maxLength(`${at}.footer.text`, embed.footer?.text, DISCORD_LIMITS.footerText);
    check.maxLength(`${at}.author.name`, embed.author?.name, DISCORD_LIMITS.authorName);
    check.maxItems(`${at}.fields`, embed.fields, DISCORD_LIMITS.embedFields);
    (embed.fields ?? []).forEach((field, j) => {
      check.required(`${at}.fields.${j}.name`, field.name);
      check.required(`${at}.fields.${j}.value`, field.value);
      check.maxLength(`${at}.fields.${j}.name`, field.name, DISCORD_LIMITS.fieldName);
      check.maxLength(`${at}.fields.${j}.value`, field.value, DISCORD_LIMITS.fieldValue);
    });
  });
  const total = embeds.reduce((sum, embed) => sum + embedLength(embed), 0);
  if (total > DISCORD_LIMITS.embedTotal) {
    check.violations.push({
      path: 'embeds',
      code: 'BASE_TYPE_MAX_LENGTH',
      message: `Embed size exceeds maximum size of ${DISCORD_LIMITS.embedTotal}`,
    });
  }
}

function checkComponents(check: Checker, rows: readonly ComponentLike[]): void {
  check.maxItems('components', rows, DISCORD_LIMITS.actionRows);
  rows.forEach((row, i) => {
    check.maxItems(`components.${i}.components`, row.components, DISCORD_LIMITS.buttonsPerRow);
    (row.components ?? []).forEach((component, j) => {
      const at = `components.${i}.components.${j}`;
      check.maxLength(`${at}.custom_id`, component.custom_id, DISCORD_LIMITS.customId);
      check.maxLength(`${at}.label`, component.label, DISCORD_LIMITS.buttonLabel);
    });
  });
}

/** The rules a message body (reply, edit or follow-up) breaks. */
export function messageViolations(message: MessageLike): LimitViolation[] {
  const check = new Checker();
  check.maxLength('content', message.content, DISCORD_LIMITS.content);
  if (message.embeds) checkEmbeds(check, message.embeds);
  if (message.components) checkComponents(check, message.components as ComponentLike[]);
  return check.violations;
}

/** The rules an autocomplete result breaks. */
export function choiceViolations(choices: readonly APIApplicationCommandOptionChoice[] | undefined): LimitViolation[] {
  const check = new Checker();
  check.maxItems('choices', choices, DISCORD_LIMITS.choices);
  (choices ?? []).forEach((choice, i) => {
    check.required(`choices.${i}.name`, choice.name);
    check.maxLength(`choices.${i}.name`, choice.name, DISCORD_LIMITS.choiceName);
    if (typeof choice.value === 'string') check.maxLength(`choices.${i}.value`, choice.value, DISCORD_LIMITS.choiceValue);
  });
  return check.violations;
}

/** Discord's "Invalid Form Body" error object, nested by path as Discord nests it. */
export function invalidFormBody(violations: readonly LimitViolation[]): { code: number; message: string; errors: object } {
  const errors: Record<string, unknown> = {};
  for (const { path, code, message } of violations) {
    let node = errors;
    for (const key of path.split('.')) node = (node[key] ??= {}) as Record<string, unknown>;
    const list = ((node._errors as unknown[]) ??= []);
    list.push({ code, message });
  }
  return { code: 50035, message: 'Invalid Form Body', errors };
}
