import { SESSION_COOKIE, authRoutes, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { Controller, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { In, Route } from '../../common/routing/route.decorator';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { SessionsService, selfOf } from './sessions.service';

@Controller()
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Route(authRoutes.signIn)
  async signIn(
    @In() input: RouteInput<typeof authRoutes.signIn>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RouteResponse<typeof authRoutes.signIn>> {
    const { token, employee, expiresAt } = await this.sessions.signIn(input.body.email, input.body.password, {
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    void reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secureCookie(request),
      path: '/',
      expires: expiresAt,
    });
    return employee;
  }

  @Route(authRoutes.signOut)
  async signOut(
    @CurrentEmployee() employee: EmployeePrincipal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.signOut(employee);
    void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: this.secureCookie(request) });
  }

  @Route(authRoutes.me)
  me(@CurrentEmployee() employee: EmployeePrincipal): RouteResponse<typeof authRoutes.me> {
    return selfOf(employee);
  }

  private secureCookie(request: FastifyRequest): boolean {
    if (this.config.COOKIE_SECURE === 'auto') return request.protocol === 'https';
    return this.config.COOKIE_SECURE === 'true';
  }
}
