import {
  SESSION_COOKIE,
  employeeSelfSchema,
  signInRequestSchema,
  type EmployeeSelf,
  type SignInRequest,
} from '@omnichannel/contracts';
import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EmployeeAccess, Public } from '../../common/decorators/access.decorator';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { Returns } from '../../common/validation/returns.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { SessionsService, selfOf } from './sessions.service';

@Controller('auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('sign-in')
  @HttpCode(200)
  @Public()
  @Returns(employeeSelfSchema)
  async signIn(
    @Body(new ZodPipe(signInRequestSchema)) body: SignInRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EmployeeSelf> {
    const { token, employee, expiresAt } = await this.sessions.signIn(body.email, body.password, {
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

  @Post('sign-out')
  @HttpCode(204)
  @EmployeeAccess()
  async signOut(
    @CurrentEmployee() employee: EmployeePrincipal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.signOut(employee);
    void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: this.secureCookie(request) });
  }

  @Get('me')
  @EmployeeAccess()
  @Returns(employeeSelfSchema)
  me(@CurrentEmployee() employee: EmployeePrincipal): EmployeeSelf {
    return selfOf(employee);
  }

  private secureCookie(request: FastifyRequest): boolean {
    if (this.config.COOKIE_SECURE === 'auto') return request.protocol === 'https';
    return this.config.COOKIE_SECURE === 'true';
  }
}
