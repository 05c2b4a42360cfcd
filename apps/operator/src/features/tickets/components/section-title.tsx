import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** The heading of a part of the client panel (contacts, fields, previous requests). */
export function SectionTitle({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" fw={700} mt="md" mb={6}>
      {children}
    </Text>
  );
}
