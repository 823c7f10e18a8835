import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { analyzeCorpus } from '../src/core/index/analyzeCorpus.js';
import { buildLexicon } from '../src/core/lexicon/buildLexicon.js';
import { decodeLexicon, encodeLexicon, Lexicon, NounClass, supersenseBit } from '../src/core/lexicon/lexicon.js';
import { baseForms } from '../src/core/lexicon/morphy.js';
import { loadWordNet } from '../src/core/lexicon/wordnet.js';
import { KnowledgeBase } from '../src/core/knowledgeBase.js';
import { analyzeQuery, type AnalyzedQuery } from '../src/core/query/analyzeQuery.js';
import { computeFeatures, namesDay, SentenceFlag } from '../src/core/text/features.js';
import { termOf } from '../src/core/text/terms.js';
import { createWorkspace, type Workspace } from './support/workspace.js';

/**
 * Answer quality with the built-in lexical embedder. The questions are worded here, for these
 * tests, and differ from the story's words; what they pin is which sentence gets cited.
 */

let workspace: Workspace;
let knowledge: KnowledgeBase;

beforeAll(async () => {
  workspace = await createWorkspace();
  knowledge = await KnowledgeBase.open(workspace.config({ LOG_LEVEL: 'warn' }));
});

afterAll(async () => {
  knowledge?.close();
  await workspace?.remove();
});

