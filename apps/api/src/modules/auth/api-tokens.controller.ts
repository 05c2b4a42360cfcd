import {
  apiTokenListSchema,
  createApiTokenRequestSchema,
  createdApiTokenSchema,
  idParamSchema,
  type ApiTokenList,
  type CreateApiTokenRequest,
  type CreatedApiToken,
} from '@omnichannel/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { EmployeeAccess } from '../../common/decorators/access.decorator';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { Returns } from '../../common/validation/returns.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { ApiTokensService } from './api-tokens.service';

/** API-1: each employee's own integration tokens (profile page). */
@Controller('profile/tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @EmployeeAccess()
  @Returns(apiTokenListSchema)
  async list(@CurrentEmployee() me: EmployeePrincipal): Promise<ApiTokenList> {
    return { items: await this.tokens.list(me) };
  }

  /** The answer holds the token; it is never shown again. */
  @Post()
  @HttpCode(201)
  @EmployeeAccess()
  @Returns(createdApiTokenSchema)
  create(@CurrentEmployee() me: EmployeePrincipal, @Body(new ZodPipe(createApiTokenRequestSchema)) body: CreateApiTokenRequest): Promise<CreatedApiToken> {
    return this.tokens.create(me, body.name);
  }

  @Delete(':id')
  @HttpCode(204)
  @EmployeeAccess()
  revoke(@CurrentEmployee() me: EmployeePrincipal, @Param(new ZodPipe(idParamSchema)) params: { id: string }): Promise<void> {
    return this.tokens.revoke(me, params.id);
  }
}
