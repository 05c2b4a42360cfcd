import { ticketRoutes, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { In, Route } from '../../common/routing/route.decorator';
import { TicketActions } from './ticket-actions.service';
import { TicketQueries } from './ticket-queries.service';

type Input<K extends keyof typeof ticketRoutes> = RouteInput<(typeof ticketRoutes)[K]>;
type Answer<K extends keyof typeof ticketRoutes> = Promise<RouteResponse<(typeof ticketRoutes)[K]>>;

@Controller()
export class TicketsController {
  constructor(
    private readonly queries: TicketQueries,
    private readonly actions: TicketActions,
  ) {}

  @Route(ticketRoutes.list)
  list(@In() input: Input<'list'>, @CurrentEmployee() employee: EmployeePrincipal): Answer<'list'> {
    return this.queries.list(input.query, employee);
  }

  @Route(ticketRoutes.search)
  search(@In() input: Input<'search'>, @CurrentEmployee() employee: EmployeePrincipal): Answer<'search'> {
    return this.queries.search(input.query, employee);
  }

  @Route(ticketRoutes.searchMessages)
  searchMessages(@In() input: Input<'searchMessages'>, @CurrentEmployee() employee: EmployeePrincipal): Answer<'searchMessages'> {
    return this.queries.searchMessages(input.query, employee);
  }

  @Route(ticketRoutes.detail)
  detail(@In() input: Input<'detail'>, @CurrentEmployee() employee: EmployeePrincipal): Answer<'detail'> {
    return this.queries.detail(input.params.id, employee);
  }

  @Route(ticketRoutes.messages)
  messages(@In() input: Input<'messages'>, @CurrentEmployee() employee: EmployeePrincipal): Answer<'messages'> {
    return this.queries.messages(input.params.id, input.query, employee, input.query.view);
  }

  @Route(ticketRoutes.previous)
  async previous(@In() input: Input<'previous'>, @CurrentEmployee() employee: EmployeePrincipal): Answer<'previous'> {
    return { items: await this.queries.previous(input.params.id, employee) };
  }

  @Route(ticketRoutes.postMessage)
  post(@In() input: Input<'postMessage'>, @CurrentEmployee() employee: EmployeePrincipal): Answer<'postMessage'> {
    return this.actions.post(input.params.id, employee, input.body);
  }

  @Route(ticketRoutes.take)
  take(@In() input: Input<'take'>, @CurrentEmployee() employee: EmployeePrincipal): Answer<'take'> {
    return this.actions.take(input.params.id, employee);
  }

  @Route(ticketRoutes.complete)
  complete(@In() input: Input<'complete'>, @CurrentEmployee() employee: EmployeePrincipal): Answer<'complete'> {
    return this.actions.complete(input.params.id, employee, input.body);
  }

  @Route(ticketRoutes.transfer)
  transfer(@In() input: Input<'transfer'>, @CurrentEmployee() employee: EmployeePrincipal): Answer<'transfer'> {
    return this.actions.transfer(input.params.id, employee, input.body);
  }

  @Route(ticketRoutes.invite)
  invite(@In() input: Input<'invite'>, @CurrentEmployee() employee: EmployeePrincipal): Answer<'invite'> {
    return this.actions.invite(input.params.id, employee, input.body.employeeId);
  }

  @Route(ticketRoutes.changeStatus)
  changeStatus(@In() input: Input<'changeStatus'>, @CurrentEmployee() employee: EmployeePrincipal): Answer<'changeStatus'> {
    return this.actions.changeStatus(input.params.id, employee, input.body.status);
  }

  @Route(ticketRoutes.markRead)
  read(@In() input: Input<'markRead'>, @CurrentEmployee() employee: EmployeePrincipal): Promise<void> {
    return this.actions.markRead(input.params.id, employee, input.body.seq);
  }

  @Route(ticketRoutes.updateCustom)
  updateCustom(@In() input: Input<'updateCustom'>, @CurrentEmployee() employee: EmployeePrincipal): Answer<'updateCustom'> {
    return this.actions.updateCustom(input.params.id, employee, input.body);
  }
}
