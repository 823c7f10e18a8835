/**
 * WordNet-style base forms of an inflected word (after WordNet's `morphy` suffix rules):
 * `performers` → performer, `starring` → star, `chains` → chain. Candidates only; the caller
 * keeps those that are WordNet lemmas.
 */
const RULES: [suffix: string, replacement: string][] = [
  ['s', ''],
  ["'s", ''],
  ["'", ''],
  ['ses', 's'],
  ['xes', 'x'],
  ['zes', 'z'],
  ['ches', 'ch'],
  ['shes', 'sh'],
  ['men', 'man'],
  ['ies', 'y'],
  ['es', 'e'],
  ['es', ''],
  ['ed', 'e'],
  ['ed', ''],
  ['ing', 'e'],
  ['ing', ''],
  ['er', ''],
  ['est', ''],
  ['er', 'e'],
  ['est', 'e'],
];

/** Common irregular verb forms (WordNet's exception lists are not part of the npm package). */
const IRREGULAR: Record<string, string> = Object.fromEntries(
  `arose:arise arisen:arise ate:eat eaten:eat beaten:beat became:become began:begin begun:begin bent:bend bet:bet bit:bite bitten:bite
  bled:bleed blew:blow blown:blow bore:bear born:bear borne:bear bought:buy bound:bind bred:breed broke:break broken:break brought:bring
  built:build burnt:burn caught:catch chose:choose chosen:choose clung:cling came:come cost:cost crept:creep cut:cut dealt:deal dug:dig
  did:do done:do drew:draw drawn:draw drank:drink drunk:drink drove:drive driven:drive dwelt:dwell fell:fall fallen:fall fed:feed felt:feel
  fought:fight found:find fled:flee flew:fly flown:fly forbade:forbid forgot:forget forgotten:forget forgave:forgive forgiven:forgive
  froze:freeze frozen:freeze got:get gotten:get gave:give given:give went:go gone:go grew:grow grown:grow hung:hang had:have heard:hear
  hid:hide hidden:hide held:hold hurt:hurt kept:keep knew:know known:know laid:lay led:lead leapt:leap left:leave lent:lend lay:lie lain:lie
  lit:light lost:lose made:make meant:mean met:meet mistook:mistake overcame:overcome paid:pay proved:prove proven:prove quit:quit ran:run
  rang:ring rung:ring rose:rise risen:rise rode:ride ridden:ride sought:seek sold:sell sent:send set:set shook:shake shaken:shake shed:shed
  shone:shine shot:shoot showed:show shown:show shut:shut sang:sing sung:sing sank:sink sunk:sink sat:sit slept:sleep slid:slide spoke:speak
  spoken:speak sped:speed spent:spend spun:spin split:split spread:spread sprang:spring sprung:spring stood:stand stole:steal stolen:steal
  stuck:stick stung:sting struck:strike stricken:strike strove:strive striven:strive swore:swear sworn:swear swept:sweep swam:swim swum:swim
  swung:swing took:take taken:take taught:teach tore:tear torn:tear thought:think threw:throw thrown:throw understood:understand
  undertook:undertake undertaken:undertake woke:wake woken:wake wore:wear worn:wear won:win withdrew:withdraw withdrawn:withdraw
  wrote:write written:write men:man women:woman children:child people:person feet:foot teeth:tooth mice:mouse geese:goose`
    .split(/\s+/)
    .map((pair) => pair.split(':') as [string, string]),
);

/** The adjective rules (bigger → big, larger → large): a word that is a lemma itself is no comparative (leader, officer). */
const COMPARATIVES = new Set(['er', 'est']);

/** `isLemma`: the word is a lemma itself, so it keeps its -er/-est. */
export function baseForms(word: string, isLemma = false): string[] {
  const lower = word.toLowerCase();
  const out = new Set<string>([lower]);
  const irregular = IRREGULAR[lower];
  if (irregular !== undefined) out.add(irregular);
  for (const [suffix, replacement] of RULES) {
    if (lower.length <= suffix.length + 1 || !lower.endsWith(suffix) || (isLemma && COMPARATIVES.has(suffix))) continue;
    const base = lower.slice(0, lower.length - suffix.length) + replacement;
    out.add(base);
    // starring → starr → star, stopped → stopp → stop
    if (replacement === '' && /([b-df-hj-np-tv-z])\1$/.test(base)) out.add(base.slice(0, -1));
  }
  return [...out];
}
