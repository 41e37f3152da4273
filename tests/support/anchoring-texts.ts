/**
 * Long, seeded, real-language texts for the anchoring corpus: a novel with
 * dialogue, a ballad with refrains, a field manual with numbered lists and
 * repeated instructions, and an essay with Markdown emphasis and curly quotes.
 * Everything is written here from small word banks and sentence patterns, so
 * the prose repeats the way real prose does (stock phrases, names, refrains)
 * without copying anyone's text.
 */
import { seededRandom } from './seeded-random';

export interface CorpusText {
  name: string;
  text: string;
}

type Random = () => number;

function pickFrom(random: Random): <T>(items: readonly T[]) => T {
  return <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
}

const names = [
  'Margaret',
  'Tobias',
  'Elinor',
  'Captain Harrow',
  'Mrs. Pell',
  'young Arthur',
  'the doctor',
  'Aunt Josephine',
  'Silas',
  'Clara',
  'old Mr. Fenwick',
  'the curate',
  'Hester',
  'Jonah Reed',
  'Lucy',
  'the miller',
  'Bartholomew',
  'Agnes',
];
const adjectives = ['old', 'narrow', 'empty', 'grey', 'flooded', 'distant', 'broken', 'green', 'silent', 'crooked', 'painted', 'cold'];
const nouns = [
  'mill',
  'quay',
  'vicarage',
  'orchard',
  'lighthouse',
  'square',
  'road',
  'chapel',
  'bridge',
  'meadow',
  'stable',
  'ferry',
  'garden',
  'harbour',
];
const things = ['letter', 'lantern', 'ledger', 'key', 'coat', 'basket', 'map', 'ring', 'portrait', 'bell', 'book', 'knife', 'shawl'];
const owners = [
  'her brother’s',
  'the captain’s',
  'his mother’s',
  'a stranger’s',
  'the old',
  'the small brass',
  'a borrowed',
  'the missing',
];
const times = ['that evening', 'in the morning', 'before supper', 'at first light', 'after the storm', 'on the Sunday following', 'later'];
const verbs = ['walked to', 'looked toward', 'waited by', 'remembered', 'hurried past', 'spoke of', 'returned to', 'thought of'];
const feelings = ['quietly', 'with some impatience', 'as if in a dream', 'without a word', 'gravely', 'laughing', 'in great haste'];
const sayings = [
  'I do not know what you mean',
  'we shall see about that',
  'it is later than you think',
  'the tide will not wait for us',
  'you must not tell anyone',
  'there is nothing more to be done',
  'I have been thinking of the letter',
  'will you come with me tomorrow',
  'it was never meant to be kept',
  'the lamps are lit in the harbour',
];
type Pick = <T>(items: readonly T[]) => T;

// A wider lexicon for the free phrases that keep sentences from repeating
// verbatim (real prose repeats stock phrases, not whole sentences).
const lexiconAdjectives =
  'amber bitter brisk careful clouded copper crimson damp dusty eager faded fierce gentle gilded hollow hungry idle ivory jagged keen lame leaden lonely mild muddy nimble oaken pale patient quiet ragged rusty salt scarlet shabby slender sober solemn sombre stern sullen tender thin timid tired uneven vacant weary wild wistful withered woollen yellow'.split(
    ' ',
  );
const lexiconNouns =
  'apron anchor attic barrel beacon blanket boot candle cart cellar chimney cinder clock cloak cottage cradle dog doorway drum fence fiddle field flask gate goose gull hearth hedge hill inn jug kettle ladder lane loft marsh mast nail needle oar oven parcel pew pipe pond rope sack saddle shutter skiff slate spade staircase stool thimble tower trunk wagon well wharf window'.split(
    ' ',
  );
const lexiconAdverbs =
  'again already almost barely certainly clearly hardly just later nearly often once perhaps rarely seldom slowly soon still surely twice'.split(
    ' ',
  );
/** A free phrase such as "beside the damp cellar, slowly": rarely the same twice. */
const freePhrase = (pick: Pick): string =>
  `${pick(['beside', 'near', 'under', 'behind', 'beyond', 'past', 'by'])} the ${pick(lexiconAdjectives)} ${pick(lexiconNouns)}, ${pick(lexiconAdverbs)}`;
