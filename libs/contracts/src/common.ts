import { z } from 'zod';
import { MAX_EMAIL_LENGTH, MAX_MESSAGE_LENGTH, MAX_NAME_LENGTH } from './constants';


export const uuidSchema = z.uuid();
export const isoDateSchema = z.string();

/** A message text that may be empty when files carry the message. */
export const messageBodySchema = z
  .string()
  .trim()
  .max(MAX_MESSAGE_LENGTH, `Message must be at most ${MAX_MESSAGE_LENGTH} characters`);

export const emailSchema = z.email('Email address is not valid').max(MAX_EMAIL_LENGTH);

export const personNameSchema = z.string().trim().max(MAX_NAME_LENGTH, `Name must be at most ${MAX_NAME_LENGTH} characters`);
