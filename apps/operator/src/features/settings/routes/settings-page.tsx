import { channelTypes, type ChannelType } from '@omnichannel/contracts';
import { Button, Checkbox, Divider, Group, NumberInput, Paper, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageFrame } from '../../../components/page-frame';
import { errorText } from '../../../lib/errors';
import { useStatusLabel, useStatuses } from '../../tickets';
import { useOmniSettings, useUpdateOmniSettings } from '../api/settings';

/**
 * Section 5 module settings (PERM-3): merge replies after completion (SET-1), the channels and statuses the
 * module shows (SET-3), the waiting timer (SET-5) and colours by waiting time (SET-6).
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useOmniSettings();
  const update = useUpdateOmniSettings();
  const statuses = useStatuses().data?.items ?? [];
  const statusLabel = useStatusLabel();
  const [merge, setMerge] = useState(false);
  const [channels, setChannels] = useState<string[]>([]);
  const [shownStatuses, setShownStatuses] = useState<string[]>([]);
  const [timer, setTimer] = useState(true);
  const [colors, setColors] = useState(true);
  const [warn, setWarn] = useState<number | string>(2);
  const [alert, setAlert] = useState<number | string>(5);
  useEffect(() => {
    if (!settings.data) return;
    setMerge(settings.data.mergeRepliesOnComplete);
    setChannels(settings.data.displayedChannels);
    setShownStatuses(settings.data.displayedStatuses);
    setTimer(settings.data.waitingTimer);
    setColors(settings.data.waitingColors.enabled);
    setWarn(settings.data.waitingColors.warnAfterMinutes);
    setAlert(settings.data.waitingColors.alertAfterMinutes);
  }, [settings.data]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        mergeRepliesOnComplete: merge,
        displayedChannels: channels as ChannelType[],
        displayedStatuses: shownStatuses,
        waitingTimer: timer,
        waitingColors: { enabled: colors, warnAfterMinutes: Number(warn), alertAfterMinutes: Number(alert) },
      },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('settings.saved') }),
        onError: (e) => notifications.show({ color: 'red', title: t('admin.notSaved'), message: errorText(e, t) }),
      },
    );
  };
  return (
    <PageFrame title={t('settings.title')} description={t('settings.description')}>
      <Paper withBorder radius="md" p="lg" component="form" onSubmit={submit} data-testid="settings-form">
        <Stack maw={640}>
          <Title order={4}>{t('settings.completion')}</Title>
          <Switch
            label={t('settings.merge')}
            description={t('settings.mergeHint')}
            checked={merge}
            onChange={(e) => setMerge(e.currentTarget.checked)}
            data-testid="settings-merge"
          />
          <Divider />
          <Title order={4}>{t('settings.display')}</Title>
          <Checkbox.Group label={t('settings.channels')} description={t('settings.channelsHint')} value={channels} onChange={setChannels}>
            <SimpleGrid cols={{ base: 2, sm: 4 }} mt="xs" data-testid="settings-channels">
              {channelTypes.map((c) => (
                <Checkbox key={c} value={c} label={t(`channel.${c}`)} data-testid={`settings-channel-${c}`} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Checkbox.Group label={t('settings.statuses')} description={t('settings.statusesHint')} value={shownStatuses} onChange={setShownStatuses}>
            <SimpleGrid cols={{ base: 2, sm: 4 }} mt="xs" data-testid="settings-statuses">
              {statuses.map((s) => (
                <Checkbox key={s.code} value={s.code} label={statusLabel(s.code)} data-testid={`settings-status-${s.code}`} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Divider />
          <Title order={4}>{t('settings.waiting')}</Title>
          <Switch label={t('settings.timer')} description={t('settings.timerHint')} checked={timer} onChange={(e) => setTimer(e.currentTarget.checked)} />
          <Switch label={t('settings.colors')} description={t('settings.colorsHint')} checked={colors} onChange={(e) => setColors(e.currentTarget.checked)} />
          <Group grow>
            <NumberInput label={t('settings.warnAfter')} min={1} max={1440} value={warn} onChange={setWarn} disabled={!colors} />
            <NumberInput label={t('settings.alertAfter')} min={1} max={1440} value={alert} onChange={setAlert} disabled={!colors} />
          </Group>
          <Text size="xs" c="dimmed">
            {t('settings.minutesNote')}
          </Text>
          <Group>
            <Button type="submit" loading={update.isPending} data-testid="save-settings">
              {t('admin.save')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </PageFrame>
  );
}
