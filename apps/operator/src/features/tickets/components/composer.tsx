import {
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_MESSAGE,
  MAX_MESSAGE_LENGTH,
  renderTemplate,
  type ChannelType,
  type Template,
  type TemplateValues,
} from '@omnichannel/contracts';
import { ActionIcon, Box, Button, Group, Kbd, SegmentedControl, Text, Textarea, Tooltip } from '@mantine/core';
import { useDebouncedValue, useWindowEvent } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { IconLock, IconPaperclip, IconSend, IconUpload } from '@tabler/icons-react';
import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type KeyboardEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth';
import { EmojiButton, rememberEmoji, useEmojiSuggestions, type EmojiEntry } from '../../emoji';
import { FileChip, formatBytes, narrowTemplates, useTemplateSearch, useUploads } from '../../templates';
import { ticketQuery, usePostMessage } from '../api/tickets';
import { ComposerSuggestions, EmojiOption, TemplateOption, optionId } from './composer-suggestions';
import { findToken, replaceToken } from './composer-token';
import { useTypingSignal } from './composer-typing';
import classes from './composer.module.css';

type Kind = 'reply' | 'comment';

export interface ComposerProps {
  ticketId: string;
  canReply: boolean;
  /** The chat's channel: only templates allowed there are offered (TPL-2). */
  channel?: ChannelType;
  /** Values for template variables; each falls back to the cached ticket when not given. */
  clientName?: string;
  clientEmail?: string | null;
  ticketNumber?: number;
}

/** How long the tag must rest before the server is asked for templates. */
const SEARCH_DEBOUNCE_MS = 150;
const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);
const MOD = IS_MAC ? '⌘' : 'Ctrl';

const isSwitchShortcut = (e: { ctrlKey: boolean; metaKey: boolean; altKey: boolean; key: string; code: string }) =>
  (e.ctrlKey || e.metaKey) && !e.altKey && (e.key === '/' || e.code === 'Slash');

const hasFiles = (e: { dataTransfer: DataTransfer | null }) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/** A pasted screenshot arrives as "image.png": give it a name that tells it apart in the history. */
function namePasted(file: File): File {
  if (file.name && file.name !== 'image.png') return file;
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const extension = file.type.split('/')[1] ?? 'png';
  return new File([file], `pasted-${stamp}.${extension}`, { type: file.type });
}

/** The employee reads the text before sending: a variable the conversation has no value for stays visible. */
const KEEP_MISSING = { missing: 'keep' } as const;

/**
 * The reply box: white for replies to the client, violet for internal comments (WORK-6); "/tag" inserts a
 * template (TPL-2), ":name" and the picker insert emoji, files are uploaded, dropped or pasted (WORK-7);
 * Enter sends, Shift+Enter breaks the line, Ctrl+/ (⌘/ on a Mac) switches reply and comment (WORK-13);
 * the client sees the employee typing a reply (WORK-8).
 */
