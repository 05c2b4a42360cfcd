import { Alert, Anchor, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle, IconMessages } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { ApiRequestError } from '@omnichannel/contracts';
import { setLanguage, type Language } from '../../../lib/i18n';
import { useMe, useSignIn } from '../api/auth';

export function SignInPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const signIn = useSignIn();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (me.data) return <Navigate to={from} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };
  const error = signIn.error instanceof ApiRequestError ? signIn.error : null;
  const message =
    error?.code === 'INVALID_CREDENTIALS'
      ? t('signIn.invalid')
      : error?.code === 'RATE_LIMITED'
        ? t('signIn.rateLimited')
        : error?.message;

  return (
    <Center mih="100vh" bg="gray.0">
      <Box w={400} px="md">
        <Group gap="xs" mb="lg" justify="center">
          <IconMessages size={32} color="var(--mantine-color-teal-7)" />
          <Title order={2} fw={700}>
            Omnichannel
          </Title>
        </Group>
        <Paper withBorder shadow="sm" radius="md" p="xl" component="form" onSubmit={onSubmit} aria-label={t('signIn.title')}>
          <Stack>
            <Title order={3}>{t('signIn.title')}</Title>
            {message && (
              <Alert color="red" icon={<IconAlertCircle size={18} />} data-testid="sign-in-error">
                {message}
              </Alert>
            )}
            <TextInput
              label={t('signIn.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={signIn.isPending} fullWidth color="teal">
              {t('signIn.submit')}
            </Button>
          </Stack>
        </Paper>
        <Group justify="center" mt="md" gap="xs">
          {(['en', 'ru'] as Language[]).map((lang) => (
            <Anchor key={lang} size="sm" c={i18n.language === lang ? 'teal' : 'dimmed'} onClick={() => setLanguage(lang)}>
              {lang === 'en' ? 'English' : 'Русский'}
            </Anchor>
          ))}
        </Group>
        <Text size="xs" c="dimmed" ta="center" mt="xs">
          {t('signIn.demoHint')}
        </Text>
      </Box>
    </Center>
  );
}
