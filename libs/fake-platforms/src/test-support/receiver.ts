import { createServer, type IncomingHttpHeaders } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Answer {
  status?: number;
  body?: string | Buffer;
  contentType?: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** A tiny local HTTP server standing in for the product: records what arrives and answers as told. */
export async function startReceiver(answer: (request: Received) => Answer | Promise<Answer> = () => ({})): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: Received = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) };
      received.push(request);
      void Promise.resolve(answer(request)).then((a) => {
        res.writeHead(a.status ?? 200, { 'content-type': a.contentType ?? 'text/plain' });
        res.end(a.body ?? '');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A body and its content type exactly as fetch would send this form (boundary included). */
export async function encodeForm(form: FormData): Promise<{ contentType: string; body: Buffer }> {
  const response = new Response(form);
  return { contentType: response.headers.get('content-type') ?? '', body: Buffer.from(await response.arrayBuffer()) };
}

/** The start of a 3×2 PNG: signature and IHDR, all the size reader looks at (the CRC is made up). */
export const PNG_3X2 = Buffer.from('89504e470d0a1a0a0000000d49484452000000030000000208060000009d74666a', 'hex');
