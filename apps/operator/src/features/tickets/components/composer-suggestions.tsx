import type { Template } from '@omnichannel/contracts';
import { Group, Text } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useEffect, useRef, type ReactNode } from 'react';
import type { EmojiEntry } from '../../emoji';
import classes from './composer.module.css';

/**
 * The list the reply box offers above itself for "/tag" and ":name" (TPL-2, WORK-7). The textarea keeps
 * the focus and drives it with the keyboard (aria-activedescendant); the mouse works too.
 */
export function ComposerSuggestions<T>({
  id,
  label,
  hint,
  items,
  active,
  onActive,
  onChoose,
  renderItem,
  itemKey,
  testId,
  optionTestId,
  narrow,
}: {
  id: string;
  label: string;
  hint: string;
  items: readonly T[];
  active: number;
  onActive: (index: number) => void;
  onChoose: (item: T) => void;
  renderItem: (item: T) => ReactNode;
  itemKey: (item: T) => string;
  testId: string;
  optionTestId: string;
  narrow?: boolean;
}) {
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(optionId(id, active))}`)?.scrollIntoView({ block: 'nearest' });
  }, [id, active]);
  return (
    <div className={classes.popup} data-narrow={narrow || undefined} data-testid={testId}>
      <div className={classes.popupHeader}>
        <Text size="xs" fw={600} c="dimmed" truncate>
          {label}
        </Text>
        <Text size="xs" c="dimmed" visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
          {hint}
        </Text>
      </div>
      <div className={classes.popupList} id={id} role="listbox" aria-label={label} ref={list}>
        {items.map((item, i) => (
          <div
            key={itemKey(item)}
            id={optionId(id, i)}
            role="option"
            aria-selected={i === active}
            data-active={i === active || undefined}
            className={classes.option}
            // Keep the caret in the textarea: the choice is made there.
            onMouseDown={(e) => e.preventDefault()}
            onMouseMove={() => i !== active && onActive(i)}
            onClick={() => onChoose(item)}
            data-testid={optionTestId}
          >
            {renderItem(item)}
          </div>
        ))}
      </div>
    </div>
  );
}

export const optionId = (listId: string, index: number) => `${listId}-option-${index}`;

/** "/pr" shown in "/prices" with the typed part stressed. */
function Marked({ text, prefix }: { text: string; prefix: string }) {
  const matched = prefix && text.toLowerCase().startsWith(prefix) ? prefix.length : 0;
  return (
    <>
      <b>{text.slice(0, matched)}</b>
      {text.slice(matched)}
    </>
  );
}

export function TemplateOption({ template, tag, preview }: { template: Template; tag: string; preview: string }) {
  return (
    <>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={600} truncate>
          {template.title}
        </Text>
        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
          {template.tags.map((x) => (
            <span key={x} className={classes.tag} data-match={x.startsWith(tag) || undefined}>
              /<Marked text={x} prefix={tag} />
            </span>
          ))}
        </Group>
      </Group>
      <Text size="xs" c="dimmed" lineClamp={2} className={classes.preview}>
        {preview}
      </Text>
      {template.attachments.length > 0 && (
        <Group gap={4} mt={2} c="gray.6" wrap="nowrap">
          <IconPaperclip size={12} aria-hidden />
          <Text size="xs" truncate>
            {template.attachments.map((a) => a.name).join(', ')}
          </Text>
        </Group>
      )}
    </>
  );
}

export function EmojiOption({ entry, query }: { entry: EmojiEntry; query: string }) {
  const code = entry.shortcodes.find((c) => c.startsWith(query)) ?? entry.shortcodes[0];
  return (
    <Group gap={10} wrap="nowrap">
      <span className={classes.emoji} aria-hidden>
        {entry.emoji}
      </span>
      <Text size="sm" ff="monospace" style={{ flexShrink: 0 }}>
        {code ? (
          <>
            :<Marked text={code} prefix={query} />:
          </>
        ) : null}
      </Text>
      <Text size="xs" c="dimmed" truncate>
        {entry.name}
      </Text>
    </Group>
  );
}
