import { ruleRoutes, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { In, Route } from '../../common/routing/route.decorator';
import { RulesService } from './rules.service';

/** DSP-3: the dispatcher rules, edited in Settings (PERM-3). */
@Controller()
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Route(ruleRoutes.list)
  async list(): Promise<RouteResponse<typeof ruleRoutes.list>> {
    return { items: await this.rules.list() };
  }

  @Route(ruleRoutes.create)
  create(@In() input: RouteInput<typeof ruleRoutes.create>): Promise<RouteResponse<typeof ruleRoutes.create>> {
    return this.rules.create(input.body);
  }

  @Route(ruleRoutes.reorder)
  async reorder(@In() input: RouteInput<typeof ruleRoutes.reorder>): Promise<RouteResponse<typeof ruleRoutes.reorder>> {
    return { items: await this.rules.reorder(input.body.ids) };
  }

  @Route(ruleRoutes.update)
  update(@In() input: RouteInput<typeof ruleRoutes.update>): Promise<RouteResponse<typeof ruleRoutes.update>> {
    return this.rules.update(input.params.id, input.body);
  }

  @Route(ruleRoutes.copy)
  copy(@In() input: RouteInput<typeof ruleRoutes.copy>): Promise<RouteResponse<typeof ruleRoutes.copy>> {
    return this.rules.copy(input.params.id);
  }

  @Route(ruleRoutes.remove)
  remove(@In() input: RouteInput<typeof ruleRoutes.remove>): Promise<void> {
    return this.rules.remove(input.params.id);
  }
}
