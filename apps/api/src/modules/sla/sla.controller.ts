import { slaRoutes, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { In, Route } from '../../common/routing/route.decorator';
import { SlaService } from './sla.service';

/** SLA-1: each department's deadlines and working hours (PERM-3). */
@Controller()
export class SlaController {
  constructor(private readonly sla: SlaService) {}

  @Route(slaRoutes.list)
  async list(): Promise<RouteResponse<typeof slaRoutes.list>> {
    return { items: await this.sla.list() };
  }

  @Route(slaRoutes.update)
  update(@In() input: RouteInput<typeof slaRoutes.update>): Promise<RouteResponse<typeof slaRoutes.update>> {
    return this.sla.update(input.params.departmentId, input.body);
  }
}
