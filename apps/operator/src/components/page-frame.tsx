import { Box, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The frame of a settings or administration screen: title, what it is for, an action, the content. */
export function PageFrame({ title, description, action, children }: { title: string; description: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Box p="xl" h="100%" style={{ overflowY: 'auto' }}>
      <Stack gap="lg" maw={1100}>
        <Group justify="space-between" align="flex-end">
          <Box>
            <Title order={2}>{title}</Title>
            <Text c="dimmed" size="sm">
              {description}
            </Text>
          </Box>
          {action}
        </Group>
        {children}
      </Stack>
    </Box>
  );
}
