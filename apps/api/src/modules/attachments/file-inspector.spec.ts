import { cleanFileName, inspectFile } from './file-inspector';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2218bc50000000049454e44ae426082', 'hex');

describe('inspectFile (CORE-7: the bytes decide, not the name)', () => {
  it('recognises a PNG as an image', async () => {
    expect(await inspectFile(PNG)).toEqual({ mime: 'image/png', isImage: true });
  });

  it('accepts UTF-8 text as text/plain', async () => {
    expect(await inspectFile(Buffer.from('Привет, hello\n'))).toEqual({ mime: 'text/plain', isImage: false });
  });

  it('treats SVG and HTML as plain text (never an image, never rendered)', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');
    expect(await inspectFile(svg)).toEqual({ mime: 'text/plain', isImage: false });
    expect(await inspectFile(Buffer.from('<html><script>alert(1)</script></html>'))).toEqual({ mime: 'text/plain', isImage: false });
  });

  it('refuses executables, binary junk and empty files', async () => {
    expect(await inspectFile(Buffer.from('4d5a90000300000004000000ffff0000', 'hex'))).toBeNull(); // Windows executable
    expect(await inspectFile(Buffer.from([0x00, 0x01, 0x02, 0xff]))).toBeNull();
    expect(await inspectFile(Buffer.alloc(0))).toBeNull();
  });
});

describe('cleanFileName', () => {
  it('undoes the browser\'s multipart escapes, then drops quotes and line breaks', () => {
    expect(cleanFileName('a%22b%22.txt')).toBe('ab.txt');
    expect(cleanFileName('x%0D%0Ay.txt')).toBe('xy.txt');
    expect(cleanFileName('100%25.txt')).toBe('100%25.txt');
  });

  it('drops paths, control characters, quotes and direction overrides', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\temp\\a.txt')).toBe('a.txt');
    expect(cleanFileName('in\u202evoice\r\n"x".pdf')).toBe('invoicex.pdf');
    expect(cleanFileName('')).toBe('file');
    expect(cleanFileName('x'.repeat(500))).toHaveLength(200);
  });
});