describe('paraphrased questions cite the sentence that answers them', () => {
  const cases: [question: string, lines: [number, number], holds: string][] = [
    // client ~ customer (WordNet synonyms)
    ['What customers did Sony mention in its statement?', [23, 27], 'our customers'],
    // performer → actor → star (hypernyms), comedy as written
    ['Which performers are in the comedy?', [13, 17], 'Seth Rogen and James Franco'],
    // a yes/no question: the sentence that says where the attack came from
    ['Did the attack come from inside North Korea?', [6, 8], 'originated outside North Korea'],
    // hacked ~ hacking (stems), a group named in the answer
    ['What is the name of the group that hacked Sony?', [18, 22], 'Guardians for Peace'],
    // `which holiday` asks for a date: the one next to the release it dates
    ['On which holiday was the comedy due to be released?', [18, 22], 'Christmas Day'],
    // movie ~ film, a name from the question
    ['What happened to the Steve Carell movie?', [17, 17], 'will not be moving forward'],
    // orders ~ ordered, a who-question answered by a named government
    ['Who gave the orders for the cyber attack on the studio?', [3, 5], 'ordered the hacking attack'],
    // satire ~ comedy and actors ~ starring: GloVe word vectors, not WordNet
    ['Which actors appear in the satire?', [13, 17], 'Seth Rogen and James Franco'],
    // pledge ~ working tirelessly, culprits ~ perpetrators
    ['What did the White House pledge regarding the culprits?', [30, 33], 'bring the perpetrators'],
    // who + verb: the name next to the act asked about (claimed … Guardians for Peace), not any sentence naming Sony
    ["Who claimed credit for the intrusion into Sony's computers?", [18, 22], 'Guardians for Peace'],
    // an imperative asks like `which`: operators ~ chains that hold back the film
    ['List the theater operators that would not screen the comedy.', [18, 22], 'largest theater chains'],
    // what someone said: the sentence that reports it (said in a statement)
    ['What did the White House say it would do?', [30, 33], 'bring the perpetrators'],
    // `the threats mentioned in the story`: a participle after a noun asks nothing about what the threats said
    ['Which group made the violent threats mentioned in the story?', [18, 22], 'Guardians for Peace'],
    // revealing is saying: the council's statement
    ['What did the council reveal about the perpetrators?', [30, 33], 'bring the perpetrators'],
    // what the story says names no speaker: answered from any sentence, not only reported speech
    ['What does the story say about the theater chains?', [18, 22], 'largest theater chains'],
    // `one` is a stop word: `one official` asks about an official, and `one` matches nothing loosely elsewhere
    ['One official warned against what?', [3, 5], "can't let this go unanswered"],
    // `which country`: a place the story names, also as the adjective of a noun (`the North Korean government`)
    ['Which country ordered the hack on Sony?', [3, 5], 'the North Korean government ordered'],
    ["Which country is the film's dictator from?", [13, 17], 'North Korean dictator'],
    // `how many executives`: `several … executives` says how many in words
    ['How many high-ranking executives did the security breach humiliate?', [13, 17], 'several high-profile Sony executives'],
    // reacting is answered by what they said they did (`chains said they were holding back`)
    ['How did the big cinema operators react once they were threatened?', [18, 22], 'holding back or dropping the movie'],
    // `what freedoms`: the sentence that mentions freedom answers, before the statement that names the country
    ['What freedoms does the United States defend?', [35, 36], 'freedom of speech'],
    // harmed by the assault: who the statement names as victims
    ['Who did Sony say was harmed by the assault?', [23, 27], 'against our employees'],
    // what a thing is about: the sentence that describes it (`"The Interview," a comedy … that depicts …`)
    ["What's The Interview about?", [13, 17], 'depicts a fictional assassination attempt'],
    ['What sort of movie is The Interview?', [13, 17], 'a comedy starring'],
    // a full name holds the short one the question gives, and goes on from it
    ['What is the full name of the Regency studio behind the Carell picture?', [17, 17], 'New Regency film'],
    ["What's the official name of the Sony studio?", [3, 5], 'Sony Pictures Entertainment'],
    // the plot or premise of a film: what the film is about, told by the sentence that describes it
    ["What's the premise of the comedy the chains dropped?", [13, 17], 'depicts a fictional assassination attempt'],
    ['What is the plot of the picture Sony shelved?', [13, 17], 'depicts a fictional assassination attempt'],
    // what Sony said: Sony's own statement, not the White House's, which shares more of the words
    ['What did Sony tell the public about the attack?', [23, 27], 'unprecedented criminal assault'],
    // describing is saying: Sony's words, not the group's claim that names Sony
    ['How did Sony describe the hack in its statement?', [23, 27], 'unprecedented criminal assault'],
    // a phrasal verb looked up whole: called off ~ cancelling
    ['Which release was called off?', [13, 17], 'cancelling the Dec. 25 release'],
    // who + act: the act in other words (vowed to bring ~ working … to bring), not a name elsewhere
    ['Who vowed to bring the attackers to justice?', [30, 33], 'bring the perpetrators'],
    // a question about the photo: its caption answers, though it says `Pic:` and the question `pictured`
    ['Who is pictured with the generals?', [2, 2], 'Kim Jong Un with Generals'],
    ['What does the photo show?', [2, 2], 'Kim Jong Un with Generals'],
    // a question about the headline: the title answers, and says it
    ['According to the headline, who is to blame for the hack?', [1, 1], 'North Korea Behind Sony Hack'],
    // a photo word elsewhere means something else (Sony Pictures): only the caption is the photo
    ['Who is in the photograph that comes with the story?', [2, 2], 'Kim Jong Un with Generals'],
    // only the caption says what the photo shows, though other sentences share more of the words
    ['Who is pictured together with the leader?', [2, 2], 'Kim Jong Un with Generals'],
    // how large: a size the story gives in words (largest), not a number
    ['How large were the cinema companies that pulled the comedy?', [18, 22], 'largest theater chains'],
    // who is quoted: any reported speech states that act
    ["Who was quoted saying the country can't let this go unanswered?", [3, 5], "can't let this go unanswered"],
    // `who does X want to …` asks for an object, not for the holder of a role
    ['Who does the White House want to bring to justice?', [30, 33], 'bring the perpetrators'],
    // a request's noun phrase after its function words: `some of the`, `all of the`
    ['List some of the movie house companies that refused to play the comedy.', [27, 29], 'Regal, Cinemark, Carmike and Cineplex'],
    ['Name all of the chains that refused to screen the film.', [27, 29], 'Regal, Cinemark, Carmike and Cineplex'],
    // … and `one of the`: a share of the chains, not a number
    ['Name one of the cinema operators that declined to show the film.', [27, 29], 'Regal, Cinemark, Carmike and Cineplex'],
    // `Give the name of …` is a request too: the `whose` inside it asks nothing
    ['Give the name of the group whose threats frightened the cinemas.', [18, 22], 'Guardians for Peace'],
    // `in the picture` is in the photo
    ['In the picture, who is standing beside the dictator?', [2, 2], 'Kim Jong Un with Generals'],
    // … and so is a picture placed in the article: `with the story`, `up top`
    ['what does the pic with the story show', [2, 2], 'Kim Jong Un with Generals'],
    ['the picture up top, who is in it?', [2, 2], 'Kim Jong Un with Generals'],
    // declining to do something is not doing it: `would not show the film` states the refusal
    ['Which cinema operators declined to screen the comedy on the holiday?', [27, 29], 'Regal, Cinemark, Carmike and Cineplex'],
    // `whose` asks for a possessor, which need not be a name (artists' freedom)
    ['Whose freedom of expression does the U.S. want to protect?', [35, 36], "artists' freedom of speech"],
    // calling something a name is saying it: Sony's statement, not the officials' word for the attack
    ['What did Sony call the hack?', [23, 27], 'unprecedented criminal assault'],
    // mentioning is saying: the statement's words, in the quotation that goes on from it
    ['What freedoms did the NSC statement mention?', [35, 36], 'freedom of speech'],
    // a WordNet collocation written with a hyphen (co-star ~ starring), though the words split at it
    ['Who co-stars in the satire?', [13, 17], 'starring Seth Rogen and James Franco'],
    // an adverb after `who` is no act: the act is the verb after it, or none
    ['Who actually claimed the hack?', [18, 22], 'Guardians for Peace'],
    ['Who exactly is Guardians for Peace?', [18, 22], 'claimed it hacked Sony'],
    // a passive who-question asks who underwent the act, which the story may word otherwise (the victim of)
    ['Who was harmed in the criminal assault?', [23, 27], 'against our employees'],
    // a passive `described` asks how the story describes him, not what he said
    ['How is Kim Jong Un described?', [13, 17], 'North Korean dictator Kim Jong Un'],
    // a quotation that goes on from where the White House is named is its words
    ['What did the White House say it respects?', [33, 35], 'respects artists'],
    // `the U.S. government` describes a speaker the story names otherwise: any reported speech may answer
    ['What did the U.S. government say it respects?', [33, 35], 'respects artists'],
    // drew the conclusion: the act is the conclusion, and concluded states it (one root)
    ['Who drew the conclusion that Pyongyang ordered the breach?', [3, 5], 'officials have concluded'],
    ['Who came to the conclusion that the North Korean government gave the order?', [3, 5], 'officials have concluded'],
    // a dated sentence answers a when-question (New Regency names a company, not a day)
    ['When did the studio originally plan to open the film?', [13, 17], 'the Dec. 25 release'],
    // … its date next to a word of the question: put out ~ issued ~ statement
    ['When did the White House put out its statement?', [30, 33], 'said in a statement Wednesday'],
    // … or, when the story never words the event as the question does (open for the release), any date
    ['When was the satire meant to open?', [13, 17], 'the Dec. 25 release'],
    // officially is no word for officials: the sentence about cancelling answers
    ['Did Sony officially cancel the release?', [13, 17], 'cancelling the Dec. 25 release'],
    // a closed compound nobody knows is a kind of its last word: cyberattack → attack
    ['Where did the cyberattack originate?', [6, 8], 'originated outside North Korea'],
    ['Which megachains refused to screen the comedy?', [27, 29], 'were among the chains that said it would not show'],
    // `found` is mostly a form of find: found ~ originated (through *found*, establish) counts less than `have found`
    ["Who is quoted saying a connection with North Korea's government was found?", [9, 9], 'We have found linkage'],
    // the speaker of `which freedoms did the NSC say …` is the NSC, by its synonym, and its quotation runs on
    ['What rights did the Security Council say it takes seriously?', [35, 36], 'We take very seriously'],
    ['According to the National Security Council, what right does the U.S. respect?', [33, 35], "respects artists' and entertainers' right"],
    ['What did the NSC say about artists?', [35, 36], "artists' freedom of speech"],
    // a country speaks through its agencies: the Security Council's statement is what the U.S. says
    ['What does the U.S. say artists have a right to do?', [33, 35], "respects artists' and entertainers' right"],
    ['What does the United States say it respects?', [33, 35], "respects artists' and entertainers' right"],
    // commenting is saying something: Sony's statement
    ['Did Sony comment on the decision?', [23, 27], 'Sony said in a statement'],
    // … and by any name it goes by: the United States told NBC News through a U.S. official
    ['What did the United States tell NBC News?', [3, 5], 'a U.S. official told NBC News'],
    // `is said to` is hearsay about the country, not something it said
    ['Which country is said to have ordered the attack?', [3, 5], 'North Korean government ordered'],
    ['Which country gave the order for the attack?', [3, 5], 'North Korean government ordered'],
    // `the chains` are the top cinema chains of the sentence before: movie house ~ cinema carries over
    ['Which movie house companies refused to play the comedy?', [27, 29], 'Regal, Cinemark, Carmike and Cineplex'],
    // a noun for something said, with a verb that only utters it: what the security council said
    ["What vow did the president's security team make?", [30, 33], 'bring the perpetrators'],
    // asked for by name: the name next to the word for what is asked
    ['What is the name of the comedy that Sony cancelled?', [13, 17], '"The Interview," a comedy'],
    ['What is the name of the film starring Steve Carell?', [17, 17], 'tentatively titled "Pyongyang"'],
    // … and a sentence on the thing that names nothing ranks below the one that names it
    ['What is the name of the film that was scrapped?', [17, 17], 'tentatively titled "Pyongyang"'],
    ['What are the names of the cinema chains that pulled out?', [27, 29], 'Regal, Cinemark, Carmike and Cineplex'],
    // how many things the story names: it answers with the names it lists, not a number
    ['How many chains are listed as refusing the film?', [27, 29], 'Regal, Cinemark, Carmike and Cineplex'],
    // a statement is its owner's: Sony's, though the White House's shares the day and names Sony
    ["Which day did Sony's statement come out?", [23, 27], 'said in a statement Wednesday'],
    // `the Security Council statement` is the council's words, a quotation that goes on included
    ['Which liberties did the Security Council statement stand up for?', [35, 36], 'freedom of speech'],
    // a quotation that goes on from further back is its speaker's words: the White House's (~ administration)
    ['What does the administration regard very seriously?', [35, 36], 'We take very seriously'],
    // a name across a dash is in another clause: the dictator next to `leader`, not the government before the dash
    ["Which leader is targeted in the movie's plot?", [13, 17], 'North Korean dictator Kim Jong Un'],
    ['Who is the leader of North Korea?', [13, 17], 'North Korean dictator Kim Jong Un'],
    // calling something a name is saying it (not `called off`, which cancels)
    ['Who called the hack a criminal assault?', [23, 27], 'unprecedented criminal assault'],
    // issuing a statement is saying something: any report of speech states the act
    ['Who delivered the statement expressing support for Sony?', [30, 33], 'National Security Council said in a statement'],
    // what people call themselves: a name set apart right after a word for them (`… it hacked Sony, Guardians for Peace`),
    // not the names the hacking was done to (`the hacking attack on Sony Pictures Entertainment`)
    ['What do the hackers who breached Sony call themselves?', [18, 22], 'Guardians for Peace'],
    ['What are the people who hacked the studio known as?', [18, 22], 'Guardians for Peace'],
    ['What do the hackers of the studio call themselves?', [18, 22], 'Guardians for Peace'],
    // `was behind`, `is responsible for`: the act is the thing done (the threats, the attack)
    ['Who was behind the violent threats against cinemas?', [18, 22], 'Guardians for Peace'],
    ['Who is responsible for the threats made to theaters?', [18, 22], 'Guardians for Peace'],
    ['Who was behind the attack on the studio?', [3, 5], 'North Korean government ordered'],
    // a choice the story settles: it states one of the alternatives
    ["Was the comedy's premiere delayed or cancelled?", [13, 17], 'cancelling the Dec. 25 release'],
    ['Did the hackers act alone or on orders from a government?', [6, 8], 'acting on orders'],
    ['Were the theater chains small or large ones?', [18, 22], 'largest theater chains'],
    // a verb that links to a state (became, ended up, was left) is no act: the state is
    ['Who became embarrassed because of the security breach?', [13, 17], 'embarrassed several high-profile Sony executives'],
    // … which a similar adjective states as well: WordNet groups adjectives around a few heads
    ['Who was left ashamed by the breach?', [13, 17], 'embarrassed several high-profile Sony executives'],
    // `else` is a function word: `who else` asks who, and nothing called `else`
    ['Who else issued a statement on Wednesday?', [23, 27], 'said in a statement Wednesday'],
    // a full name is the fullest the story writes: Sony Pictures Entertainment, not Sony Pictures
    // (`Entertainment` is a name there, though `entertainers` is a word elsewhere)
    ['What is the full name of the Sony division that came under attack?', [3, 5], 'Sony Pictures Entertainment'],
    ['What is the full name of the Sony arm that was attacked?', [3, 5], 'Sony Pictures Entertainment'],
    // a kind asked for takes word-vector neighbours of its own kind: genre ~ comedy (both nouns of communication)
    ['What genre is the film starring James Franco?', [13, 17], 'a comedy starring Seth Rogen'],
    // `the studio` is what the story calls Sony (`… Sony executives and led to the studio cancelling …`): Sony's words come first
    ['In its statement, how did the studio describe what happened to it?', [23, 27], 'unprecedented criminal assault'],
    ['How did the studio describe the assault on it?', [23, 27], 'unprecedented criminal assault'],
    // the headline as the speaker: only the headline says it, though the story's body reports officials' words on it
    ['According to the headline, which nation is blamed for the hacking attack on Sony?', [1, 1], 'North Korea Behind Sony Hack'],
    // the words saying which film a description is asked of need not stand in the description
    ['What is the plot of the picture at the heart of the dispute?', [13, 17], 'fictional assassination'],
    // a role the sentence words itself is filled by who it says holds it, named or not; a caption names who is shown
    ['Who was the source for the linkage quote?', [9, 9], 'according to a U.S. government source'],
    ['Who is the man in the photograph?', [2, 2], 'Kim Jong Un with Generals'],
    // initials the story's names have, and nothing else knows, stand for the name: NK is North Korean
    ['Did the hackers take orders from NK?', [6, 8], 'acting on orders from the North Koreans'],
    // `gonna` is `going to`: the act is starring
    ['who was gonna star in the Pyongyang picture?', [17, 17], 'starring Steve Carell'],
    // a slip of the keyboard, a word nothing knows one edit from a story word, is read as that word
    ['Who stars in The Intervew?', [13, 17], 'Seth Rogen and James Franco'],
    ['What did the Natonal Security Council say?', [30, 33], 'working tirelessly'],
    ['who orderd the hack on sony?', [3, 5], 'North Korean government ordered'],
    // a chat's clipped words are read whole: `execs` are executives (WordNet's EXEC is the White House)
    ['how many execs got embarrassed?', [13, 17], 'several high-profile Sony executives'],
    // a chat's fillers and stressing adverbs are not what the question is about
    ["hey what's The Interview actually about haha", [13, 17], 'fictional assassination'],
    ['ok who even is Guardians for Peace', [18, 22], 'Guardians for Peace'],
    ['lol what even happened to the Carell movie', [17, 17], 'will not be moving forward'],
    // performers are not what `Sony Pictures Entertainment` is about, however close the vectors put the words
    ['Which performers appear in The Interview?', [13, 17], 'Seth Rogen and James Franco'],
    ['Which performers does The Interview feature?', [13, 17], 'Seth Rogen and James Franco'],
    // another film than the story's own: the sentence that introduces one
    ['Was any other movie project hit by the fallout?', [17, 17], 'a New Regency film'],
    ['Which other film was scrapped?', [17, 17], 'a New Regency film'],
    // the kind asked another one of may be a synonym's (a picture is a film)
    ['Which other picture did the hack derail?', [17, 17], 'a New Regency film'],
    // a verb of claiming before a clause only reports what the clause says, as `say` would, and claims are said
    ["how hard does the government claim it's working on the case?", [30, 33], 'working tirelessly'],
    ['Who is the source for the claim that investigators found a link to the regime?', [9, 9], 'according to a U.S. government source'],
  ];
  it.each(cases)('%s', async (question, lines, holds) => {
    const answer = await knowledge.ask(question);
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0].lines).toEqual(lines);
    expect(answer.citations[0].text).toContain(holds);
  });

  it('reads a picture in the story as the film, and a picture with the story as the photo', async () => {
    const film = await knowledge.ask('Which picture in the story was pulled from theaters?');
    expect(film.abstained).toBe(false);
    expect(film.citations.map((c) => c.lines[0])).not.toContain(2);
    const photo = await knowledge.ask('the pic up at the top, who is in it?');
    expect(photo.citations[0].lines).toEqual([2, 2]);
  });

  it('cites the title only for a question about the headline, though other questions share its words', async () => {
    const answer = await knowledge.ask('Who is behind the Sony hack?');
    expect(answer.abstained).toBe(false);
    expect(answer.citations.map((c) => c.lines[0])).not.toContain(1);
  });

  it('takes people asked for by a noun at the noun, not at a word qualifying it (`lead` in `the two lead performers`)', async () => {
    // the story's `led to the studio cancelling …` names nobody next to it, but it says nothing about performers
    const answer = await knowledge.ask('Name the two lead performers in the dropped picture.');
    expect(answer.abstained).toBe(false);
    expect(answer.citations.map((c) => c.lines)).toContainEqual([13, 17]);
  });

  it('reads a place word before a description as saying which one, not as a country speaking: the American studio is Sony', async () => {
    const answer = await knowledge.ask('How did the American studio describe the assault on it?');
    expect(answer.abstained).toBe(false);
    expect(answer.citations.map((c) => c.lines)).toContainEqual([23, 27]);
  });

  it('cites at most the configured number of sentences, best first, without repeating one', async () => {
    const answer = await knowledge.ask('What did the officials tell NBC News?');
    expect(answer.citations.length).toBeGreaterThanOrEqual(1);
    expect(answer.citations.length).toBeLessThanOrEqual(3);
    expect(new Set(answer.citations.map((c) => c.sentence)).size).toBe(answer.citations.length);
    const scores = answer.citations.map((c) => c.score);
    expect(scores[0]).toBe(answer.confidence);
  });
});

