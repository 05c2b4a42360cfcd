import { DomainEventEntity } from '../events/entities/domain-event.entity';
import { EventCursorEntity } from '../events/entities/event-cursor.entity';
import { DepartmentSlaEntity } from '../modules/dispatcher/entities/department-sla.entity';
import { DispatchRuleEntity } from '../modules/dispatcher/entities/dispatch-rule.entity';
import { OperatorStatusEntity } from '../modules/dispatcher/entities/operator-status.entity';
import { RuleFiringEntity } from '../modules/dispatcher/entities/rule-firing.entity';
import { StatusChangeEntity } from '../modules/dispatcher/entities/status-change.entity';
import { AttachmentEntity } from '../modules/attachments/entities/attachment.entity';
import { CustomFieldEntity } from '../modules/custom-fields/entities/custom-field.entity';
import { TemplateEntity } from '../modules/templates/entities/template.entity';
import { TicketParticipantEntity } from '../modules/tickets/entities/ticket-participant.entity';
import { TicketReadEntity } from '../modules/tickets/entities/ticket-read.entity';
import { ApiTokenEntity } from '../modules/auth/entities/api-token.entity';
import { EmployeeSessionEntity } from '../modules/auth/entities/employee-session.entity';
import { VisitorSessionEntity } from '../modules/auth/entities/visitor-session.entity';
import { ChannelEventEntity } from '../modules/channels/entities/channel-event.entity';
import { ChannelEntity } from '../modules/channels/entities/channel.entity';
import { ClientIdentityEntity } from '../modules/clients/entities/client-identity.entity';
import { ClientEntity } from '../modules/clients/entities/client.entity';
import { DepartmentEntity } from '../modules/departments/entities/department.entity';
import { EmployeeEntity } from '../modules/employees/entities/employee.entity';
import { GroupEntity } from '../modules/permissions/entities/group.entity';
import { SettingEntity } from '../modules/settings/entities/setting.entity';
import { MessageEntity } from '../modules/tickets/entities/message.entity';
import { TicketStatusEntity } from '../modules/tickets/entities/ticket-status.entity';
import { TicketEntity } from '../modules/tickets/entities/ticket.entity';
import { QueueWorkerEntity } from '../queue/queue-worker.entity';

/** Every entity of every module, for the data source and the migration generator. */
export const allEntities = [
  DepartmentEntity,
  EmployeeEntity,
  EmployeeSessionEntity,
  ApiTokenEntity,
  GroupEntity,
  SettingEntity,
  ClientEntity,
  ClientIdentityEntity,
  ChannelEntity,
  ChannelEventEntity,
  VisitorSessionEntity,
  TicketStatusEntity,
  TicketEntity,
  MessageEntity,
  TicketReadEntity,
  TicketParticipantEntity,
  TemplateEntity,
  AttachmentEntity,
  CustomFieldEntity,
  OperatorStatusEntity,
  StatusChangeEntity,
  DispatchRuleEntity,
  RuleFiringEntity,
  DepartmentSlaEntity,
  DomainEventEntity,
  EventCursorEntity,
  QueueWorkerEntity,
];
