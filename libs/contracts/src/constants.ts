// Plain constants, free of zod, so the widget and SPA can use them without shipping the schema library.

/** The longest text a client or employee may send in one message (issue #2, bad input). */
export const MAX_MESSAGE_LENGTH = 10_000;
export const MAX_NAME_LENGTH = 200;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_URL_LENGTH = 2_048;
export const MESSAGES_PAGE_MAX = 200;

export const SOCKET_PATH = '/socket.io';
export const SESSION_COOKIE = 'omni_session';

/** Attachments (CORE-7): the largest file accepted, and how many files one message may carry. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
/** The multipart field an upload carries its file in. */
export const UPLOAD_FIELD = 'file';

/** The sources a ticket can come from: the website widget and the seven messengers. */
export const channelTypes = ['widget', 'telegram', 'vk', 'viber', 'odnoklassniki', 'whatsapp', 'facebook', 'instagram'] as const;

/** The kinds of value an administrator's custom field holds (WORK-4). */
export const customFieldTypes = ['text', 'number', 'date', 'list'] as const;

/** The variables a reply template may contain (TPL-1). */
export const templateVariables = ['client.name', 'client.email', 'operator.name', 'ticket.number'] as const;
