import { buildEmojiList } from './emoji-data';
import { normalizeEmojiQuery, searchEmojis, type EmojiEntry } from './emoji-search';

const entry = (emoji: string, name: string, shortcodes: string[], tags: string[], order: number, group = 0): EmojiEntry => ({
  emoji,
  name,
  shortcodes,
  tags,
  group,
  order,
});

const list: EmojiEntry[] = [
  entry('😃', 'grinning face with big eyes', ['smiley'], ['face', 'happy', 'smile'], 2),
  entry('😄', 'grinning face with smiling eyes', ['smile'], ['face', 'happy', 'smile', 'laugh'], 3),
  entry('😊', 'smiling face with smiling eyes', ['blush'], ['blush', 'smile'], 10),
  entry('🙂', 'slightly smiling face', ['slightly_smiling_face'], ['face', 'smile'], 12),
  entry('😏', 'smirking face', ['smirk'], ['smirk'], 40),
  entry('😸', 'grinning cat with smiling eyes', ['smile_cat'], ['cat', 'smile'], 120),
  entry('👍️', 'thumbs up', ['+1', 'thumbsup'], ['+1', 'good', 'like', 'yes'], 353, 1),
  entry('👎️', 'thumbs down', ['-1', 'thumbsdown'], ['-1', 'bad', 'no'], 359, 1),
  entry('❤️', 'red heart', ['heart'], ['heart', 'love'], 140),
  entry('🥰', 'smiling face with hearts', ['smiling_face_with_three_hearts'], ['adore', 'love'], 6),
  entry('😂', 'лицо со слезами радости', ['joy'], ['радость', 'смех', 'слезы'], 8),
];
const emojis = (query: string, options?: Parameters<typeof searchEmojis>[2]) => searchEmojis(list, query, options).map((e) => e.emoji);

describe('searchEmojis', () => {
  it('puts the closest shortcode first: ":smi" offers 😄 smile before smiley, smirk and smile_cat', () => {
    expect(emojis('smi').slice(0, 4)).toEqual(['😄', '😏', '😃', '😸']);
  });

  it('ranks an exact shortcode above everything else', () => {
    expect(emojis('smiley')[0]).toBe('😃');
    expect(emojis('heart')[0]).toBe('❤️');
  });

  it('ranks shortcode prefixes, then words of shortcodes, then names, then tags', () => {
    const found = emojis('smil');
    expect(found.indexOf('😄')).toBeLessThan(found.indexOf('🥰')); // "smile" prefix before "smiling_face_…" prefix (closer)
    expect(found.indexOf('🥰')).toBeLessThan(found.indexOf('🙂')); // shortcode prefix before a word inside a shortcode
    expect(found.indexOf('🙂')).toBeLessThan(found.indexOf('😊')); // word of a shortcode before a word of the name
  });

  it('finds shortcodes with signs', () => {
    expect(emojis('+1')).toEqual(['👍️']);
    expect(emojis('-1')).toEqual(['👎️']);
  });

  it('finds by name and by tag in the employee language, and by a phrase', () => {
    expect(emojis('радо')).toEqual(['😂']);
    expect(emojis('thumbs up')[0]).toBe('👍️');
    expect(emojis('adore')).toEqual(['🥰']);
    expect(emojis('love')).toEqual(['🥰', '❤️']); // both by a tag: Emojibase order decides
  });

  it('accepts the query with its colons and in any case', () => {
    expect(normalizeEmojiQuery(' :Smile: ')).toBe('smile');
    expect(emojis(':SMILE:')[0]).toBe('😄');
  });

  it('puts recently used emoji first within the same rank', () => {
    expect(emojis('smi', { recent: ['😸'] })[0]).toBe('😸');
    // …but a recent emoji does not jump over a better kind of match
    expect(emojis('smile', { recent: ['🙂'] })[0]).toBe('😄');
  });

  it('limits the number of results and finds nothing for nonsense or an empty query', () => {
    expect(emojis('s', { limit: 2 })).toHaveLength(2);
    expect(emojis('qqqzz')).toEqual([]);
    expect(emojis('  ')).toEqual([]);
  });
});

describe('buildEmojiList', () => {
  it('joins names, tags and shortcodes, drops components and ungrouped entries, and keeps Emojibase order', () => {
    const built = buildEmojiList(
      [
        { hexcode: '1F604', label: 'grinning face with smiling eyes', unicode: '😄', group: 0, order: 3, tags: ['smile'] },
        { hexcode: '1F1E6', label: 'regional indicator A', unicode: '🇦' },
        { hexcode: '1F3FB', label: 'light skin tone', unicode: '🏻', group: 2, order: 5000 },
        { hexcode: '1F600', label: 'grinning face', unicode: '😀', group: 0, order: 1 },
      ],
      { '1F604': 'smile', '1F600': ['grinning', 'grin'] },
    );
    expect(built).toEqual([
      { emoji: '😀', name: 'grinning face', shortcodes: ['grinning', 'grin'], tags: [], group: 0, order: 1 },
      { emoji: '😄', name: 'grinning face with smiling eyes', shortcodes: ['smile'], tags: ['smile'], group: 0, order: 3 },
    ]);
  });
});

describe('buildEmojiList with hidden hexcodes', () => {
  it('leaves out emoji this system cannot draw', () => {
    const compact = [
      { hexcode: '1F600', label: 'grinning face', unicode: '😀', group: 0, order: 1 },
      { hexcode: '1FAE9', label: 'face with bags under eyes', unicode: '🫩', group: 0, order: 2 },
    ];
    expect(buildEmojiList(compact, {}, new Set(['1FAE9'])).map((e) => e.emoji)).toEqual(['😀']);
  });
});
