import { profileRoutes, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { In, Route } from '../../common/routing/route.decorator';
import { ApiTokensService } from './api-tokens.service';

/** API-1: each employee's own integration tokens (profile page). */
@Controller()
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Route(profileRoutes.listTokens)
  async list(@CurrentEmployee() me: EmployeePrincipal): Promise<RouteResponse<typeof profileRoutes.listTokens>> {
    return { items: await this.tokens.list(me) };
  }

  @Route(profileRoutes.createToken)
  create(
    @CurrentEmployee() me: EmployeePrincipal,
    @In() input: RouteInput<typeof profileRoutes.createToken>,
  ): Promise<RouteResponse<typeof profileRoutes.createToken>> {
    return this.tokens.create(me, input.body.name);
  }

  @Route(profileRoutes.revokeToken)
  revoke(@CurrentEmployee() me: EmployeePrincipal, @In() input: RouteInput<typeof profileRoutes.revokeToken>): Promise<void> {
    return this.tokens.revoke(me, input.params.id);
  }
}