const place = (pick: Pick): string => `the ${pick(adjectives)} ${pick(nouns)}`;
const thing = (pick: Pick): string => `${pick(owners)} ${pick(things)}`;
const speechVerbs = ['said', 'replied', 'whispered', 'asked', 'cried', 'answered'];

/** A novel: narration and dialogue, with stock phrases recurring across chapters. */
function novel(random: Random, size: number): string {
  const pick = pickFrom(random);
  const paragraphs: string[] = [];
  let chapter = 1;
  let length = 0;
  while (length < size) {
    if (paragraphs.length % 40 === 0) paragraphs.push(`Chapter ${chapter++}`);
    let paragraph: string;
    const style = random();
    if (style < 0.35) {
      const saying = pick(sayings);
      const open = `“${saying.charAt(0).toUpperCase()}${saying.slice(1)},”`;
      paragraph = `${open} ${pick(speechVerbs)} ${pick(names)} ${pick(feelings)}. ${narration(random)}`;
    } else if (style < 0.45) {
      paragraph = `“${pick(sayings).replace(/^./, (c) => c.toUpperCase())}?” ${pick(names)} ${pick(speechVerbs)}. “${pick(sayings).replace(/^./, (c) => c.toUpperCase())}.”`;
    } else {
      paragraph = Array.from({ length: 2 + Math.floor(random() * 5) }, () => narration(random)).join(' ');
    }
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  return paragraphs.join('\n\n');
}

function narration(random: Random): string {
  const pick = pickFrom(random);
  const subject = pick(names);
  const patterns = [
    () => `${cap(pick(times))}, ${subject} ${pick(verbs)} ${place(pick)} and ${pick(verbs)} ${thing(pick)} ${freePhrase(pick)}.`,
    () =>
      `${cap(subject)} ${pick(verbs)} ${thing(pick)} ${pick(feelings)}, for it was ${pick(times)} and ${place(pick)} ${freePhrase(pick)} was empty.`,
    () => `There was no sound at ${place(pick)} but the wind, and ${subject} ${pick(verbs)} ${thing(pick)} ${freePhrase(pick)}.`,
    () =>
      `It was ${pick(times)} when ${subject} first ${pick(verbs)} ${thing(pick)} ${freePhrase(pick)}; nobody had ${pick(verbs)} it since.`,
    () => `${cap(subject)} said nothing, but ${pick(verbs)} ${place(pick)} ${freePhrase(pick)}, ${pick(feelings)}.`,
  ];
  return pick(patterns)();
}

const cap = (value: string): string => value.charAt(0).toUpperCase() + value.slice(1);

/** A ballad: numbered stanzas of four lines, each followed by one of two refrains, verbatim. */
function ballad(random: Random, size: number): string {
  const pick = pickFrom(random);
  const refrains = [
    'O the wind goes over the water,\nand the water goes down to the sea.',
    'Sing low, sing low for the miller’s daughter,\nwho never came home to me.',
  ];
  const lineStarts = ['And', 'But', 'So', 'When', 'Where', 'Then', 'Though'];
  const paragraphs: string[] = ['The Ballad of the Drowned Mill'];
  let length = 0;
  let stanza = 1;
  while (length < size) {
    const lines = Array.from(
      { length: 4 },
      () => `${pick(lineStarts)} ${pick(names).toLowerCase()} ${pick(verbs)} ${place(pick)} ${freePhrase(pick)},`,
    );
    const paragraph = `${stanza++}.\n${lines.join('\n')}`;
    paragraphs.push(paragraph, pick(refrains));
    length += paragraph.length + 80;
  }
  return paragraphs.join('\n\n');
}

/** A field manual: headings, numbered steps and bullet lists; a few standard instructions recur in many sections. */
function manual(random: Random, size: number): string {
  const pick = pickFrom(random);
  const devices = [
    'pump',
    'generator',
    'radio set',
    'water filter',
    'winch',
    'signal lamp',
    'stove',
    'compass',
    'barometer',
    'bilge valve',
  ];
  const parts = [
    'cover',
    'intake',
    'fuse',
    'valve',
    'gasket',
    'filter screen',
    'drive belt',
    'switch',
    'housing',
    'outlet hose',
    'dial',
    'spring',
  ];
  const actions = ['Inspect', 'Remove', 'Clean', 'Loosen', 'Tighten', 'Replace', 'Oil', 'Test', 'Dry', 'Refit'];
  const manners = [
    'with a dry cloth',
    'by hand',
    'a quarter turn to the left',
    'until it clicks',
    'with the small spanner',
    'and set it aside',
    'before the next watch',
    'with fresh grease',
  ];
  const standardSteps = [
    'Check that the power switch is off.',
    'Record the reading in the log book.',
    'Report any damage to the duty officer at once.',
  ];
  const cautions = ['Keep away from open flame.', 'Wear gloves.', 'Never work alone.', 'Keep the area dry.', 'Store upright.'];
  const step = (device: string): string =>
    random() < 0.1
      ? pick(standardSteps)
      : `${pick(actions)} the ${pick(lexiconAdjectives)} ${device} ${pick(parts)} ${freePhrase(pick)}, ${pick(manners)}.`;
  const paragraphs: string[] = ['Field Manual for Station Equipment'];
  let length = 0;
  let section = 1;
  while (length < size) {
    const device = pick(devices);
    const heading = `Section ${section++}: Servicing the ${device}`;
    const intro = `The ${device} ${freePhrase(pick)} must be serviced every ${pick(['week', 'month', 'season', 'second day'])}, or sooner if the ${pick(parts)} is ${pick(['worn', 'loose', 'wet', 'cracked'])}. ${pick(cautions)}`;
    const list = Array.from({ length: 3 + Math.floor(random() * 5) }, (_, index) => `${index + 1}. ${step(device)}`).join('\n');
    const bullets = Array.from({ length: 2 + Math.floor(random() * 3) }, () => `- ${pick(cautions)}`).join('\n');
    paragraphs.push(heading, intro, list, bullets);
    length += heading.length + intro.length + list.length + bullets.length + 8;
  }
  return paragraphs.join('\n\n');
}

/** An essay: argument prose with *emphasis*, _underscored_ terms, "straight" and “curly” quotes and parentheses. */
function essay(random: Random, size: number): string {
  const pick = pickFrom(random);
  const topics = [
    'memory',
    'the archive',
    'reading',
    'translation',
    'the margin',
    'the index',
    'a library',
    'the footnote',
    'the copyist',
    'a catalogue',
  ];
  const verbsOfClaim = [
    'is never simply',
    'depends on',
    'changes',
    'was once thought to be',
    'belongs to',
    'cannot be separated from',
    'resembles',
    'outlives',
  ];
  const complements = [
    'a record of what happened',
    'what we choose to forget',
    'the hand that made it',
    'a neutral instrument',
    'the reader as much as the writer',
    'the questions we bring to it',
    'an argument about the past',
    'the institution that keeps it',
    'the silence around it',
  ];
  const hedges = [
    'In other words,',
    'Put differently,',
    'And yet',
    'Of course,',
    'It follows that',
    'As we have seen,',
    'Strictly speaking,',
    'Even so,',
  ];
  const quoted = [
    '"the long work of attention"',
    '“a conversation across centuries”',
    '"what the page remembers"',
    '“the quiet labour of copying”',
  ];
  const paragraphs: string[] = [];
  let length = 0;
  while (length < size) {
    const sentences = Array.from({ length: 3 + Math.floor(random() * 4) }, () => {
      const topic = pick(topics);
      const emphasised = random() < 0.3 ? `*${topic}*` : random() < 0.15 ? `_${topic}_` : topic;
      const sentence = `${pick(hedges)} ${emphasised}, ${freePhrase(pick)}, ${pick(verbsOfClaim)} ${pick(complements)}, ${pick(['much as', 'like', 'unlike', 'as with'])} the ${pick(lexiconAdjectives)} ${pick(lexiconNouns)}`;
      return random() < 0.3
        ? `${sentence}, which some have called ${pick(quoted)}.`
        : `${sentence} (or so it ${pick(['seems', 'appears', 'was argued', 'is said'])}).`;
    });
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  return paragraphs.join('\n\n');
}

/** The four corpus texts, about `sizeEach` characters each, the same for a given seed. */
export function corpusTexts(seed: number, sizeEach: number): CorpusText[] {
  const random = seededRandom(seed);
  return [
    { name: 'novel', text: novel(random, sizeEach) },
    { name: 'ballad', text: ballad(random, sizeEach) },
    { name: 'manual', text: manual(random, sizeEach) },
    { name: 'essay', text: essay(random, sizeEach) },
  ];
}
