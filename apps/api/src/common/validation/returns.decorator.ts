import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

export const RESPONSE_SCHEMA = 'omni:response-schema';

/**
 * Declares the contract schema of a handler's response. The response interceptor parses the result with
 * it, which also strips any field the contract does not name (no internal field can leak by accident).
 */
export const Returns = (schema: z.ZodType) => SetMetadata(RESPONSE_SCHEMA, schema);
