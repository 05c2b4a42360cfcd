import { hexToEmoji, hexcodesAfter, newestDrawnVersion, versionSamples } from './emoji-support';

const versions = {
  '0.6': ['1F600', '2049'],
  '13.0': ['1F972', '1F9D1-200D-1F384'],
  '14.0': ['1FAE0'],
  '15.1': ['1F642-200D-2194-FE0F'],
  '16.0': ['1FAE9'],
  '12.1': ['1F468-1F3FB-200D-1F91D-200D-1F468-1F3FC'],
};

describe('emoji support', () => {
  it('turns hexcodes into emoji, sequences included', () => {
    expect(hexToEmoji('1F600')).toBe('😀');
    expect(hexToEmoji('1F642-200D-2194-FE0F')).toBe('🙂‍↔️');
  });

  it('tests each version by one emoji, a single code point where there is one, oldest first', () => {
    expect(versionSamples(versions).map((v) => [v.version, v.sample])).toEqual([
      [0.6, '😀'],
      [12.1, hexToEmoji('1F468-1F3FB-200D-1F91D-200D-1F468-1F3FC')],
      [13, '🥲'],
      [14, '🫠'],
      [15.1, '🙂‍↔️'],
      [16, '🫩'],
    ]);
  });

  it('finds the newest version drawn, stopping at the first that is not', () => {
    expect(newestDrawnVersion(versions, () => true)).toBe(16);
    expect(newestDrawnVersion(versions, (e) => e !== '🫠')).toBe(13);
    // a system that draws 16.0 but not the 15.1 sequence still stops at 15.1
    expect(newestDrawnVersion(versions, (e) => e !== '🙂‍↔️')).toBe(14);
    // versions before 13 are drawn everywhere and not tested
    expect(newestDrawnVersion(versions, () => false)).toBe(12.1);
  });

  it('hides the emoji of every newer version', () => {
    expect([...hexcodesAfter(versions, 14)].sort()).toEqual(['1F642-200D-2194-FE0F', '1FAE9']);
    expect(hexcodesAfter(versions, 16).size).toBe(0);
  });
});
