import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ErrorCode, MAX_MESSAGE_LENGTH, ticketRoutes, type Message, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { AppError } from '../errors/app-error';
import { HttpExceptionFilter } from '../errors/http-exception.filter';
import { In, Route } from './route.decorator';

const ticketId = randomUUID();

function message(body: string): Message {
  return {
    id: randomUUID(),
    ticketId,
    seq: 1,
    kind: 'comment',
    body,
    author: { type: 'employee', id: randomUUID(), name: 'Olga' },
    event: null,
    delivery: null,
    clientMsgId: null,
    attachments: [],
    shownIn: 'both',
    editedAt: null,
    createdAt: new Date(0).toISOString(),
  };
}

/** A handler on a real route contract, without the app around it (no guard: the access rule is the guard's). */
@Controller()
class ProbeController {
  @Route(ticketRoutes.postMessage)
  post(@In() input: RouteInput<typeof ticketRoutes.postMessage>): RouteResponse<typeof ticketRoutes.postMessage> {
    if (input.body.body === 'declared') throw new AppError(ErrorCode.TicketNotLive, 'This conversation is already completed');
    if (input.body.body === 'undeclared') throw new AppError(ErrorCode.EmailTaken, 'Not a refusal this route can give');
    return { ...message(`${input.params.id}:${input.body.body}:${input.body.attachmentIds.length}`), internalNote: 'never sent' } as Message;
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

interface Probe {
  app: NestFastifyApplication;
  url: string;
}

async function start(strictErrorCodes: boolean): Promise<Probe> {
  const app = await NestFactory.create<NestFastifyApplication>(ProbeModule, new FastifyAdapter(), { logger: false, abortOnError: false });
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new HttpExceptionFilter({ strictErrorCodes }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}

describe('@Route: a handler held to its route contract (API-1)', () => {
  let strict: Probe;
  let lenient: Probe;
  beforeAll(async () => {
    [strict, lenient] = await Promise.all([start(true), start(false)]);
  });
  afterAll(async () => {
    await Promise.all([strict.app.close(), lenient.app.close()]);
  });

  const post = async (probe: Probe, id: string, payload: string | object) => {
    const response = await fetch(`${probe.url}/api/tickets/${id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const outcome = async (probe: Probe, payload: string | object) => {
    const { status, body } = await post(probe, ticketId, payload);
    return { status, code: body.code };
  };

  it('registers the method, path and status, and hands the handler its parsed input', async () => {
    const { status, body } = await post(strict, ticketId, { kind: 'comment', body: '  hi  ' });
    expect(status).toBe(201);
    expect(body.body).toBe(`${ticketId}:hi:0`);
  });

  it('strips what the response schema does not name', async () => {
    const { body } = await post(strict, ticketId, { kind: 'comment', body: 'hi' });
    expect(body).toHaveProperty('seq', 1);
    expect(body).not.toHaveProperty('internalNote');
  });

  it('refuses bad params and bodies as parseOrThrow always did', async () => {
    const badId = await post(strict, 'not-a-uuid', { kind: 'comment', body: 'hi' });
    expect(badId.status).toBe(400);
    expect(badId.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/^id:/) as unknown, details: { issues: [{ path: 'id' }] } });
    expect(await outcome(strict, { kind: 'comment', body: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) })).toEqual({ status: 400, code: 'MESSAGE_TOO_LONG' });
    expect(await outcome(strict, '{"kind":')).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('passes a declared refusal on', async () => {
    expect(await outcome(strict, { kind: 'comment', body: 'declared' })).toEqual({ status: 409, code: 'TICKET_NOT_LIVE' });
  });

  it('answers an undeclared error code with 500 under test (so a test shows the missing declaration), and passes it on otherwise', async () => {
    expect(await outcome(strict, { kind: 'comment', body: 'undeclared' })).toEqual({ status: 500, code: 'INTERNAL' });
    expect(await outcome(lenient, { kind: 'comment', body: 'undeclared' })).toEqual({ status: 409, code: 'EMAIL_TAKEN' });
  });
});
