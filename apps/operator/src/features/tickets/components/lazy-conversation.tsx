import { Center, Loader } from '@mantine/core';
import { Suspense, lazy, type ComponentProps } from 'react';

const load = () => import('./conversation');
const Loaded = lazy(() => load().then((m) => ({ default: m.Conversation })));

/**
 * The open conversation (history, composer, client panel, emoji and templates) loads on demand: the
 * first paint of the inbox is the list, and the workspace's initial JS stays within P8.
 */
export function Conversation(props: ComponentProps<typeof Loaded>) {
  return (
    <Suspense
      fallback={
        <Center h="100%">
          <Loader size="sm" />
        </Center>
      }
    >
      <Loaded {...props} />
    </Suspense>
  );
}

/** Fetches the conversation's code ahead, once the list is on screen, so opening a chat does not wait for it. */
export function preloadConversation(): void {
  void load();
}