export function Composer({ ticketId, canReply, channel, clientName, clientEmail, ticketNumber }: ComposerProps) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  // The conversation passes what it shows; the ticket it has already loaded fills in whatever it does not
  // (read from the cache, without a fetch of its own).
  const needsTicket = channel === undefined || clientName === undefined || clientEmail === undefined || ticketNumber === undefined;
  const ticket = useQuery({ ...ticketQuery(ticketId), enabled: needsTicket, refetchOnMount: false }).data;
  const chatChannel = channel ?? ticket?.channel.type;
  const values: TemplateValues = {
    'client.name': clientName ?? ticket?.client.name,
    'client.email': clientEmail ?? ticket?.client.email,
    'operator.name': me?.name,
    'ticket.number': ticketNumber ?? ticket?.number,
  };

  const [kind, setKind] = useState<Kind>(canReply ? 'reply' : 'comment');
  const effectiveKind: Kind = canReply ? kind : 'comment';
  const [text, setText] = useState('');
  /** The caret when nothing is selected; null while a range is selected. */
  const [caret, setCaret] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  /** Esc closes the list for the word being typed; it comes back for the next "/" or ":". */
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);
  const input = useRef<HTMLTextAreaElement>(null);
  const nextCaret = useRef<number | null>(null);
  const listId = useId().replace(/:/g, '');

  const post = usePostMessage(ticketId);
  const uploads = useUploads();
  const typing = useTypingSignal(ticketId, effectiveKind === 'reply');

  // ------------------------------------------------------------------ "/tag" and ":name" at the caret

  const token = useMemo(() => (caret === null ? null : findToken(text, caret)), [text, caret]);
  const open = token && focused && token.start !== dismissedAt ? token : null;

  const tag = open?.kind === 'template' ? open.query : null;
  const [searchedTag] = useDebouncedValue(tag, SEARCH_DEBOUNCE_MS);
  const search = useTemplateSearch(chatChannel, searchedTag ?? '', tag !== null && searchedTag !== null && chatChannel !== undefined);
  const templates = useMemo(() => (tag !== null && search.data ? narrowTemplates(search.data.items, tag) : []), [tag, search.data]);

  const emojiQuery = open?.kind === 'emoji' ? open.query : null;
  const emojis = useEmojiSuggestions(i18n.language, emojiQuery);

  const popup: { kind: 'template'; items: Template[] } | { kind: 'emoji'; items: EmojiEntry[] } | null =
    open?.kind === 'template' && templates.length > 0
      ? { kind: 'template', items: templates }
      : open?.kind === 'emoji' && emojis.length > 0
        ? { kind: 'emoji', items: emojis }
        : null;
  const count = popup?.items.length ?? 0;
  const activeIndex = Math.min(active, Math.max(0, count - 1));

  // A new word, or more letters of it, starts again from its first suggestion.
  useEffect(() => setActive(0), [open?.kind, open?.query]);
  useEffect(() => {
    if (token === null) setDismissedAt(null);
  }, [token]);

  // Put the caret where an insertion ended, once React has written the new text.
  useLayoutEffect(() => {
    const el = input.current;
    if (!el || nextCaret.current === null) return;
    el.focus();
    el.setSelectionRange(nextCaret.current, nextCaret.current);
    nextCaret.current = null;
  }, [text]);

  const changeText = (next: string) => {
    setText(next);
    if (effectiveKind === 'reply' && next.trim()) typing.input();
    else typing.stop();
  };

  const applyEdit = (edit: { text: string; caret: number }) => {
    nextCaret.current = edit.caret;
    setCaret(edit.caret);
    changeText(edit.text);
  };

  const notifyTooMany = (skipped: number) => {
    if (skipped > 0) notifications.show({ color: 'orange', message: t('attachments.tooMany', { count: MAX_ATTACHMENTS_PER_MESSAGE }) });
  };

  const insertTemplate = (template: Template) => {
    if (!open) return;
    applyEdit(replaceToken(text, open, renderTemplate(template.body, values, KEEP_MISSING)));
    notifyTooMany(uploads.addAttachments(template.attachments));
  };

  const insertEmoji = (entry: EmojiEntry) => {
    if (!open) return;
    rememberEmoji(entry.emoji);
    // At the end of the text a space follows, ready for the next word.
    applyEdit(replaceToken(text, open, open.end === text.length ? `${entry.emoji} ` : entry.emoji));
  };

  const insertAtCaret = (insert: string) => {
    const el = input.current;
    const from = el?.selectionStart ?? text.length;
    const to = el?.selectionEnd ?? from;
    applyEdit({ text: text.slice(0, from) + insert + text.slice(to), caret: from + insert.length });
  };

  const choose = (index: number) => {
    if (popup?.kind === 'template') {
      const template = popup.items[index];
      if (template) insertTemplate(template);
    } else if (popup?.kind === 'emoji') {
      const entry = popup.items[index];
      if (entry) insertEmoji(entry);
    }
  };

  // ------------------------------------------------------------------ sending

  const hasContent = text.trim().length > 0 || uploads.attachmentIds.length > 0;
  const canSend = hasContent && !uploads.uploading && !post.isPending;

  const send = () => {
    if (!canSend) return;
    const sentText = text;
    const sentKeys = uploads.files.map((f) => f.key);
    typing.stop();
    post.mutate(
      { kind: effectiveKind, body: text.trim(), clientMsgId: crypto.randomUUID(), attachmentIds: uploads.attachmentIds },
      {
        onSuccess: () => {
          // Whatever was typed or attached while the message was on its way stays.
          setText((current) => (current === sentText ? '' : current));
          sentKeys.forEach((key) => uploads.remove(key));
        },
        onError: (error) => notifications.show({ color: 'red', title: t('composer.notSent'), message: error.message }),
      },
    );
  };

  const switchKind = () => {
    if (canReply) setKind((k) => (k === 'reply' ? 'comment' : 'reply'));
  };

  // Leaving the page says "stopped" too; unmounting does it through useTypingSignal.
  useWindowEvent('pagehide', () => typing.stop());

  // Ctrl+/ works wherever the focus is in the conversation, and brings it to the reply box.
  useWindowEvent('keydown', (event) => {
    if (!isSwitchShortcut(event)) return;
    event.preventDefault();
    switchKind();
    input.current?.focus();
  });

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (popup) {
      switch (event.key) {
        case 'ArrowDown':
          event.preventDefault();
          setActive((activeIndex + 1) % count);
          return;
        case 'ArrowUp':
          event.preventDefault();
          setActive((activeIndex - 1 + count) % count);
          return;
        case 'Enter':
        case 'Tab':
          if (event.shiftKey) break;
          event.preventDefault();
          choose(activeIndex);
          return;
        case 'Escape':
          event.preventDefault();
          event.stopPropagation();
          setDismissedAt(open?.start ?? null);
          return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    }
  };

  // ------------------------------------------------------------------ files: button, drop, paste

  const addFiles = (files: File[]) => {
    if (files.length > 0) notifyTooMany(uploads.add(files));
  };

  // Files dragged anywhere over the window show where to drop them; a drop beside the box is ignored
  // rather than making the browser leave the app to open the file.
  useWindowEvent('dragenter', (event) => {
    if (!hasFiles(event)) return;
    dragDepth.current++;
    setDragging(true);
  });
  useWindowEvent('dragleave', (event) => {
    if (!hasFiles(event)) return;
    dragDepth.current = Math.max(0, dragDepth.current - 1);
    if (dragDepth.current === 0) setDragging(false);
  });
  useWindowEvent('dragover', (event) => {
    if (hasFiles(event)) event.preventDefault();
  });
  useWindowEvent('drop', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    dragDepth.current = 0;
    setDragging(false);
  });

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    dragDepth.current = 0;
    setDragging(false);
    addFiles(Array.from(event.dataTransfer.files));
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = Array.from(event.clipboardData.files);
    // Office apps put a picture of copied text beside the text itself: then the text is what is meant.
    if (files.length === 0 || event.clipboardData.types.includes('text/plain')) return;
    event.preventDefault();
    addFiles(files.map(namePasted));
  };

  const fileInput = useRef<HTMLInputElement>(null);
  const label = effectiveKind === 'reply' ? t('composer.replyPlaceholder') : t('composer.commentPlaceholder');
  const placeholder = effectiveKind === 'reply' ? t('composerTools.replyPlaceholder') : t('composerTools.commentPlaceholder');
  const activeOption = popup ? optionId(listId, activeIndex) : undefined;

  return (
    <Box
      className={classes.composer}
      data-kind={effectiveKind}
      data-dragging={dragging || undefined}
      onDragOver={(e) => {
        if (hasFiles(e)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }
      }}
      onDrop={onDrop}
      data-testid="composer"
    >
      <Group justify="space-between" mb={8} wrap="nowrap">
        <Tooltip
          label={canReply ? t('composerTools.modeHint', { keys: `${MOD}+/` }) : t('composerTools.commentOnlyHint')}
          withArrow
          position="top-start"
          openDelay={300}
        >
          <SegmentedControl
            size="xs"
            radius="md"
            value={effectiveKind}
            onChange={(v) => setKind(v as Kind)}
            color={effectiveKind === 'reply' ? 'teal' : 'violet'}
            data={[
              { value: 'reply', label: t('composer.reply'), disabled: !canReply },
              { value: 'comment', label: t('composer.comment') },
            ]}
            aria-label={`${t('composer.mode')} (${MOD}+/)`}
            aria-keyshortcuts={IS_MAC ? 'Meta+/' : 'Control+/'}
            data-testid="composer-mode"
          />
        </Tooltip>
        {canReply && (
          <Text size="xs" c="dimmed" visibleFrom="sm" mr="auto" aria-hidden>
            <Kbd size="xs">{MOD}</Kbd> + <Kbd size="xs">/</Kbd>
          </Text>
        )}
        {effectiveKind === 'comment' && (
          <Group gap={4} c="violet.8" wrap="nowrap">
            <IconLock size={14} aria-hidden />
            <Text size="xs">{t('composer.commentHint')}</Text>
          </Group>
        )}
      </Group>

      <div className={classes.field}>
        {popup?.kind === 'template' && open && (
          <ComposerSuggestions
            id={listId}
            label={t('composerTools.templatesLabel', { tag: open.query })}
            hint={t('composerTools.popupKeys')}
            items={popup.items}
            active={activeIndex}
            onActive={setActive}
            onChoose={insertTemplate}
            itemKey={(x) => x.id}
            renderItem={(x) => <TemplateOption template={x} tag={open.query} preview={renderTemplate(x.body, values, KEEP_MISSING)} />}
            testId="template-popup"
            optionTestId="template-option"
          />
        )}
        {popup?.kind === 'emoji' && open && (
          <ComposerSuggestions
            id={listId}
            label={t('composerTools.emojiLabel', { query: open.query })}
            hint={t('composerTools.popupKeys')}
            items={popup.items}
            active={activeIndex}
            onActive={setActive}
            onChoose={insertEmoji}
            itemKey={(x) => x.emoji}
            renderItem={(x) => <EmojiOption entry={x} query={open.query} />}
            testId="emoji-popup"
            optionTestId="emoji-option"
            narrow
          />
        )}

        <div className={classes.card}>
          {dragging && (
            <div className={classes.dropOverlay} data-testid="drop-overlay">
              <IconUpload size={22} aria-hidden />
              <div>
                <Text size="sm" fw={600}>
                  {t('composerTools.dropHere')}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('composerTools.dropLimits', { count: MAX_ATTACHMENTS_PER_MESSAGE, size: formatBytes(MAX_ATTACHMENT_BYTES, i18n.language) })}
                </Text>
              </div>
            </div>
          )}
          <Textarea
            ref={input}
            classNames={{ input: classes.textarea }}
            variant="unstyled"
            autosize
            minRows={2}
            maxRows={10}
            maxLength={MAX_MESSAGE_LENGTH}
            value={text}
            onChange={(e) => {
              const el = e.currentTarget;
              setCaret(el.selectionStart === el.selectionEnd ? el.selectionStart : null);
              changeText(el.value);
            }}
            onSelect={(e) => {
              const el = e.currentTarget;
              setCaret(el.selectionStart === el.selectionEnd ? el.selectionStart : null);
            }}
            onFocus={() => setFocused(true)}
            onBlur={() => setFocused(false)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            placeholder={placeholder}
            aria-label={label}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={popup !== null}
            aria-controls={popup ? listId : undefined}
            aria-activedescendant={activeOption}
            data-testid="composer-input"
          />

          {uploads.files.length > 0 && (
            <div className={classes.files} aria-label={t('composerTools.attach')}>
              {uploads.files.map((file) => (
                <FileChip key={file.key} file={file} onRemove={() => uploads.remove(file.key)} />
              ))}
            </div>
          )}

          <div className={classes.toolbar}>
            <Group gap={2} wrap="nowrap">
              <Tooltip label={t('composerTools.attach')} withArrow>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="lg"
                  onClick={() => fileInput.current?.click()}
                  aria-label={t('composerTools.attach')}
                  data-testid="attach-button"
                >
                  <IconPaperclip size={20} />
                </ActionIcon>
              </Tooltip>
              <input
                ref={fileInput}
                type="file"
                multiple
                hidden
                tabIndex={-1}
                onChange={(e) => {
                  addFiles(Array.from(e.currentTarget.files ?? []));
                  e.currentTarget.value = '';
                }}
                data-testid="file-input"
              />
              <EmojiButton onPick={insertAtCaret} />
            </Group>
            <Text size="xs" c="dimmed" className={classes.keys} aria-hidden>
              <Kbd size="xs">Enter</Kbd> {t('composerTools.hintSend')} · <Kbd size="xs">Shift+Enter</Kbd> {t('composerTools.hintNewLine')}
              {text.length > MAX_MESSAGE_LENGTH * 0.9 && ` · ${text.length}/${MAX_MESSAGE_LENGTH}`}
            </Text>
            <Tooltip label={t('composerTools.waitUploads')} disabled={!uploads.uploading} withArrow>
              <Button
                size="sm"
                radius="md"
                color={effectiveKind === 'reply' ? 'teal' : 'violet'}
                rightSection={<IconSend size={16} />}
                onClick={send}
                loading={post.isPending}
                disabled={!canSend}
                aria-label={t('composer.send')}
                data-testid="composer-send"
              >
                {t('composer.send')}
              </Button>
            </Tooltip>
          </div>
        </div>
      </div>
    </Box>
  );
}