describe('questions the story does not answer', () => {
  it.each([
    'What is the capital of France?',
    'What is the boiling point of water?',
    'How do I bake bread?',
    'Who won the football match?',
    // a known name is no slip for the story's name one letter away (Rogan, Rogen)
    'Who is Rogan?',
    // a name written lowercase is still who the event was about, not the event a date would date
    "when did the hackers get into sony's servers?",
    // a place written lowercase is still a name, not a word the vectors put close to another (south ~ north)
    'which city is the capital of south korea',
    "what is south korea's capital city?",
  ])('unrelated: %s', async (question) => {
    const answer = await knowledge.ask(question);
    expect(answer.abstained).toBe(true);
    expect(answer.citations).toEqual([]);
  });

  it.each([
    // The story has no numbers but a date: a how-many or what-year question cannot be answered.
    'How many people died in the attack?',
    // The story says the attack originated only `outside North Korea`, which names no country, and names no city.
    'The hacking originated in which country?',
    // … and where the attackers were: a place that qualifies a noun (`the North Korean government`, `U.S. officials`) says whose, not where.
    'From which country did the intruders launch the attack?',
    'Which country were the hackers working from?',
    'In which country were the attackers based?',
    'Which city did the hacking originate in?',
    'In which city were the theater chains threatened?',
    // `several … executives` counts executives, not the actors
    'How many actors star in the Steve Carell film?',
    'How much did Sony pay the hackers?',
    'What year was Kim Jong Un born?',
    // A state nothing in the story is similar to: the executives were embarrassed, nobody went broke.
    'Who was left bankrupt by the breach?',
    // The story dates The Interview's release, not the Carell film's.
    'What is the release date for the Carell film?',
    // The story dates what Sony and the White House did, not the break-in.
    "When did the hackers break into the studio's computers?",
    "When did the attackers first get into Sony's systems?",
    // On topic, but the story names no newspaper.
    'Which newspaper first reported the hack?',
    // The actors are named, but nothing they said is reported.
    'What did Seth Rogen tell reporters?',
    'What did James Franco say about the film?',
    // … and denying, responding, reacting and claiming are saying something, which they are not reported doing.
    // A report of speech is no denial unless it says so: the White House speaks, but denies nothing.
    'Did the White House deny that the attack happened?',
    'How did Seth Rogen respond to the cancellation?',
    'How did James Franco react to the news?',
    'How did Steve Carell react when his project was shelved?',
    'Did James Franco deny the reports?',
    'What did Steve Carell claim about the project?',
    // Whether someone claims something asks for their claim, which a report of others' speech is not.
    'Does North Korea claim it had nothing to do with the hack?',
    // The film and its people are named, but nobody edits, finances or founds anything.
    'Who edited The Interview?',
    // `who's` asks who: the chairman, whom the story never names
    "Who's the chairman of Sony Pictures?",
    // … nor is the chief executive one of the `several … executives` the story mentions
    'Who is the chief executive of Sony Pictures?',
    // a role the story only mentions (`bring the perpetrators … to justice`) is no answer to who holds it
    'Who are the perpetrators?',
    'Who are the Sony executives?',
    'Who financed the Steve Carell film?',
    'Who founded Guardians for Peace?',
    // Names the story never uses.
    'Did Netflix pick up The Interview?',
    'What did Michael Lynton say about the hack?',
    // … nor one WordNet knows only as a common noun (a marmoset is a monkey)
    'Why did Marmoset Studios cancel the film?',
    // The threats are mentioned, but what they said is neither quoted nor reported: the chains' words about them are not theirs.
    'What did the threats against the cinemas actually say?',
    'What did the violent threats tell cinemas?',
    // … nor the emails, which the story never mentions: revealing is saying.
    "What did the stolen emails reveal about the studio's bosses?",
    // … nor did they comment: commenting is saying something.
    'Did Seth Rogen comment on the cancelled release?',
    'Has James Franco commented on the threats?',
    // A country speaks through its own officials, not through another's: what U.S. officials told NBC is not North Korea's answer.
    'How did North Korea react to the accusation?',
    'What did North Korea say about the accusations?',
    // … nor through a company: Sony's statement is Sony's, and `the North Korean government` is North Korea speaking.
    'How did the North Korean government respond to the charges?',
    'How did the North Korean government react to the blame?',
    // His film's sentence quotes somebody, but not him.
    'What did Steve Carell say about his film?',
    // Speakers the story never mentions, though WordNet knows their names.
    "What did President Obama tell reporters about the studio's decision?",
    'What did Hillary Clinton say about the cancelled release?',
    // Asked by name: the executives are mentioned, but nobody is named next to them.
    'What are the names of the high-profile executives?',
    // … nor the officials: the name after them, past `have concluded that`, belongs to the clause that `that` opens.
    'What are the names of the officials who briefed NBC News?',
    'Which executives, by name, were embarrassed?',
    // … nor a name that goes on from one the question gives: `NBC News` for `NBC` (the U.S. written `US`), `Kim Jong Un` for `Kim`.
    'What is the name of the US official who talked to NBC?',
    'Give the names of the generals beside Kim in the photo.',
    // … nor when people are asked for by a noun the sentence uses: it mentions the executives and names none of them.
    'Which Sony executives were embarrassed by the breach?',
    // Asked for by name, for somebody the story has no word for: it names nobody for them.
    'What is the name of the journalist who interviewed the official?',
    'What is the name of the lawyer representing the studio?',
    'What is the name of the spokesperson for the theater chains?',
    // A role the story names nobody for.
    'Who is the chief financial officer of Sony Pictures?',
    // … nor the group's leader: WordNet's political hack is a leader of sorts, which the word vectors do not bear out.
    'Who is the leader of the group that claimed the hack?',
    'Who is the leader of the hacker group that threatened the theaters?',
    'Who was the spokesman for the theater chains?',
    // `going to` is no act of going (the film `will not be moving forward`): nobody directs it.
    'Who was going to direct the Steve Carell film?',
    // The story says the chains would not show the film: the opposite of what is asked.
    'Who would show the film on the planned premiere?',
    // The story states these acts only negated (would not show, couldn't detail), and nowhere affirms them.
    'Which theater chains showed The Interview?',
    'What options did the official detail?',
    // `What <noun> …` asks for that kind of thing: the story mentions no penalties, proof, weapon or part played.
    // An amount of money asks for a number, which the story never gives.
    'What was the price of a ticket to The Interview?',
    "What was the comedy's budget?",
    'What penalties did the U.S. place on North Korea?',
    'What proof linked the attack to North Korea?',
    'What weapon did the hackers use?',
    'What part does Seth Rogen play in the comedy?',
    // … nor software: spyware is no kind of hack, however close their word vectors.
    "What spyware was found on the studio's servers?",
    'What kind of malicious software did the intruders deploy?',
    // … nor files or documents, asked as `what kind of`.
    'What kind of files did the intruders take?',
    'What sort of documents were leaked from the studio?',
    // The Carell film is named, but nothing says what it is about.
    'What is the Steve Carell film about?',
    // Nobody else names themselves in the story.
    'What do the theater chains call themselves?',
    'What does the studio call itself?',
    // Who came first: the story lists the chains, but in no order (its `premiere` is no first).
    'Which of the chains was the first to stop showing the comedy?',
    'Who was the last to call off screenings of The Interview?',
    // A choice the story says nothing of: neither alternative is stated, though the film and its release are.
    'Will Sony stream the film or sell it on disc?',
    'Did the studio put the comedy on television or on the internet?',
    'Did the chains show the film on a later date or in another country?',
  ])('on topic but unanswered: %s', async (question) => {
    const answer = await knowledge.ask(question);
    expect(answer.abstained).toBe(true);
  });
});

