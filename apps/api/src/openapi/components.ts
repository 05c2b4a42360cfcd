import * as c from '@omnichannel/contracts';
import { z } from 'zod';

/**
 * The contract schemas the API reference names: each becomes a component (`#/components/schemas/<id>`,
 * `<id>Output` where a request and a response render it differently) wherever it appears. The ids are
 * given here rather than with `.meta({ id })` in the contracts, which would register every schema at load
 * time and so keep zod in the SPA's and widget's bundles.
 */
const componentSchemas: Record<string, z.ZodType> = {
  ErrorIssue: c.errorIssueSchema,
  ValidationDetails: c.validationDetailsSchema,
  PersonRef: c.personRefSchema,
  ChannelRef: c.channelRefSchema,
  ChannelType: c.channelTypeSchema,
  Permission: c.permissionSchema,
  Attachment: c.attachmentSchema,
  SystemEvent: c.systemEventSchema,
  TicketSla: c.ticketSlaSchema,
  TicketSummary: c.ticketSummarySchema,
  TicketDetail: c.ticketDetailSchema,
  TicketList: c.ticketListSchema,
  TicketSearchResult: c.ticketSearchResultSchema,
  CustomValues: c.customValuesSchema,
  Message: c.messageSchema,
  MessagePage: c.messagePageSchema,
  PostMessageRequest: c.postMessageRequestSchema,
  PreviousRequest: c.previousRequestSchema,
  EmployeeSelf: c.employeeSelfSchema,
  Employee: c.employeeSchema,
  Group: c.groupSchema,
  Department: c.departmentSchema,
  ApiToken: c.apiTokenSchema,
  CreatedApiToken: c.createdApiTokenSchema,
  OmniSettings: c.omniSettingsSchema,
  Template: c.templateSchema,
  CustomField: c.customFieldSchema,
  TicketStatus: c.ticketStatusSchema,
  Directory: c.directorySchema,
  OperatorStatus: c.operatorStatusSchema,
  OperatorPresence: c.operatorPresenceSchema,
  HeldRequest: c.heldRequestSchema,
  RuleTrigger: c.ruleTriggerSchema,
  RuleCondition: c.ruleConditionSchema,
  RuleAction: c.ruleActionSchema,
  DispatchRule: c.dispatchRuleSchema,
  WorkSchedule: c.workScheduleSchema,
  DepartmentSla: c.departmentSlaSchema,
  WidgetConfig: c.widgetConfigSchema,
  Visitor: c.visitorSchema,
  VisitorSession: c.visitorSessionSchema,
  VisitorConversation: c.visitorConversationSchema,
  VisitorMessage: c.visitorMessageSchema,
  VisitorState: c.visitorStateSchema,
};

/** Gives the schemas their ids in zod's registry, which zod-openapi reads; the same ids every time. */
export function nameComponents(): void {
  for (const [id, schema] of Object.entries(componentSchemas)) z.globalRegistry.add(schema, { ...z.globalRegistry.get(schema), id });
}
