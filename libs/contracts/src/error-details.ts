import { z } from 'zod';
import { heldRequestSchema } from './dispatcher';
import { errorIssueSchema } from './errors';
import { personRefSchema } from './tickets';

// The `details` of the error answers that carry any; a route declares them per error code, so clients
// read them typed (see isRouteError).

/** VALIDATION_FAILED and MESSAGE_TOO_LONG: every problem of the input, with its path. */
export const validationDetailsSchema = z.object({ issues: z.array(errorIssueSchema) });
export type ValidationDetails = z.infer<typeof validationDetailsSchema>;

/** RATE_LIMITED: seconds until the next attempt may succeed (also the `Retry-After` header). */
export const rateLimitedDetailsSchema = z.object({ retryAfter: z.number().int().positive() });
export type RateLimitedDetails = z.infer<typeof rateLimitedDetailsSchema>;

/** TICKET_ALREADY_TAKEN (WORK-2): who took the request first. */
export const ticketTakenDetailsSchema = z.object({ executor: personRefSchema.nullable() });
export type TicketTakenDetails = z.infer<typeof ticketTakenDetailsSchema>;

/** OFFLINE_FORBIDDEN (SET-4): the requests that keep the employee from going offline. */
export const offlineForbiddenDetailsSchema = z.object({ requests: z.array(heldRequestSchema) });
export type OfflineForbiddenDetails = z.infer<typeof offlineForbiddenDetailsSchema>;
