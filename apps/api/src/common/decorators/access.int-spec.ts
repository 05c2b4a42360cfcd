import { Controller, Get, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { endpointInventory, undeclaredEndpoints } from '../../../test/route-inventory';
import { useTestApp } from '../../../test/test-app';
import { Public } from './access.decorator';

describe('secure by default: every handler declares who may call it (house style, PERM-6, API9)', () => {
  const t = useTestApp({ reset: 'never' });


  it('finds the REST routes and socket events of the app', () => {
    const names = endpointInventory(t).map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining(['POST /api/auth/sign-in', 'GET /api/tickets', 'PUT /api/groups/:id', 'socket visitor:send', 'socket ticket:watch']),
    );
  });

  it('no REST handler or socket event of the app lacks an access rule', () => {
    expect(undeclaredEndpoints(t)).toEqual([]);
  });

  it('the check catches an undeclared handler (REST and socket)', async () => {
    @Controller('rogue')
    class RogueController {
      @Get('open')
      open(): string {
        return 'oops';
      }

      @Get('fine')
      @Public()
      fine(): string {
        return 'ok';
      }
    }
    @WebSocketGateway()
    class RogueGateway {
      @SubscribeMessage('rogue:event')
      handle(): string {
        return 'oops';
      }
    }
    @Module({ imports: [DiscoveryModule], controllers: [RogueController], providers: [RogueGateway] })
    class RogueModule {}
    const context = await Test.createTestingModule({ imports: [RogueModule] }).compile();
    try {
      expect(undeclaredEndpoints(context)).toEqual(['GET /api/rogue/open', 'socket rogue:event']);
    } finally {
      await context.close();
    }
  });

  it('public endpoints are exactly the ones meant to be public', () => {
    const open = endpointInventory(t)
      .filter((e) => e.rule?.kind === 'public')
      .map((e) => e.name)
      .sort();
    // The messenger webhook proves its caller by the platform's own mechanism instead (channel-webhooks.int-spec.ts);
    // a reply's file link by its signature and expiry (messenger-channels.int-spec.ts).
    expect(open).toEqual([
      'GET /api/channels/files/:token',
      'GET /api/health',
      'GET /api/openapi.json',
      'GET /api/widget/config',
      'POST /api/auth/sign-in',
      'POST /api/channels/:id/webhook',
      'POST /api/widget/sessions',
    ]);
  });
});
