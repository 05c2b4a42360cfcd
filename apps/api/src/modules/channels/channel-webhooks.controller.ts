import { channelRoutes, type RouteInput } from '@omnichannel/contracts';
import { Controller, Req, Res, type RawBodyRequest } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { In, Route } from '../../common/routing/route.decorator';
import { ChannelWebhooks } from './channel-webhooks.service';

/** The header the protocols read the sender's address from (OK's source ranges): set here, never taken from the request. */
const REMOTE_ADDRESS = 'x-omni-remote-address';

/**
 * Header values as one string each (a repeated header keeps its first value), names in lower case as Node
 * gives them, plus the sender's address as this server sees it (behind a proxy only with TRUST_PROXY).
 */
function headersOf(request: FastifyRequest): Record<string, string | undefined> {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]));
  return { ...headers, [REMOTE_ADDRESS]: request.ip };
}

/** Messenger platforms deliver their events here (issue #11); the answer is the platform's own plain text. */
@Controller()
export class ChannelWebhooksController {
  constructor(private readonly webhooks: ChannelWebhooks) {}

  @Route(channelRoutes.webhook)
  async webhook(@In() input: RouteInput<typeof channelRoutes.webhook>, @Req() request: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.webhooks.receive(input.params.id, {
      headers: headersOf(request),
      query: request.query as Record<string, string | undefined>,
      // The bytes as received: Viber signs them, and re-serialising parsed JSON never gives them back.
      body: request.rawBody ?? Buffer.alloc(0),
    });
    await reply.status(answer.status).header('content-type', answer.contentType).header('cache-control', 'no-store').send(answer.body);
  }
}
