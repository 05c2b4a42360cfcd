import { messageRoutes, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { In, Route } from '../../common/routing/route.decorator';
import { TicketActions } from './ticket-actions.service';

@Controller()
export class MessagesController {
  constructor(private readonly actions: TicketActions) {}

  @Route(messageRoutes.retry)
  retry(@In() input: RouteInput<typeof messageRoutes.retry>, @CurrentEmployee() employee: EmployeePrincipal): Promise<RouteResponse<typeof messageRoutes.retry>> {
    return this.actions.retry(input.params.id, employee);
  }
}
