import { Button, Group, NumberInput, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageFrame } from '../../../components/page-frame';
import { errorText } from '../../../lib/errors';
import { useOmniSettings, useUpdateOmniSettings } from '../api/settings';

/** Section 5 module settings (PERM-3): the waiting timer (SET-5) and colours by waiting time (SET-6). */
export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useOmniSettings();
  const update = useUpdateOmniSettings();
  const [timer, setTimer] = useState(true);
  const [colors, setColors] = useState(true);
  const [warn, setWarn] = useState<number | string>(2);
  const [alert, setAlert] = useState<number | string>(5);
  useEffect(() => {
    if (!settings.data) return;
    setTimer(settings.data.waitingTimer);
    setColors(settings.data.waitingColors.enabled);
    setWarn(settings.data.waitingColors.warnAfterMinutes);
    setAlert(settings.data.waitingColors.alertAfterMinutes);
  }, [settings.data]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { waitingTimer: timer, waitingColors: { enabled: colors, warnAfterMinutes: Number(warn), alertAfterMinutes: Number(alert) } },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('settings.saved') }),
        onError: (e) => notifications.show({ color: 'red', title: t('admin.notSaved'), message: errorText(e, t) }),
      },
    );
  };
  return (
    <PageFrame title={t('settings.title')} description={t('settings.description')}>
      <Paper withBorder radius="md" p="lg" component="form" onSubmit={submit} data-testid="settings-form">
        <Stack maw={560}>
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
