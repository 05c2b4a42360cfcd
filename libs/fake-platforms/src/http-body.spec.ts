import { parseBody, parseMultipart } from './http-body';
import { encodeForm } from './test-support/receiver';

describe('parseBody', () => {
  it('reads JSON objects and ignores JSON that is not an object or does not parse', () => {
    expect(parseBody('application/json; charset=utf-8', Buffer.from('{"chat_id":5,"text":"hi"}')).params).toEqual({ chat_id: 5, text: 'hi' });
    expect(parseBody('application/json', Buffer.from('[1,2]')).params).toEqual({});
    expect(parseBody('application/json', Buffer.from('{"chat_id":')).params).toEqual({});
  });

  it('reads urlencoded forms', () => {
    const body = Buffer.from('peer_id=501234567&message=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82+%26+bye&random_id=7');
    expect(parseBody('application/x-www-form-urlencoded', body).params).toEqual({ peer_id: '501234567', message: 'Привет & bye', random_id: '7' });
  });

  it('splits multipart bodies from fetch into text fields and files, bytes untouched', async () => {
    // Binary content holding CRLFs, dashes and a fake boundary line must come back byte for byte.
    const tricky = Buffer.concat([Buffer.from([0, 255, 13, 10]), Buffer.from('\r\n--not-the-boundary\r\n--'), Buffer.from([13, 10, 13])]);
    const form = new FormData();
    form.append('chat_id', '42');
    form.append('caption', 'line one\r\nline two');
    form.append('document', new Blob([tricky], { type: 'application/pdf' }), 'счёт №1.pdf');
    form.append('empty', new Blob([], { type: 'text/plain' }), 'empty.txt');
    const { contentType, body } = await encodeForm(form);

    const parsed = parseBody(contentType, body);

    expect(parsed.params).toEqual({ chat_id: '42', caption: 'line one\r\nline two' });
    expect(parsed.files).toHaveLength(2);
    expect(parsed.files[0]).toEqual({ field: 'document', fileName: 'счёт №1.pdf', contentType: 'application/pdf', bytes: tricky });
    expect(parsed.files[1]?.bytes.length).toBe(0);
  });

  it('accepts a quoted boundary, bare LF line ends, filename* and a part without a file name that is binary', () => {
    const body = Buffer.from(
      [
        'preamble',
        '--b"q',
        'Content-Disposition: form-data; name="photo"; filename*=UTF-8\'\'%D1%84%D0%BE%D1%82%D0%BE.png',
        'Content-Type: image/png',
        '',
        'PNGDATA',
        '--b"q',
        'Content-Disposition: form-data; name="blob"',
        'Content-Type: application/octet-stream',
        '',
        'RAW',
        '--b"q',
        'Content-Disposition: form-data; name="v"',
        '',
        '5.199',
        '--b"q--',
        '',
      ].join('\n'),
    );
    const parsed = parseBody('multipart/form-data; boundary="b\\"q"', body);
    expect(parsed.params).toEqual({ v: '5.199' });
    expect(parsed.files.map((f) => [f.field, f.fileName, f.contentType, f.bytes.toString()])).toEqual([
      ['photo', 'фото.png', 'image/png', 'PNGDATA'],
      ['blob', null, 'application/octet-stream', 'RAW'],
    ]);
  });

  it('gives nothing for a multipart body cut short', () => {
    const body = Buffer.from('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue without an end');
    expect(parseMultipart(body, 'x')).toBeNull();
    expect(parseBody('multipart/form-data; boundary=x', body)).toEqual({ params: {}, files: [] });
  });
});
