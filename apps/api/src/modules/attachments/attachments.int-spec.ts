import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message, MessagePage, VisitorMessage, VisitorState } from '@omnichannel/contracts';
import { authAs, createVisitor, createWorld } from '../../../test/factories';
import { expectError, http, uploadFile } from '../../../test/http';
import { useTestApp } from '../../../test/test-app';
import { AttachmentsJanitor } from './attachments-janitor';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2218bc50000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000b8000000', 'hex'), Buffer.alloc(200)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><script>alert(1)</script></svg>');

async function download(url: string, path: string, auth: { cookie?: string; token?: string }) {
  const headers: Record<string, string> = {};
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  const response = await fetch(`${url}${path}`, { headers });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('attachments: checked by their bytes, downloaded only by those allowed (CORE-7, issue #4 item 5)', () => {
  const attachmentsDir = mkdtempSync(join(tmpdir(), 'omni-attachments-'));
  const t = useTestApp({ config: { ATTACHMENTS_DIR: attachmentsDir, VISITOR_UPLOAD_FILES_PER_HOUR: 4, VISITOR_UPLOAD_MB_PER_HOUR: 2 } });


  const count = async () => Number((await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM attachments'))[0]?.n);

  async function conversation() {
    const world = await createWorld(t);
    const operator = await authAs(t, 'operator', { departments: [world.department.id] });
    const visitor = await createVisitor(t, world.key);
    const first = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'hi', clientMsgId: randomUUID() } });
    await http(t.url, 'POST', `/api/tickets/${first.body.ticketId}/take`, { cookie: operator.cookie });
    return { world, operator, visitor, ticketId: first.body.ticketId };
  }

  it('refuses a forbidden type (by content, whatever the name) and an oversized file, storing nothing', async () => {
    const { operator, visitor } = await conversation();
    const before = await count();
    const exe = await uploadFile(t.url, '/api/attachments', EXE, 'invoice.pdf', { cookie: operator.cookie });
    expect({ status: exe.status, code: exe.body.code }).toEqual({ status: 415, code: 'FILE_TYPE_NOT_ALLOWED' });
    const big = await uploadFile(t.url, '/api/attachments', Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), 'big.txt', { cookie: operator.cookie });
    expect({ status: big.status, code: big.body.code }).toEqual({ status: 413, code: 'FILE_TOO_LARGE' });
    const visitorExe = await uploadFile(t.url, '/api/widget/attachments', EXE, 'cat.png', { token: visitor.token });
    expect(visitorExe.status).toBe(415);
    const notMultipart = await http(t.url, 'POST', '/api/attachments', { cookie: operator.cookie, body: { file: 'x' } });
    expectError(notMultipart, 400, 'NO_FILE');
    expect(await count()).toBe(before);
  });

  it('a reply with files reaches the visitor; a comment\'s file never does; other departments get 404', async () => {
    const { operator, visitor, ticketId } = await conversation();
    const image = await uploadFile(t.url, '/api/attachments', PNG, 'photo.png', { cookie: operator.cookie });
    expect(image.body).toMatchObject({ name: 'photo.png', mime: 'image/png', isImage: true, size: PNG.length });
    const secret = await uploadFile(t.url, '/api/attachments', PDF, 'internal-notes.pdf', { cookie: operator.cookie });
    expect(secret.body).toMatchObject({ mime: 'application/pdf', isImage: false });

    const reply = await http<Message>(t.url, 'POST', `/api/tickets/${ticketId}/messages`, {
      cookie: operator.cookie,
      body: { kind: 'reply', body: '', attachmentIds: [image.body.id] },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.attachments).toEqual([expect.objectContaining({ id: image.body.id, url: `/api/attachments/${image.body.id}` })]);
    const comment = await http<Message>(t.url, 'POST', `/api/tickets/${ticketId}/messages`, {
      cookie: operator.cookie,
      body: { kind: 'comment', body: 'see attached', attachmentIds: [secret.body.id] },
    });
    expect(comment.status).toBe(201);

    // The same upload cannot be attached twice.
    expectError(
      await http(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie: operator.cookie, body: { kind: 'comment', body: 'again', attachmentIds: [image.body.id] } }),
      404,
      'ATTACHMENT_NOT_FOUND',
    );

    // The visitor sees the reply's image (through their own route), never the comment's file.
    const state = await http<VisitorState>(t.url, 'GET', '/api/widget/state', { token: visitor.token });
    const visible = state.body.messages.flatMap((m) => m.attachments);
    expect(visible.map((a) => a.url)).toEqual([`/api/widget/attachments/${image.body.id}`]);
    const got = await download(t.url, `/api/widget/attachments/${image.body.id}`, { token: visitor.token });
    expect(got.status).toBe(200);
    expect(got.bytes.equals(PNG)).toBe(true);
    expect((await download(t.url, `/api/widget/attachments/${secret.body.id}`, { token: visitor.token })).status).toBe(404);

    // Another visitor, another department, or no credentials: not found / not signed in.
    const stranger = await createVisitor(t, (await createWorld(t)).key);
    expect((await download(t.url, `/api/widget/attachments/${image.body.id}`, { token: stranger.token })).status).toBe(404);
    const elsewhere = await authAs(t, 'operator', { departments: [(await createWorld(t)).department.id] });
    expect((await download(t.url, `/api/attachments/${image.body.id}`, { cookie: elsewhere.cookie })).status).toBe(404);
    expect((await download(t.url, `/api/attachments/${secret.body.id}`, { cookie: elsewhere.cookie })).status).toBe(404);
    expect((await download(t.url, `/api/attachments/${image.body.id}`, {})).status).toBe(401);
    expect((await download(t.url, `/api/attachments/${secret.body.id}`, { cookie: operator.cookie })).status).toBe(200);
  });

  it('a message\'s files keep the order the sender gave, whatever order they were uploaded in', async () => {
    const { operator, ticketId } = await conversation();
    const uploads = [];
    for (const name of ['a.pdf', 'b.png', 'c.pdf']) uploads.push(await uploadFile(t.url, '/api/attachments', name.endsWith('png') ? PNG : PDF, name, { cookie: operator.cookie }));
    const order = [uploads[2], uploads[0], uploads[1]].map((u) => u?.body.id ?? '');
    const reply = await http<Message>(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie: operator.cookie, body: { kind: 'reply', body: 'three files', attachmentIds: order } });
    expect(reply.body.attachments.map((a) => a.id)).toEqual(order);
    const history = await http<MessagePage>(t.url, 'GET', `/api/tickets/${ticketId}/messages`, { cookie: operator.cookie });
    expect(history.body.items.find((m) => m.id === reply.body.id)?.attachments.map((a) => a.name)).toEqual(['c.pdf', 'a.pdf', 'b.png']);
  });

  it('a visitor\'s file reaches the operator; files are always served as downloads with a sandbox', async () => {
    const { operator, visitor, ticketId } = await conversation();
    const svg = await uploadFile(t.url, '/api/widget/attachments', SVG, 'logo.svg', { token: visitor.token });
    expect(svg.status).toBe(201);
    expect(svg.body).toMatchObject({ mime: 'text/plain', isImage: false, url: `/api/widget/attachments/${svg.body.id}` });
    const sent = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', {
      token: visitor.token,
      body: { body: 'my logo', clientMsgId: randomUUID(), attachmentIds: [svg.body.id] },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.attachments).toHaveLength(1);
    const history = await http<MessagePage>(t.url, 'GET', `/api/tickets/${ticketId}/messages`, { cookie: operator.cookie });
    const file = history.body.items.flatMap((m) => m.attachments).find((a) => a.id === svg.body.id);
    expect(file).toBeDefined();
    const got = await download(t.url, `/api/attachments/${svg.body.id}`, { cookie: operator.cookie });
    expect(got.headers.get('content-type')).toBe('text/plain');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-security-policy')).toContain('sandbox');

    // Another visitor cannot send this visitor's upload.
    const other = await uploadFile(t.url, '/api/widget/attachments', PDF, 'a.pdf', { token: visitor.token });
    const thief = await createVisitor(t, (await createWorld(t)).key);
    expectError(
      await http(t.url, 'POST', '/api/widget/messages', { token: thief.token, body: { body: 'x', clientMsgId: randomUUID(), attachmentIds: [other.body.id] } }),
      404,
      'ATTACHMENT_NOT_FOUND',
    );
  });

  it('programs and scripts are refused by their name whatever the bytes, for operators and visitors, storing nothing (issue #10 point 8)', async () => {
    const { operator, visitor } = await conversation();
    const before = await count();
    const text = Buffer.from('echo hello\n');
    for (const name of ['invoice.js', 'update.bat', 'readme.vbs', 'open.hta', 'a.ps1', 'fix.sh', 'SETUP.EXE', 'invoice\u202Etxt.exe', 'report.pdf.exe.', 'a.e\u200Bxe']) {
      const byOperator = await uploadFile(t.url, '/api/attachments', text, name, { cookie: operator.cookie });
      expect({ name, status: byOperator.status, code: byOperator.body.code }).toEqual({ name, status: 415, code: 'FILE_TYPE_NOT_ALLOWED' });
      expect(byOperator.body.message).toMatch(/programs and scripts/i);
      const byVisitor = await uploadFile(t.url, '/api/widget/attachments', PDF, name, { token: visitor.token });
      expect({ name, status: byVisitor.status, code: byVisitor.body.code }).toEqual({ name, status: 415, code: 'FILE_TYPE_NOT_ALLOWED' });
    }
    expect(await count()).toBe(before);
    // A script's name inside another name is no script.
    expect((await uploadFile(t.url, '/api/attachments', text, 'fix.sh.txt', { cookie: operator.cookie })).status).toBe(201);
  });

  it('a broken multipart body is a 400, never a 500, and stores nothing (issue #10 point 9)', async () => {
    const { operator, visitor } = await conversation();
    const before = await count();
    const part = (boundary: string) => `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello`;
    const bodies: { name: string; contentType: string; body: string }[] = [
      { name: 'no boundary', contentType: 'multipart/form-data', body: part('x') + '\r\n--x--\r\n' },
      { name: 'cut off mid-file', contentType: 'multipart/form-data; boundary=x', body: part('x') },
      { name: 'cut off in the headers', contentType: 'multipart/form-data; boundary=x', body: '--x\r\nContent-Disposition: form-da' },
      { name: 'another boundary', contentType: 'multipart/form-data; boundary=y', body: part('x') + '\r\n--x--\r\n' },
      { name: 'empty', contentType: 'multipart/form-data; boundary=x', body: '' },
    ];
    for (const { name, contentType, body } of bodies) {
      for (const [path, auth] of [['/api/attachments', { cookie: operator.cookie }], ['/api/widget/attachments', { token: visitor.token }]] as const) {
        const answer = await http<{ code: string; message: string }>(t.url, 'POST', path, { ...auth, body, headers: { 'content-type': contentType } });
        expect({ name, path, status: answer.status }).toEqual({ name, path, status: 400 });
        expect(['VALIDATION_FAILED', 'NO_FILE']).toContain(answer.body.code);
      }
    }
    expect(await count()).toBe(before);
  });

  const storedFile = async (id: string) => {
    const [row] = await t.dataSource.query<{ storage_key: string }[]>('SELECT storage_key FROM attachments WHERE id = $1', [id]);
    return row ? existsSync(join(attachmentsDir, row.storage_key)) : false;
  };
  const visitorUploads = async (clientId: string) =>
    Number((await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM attachments WHERE uploaded_by_client_id = $1', [clientId]))[0]?.n);

  it('a visitor\'s uploads have an hourly quota of files: 429 RATE_LIMITED with a retry time, nothing stored (issue #10 point 7)', async () => {
    const { visitor } = await conversation();
    const file = Buffer.alloc(100 * 1024, 0x41);
    const statuses: number[] = [];
    let refusal: Awaited<ReturnType<typeof uploadFile>> | undefined;
    for (let i = 0; i < 6; i++) {
      const answer = await uploadFile(t.url, '/api/widget/attachments', file, `note-${i}.txt`, { token: visitor.token });
      statuses.push(answer.status);
      if (answer.status !== 201) refusal = answer;
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
    expect(refusal?.body).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfter: expect.any(Number) as number } });
    expect(refusal?.body.message).toMatch(/too many files/i);
    expect(await visitorUploads(visitor.visitor.id)).toBe(4);
    // Refused files (a program, by name or by bytes) never counted: a fresh visitor still has the whole quota after them.
    const other = await createVisitor(t, (await createWorld(t)).key);
    for (const name of ['a.exe', 'b.js']) expect((await uploadFile(t.url, '/api/widget/attachments', file, name, { token: other.token })).status).toBe(415);
    expect((await uploadFile(t.url, '/api/widget/attachments', EXE, 'x.pdf', { token: other.token })).status).toBe(415);
    for (let i = 0; i < 4; i++) expect((await uploadFile(t.url, '/api/widget/attachments', PDF, `${i}.pdf`, { token: other.token })).status).toBe(201);
  });

  it('…and of bytes; an upload over it is refused and stores nothing, a smaller one still fits (issue #10 point 7)', async () => {
    const { visitor } = await conversation();
    const big = Buffer.alloc(900 * 1024, 0x42);
    expect((await uploadFile(t.url, '/api/widget/attachments', big, 'a.txt', { token: visitor.token })).status).toBe(201);
    expect((await uploadFile(t.url, '/api/widget/attachments', big, 'b.txt', { token: visitor.token })).status).toBe(201);
    const over = await uploadFile(t.url, '/api/widget/attachments', big, 'c.txt', { token: visitor.token });
    expect({ status: over.status, code: over.body.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(over.body.message).toMatch(/megabytes/i);
    expect(await visitorUploads(visitor.visitor.id)).toBe(2);
    expect((await uploadFile(t.url, '/api/widget/attachments', Buffer.alloc(100 * 1024, 0x43), 'd.txt', { token: visitor.token })).status).toBe(201);
  });

  it('uploads never attached are deleted after a day, row and file; attached files and template files stay (issue #10 point 7)', async () => {
    const { operator, visitor, ticketId } = await conversation();
    const upload = async (path: string, auth: { cookie?: string; token?: string }) => (await uploadFile(t.url, path, PDF, 'x.pdf', auth)).body.id;
    const forgottenByVisitor = await upload('/api/widget/attachments', { token: visitor.token });
    const forgottenByOperator = await upload('/api/attachments', { cookie: operator.cookie });
    const recent = await upload('/api/attachments', { cookie: operator.cookie });
    const sent = await upload('/api/attachments', { cookie: operator.cookie });
    expect((await http(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie: operator.cookie, body: { kind: 'reply', body: '', attachmentIds: [sent] } })).status).toBe(201);
    const admin = await authAs(t, 'admin');
    const ofTemplate = await upload('/api/attachments', { cookie: admin.cookie });
    expect((await http(t.url, 'POST', '/api/templates', { cookie: admin.cookie, body: { title: 'T', tags: ['t'], body: 'x', attachmentIds: [ofTemplate] } })).status).toBe(201);
    const old = [forgottenByVisitor, forgottenByOperator, sent, ofTemplate];
    await t.dataSource.query("UPDATE attachments SET created_at = now() - interval '25 hours' WHERE id = ANY($1::uuid[])", [old]);
    for (const id of [...old, recent]) expect(await storedFile(id)).toBe(true);
    const forgottenKeys = (
      await t.dataSource.query<{ storage_key: string }[]>('SELECT storage_key FROM attachments WHERE id = ANY($1::uuid[])', [[forgottenByVisitor, forgottenByOperator]])
    ).map((r) => r.storage_key);

    expect(await t.get(AttachmentsJanitor).removeUnattached()).toBe(2);

    const left = await t.dataSource.query<{ id: string }[]>('SELECT id FROM attachments WHERE id = ANY($1::uuid[])', [[...old, recent]]);
    expect(left.map((r) => r.id).sort()).toEqual([recent, sent, ofTemplate].sort());
    for (const key of forgottenKeys) expect(existsSync(join(attachmentsDir, key))).toBe(false);
    for (const id of [recent, sent, ofTemplate]) expect(await storedFile(id)).toBe(true);
    expect((await download(t.url, `/api/attachments/${sent}`, { cookie: operator.cookie })).status).toBe(200);
    expect(await t.get(AttachmentsJanitor).removeUnattached()).toBe(0);
  });

  it('file names are cleaned: no paths, no control characters; the stored file is named by the server', async () => {
    const { operator } = await conversation();
    const uploaded = await uploadFile(t.url, '/api/attachments', PDF, '../../etc/pass\u202ewd.pdf', { cookie: operator.cookie });
    expect(uploaded.body.name).toBe('passwd.pdf');
    const [row] = await t.dataSource.query<{ storage_key: string }[]>('SELECT storage_key FROM attachments WHERE id = $1', [uploaded.body.id]);
    expect(row?.storage_key).toMatch(/^[0-9a-f-]{36}$/);
  });
});
