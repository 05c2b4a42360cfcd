import type { TicketDetail } from '@omnichannel/contracts';
import { Anchor, Avatar, Box, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatTime, initials } from './format';

/** WORK-4 (first version): who the client is and where the conversation started. */
export function ClientPanel({ ticket }: { ticket: TicketDetail }) {
  const { t, i18n } = useTranslation();
  const rows: [string, string | null, boolean?][] = [
    [t('client.email'), ticket.client.email],
    [t('client.channel'), t(`channel.${ticket.channel.type}`)],
    [t('client.page'), ticket.source.pageUrl, true],
    [t('client.referrer'), ticket.source.referrer, true],
    [t('client.ip'), ticket.source.ip],
    [t('client.ticket'), `#${ticket.number}`],
    [t('client.department'), ticket.department.name],
    [t('client.started'), formatTime(ticket.createdAt, i18n.language)],
  ];
  return (
    <Box p="md" data-testid="client-panel">
      <Stack align="center" gap={6} mb="md">
        <Avatar color="teal" radius="xl" size={56}>
          {initials(ticket.client.name)}
        </Avatar>
        <Title order={5} ta="center">
          {ticket.client.name}
        </Title>
      </Stack>
      <Divider mb="sm" />
      <Stack gap={10}>
        {rows.map(([label, value, link]) => (
          <Box key={label}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {label}
            </Text>
            {value && link && /^https?:\/\//i.test(value) ? (
              <Anchor href={value} target="_blank" rel="noreferrer noopener" size="sm" style={{ wordBreak: 'break-all' }}>
                {value}
              </Anchor>
            ) : (
              <Group gap={4}>
                <Text size="sm" style={{ wordBreak: 'break-all' }}>
                  {value ?? '—'}
                </Text>
              </Group>
            )}
          </Box>
        ))}
      </Stack>
    </Box>
  );
}
