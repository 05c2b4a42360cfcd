import { isolateBidi } from './bidi';

describe('isolateBidi (issue #10)', () => {
  it('isolates right-to-left text and bidi controls, and leaves plain text alone', () => {
    expect(isolateBidi('Olga')).toBe('Olga');
    expect(isolateBidi('Ольга 2')).toBe('Ольга 2');
    expect(isolateBidi('Olga\u202E')).toBe('\u2068Olga\u202E\u2069');
    expect(isolateBidi('שלום')).toBe('\u2068שלום\u2069');
    expect(isolateBidi('مرحبا')).toBe('\u2068مرحبا\u2069');
    expect(isolateBidi('a\u2067b')).toBe('\u2068a\u2067b\u2069');
    expect(isolateBidi('\u{10900}')).toBe('\u2068\u{10900}\u2069'); // Phoenician, beyond the BMP
  });
});
