import type { EmployeeSelf, TicketDetail } from '@omnichannel/contracts';
import { Anchor, Avatar, Box, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CustomFieldsEditor } from './custom-fields-editor';
import { formatTime, initials } from './format';
import { PreviousRequests } from './previous-requests';

const isWebAddress = (value: string) => /^https?:\/\//i.test(value);

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Box data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children}
    </Box>
  );
}

/** A value as text; a web address (page, referrer) opens in a new tab, never runs as a script. */
function Value({ value, link = false }: { value: string | null; link?: boolean }) {
  if (value && link && isWebAddress(value)) {
    return (
      <Anchor href={value} target="_blank" rel="noreferrer noopener" size="sm" style={{ wordBreak: 'break-all' }} dir="auto">
        {value}
      </Anchor>
    );
  }
  return (
    <Text size="sm" style={{ wordBreak: 'break-all' }} dir="auto">
      {value ?? '—'}
    </Text>
  );
}

/**
 * WORK-4: who the client is and where the conversation came from — contacts, the channel's profile links,
 * the widget's page, referrer and IP, how many requests the client made, the administrator's custom
 * fields (editable), and the previous requests (WORK-5).
 */
export function ClientPanel({ ticket, me, mayInvite }: { ticket: TicketDetail; me: EmployeeSelf; mayInvite: boolean }) {
  const { t, i18n } = useTranslation();
  const { clientDetails: details, source } = ticket;
  return (
    <Box p="md" data-testid="client-panel">
      <Stack align="center" gap={6} mb="md">
        <Avatar color="teal" radius="xl" size={56} src={details.avatarUrl} alt="" data-testid="client-avatar">
          {initials(ticket.client.name)}
        </Avatar>
        <Title order={5} ta="center" style={{ wordBreak: 'break-word' }} data-testid="client-panel-name" dir="auto">
          {ticket.client.name}
        </Title>
        <Text size="xs" c="dimmed" data-testid="client-total-requests">
          {t('client.totalRequests', { count: details.totalRequests })}
        </Text>
      </Stack>
      <Divider mb="sm" />
      <Stack gap={10}>
        <Row label={t('client.email')} testId="client-email">
          {ticket.client.email ? (
            <Anchor href={`mailto:${ticket.client.email}`} size="sm" style={{ wordBreak: 'break-all' }} dir="auto">
              {ticket.client.email}
            </Anchor>
          ) : (
            <Value value={null} />
          )}
        </Row>
        <Row label={t('client.phone')} testId="client-phone">
          <Value value={details.phone} />
        </Row>
        <Row label={t('client.channel')} testId="client-channel">
          <Text size="sm">{t(`channel.${ticket.channel.type}`)}</Text>
          {details.links.map((link) => (
            <Group key={`${link.channel}:${link.label}`} gap={4} wrap="wrap" data-testid="client-link">
              {link.url ? (
                <Anchor href={link.url} target="_blank" rel="noreferrer noopener" size="sm" style={{ wordBreak: 'break-all' }}>
                  <bdi>{link.label}</bdi> <IconExternalLink size={12} />
                </Anchor>
              ) : (
                <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }} dir="auto">
                  {link.label}
                </Text>
              )}
              {link.username && (
                <Text size="xs" c="dimmed" data-testid="client-username" dir="ltr">
                  @{link.username}
                </Text>
              )}
              {link.unreachableSince && (
                <Text size="xs" c="red" data-testid="client-unreachable">
                  {t('client.unreachable', { time: formatTime(link.unreachableSince, i18n.language) })}
                </Text>
              )}
            </Group>
          ))}
        </Row>
        {ticket.channel.type === 'widget' && (
          <>
            <Row label={t('client.page')} testId="client-page">
              <Value value={source.pageUrl} link />
            </Row>
            <Row label={t('client.referrer')} testId="client-referrer">
              <Value value={source.referrer} link />
            </Row>
            <Row label={t('client.ip')} testId="client-ip">
              <Value value={source.ip} />
            </Row>
          </>
        )}
        <Group grow align="flex-start">
          <Row label={t('client.ticket')} testId="client-ticket-number">
            <Text size="sm">#{ticket.number}</Text>
          </Row>
          <Row label={t('client.started')}>
            <Text size="sm">{formatTime(ticket.createdAt, i18n.language)}</Text>
          </Row>
        </Group>
        <Row label={t('client.department')}>
          <Value value={ticket.department.name} />
        </Row>
      </Stack>
      <CustomFieldsEditor ticket={ticket} />
      <PreviousRequests ticket={ticket} me={me} mayInvite={mayInvite} />
    </Box>
  );
}
