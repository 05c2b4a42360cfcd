import { ErrorCode, isRouteError, type TicketSearchQuery } from '@omnichannel/contracts';
import { Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight, IconMessages, IconSearch, IconTicket } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PageFrame } from '../../../components/page-frame';
import { errorText } from '../../../lib/errors';
import { useOmniSettings } from '../../settings';
import { useDirectory, useStatuses, useTicketSearch } from '../api/tickets';
import { formatTime } from '../components/format';
import { MessageSearch } from '../components/message-search';
import { useStatusLabel } from '../components/status-label';

const PAGE_SIZE = 25;
type Live = 'all' | 'true' | 'false';

type Tab = 'tickets' | 'messages';

/**
 * CORE-6: every ticket the employee may see, outside the live chat, and (issue #19) a search through the
 * text of their conversations. Which tab and the words looked for are in the address, so Back from a hit
 * comes back to the same results.
 */
export function TicketsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'messages' ? 'messages' : 'tickets';
  const setTab = (value: string | null) => setParams(value === 'messages' ? { tab: 'messages' } : {}, { replace: true });
  const onQuery = useCallback(
    (q: string) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (q) next.set('q', q);
          else next.delete('q');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return (
    <PageFrame title={t('tickets.title')} description={t('tickets.description')}>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="tickets" leftSection={<IconTicket size={16} />} data-testid="tickets-tab-tickets">
            {t('tickets.tabTickets')}
          </Tabs.Tab>
          <Tabs.Tab value="messages" leftSection={<IconMessages size={16} />} data-testid="tickets-tab-messages">
            {t('tickets.tabMessages')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="tickets" pt="lg">
          <TicketTable />
        </Tabs.Panel>
        <Tabs.Panel value="messages" pt="lg">
          <MessageSearch initial={params.get('q') ?? ''} onQuery={onQuery} />
        </Tabs.Panel>
      </Tabs>
    </PageFrame>
  );
}

/**
 * CORE-6: the tickets, searchable by number, subject and the client's name, email or phone; filtered by
 * status (those SET-3 displays), department and whether the chat is still live; paged by cursor (issue
 * #19): Next follows the server's cursor, Previous goes back along the cursors that led here.
 */
function TicketTable() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const [status, setStatus] = useState<string | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [live, setLive] = useState<Live>('all');
  // The cursors that led to this page (none on the first), for these filters only: any change of them
  // starts again at the first page, in the same render, so no cursor is sent with other filters.
  const filters = JSON.stringify([q, status, departmentId, live]);
  const [paging, setPaging] = useState<{ filters: string; cursors: string[] }>({ filters, cursors: [] });
  const cursors = paging.filters === filters ? paging.cursors : [];
  const filtersRow = useRef<HTMLDivElement>(null);
  const setCursors = (next: string[]) => {
    setPaging({ filters, cursors: next });
    filtersRow.current?.scrollIntoView({ block: 'nearest' }); // another page starts at its top
  };
  const statuses = useStatuses().data?.items ?? [];
  const displayed = useOmniSettings().data?.displayedStatuses;
  const departments = useDirectory().data?.departments ?? [];
  const label = useStatusLabel();
  const cursor = cursors.at(-1);
  const query: Partial<TicketSearchQuery> = {
    pageSize: PAGE_SIZE,
    ...(cursor ? { cursor } : {}),
    ...(q ? { q } : {}),
    ...(status ? { status } : {}),
    ...(departmentId ? { departmentId } : {}),
    ...(live !== 'all' ? { live } : {}),
  };
  const result = useTicketSearch(query);
  // A cursor the server no longer takes (say, a new version was deployed meanwhile): start again.
  const staleCursor = isRouteError(result.error, 'tickets.search', ErrorCode.InvalidCursor);
  useEffect(() => {
    if (staleCursor) setPaging({ filters, cursors: [] });
  }, [staleCursor, filters]);
  const data = result.data;
  const total = data?.total ?? 0;
  const nextCursor = data?.nextCursor ?? null;

  return (
    <Stack gap="lg">
      <Group gap="sm" align="flex-end" data-testid="tickets-filters" ref={filtersRow}>
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('tickets.search')}
          value={text}
          aria-label={t('tickets.search')}
          onChange={(e) => setText(e.currentTarget.value)}
          maxLength={200}
          w={400}
          data-testid="tickets-search"
        />
        <Select
          placeholder={t('tickets.anyStatus')}
          data={statuses.filter((s) => displayed === undefined || displayed.includes(s.code)).map((s) => ({ value: s.code, label: label(s.code) }))}
          value={status}
          onChange={setStatus}
          clearable
          w={200}
          data-testid="tickets-status"
        />
        <Select
          placeholder={t('tickets.anyDepartment')}
          data={departments.map((d) => ({ value: d.id, label: d.name }))}
          value={departmentId}
          onChange={setDepartmentId}
          clearable
          searchable
          w={200}
        />
        <SegmentedControl
          value={live}
          onChange={(v) => setLive(v as Live)}
          data={[
            { value: 'all', label: t('tickets.all') },
            { value: 'true', label: t('tickets.live') },
            { value: 'false', label: t('tickets.notLive') },
          ]}
        />
      </Group>
      <Paper withBorder radius="md">
        <Table highlightOnHover verticalSpacing="sm" data-testid="tickets-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>#</Table.Th>
              <Table.Th>{t('tickets.client')}</Table.Th>
              <Table.Th>{t('tickets.subject')}</Table.Th>
              <Table.Th>{t('tickets.status')}</Table.Th>
              <Table.Th>{t('tickets.department')}</Table.Th>
              <Table.Th>{t('tickets.executor')}</Table.Th>
              <Table.Th>{t('tickets.updated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.items.map((ticket) => (
              <Table.Tr
                key={ticket.id}
                style={{ cursor: 'pointer' }}
                onClick={() => void navigate(`/tickets/${ticket.id}`)}
                data-testid="tickets-row"
                data-ticket-id={ticket.id}
              >
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {ticket.number}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" dir="auto">{ticket.client.name}</Text>
                  <Text size="xs" c="dimmed">
                    {t(`channel.${ticket.channel.type}`)}
                  </Text>
                </Table.Td>
                <Table.Td maw={320}>
                  <Text size="sm" truncate>
                    <bdi>{ticket.subject}</bdi>
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge variant="light" color={ticket.live ? 'teal' : 'gray'} data-testid="tickets-row-status">
                      {label(ticket.status)}
                    </Badge>
                    {ticket.live && (
                      <Badge variant="dot" color="teal" size="sm">
                        {t('tickets.liveBadge')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{ticket.department.name}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{ticket.executor?.name ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {formatTime(ticket.updatedAt, i18n.language)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {data && data.items.length === 0 && (
          <Text c="dimmed" ta="center" py="xl" data-testid="tickets-empty">
            {t('tickets.empty')}
          </Text>
        )}
        {result.isError && !staleCursor && (
          <Text c="red" ta="center" py="xl" data-testid="tickets-error">
            {errorText(result.error, t)}
          </Text>
        )}
      </Paper>
      {data && (cursors.length > 0 || nextCursor !== null || total > 0) && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="tickets-total">
            {data.totalExact ? t('tickets.total', { count: total }) : t('tickets.totalOver', { count: total })}
          </Text>
          {(cursors.length > 0 || nextCursor !== null) && (
            <Group gap="xs" data-testid="tickets-pager">
              <Button
                variant="default"
                size="xs"
                leftSection={<IconChevronLeft size={14} />}
                disabled={cursors.length === 0}
                onClick={() => setCursors(cursors.slice(0, -1))}
                data-testid="tickets-previous"
              >
                {t('tickets.previous')}
              </Button>
              <Text size="sm" c="dimmed" data-testid="tickets-page">
                {t('tickets.page', { page: (cursors.length + 1).toLocaleString(i18n.language) })}
              </Text>
              <Button
                variant="default"
                size="xs"
                rightSection={<IconChevronRight size={14} />}
                disabled={nextCursor === null || result.isPlaceholderData}
                onClick={() => nextCursor && setCursors([...cursors, nextCursor])}
                data-testid="tickets-next"
              >
                {t('tickets.next')}
              </Button>
            </Group>
          )}
        </Group>
      )}
    </Stack>
  );
}