describe('the lexicon behind the paraphrases', () => {
  let lexicon: Lexicon;
  let terms: string[];
  let termIndex: Map<string, number>;
  let documentFrequency: Uint32Array;
  let sentenceCount: number;

  beforeAll(async () => {
    const corpus = analyzeCorpus([
      {
        id: 'tiny',
        title: 'A tiny story',
        file: 'tiny.txt',
        text: 'A tiny story\n\nThe comedy starring two actors was pulled by the cinema chains in the U.S. Customers got refunds on Monday. High-profile executives were embarrassed.\n',
      },
    ]);
    terms = corpus.terms;
    termIndex = new Map(terms.map((term, id) => [term, id]));
    documentFrequency = corpus.documentFrequency;
    sentenceCount = corpus.sentences.length;
    const data = buildLexicon(corpus, await loadWordNet());
    // What is stored is what is used: round-trip through the binary form.
    const encoded = encodeLexicon(data);
    lexicon = new Lexicon(decodeLexicon(encoded.binary, Buffer.from(encoded.keys).toString('utf8')));
  });

  /** The corpus concepts a question word can stand for (their terms joined by spaces), with weights. */
  const targets = (word: string): [concept: string, weight: number][] => {
    const out: [string, number][] = [];
    for (const index of lexicon.findWord(word)) {
      lexicon.forEachTarget(index, (concept, weight) => out.push([Array.from(lexicon.conceptTerms(concept), (t) => terms[t]).join(' '), weight]));
    }
    return out;
  };
  const related = (word: string): string[] => targets(word).map(([concept]) => concept);

  it('finds WordNet base forms of inflected words', () => {
    expect(baseForms('performers')).toContain('performer');
    expect(baseForms('starring')).toContain('star');
    expect(baseForms('chains')).toContain('chain');
    expect(baseForms('made')).toContain('make');
    // -er and -est make comparatives, not agents: a leader is no more lead
    expect(baseForms('leader', true)).not.toContain('lead');
    expect(baseForms('bigger', false)).toContain('big');
  });

  it('relates question words to the corpus words they can stand for', () => {
    expect(related('theater')).toContain('cinema');
    expect(related('film')).toContain('cinema');
    expect(related('performers')).toContain('star');
    expect(related('clients')).toContain('custom');
  });

  /** The closest a question word comes to a corpus concept (its terms joined by spaces). */
  const weightOf = (word: string, term: string): number => Math.max(0, ...targets(word).flatMap(([concept, weight]) => (concept === term ? [weight] : [])));

  it("knows the lexicographer files of every WordNet noun's senses, and of the story's words", () => {
    const communication = supersenseBit(10);
    expect(lexicon.supersenses(lexicon.find('malware')) & communication).not.toBe(0);
    expect(lexicon.supersenses(lexicon.find('genre')) & communication).not.toBe(0);
    expect(lexicon.supersenses(lexicon.find('hack')) & communication).toBe(0);
    expect(lexicon.data.termSupersenses[termIndex.get(termOf('comedy'))!] & communication).not.toBe(0);
  });

  it('reaches a related adjective through WordNet\'s also-see links: top people are high-profile', () => {
    expect(weightOf('top', 'high')).toBeGreaterThanOrEqual(0.5);
  });

  it('takes a name to the words made from it, as closely as to a derived word', () => {
    // American officials are U.S. officials; Washington only stands in for the country (a part of it).
    expect(weightOf('american', 'u.s')).toBeGreaterThanOrEqual(0.8);
    expect(weightOf('washington', 'u.s')).toBeGreaterThan(0);
    expect(weightOf('washington', 'u.s')).toBeLessThan(weightOf('american', 'u.s'));
  });

  it('takes a capital to the adjective of its country, as to the country: Paris may stand for the French government', async () => {
    const text = 'Talks\n\nThe French government said the talks were over. Officials in Spain agreed.\n';
    const corpus = analyzeCorpus([{ id: 'talks', title: 'Talks', file: 'talks.txt', text }]);
    const story = new Lexicon(buildLexicon(corpus, await loadWordNet()));
    const reaches = (word: string): string[] => {
      const out: string[] = [];
      for (const index of story.findWord(word)) story.forEachTarget(index, (concept) => out.push(Array.from(story.conceptTerms(concept), (t) => corpus.terms[t]).join(' ')));
      return out;
    };
    expect(reaches('paris')).toContain('french');
    expect(reaches('madrid')).toContain('spain');
    expect(reaches('madrid')).not.toContain('french');
  });

  it('dates a sentence by a named day, not by a time noun inside a longer name', async () => {
    const text = 'Release news\n\nThe New Regency film was shelved. The comedy was due out on Christmas Day.\n';
    const corpus = analyzeCorpus([{ id: 'dates', title: 'Release news', file: 'dates.txt', text }]);
    const features = computeFeatures(corpus, new Lexicon(buildLexicon(corpus, await loadWordNet())));
    const sentenceWith = (words: string): number => corpus.sentences.findIndex((s) => text.slice(s.start, s.end).includes(words));
    const dated = (words: string): boolean => (features.sentenceFlags[sentenceWith(words)] & SentenceFlag.date) !== 0;
    const days = (words: string): string[] => {
      const s = sentenceWith(words);
      return namesDay(corpus, features, corpus.termOffsets[s], corpus.termOffsets[s + 1]).map((i) => corpus.terms[corpus.termIds[i]]);
    };
    expect(dated('Christmas Day')).toBe(true);
    expect(days('Christmas Day')).toEqual([termOf('christmas'), termOf('day')]);
    expect(dated('New Regency')).toBe(false);
    expect(days('New Regency')).toEqual([]);
  });

  it('tells nouns that name a kind of place from nouns with a place among later senses', () => {
    const isPlace = (word: string): boolean => lexicon.findWord(word).some((i) => (lexicon.nounClasses(i) & NounClass.place) !== 0);
    // a city is a place first; a country is a people first and then its territory
    expect(['city', 'country'].filter(isPlace)).toEqual(['city', 'country']);
    // a plot is a scheme before it is land, a right an entitlement before it is a side
    expect(['plot', 'right', 'government'].filter(isPlace)).toEqual([]);
  });

  it('tells nouns for an amount of money from other possessions', () => {
    const isMoney = (word: string): boolean => lexicon.findWord(word).some((i) => (lexicon.nounClasses(i) & NounClass.money) !== 0);
    // a budget is a fund, a fee a charge, a price a monetary value: a number answers
    expect(['budget', 'fee', 'price', 'salary'].filter(isMoney)).toEqual(['budget', 'fee', 'price', 'salary']);
    // capital, an option or a prize is owned, but named rather than counted (`What prize did it win?`)
    expect(['capital', 'option', 'prize', 'property'].filter(isMoney)).toEqual([]);
  });

  it('knows common words from rare ones', () => {
    const rarity = (word: string): number => Math.min(...lexicon.findWord(word).map((i) => lexicon.rarity(i)), 1);
    expect(rarity('make')).toBeLessThan(rarity('revenue'));
    expect(rarity('people')).toBeLessThan(rarity('sanction'));
    expect(rarity('zzyzx')).toBe(1);
  });

  it('counts a name the story writes otherwise (American for the U.S.) as specific as the words it stands for', () => {
    const context = { lexicon, terms, termIndex, documentFrequency, sentenceCount, expansionWeight: 1 };
    const salience = (question: string, name: string): number => analyzeQuery(question, context).concepts.find((c) => c.text === name)!.salience;
    // Unknown, the name is as specific as can be; America stands for the U.S., which the story uses.
    expect(salience('Which chains did Zorblax officials name?', 'zorblax')).toBe(1);
    expect(salience('Which chains did American officials name?', 'american')).toBeLessThan(1);
  });

  it('reads the kind of answer from the question word', () => {
    const context = {
      lexicon,
      terms,
      termIndex,
      documentFrequency: new Uint32Array(terms.length).fill(1),
      sentenceCount: 3,
      expansionWeight: 1,
    };
    const type = (question: string): string => analyzeQuery(question, context).answerType;
    expect(type('Who stars in the comedy?')).toBe('person');
    const readings: [question: string, answerType: string][] = [
      // `what is the …`: the noun phrase after the copula asks, unless it is a progressive
      ['What is the release date of the comedy?', 'date'],
      ["What's the release date?", 'date'],
      ['What is the studio discussing with the chains?', 'any'],
      ['What were the cinema operators doing with the film?', 'any'],
      // a name in the phrase says which one, not what kind
      ['Name the Regency film that got shelved.', 'any'],
      // the name of something is a name, whatever else its noun can be (a unit of measure)
      ['What is the full name of the studio unit that was attacked?', 'entity'],
    ];
    for (const [question, answerType] of readings) expect(type(question), question).toBe(answerType);
    expect(type('When was it pulled?')).toBe('date');
    expect(type('Where did it happen?')).toBe('place');
    expect(type('How many chains pulled it?')).toBe('quantity');
    expect(type('What year was it made?')).toBe('year');
    expect(type('Which performers were in it?')).toBe('person');
    // the noun phrase after `which` ends at the verb: `pulled` is not a kind of answer
    expect(type('Which chains pulled out?')).toBe(type('Which chains did it?'));
    expect(type('Did the chains pull it?')).toBe('yesno');
    expect(type('What is the comedy about?')).toBe('description');
    expect(type("What's it about?")).toBe('description');
    // contractions, with or without the apostrophe
    expect(type('whats it about')).toBe('description');
    expect(type('whos in the comedy')).toBe('person');
    expect(type("Who's in the comedy?")).toBe('person');
    expect(type('What kind of studio is it?')).toBe('description');
    expect(type('What is the plot of the comedy?')).toBe('description');
    expect(type('What is the comedy called?')).toBe('any');
    expect(analyzeQuery('What did the Guardians for Peace say?', context).concepts.map((c) => c.text)).toEqual(['guardians', 'peace']);
    // a chat's fillers go, lowercase or opening the question; capitalized inside it, they may be a name
    const concepts = (question: string): string[] => analyzeQuery(question, context).concepts.map((c) => c.text);
    expect(concepts('OK so who even stars in the comedy lol')).toEqual(['stars', 'comedy']);
    expect(concepts('What did the IMO say about the comedy?')).toEqual(['imo', 'comedy']);
    // a follow-up's opening `like` only leads in: it is no kind asked for
    expect(concepts('who stars in the comedy? like the lead')).toEqual(['stars', 'comedy', 'lead']);
    // `going to` says when, not what: no concept of going
    expect(concepts('Who was gonna star in the comedy?')).toEqual(['star', 'comedy']);
    // a chat's shorthands read as their words; capitalized, they may be initials
    expect(concepts('which ppl did the govt thank?')).toEqual(['people', 'government', 'thank']);
    expect(concepts('how many execs saw the info?')).toEqual(['executives', 'saw', 'information']);
    // … and a contraction without its apostrophe is the contraction (`wasnt` is no word to match: not `want`)
    expect(concepts('why wasnt the movie released')).toEqual(['movie', 'released']);
    expect(concepts('which theaters arent showing the movie')).toEqual(['theaters', 'showing', 'movie']);
    expect(concepts('What did the BC government say?')).toEqual(['bc', 'government']);
    // a verb of claiming before a clause only reports it, as `say` does; who made the claim is asked with the verb
    expect(concepts('How hard does the government claim it is working?')).toEqual(['hard', 'government', 'working']);
    expect(concepts('How hard does the council claim the government is working?')).toEqual(['hard', 'council', 'government', 'working']);
    expect(concepts('Who claimed it hacked the studio?')).toEqual(['claimed', 'hacked', 'studio']);
    // The question's concepts that one part of the analysis picked, as written.
    const picked = (question: string, pick: (analyzed: AnalyzedQuery) => number[]): string[] => {
      const analyzed = analyzeQuery(question, context);
      return pick(analyzed).map((c) => analyzed.concepts[c].text);
    };
    // `other` asks for another thing of the kind, unless it is `the other …`, the rest of those named
    const another = (question: string): string[] => picked(question, (analyzed) => analyzed.anotherConcepts);
    expect(another('Which other film project was dropped?')).toEqual(['film', 'project']);
    // the verb after the phrase is not part of it: a participle that ends it, or a light verb after its noun
    expect(another('Was any other film project killed by the hack?')).toEqual(['film', 'project']);
    expect(another('Which other film made money?')).toEqual(['film']);
    expect(another('Was there another take of the scene?')).toEqual(['take']);
    expect(another('Why did the other chains drop the film?')).toEqual([]);
    const acts = (question: string): string[] => picked(question, (analyzed) => analyzed.actConcepts);
    const asserted = (question: string): string[] => picked(question, (analyzed) => analyzed.assertedActs);
    expect(acts('Who pulled the comedy?')).toEqual(['pulled']);
    expect(acts('Who gave the orders?')).toEqual(['orders']);
    expect(acts('Who carried out the attack?')).toEqual(['attack']);
    expect(acts('Who promised to bring them home?')).toEqual(['promised', 'bring']);
    expect(acts('Who is the dictator?')).toEqual([]);
    expect(acts('Who was targeted by the hackers?')).toEqual([]);
    expect(acts('Who was set to star in it?')).toEqual(['set', 'star']);
    expect(acts('Who took credit for breaking in?')).toEqual(['credit', 'breaking']);
    expect(acts('Who drew the conclusion?')).toEqual(['conclusion']);
    expect(acts('Who came to the conclusion?')).toEqual(['conclusion']);
    expect(acts('Who came up with the comedy?')).toEqual(['came']);
    // calling something a name is saying it; `called off` is no saying, with or without WordNet's phrasal verbs
    for (const expansionWeight of [1, 0]) {
      const read = (question: string) => analyzeQuery(question, { ...context, expansionWeight });
      expect(read('Who called the comedy a disaster?').actIsSaying).toBe(true);
      expect(read('Who called off the comedy?').actIsSaying).toBe(false);
    }
    expect(acts('Who was behind the threats?')).toEqual(['threats']);
    expect(acts('Who is responsible for the attack?')).toEqual(['attack']);
    // the light verb carries no meaning of its own: it is not evidence
    expect(analyzeQuery('Who drew the conclusion?', context).concepts.map((c) => c.text)).toEqual(['conclusion']);
    expect(analyzeQuery('What led the studio to make its decision?', context).concepts.map((c) => c.text)).toEqual(['led', 'studio', 'decision']);
    expect(acts('Who was going to star in it?')).toEqual(['star']);
    expect(analyzeQuery('Who is the chief executive of the studio?', context).roleAsked).toBe(true);
    expect(analyzeQuery('Who pulled the comedy?', context).roleAsked).toBe(false);
    expect(acts('Which chains pulled it?')).toEqual([]);
    expect(analyzeQuery('Did Netflix buy the comedy?', context).unknownName).toBe('netflix');
    expect(analyzeQuery('What happened on Monday?', context).unknownName).toBeUndefined();
    expect(analyzeQuery('Did America pull the comedy?', context).unknownName).toBeUndefined();
    const speaker = (question: string): string[] => [...analyzeQuery(question, context).speakerTerms].map((id) => terms[id]);
    expect(speaker('What did the cinema chains say?')).toEqual(['cinema', 'chain']);
    expect(speaker('Which chains are said to have pulled it?')).toEqual([]);
    // a noun for something said and a verb that utters it: the speaker stands between
    expect(speaker('What promise did the cinema chains make?')).toEqual(['cinema', 'chain']);
    // the speaker is the subject, not the asked-for noun; after `according to`, it ends where the question begins
    expect(speaker('Which comedy did the cinema chains say they pulled?')).toEqual(['cinema', 'chain']);
    expect(speaker('According to the cinema chains, which comedy was pulled?')).toEqual(['cinema', 'chain']);
    // after `according to`, up to four content words: the function words do not count, and the question goes on at its verb
    expect(speaker('According to the top cinema chains in the U.S., which comedy was pulled?')).toEqual(['cinema', 'chain', 'u.s']);
    expect(speaker('Why, according to the cinema chains, was the comedy pulled?')).toEqual(['cinema', 'chain']);
    expect(analyzeQuery('What promise did the cinema chains make?', context).asksWhatWasSaid).toBe(true);
    // `comment` is a saying word, but as the noun of what was said its speaker comes after it
    expect(speaker('What comment did the cinema chains make?')).toEqual(['cinema', 'chain']);
    expect(analyzeQuery('What comment did the cinema chains make?', context).asksWhatWasSaid).toBe(true);
    expect(analyzeQuery('What promise did the comedy keep?', context).asksWhatWasSaid).toBe(false);
    // a country speaks through its agencies; a name that is no place is checked as the speaker
    expect(analyzeQuery('What did the United States say?', context).speakerIsPlace).toBe(true);
    expect(analyzeQuery('What did the White House say?', context).speakerIsPlace).toBe(false);
    expect(asserted('Which chains did show the comedy?')).toEqual(['show']);
    expect(asserted('Which chains pulled the comedy?')).toEqual(['pulled']);
    expect(asserted('Who was going to star in it?')).toEqual(['star']);
    // after a subject: the verb ends the run of words; a name after a lower-case word is the object
    expect(asserted('What options did the official detail?')).toEqual(['detail']);
    expect(asserted('What did Sony cancel on Monday?')).toEqual(['cancel']);
    expect(asserted('How did the breach affect Sony customers?')).toEqual(['affect']);
    // a negated question, or a yes/no one, is answered by a negated sentence
    expect(asserted("Which chains didn't show the comedy?")).toEqual([]);
    expect(asserted('Did the chains show the comedy?')).toEqual([]);
    // `what <noun>` asks for that kind of thing, which an answer mentions; `which` picks among things the story may only name
    const kind = (question: string): string[] => picked(question, (analyzed) => (analyzed.kindConcept === undefined ? [] : [analyzed.kindConcept]));
    const kinds: [question: string, kind: string[]][] = [
      ['What penalties did the government impose?', ['penalties']],
      ['What proof did the officials find?', ['proof']],
      ['What penalties has the government imposed?', ['penalties']],
      ['Which penalties did the government impose?', []],
      // no noun of kind: a verb, an adverb, the name asked for
      ['What happened to the comedy?', []],
      ['What became of the comedy?', []],
      ['What exactly did the chains say?', []],
      ['What name did the hackers use?', []],
      // what the subject had or gave: the story states the effect, or the title itself
      ['What impact did the breach have on the studio?', []],
      ['What title does the story give the dictator?', []],
    ];
    for (const [question, expected] of kinds) expect(kind(question), question).toEqual(expected);
    expect(analyzeQuery('What is the name of the comedy?', context).namesAsked).toBe(true);
    // what is asked for by name ends where a clause on it begins, at a name after its noun
    const phrase = (question: string): string[] => picked(question, (analyzed) => analyzed.phraseConcepts);
    expect(phrase('What is the name of the studio comedy?')).toEqual(['studio', 'comedy']);
    expect(phrase('What is the name of the comedy Sony pulled?')).toEqual(['comedy']);
    expect(phrase('What is the name of the Sony comedy?')).toEqual(['sony', 'comedy']);
    expect(analyzeQuery('Name the chains.', context).namesAsked).toBe(false);
    expect(analyzeQuery('Which chains are said to have pulled it?', context).asksWhatWasSaid).toBe(false);
  });

  it('reads who names themselves, and only when the name is what is asked', () => {
    const context = { lexicon, terms, termIndex, documentFrequency, sentenceCount, expansionWeight: 1 };
    const selfNamed = (question: string): string[] => {
      const analyzed = analyzeQuery(question, context);
      return analyzed.selfNamed.map((c) => analyzed.concepts[c].text);
    };
    expect(selfNamed('What do the actors call themselves?')).toEqual(['actors']);
    expect(selfNamed('What name do the cinema chains go by?')).toEqual(['cinema', 'chains']);
    expect(selfNamed('What are the executives who pulled the comedy known as?')).toEqual(['executives', 'pulled', 'comedy']);
    // … whose name is asked for by the noun their phrase opens with
    const pulled = analyzeQuery('What are the executives who pulled the comedy known as?', context);
    expect(pulled.phraseConcepts.map((c) => pulled.concepts[c].text)).toEqual(['executives']);
    expect(analyzeQuery('What do the actors call themselves?', context).namesAsked).toBe(true);
    // the naming words are no evidence, and calling oneself something is no saying
    expect(analyzeQuery('What do the actors call themselves?', context).concepts.map((c) => c.text)).toEqual(['actors']);
    expect(analyzeQuery('What do the actors call themselves?', context).asksWhatWasSaid).toBe(false);
    // something else is asked
    expect(selfNamed('When did the studio issue a statement calling itself a victim?')).toEqual([]);
    expect(selfNamed('What did the actors call the comedy?')).toEqual([]);
  });

  it('reads the alternatives a question offers, as long on both sides of `or`', () => {
    const context = { lexicon, terms, termIndex, documentFrequency, sentenceCount, expansionWeight: 1 };
    const alternatives = (question: string): string[][] => {
      const analyzed = analyzeQuery(question, context);
      return analyzed.alternatives.map((alternative) => alternative.map((c) => analyzed.concepts[c].text));
    };
    expect(alternatives('Will the studio stream the comedy or sell it on disc?')).toEqual([
      ['stream', 'comedy'],
      ['sell', 'disc'],
    ]);
    // the alternative ends where a clause begins; a light verb's object, a pro-form's noun carry the meaning
    expect(alternatives('What files or emails did the hackers take?')).toEqual([['files'], ['emails']]);
    expect(alternatives('Were they acting alone, or taking orders?')).toEqual([['acting', 'alone'], ['orders']]);
    expect(alternatives('Were the chains small or large ones?')).toEqual([['small'], ['large']]);
    // no choice between things the question names
    expect(alternatives('Did the studio pull the comedy or not?')).toEqual([]);
    expect(alternatives('Did the chains refund customers, or something?')).toEqual([]);
    expect(alternatives('Did the chains pull the comedy?')).toEqual([]);
  });
});

