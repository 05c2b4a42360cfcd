import { templateRoutes, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { In, Route } from '../../common/routing/route.decorator';
import { TemplatesService } from './templates.service';

@Controller()
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Route(templateRoutes.search)
  async search(@In() input: RouteInput<typeof templateRoutes.search>): Promise<RouteResponse<typeof templateRoutes.search>> {
    return { items: await this.templates.search(input.query) };
  }

  @Route(templateRoutes.list)
  async list(): Promise<RouteResponse<typeof templateRoutes.list>> {
    return { items: await this.templates.list() };
  }

  @Route(templateRoutes.create)
  create(
    @In() input: RouteInput<typeof templateRoutes.create>,
    @CurrentEmployee() me: EmployeePrincipal,
  ): Promise<RouteResponse<typeof templateRoutes.create>> {
    return this.templates.save(null, input.body, me.id);
  }

  @Route(templateRoutes.update)
  update(
    @In() input: RouteInput<typeof templateRoutes.update>,
    @CurrentEmployee() me: EmployeePrincipal,
  ): Promise<RouteResponse<typeof templateRoutes.update>> {
    return this.templates.save(input.params.id, input.body, me.id);
  }

  @Route(templateRoutes.remove)
  remove(@In() input: RouteInput<typeof templateRoutes.remove>): Promise<void> {
    return this.templates.remove(input.params.id);
  }
}
