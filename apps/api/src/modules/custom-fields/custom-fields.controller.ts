import { customFieldRoutes, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { In, Route } from '../../common/routing/route.decorator';
import { CustomFieldsService } from './custom-fields.service';

@Controller()
export class CustomFieldsController {
  constructor(private readonly fields: CustomFieldsService) {}

  @Route(customFieldRoutes.list)
  async list(): Promise<RouteResponse<typeof customFieldRoutes.list>> {
    return { items: await this.fields.list() };
  }

  @Route(customFieldRoutes.create)
  create(@In() input: RouteInput<typeof customFieldRoutes.create>): Promise<RouteResponse<typeof customFieldRoutes.create>> {
    return this.fields.create(input.body);
  }

  @Route(customFieldRoutes.update)
  update(@In() input: RouteInput<typeof customFieldRoutes.update>): Promise<RouteResponse<typeof customFieldRoutes.update>> {
    return this.fields.update(input.params.id, input.body);
  }

  @Route(customFieldRoutes.remove)
  remove(@In() input: RouteInput<typeof customFieldRoutes.remove>): Promise<void> {
    return this.fields.remove(input.params.id);
  }
}
