import type { MessageKind, MessageSearchHit } from '@omnichannel/contracts';
import { Badge, Button, Center, Group, Loader, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconMessageSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../../lib/errors';
import { useMessageSearch } from '../api/message-search';
import { formatTime } from './format';
import { splitHighlights } from './highlight';
import classes from './message-search.module.css';
import { useStatusLabel } from './status-label';

const kindColor: Record<MessageKind, string> = { client: 'blue', reply: 'teal', comment: 'yellow', system: 'gray' };

/**
 * Issue #19: full-text search through the conversations ("the chat where someone mentioned order 4411").
 * A hit shows who, which ticket and the words around the match; it opens the ticket (CORE-6).
 */
export function MessageSearch({ initial, onQuery }: { initial: string; onQuery: (q: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const [q] = useDebouncedValue(text.trim(), 300);
  const search = useMessageSearch(q);
  useEffect(() => onQuery(q), [q, onQuery]);
  const hits = search.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <TextInput
        leftSection={<IconMessageSearch size={16} />}
        placeholder={t('messageSearch.placeholder')}
        aria-label={t('messageSearch.placeholder')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        maxLength={200}
        w={420}
        data-testid="message-search-input"
      />
      {q.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="message-search-hint">
          {t('messageSearch.hint')}
        </Text>
      ) : search.isPending ? (
        <Center py="xl">
          <Loader size="sm" />
        </Center>
      ) : search.isError && hits.length === 0 ? (
        <Text c="red" size="sm" data-testid="message-search-error">
          {errorText(search.error, t)}
        </Text>
      ) : hits.length === 0 ? (
        <Text c="dimmed" ta="center" py="xl" data-testid="message-search-empty">
          {t('messageSearch.empty')}
        </Text>
      ) : (
        <>
          <Paper withBorder radius="md">
            <div role="list" aria-label={t('messageSearch.results')} data-testid="message-search-results">
              {hits.map((hit) => (
                <Hit key={hit.message.id} hit={hit} />
              ))}
            </div>
          </Paper>
          {search.isFetchNextPageError && (
            <Text c="red" size="sm" ta="center" data-testid="message-search-error">
              {errorText(search.error, t)}
            </Text>
          )}
          {search.hasNextPage && (
            <Group justify="center">
              <Button variant="default" onClick={() => void search.fetchNextPage()} loading={search.isFetchingNextPage} data-testid="message-search-more">
                {t('messageSearch.loadMore')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

function Hit({ hit }: { hit: MessageSearchHit }) {
  const { t, i18n } = useTranslation();
  const label = useStatusLabel();
  const { ticket, message } = hit;
  return (
    <UnstyledButton
      component={Link}
      to={`/tickets/${ticket.id}`}
      role="listitem"
      className={classes.hit}
      data-testid="message-hit"
      data-ticket-id={ticket.id}
      data-message-id={message.id}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} truncate dir="auto" data-testid="message-hit-client">
            {ticket.client.name}
          </Text>
          <Text size="sm" c="dimmed" style={{ flexShrink: 0 }} data-testid="message-hit-number">
            #{ticket.number}
          </Text>
          <Text size="sm" truncate data-testid="message-hit-subject">
            <bdi>{ticket.subject}</bdi>
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
          <Badge size="xs" variant="light" color="gray">
            {t(`channel.${ticket.channel.type}`)}
          </Badge>
          <Badge size="xs" variant="light" color={ticket.live ? 'teal' : 'gray'} data-testid="message-hit-status">
            {label(ticket.status)}
          </Badge>
          <Text size="xs" c="dimmed" component="time" dateTime={message.createdAt}>
            {formatTime(message.createdAt, i18n.language)}
          </Text>
        </Group>
      </Group>
      <Group gap={8} mt={4} wrap="nowrap" align="flex-start">
        <Badge size="xs" variant="light" color={kindColor[message.kind]} style={{ flexShrink: 0 }} mt={2}>
          {t(`messageSearch.kind.${message.kind}`)}
        </Badge>
        <Text size="sm" c="dark" lineClamp={3} data-testid="message-hit-snippet">
          {/* The client's words as text, isolated from the sentence around them; the matches marked. */}
          <bdi dir="auto">
            {splitHighlights(message.snippet, message.highlights).map((part, i) =>
              part.marked ? (
                <mark key={i} className={classes.mark}>
                  {part.text}
                </mark>
              ) : (
                part.text
              ),
            )}
          </bdi>
        </Text>
      </Group>
    </UnstyledButton>
  );
}
