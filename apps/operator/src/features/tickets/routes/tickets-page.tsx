import type { TicketSearchQuery } from '@omnichannel/contracts';
import { Badge, Group, Pagination, Paper, SegmentedControl, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageFrame } from '../../../components/page-frame';
import { useOmniSettings } from '../../settings';
import { useDirectory, useStatuses, useTicketSearch } from '../api/tickets';
import { formatTime } from '../components/format';
import { useStatusLabel } from '../components/status-label';

const PAGE_SIZE = 25;
type Live = 'all' | 'true' | 'false';

/**
 * CORE-6: every ticket the employee may see, outside the live chat — searchable by number, subject and
 * client; filtered by status (those SET-3 displays), department and whether the chat is still live.
 */
export function TicketsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const [status, setStatus] = useState<string | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [live, setLive] = useState<Live>('all');
  const [page, setPage] = useState(1);
  const statuses = useStatuses().data?.items ?? [];
  const displayed = useOmniSettings().data?.displayedStatuses;
  const departments = useDirectory().data?.departments ?? [];
  const label = useStatusLabel();
  const query: Partial<TicketSearchQuery> = {
    page,
    pageSize: PAGE_SIZE,
    ...(q ? { q } : {}),
    ...(status ? { status } : {}),
    ...(departmentId ? { departmentId } : {}),
    ...(live !== 'all' ? { live } : {}),
  };
  const result = useTicketSearch(query);
  const total = result.data?.total ?? 0;
  const filter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPage(1);
  };

  return (
    <PageFrame title={t('tickets.title')} description={t('tickets.description')}>
      <Group gap="sm" align="flex-end" data-testid="tickets-filters">
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('tickets.search')}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setPage(1);
          }}
          w={280}
          data-testid="tickets-search"
        />
        <Select
          placeholder={t('tickets.anyStatus')}
          data={statuses.filter((s) => displayed === undefined || displayed.includes(s.code)).map((s) => ({ value: s.code, label: label(s.code) }))}
          value={status}
          onChange={filter(setStatus)}
          clearable
          w={200}
          data-testid="tickets-status"
        />
        <Select
          placeholder={t('tickets.anyDepartment')}
          data={departments.map((d) => ({ value: d.id, label: d.name }))}
          value={departmentId}
          onChange={filter(setDepartmentId)}
          clearable
          searchable
          w={200}
        />
        <SegmentedControl
          value={live}
          onChange={(v) => filter(setLive)(v as Live)}
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
            {result.data?.items.map((ticket) => (
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
        {result.data && total === 0 && (
          <Text c="dimmed" ta="center" py="xl" data-testid="tickets-empty">
            {t('tickets.empty')}
          </Text>
        )}
      </Paper>
      {total > PAGE_SIZE && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('tickets.total', { count: total })}
          </Text>
          <Pagination total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} />
        </Group>
      )}
    </PageFrame>
  );
}
