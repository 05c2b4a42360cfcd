import { MAX_MESSAGE_LENGTH } from '@omnichannel/contracts';
import { ActionIcon, Box, Group, SegmentedControl, Text, Textarea, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconSend } from '@tabler/icons-react';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePostMessage } from '../api/tickets';
import classes from './composer.module.css';

type Kind = 'reply' | 'comment';

/** The reply box: white for replies to the client, violet for internal comments (WORK-6, WORK-13). */
export function Composer({ ticketId, canReply }: { ticketId: string; canReply: boolean }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>(canReply ? 'reply' : 'comment');
  const [text, setText] = useState('');
  const post = usePostMessage(ticketId);
  const effectiveKind: Kind = canReply ? kind : 'comment';

  const send = () => {
    const body = text.trim();
    if (!body || post.isPending) return;
    post.mutate(
      { kind: effectiveKind, body, clientMsgId: crypto.randomUUID() },
      {
        onSuccess: () => setText(''),
        onError: (error) => notifications.show({ color: 'red', title: t('composer.notSent'), message: error.message }),
      },
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <Box className={classes.composer} data-kind={effectiveKind} p="sm">
      <Group justify="space-between" mb={6}>
        <SegmentedControl
          size="xs"
          value={effectiveKind}
          onChange={(v) => setKind(v as Kind)}
          data={[
            { value: 'reply', label: t('composer.reply'), disabled: !canReply },
            { value: 'comment', label: t('composer.comment') },
          ]}
          aria-label={t('composer.mode')}
          data-testid="composer-mode"
        />
        {effectiveKind === 'comment' && (
          <Group gap={4} c="violet.8">
            <IconLock size={14} />
            <Text size="xs">{t('composer.commentHint')}</Text>
          </Group>
        )}
      </Group>
      <Group align="flex-end" wrap="nowrap" gap="xs">
        <Textarea
          className={classes.input}
          style={{ flex: 1 }}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={MAX_MESSAGE_LENGTH}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          placeholder={effectiveKind === 'reply' ? t('composer.replyPlaceholder') : t('composer.commentPlaceholder')}
          aria-label={effectiveKind === 'reply' ? t('composer.replyPlaceholder') : t('composer.commentPlaceholder')}
          data-testid="composer-input"
        />
        <Tooltip label={t('composer.send')}>
          <ActionIcon
            size={42}
            radius="md"
            color={effectiveKind === 'reply' ? 'teal' : 'violet'}
            onClick={send}
            loading={post.isPending}
            disabled={!text.trim()}
            aria-label={t('composer.send')}
            data-testid="composer-send"
          >
            <IconSend size={20} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {t('composer.keys')}
        {text.length > MAX_MESSAGE_LENGTH * 0.9 && ` · ${text.length}/${MAX_MESSAGE_LENGTH}`}
      </Text>
    </Box>
  );
}
