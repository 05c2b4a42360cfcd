import { z } from 'zod';

/** The longest text a client or employee may send in one message (issue #2, bad input). */
export const MAX_MESSAGE_LENGTH = 10_000;
export const MAX_NAME_LENGTH = 200;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_URL_LENGTH = 2_048;
export const MESSAGES_PAGE_MAX = 200;

export const uuidSchema = z.uuid();
export const isoDateSchema = z.string();

export const messageTextSchema = z
  .string()
  .trim()
  .min(1, 'Message must not be empty')
  .max(MAX_MESSAGE_LENGTH, `Message must be at most ${MAX_MESSAGE_LENGTH} characters`);

export const emailSchema = z.email('Email address is not valid').max(MAX_EMAIL_LENGTH);

export const personNameSchema = z.string().trim().max(MAX_NAME_LENGTH, `Name must be at most ${MAX_NAME_LENGTH} characters`);