describe('questions that ask who came first', () => {
  it('are answered by a sentence that states the order', async () => {
    const story = 'Cinema news\n\nSeveral theater chains dropped the comedy this week.\nRegal was the first chain to drop it, and Cinemark followed a day later.\n';
    const local = await createWorkspace({ 'cinema.txt': story }, false);
    const kb = await KnowledgeBase.open(local.config({ LOG_LEVEL: 'warn' }));
    try {
      const answer = await kb.ask('Which theater chain was the first to pull the comedy?');
      expect(answer.abstained).toBe(false);
      expect(answer.citations[0].text).toContain('Regal was the first chain');
    } finally {
      kb.close();
      await local.remove();
    }
  });
});

describe('retrieval settings', () => {
  it('has calibrated defaults and names a bad variable', () => {
    expect(loadConfig({}).retrieval).toMatchObject({
      abstainThreshold: 0.335,
      synonymWeight: 1,
      fusionWeight: 0.15,
      rrfK: 10,
      answerTypeWeight: 0.1,
      mmrLambda: 0.7,
      vectorWeight: 0.9,
      vectorFloor: 0.1,
      vectorCeiling: 0.6,
      abstainWeakestWeight: 0,
    });
    expect(loadConfig({ SYNONYM_WEIGHT: '0', RRF_K: '60' }).retrieval).toMatchObject({ synonymWeight: 0, rrfK: 60 });
    for (const [name, value] of [
      ['SYNONYM_WEIGHT', '2'],
      ['FUSION_WEIGHT', 'lots'],
      ['RRF_K', '1.5'],
      ['ANSWER_TYPE_WEIGHT', '-1'],
      ['MMR_LAMBDA', '3'],
      ['VECTOR_WEIGHT', '1.5'],
      ['ABSTAIN_WEAKEST_WEIGHT', '-0.1'],
    ]) {
      expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
      expect(() => loadConfig({ [name]: value })).toThrow(name);
    }
  });

  it('wants the word-vector ceiling above the floor', () => {
    expect(() => loadConfig({ VECTOR_FLOOR: '0.6', VECTOR_CEILING: '0.5' })).toThrow('VECTOR_CEILING');
  });

  it('answers without word vectors when VECTOR_WEIGHT=0, from the same index', async () => {
    const plain = await KnowledgeBase.open(workspace.config({ LOG_LEVEL: 'warn', VECTOR_WEIGHT: '0' }));
    const answer = await plain.ask('Who ordered the hacking attack on Sony Pictures?');
    expect(answer.citations[0].lines).toEqual([3, 5]);
    plain.close();
  });

  it('answers without WordNet relations when SYNONYM_WEIGHT=0, from the same index', async () => {
    const literal = await KnowledgeBase.open(workspace.config({ LOG_LEVEL: 'warn', SYNONYM_WEIGHT: '0' }));
    const answer = await literal.ask('Who ordered the hacking attack on Sony Pictures?');
    expect(answer.citations[0].lines).toEqual([3, 5]);
    literal.close();
  });
});
