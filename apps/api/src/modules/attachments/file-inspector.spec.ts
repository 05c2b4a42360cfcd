import { BLOCKED_EXTENSIONS, blockedExtension, cleanFileName, inspectFile } from './file-inspector';

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

describe('blockedExtension (issue #10 point 8: programs and scripts are refused by name, whatever the bytes)', () => {
  it('refuses every executable and script extension, in any case', () => {
    for (const name of ['invoice.js', 'update.bat', 'readme.vbs', 'open.hta', 'a.ps1', 'fix.sh', 'setup.EXE', 'x.Msi', 'lib.dll', 'app.jar', 'a.lnk', 'a.reg', 'a.apk', 'a.deb', 'a.rpm', 'a.mjs', 'a.cjs', 'a.scr', 'a.pif', 'a.com', 'a.cmd']) {
      expect(blockedExtension(name)).toBe(name.slice(name.lastIndexOf('.') + 1).toLowerCase());
    }
    for (const ext of ['exe', 'com', 'bat', 'cmd', 'msi', 'scr', 'pif', 'js', 'mjs', 'cjs', 'jse', 'vbs', 'vbe', 'wsf', 'wsh', 'hta', 'ps1', 'psm1', 'sh', 'bash', 'zsh', 'csh', 'jar', 'app', 'dll', 'cpl', 'msc', 'lnk', 'reg', 'apk', 'deb', 'rpm']) {
      expect(BLOCKED_EXTENSIONS.has(ext)).toBe(true);
    }
  });

  it('looks at the last extension, after trailing dots and spaces that Windows drops', () => {
    expect(blockedExtension('report.exe.pdf')).toBeNull();
    expect(blockedExtension('report.pdf.exe')).toBe('exe');
    expect(blockedExtension('report.exe.')).toBe('exe');
    expect(blockedExtension('report.exe . .')).toBe('exe');
    expect(blockedExtension('photo.png')).toBeNull();
    expect(blockedExtension('notes.txt')).toBeNull();
    expect(blockedExtension('Makefile')).toBeNull();
    expect(blockedExtension('.bashrc')).toBeNull();
  });

  it('sees through direction overrides and invisible characters once the name is cleaned', () => {
    expect(blockedExtension(cleanFileName('invoice\u202Etxt.exe'))).toBe('exe');
    expect(blockedExtension(cleanFileName('photo\u202Egnp.js'))).toBe('js');
    expect(blockedExtension(cleanFileName('a.e\u200Bxe'))).toBe('exe');
    expect(blockedExtension(cleanFileName('a.\u2066bat\u2069'))).toBe('bat');
    expect(blockedExtension(cleanFileName('a.s\u00ADh'))).toBe('sh');
  });
});

describe('cleanFileName (issue #10 point 8: bidi and other invisible characters)', () => {
  it('drops every bidi control, zero-width and other control character, and lone surrogates', () => {
    const bidi = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C';
    expect(cleanFileName(`in${bidi}voice.pdf`)).toBe('invoice.pdf');
    expect(cleanFileName('a\u0085b\u009fc\u200b\u200c\u200d\ufeff.txt')).toBe('abc.txt');
    expect(cleanFileName('a\ud800b.txt')).toBe('ab.txt');
    expect(cleanFileName('emoji 😀.txt')).toBe('emoji 😀.txt');
  });
});
