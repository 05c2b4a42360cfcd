import type { DepartmentSla, WorkScheduleValue } from '@omnichannel/contracts';
import { Button, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/confirm-modal';
import { PageFrame } from '../../../components/page-frame';
import { errorText } from '../../../lib/errors';
import { useSaveSla, useSla } from '../api/dispatcher';

const days = [1, 2, 3, 4, 5, 6, 7] as const;

interface DayHours {
  on: boolean;
  from: string;
  to: string;
}

/** The editor's simple week: one interval per weekday (the API accepts several; the first is shown). */
function weekOf(schedule: WorkScheduleValue | null): DayHours[] {
  return days.map((day) => {
    const interval = schedule?.week.find((i) => i.day === day);
    return interval ? { on: true, from: interval.from, to: interval.to } : { on: !schedule && day <= 5, from: '09:00', to: '18:00' };
  });
}

function zones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return supported.includes('UTC') ? supported : ['UTC', ...supported];
}

/** SLA-1: per department, the first-reply and resolution deadlines and the working hours they count in. */
export function SlaPage() {
  const { t } = useTranslation();
  const sla = useSla();
  return (
    <PageFrame title={t('sla.title')} description={t('sla.description')}>
      {sla.data?.items.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('sla.empty')}
        </Text>
      )}
      {sla.data?.items.map((item) => <SlaCard key={item.departmentId} sla={item} />)}
    </PageFrame>
  );
}

function SlaCard({ sla }: { sla: DepartmentSla }) {
  const { t } = useTranslation();
  const save = useSaveSla();
  const [firstReply, setFirstReply] = useState<number | string>(sla.firstReplyMinutes);
  const [resolution, setResolution] = useState<number | string>(sla.resolutionMinutes ?? '');
  const [scheduled, setScheduled] = useState(sla.schedule !== null);
  const [timezone, setTimezone] = useState(sla.schedule?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [week, setWeek] = useState<DayHours[]>(() => weekOf(sla.schedule));
  const [holidays, setHolidays] = useState((sla.schedule?.holidays ?? []).join(', '));
  const [error, setError] = useState<string | null>(null);
  const setDay = (index: number, patch: Partial<DayHours>) => setWeek((all) => all.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const schedule = scheduled
      ? {
          timezone,
          week: week.flatMap((d, i) => (d.on ? [{ day: i + 1, from: d.from, to: d.to }] : [])),
          holidays: holidays
            .split(/[\s,;]+/)
            .map((h) => h.trim())
            .filter(Boolean),
        }
      : null;
    save.mutate(
      { departmentId: sla.departmentId, input: { firstReplyMinutes: Number(firstReply), resolutionMinutes: resolution === '' ? null : Number(resolution), schedule } },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('sla.saved', { name: sla.departmentName }) }),
        onError: (e) => setError(errorText(e, t)),
      },
    );
  };
  return (
    <Paper withBorder radius="md" p="lg" component="form" onSubmit={submit} data-testid="sla-card" data-department={sla.departmentName}>
      <Stack>
        <Title order={4}>{sla.departmentName}</Title>
        <FormError error={error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput label={t('sla.firstReply')} min={1} max={43200} required value={firstReply} onChange={setFirstReply} data-testid="sla-first-reply" />
          <NumberInput
            label={t('sla.resolution')}
            description={t('sla.resolutionHint')}
            min={1}
            max={525600}
            value={resolution}
            onChange={setResolution}
            data-testid="sla-resolution"
          />
        </SimpleGrid>
        <Switch label={t('sla.schedule')} description={t('sla.scheduleHint')} checked={scheduled} onChange={(e) => setScheduled(e.currentTarget.checked)} data-testid="sla-scheduled" />
        {scheduled && (
          <Stack gap="sm">
            <Select label={t('sla.timezone')} data={zones()} value={timezone} onChange={(v) => v && setTimezone(v)} searchable allowDeselect={false} maw={320} />
            <Stack gap={6}>
              {week.map((d, i) => (
                <Group key={i} gap="sm" wrap="nowrap">
                  <Checkbox w={70} label={t(`sla.days.${i + 1}`)} checked={d.on} onChange={(e) => setDay(i, { on: e.currentTarget.checked })} />
                  <TextInput type="time" size="xs" w={120} aria-label={t('sla.from')} value={d.from} disabled={!d.on} onChange={(e) => setDay(i, { from: e.currentTarget.value })} />
                  <Text size="sm" c="dimmed">
                    –
                  </Text>
                  <TextInput type="time" size="xs" w={120} aria-label={t('sla.to')} value={d.to} disabled={!d.on} onChange={(e) => setDay(i, { to: e.currentTarget.value })} />
                </Group>
              ))}
            </Stack>
            <TextInput label={t('sla.holidays')} description={t('sla.holidaysHint')} placeholder="2026-01-01, 2026-01-07" value={holidays} onChange={(e) => setHolidays(e.currentTarget.value)} />
          </Stack>
        )}
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="sla-save">
            {t('sla.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
