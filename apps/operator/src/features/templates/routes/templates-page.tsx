import { channelTypes, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_MESSAGE, templateVariables, type ChannelType, type Template, type TemplateVariable } from '@omnichannel/contracts';
import {
  Badge,
  Button,
  Center,
  FileButton,
  Group,
  Input,
  Loader,
  Modal,
  MultiSelect,
  Paper,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  ThemeIcon,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPaperclip, IconPlus, IconSearch, IconTemplate } from '@tabler/icons-react';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteConfirm, FormError } from '../../../components/confirm-modal';
import { PageFrame } from '../../../components/page-frame';
import { RowActions } from '../../../components/row-actions';
import { errorText } from '../../../lib/errors';
import { useDeleteTemplate, useSaveTemplate, useTemplates } from '../api/templates';
import { useUploads } from '../api/uploads';
import { FileChip } from '../components/file-chip';
import { formatBytes } from '../components/format-bytes';

const variableLabel: Record<TemplateVariable, string> = {
  'client.name': 'templates.variables.clientName',
  'client.email': 'templates.variables.clientEmail',
  'operator.name': 'templates.variables.operatorName',
  'ticket.number': 'templates.variables.ticketNumber',
};

const CHANNELS: readonly ChannelType[] = channelTypes;

const TAG = /^[\p{L}\p{N}_-]{1,40}$/u;

/** What an administrator types as a tag becomes one: "/Hello World" → "hello-world". */
function normalizeTag(raw: string): string {
  return raw.trim().replace(/^\/+/, '').toLowerCase().replace(/\s+/g, '-');
}

/** TPL-1: canned replies, their tags, channels, text with variables, and files. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const templates = useTemplates();
  const remove = useDeleteTemplate();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Template | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Template | null>(null);
  const items = templates.data?.items;
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase().replace(/^\//, '');
    if (!q || !items) return items ?? [];
    return items.filter((x) => x.title.toLowerCase().includes(q) || x.tags.some((tag) => tag.includes(q)) || x.body.toLowerCase().includes(q));
  }, [items, query]);

  return (
    <PageFrame
      title={t('templates.title')}
      description={t('templates.description')}
      action={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="add-template">
          {t('templates.add')}
        </Button>
      }
    >
      {templates.isPending ? (
        <Center py="xl">
          <Loader size="sm" />
        </Center>
      ) : templates.isError ? (
        <Text c="red">{errorText(templates.error, t)}</Text>
      ) : items?.length === 0 ? (
        <Paper withBorder radius="md" p="xl" data-testid="templates-empty">
          <Stack align="center" gap="xs">
            <ThemeIcon size={48} radius="xl" variant="light">
              <IconTemplate size={26} />
            </ThemeIcon>
            <Text fw={600}>{t('templates.empty')}</Text>
            <Text size="sm" c="dimmed" ta="center">
              {t('templates.emptyHint')}
            </Text>
            <Button mt="xs" variant="light" leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              {t('templates.add')}
            </Button>
          </Stack>
        </Paper>
      ) : (
        <Stack gap="sm">
          <TextInput
            leftSection={<IconSearch size={16} />}
            placeholder={t('templates.search')}
            aria-label={t('templates.search')}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            maw={360}
          />
          <Paper withBorder radius="md">
            <Table verticalSpacing="sm" highlightOnHover data-testid="templates-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('templates.columns.title')}</Table.Th>
                  <Table.Th>{t('templates.columns.tags')}</Table.Th>
                  <Table.Th>{t('templates.columns.channels')}</Table.Th>
                  <Table.Th w={80}>{t('templates.columns.files')}</Table.Th>
                  <Table.Th w={90} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((x) => (
                  <Table.Tr key={x.id} data-testid="template-row">
                    <Table.Td maw={380}>
                      <Text fw={600} size="sm" truncate>
                        {x.title}
                      </Text>
                      <Text size="xs" c="dimmed" truncate>
                        {x.body}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {x.tags.map((tag) => (
                          <Badge key={tag} variant="light" radius="sm" tt="none" ff="monospace">
                            /{tag}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {x.channels.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          {t('templates.allChannels')}
                        </Text>
                      ) : (
                        <Group gap={4}>
                          {x.channels.map((c) => (
                            <Badge key={c} variant="outline" color="gray" radius="sm" tt="none">
                              {t(`channel.${c}`)}
                            </Badge>
                          ))}
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {x.attachments.length > 0 ? (
                        <Group gap={4} wrap="nowrap" c="gray.7">
                          <IconPaperclip size={14} aria-hidden />
                          <Text size="sm" aria-label={t('templates.filesCount', { count: x.attachments.length })}>
                            {x.attachments.length}
                          </Text>
                        </Group>
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <RowActions onEdit={() => setEditing(x)} onDelete={() => setDeleting(x)} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {shown.length === 0 && (
              <Text size="sm" c="dimmed" ta="center" py="lg">
                {t('templates.noMatch', { query })}
              </Text>
            )}
          </Paper>
        </Stack>
      )}
      {editing && <TemplateModal template={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <DeleteConfirm
        item={deleting}
        keyOf={(x) => x.id}
        remove={remove}
        title={t('templates.deleteTitle')}
        text={t('templates.deleteText', { title: deleting?.title })}
        deleted={t('templates.deleted')}
        onClose={() => setDeleting(null)}
      />
    </PageFrame>
  );
}

interface FieldErrors {
  title?: string;
  tags?: string;
  body?: string;
}

function TemplateModal({ template, onClose }: { template: Template | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const save = useSaveTemplate();
  const uploads = useUploads(template?.attachments ?? []);
  const [title, setTitle] = useState(template?.title ?? '');
  const [tags, setTags] = useState<string[]>(template?.tags ?? []);
  const [channels, setChannels] = useState<ChannelType[]>(template?.channels ?? []);
  const [body, setBody] = useState(template?.body ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);

  const onTags = (values: string[]) => {
    const normalized = [...new Set(values.map(normalizeTag).filter(Boolean))];
    const bad = normalized.find((tag) => !TAG.test(tag));
    setTags(normalized.filter((tag) => TAG.test(tag)));
    setErrors((e) => ({ ...e, tags: bad ? t('templates.tagInvalid', { tag: bad }) : undefined }));
  };

  const insertVariable = (variable: TemplateVariable) => {
    const el = bodyRef.current;
    const code = `{${variable}}`;
    const from = el?.selectionStart ?? body.length;
    const to = el?.selectionEnd ?? body.length;
    setBody(body.slice(0, from) + code + body.slice(to));
    setErrors((x) => ({ ...x, body: undefined }));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(from + code.length, from + code.length);
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {
      title: title.trim() ? undefined : t('templates.titleRequired'),
      tags: tags.length > 0 ? undefined : t('templates.tagsRequired'),
      body: body.trim() ? undefined : t('templates.bodyRequired'),
    };
    setErrors(found);
    if (found.title || found.tags || found.body) return;
    save.mutate(
      { id: template?.id ?? null, input: { title: title.trim(), tags, channels, body, attachmentIds: uploads.attachmentIds } },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('templates.saved') });
          onClose();
        },
        onError: (e) => setFormError(errorText(e, t)),
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={template ? t('templates.editTitle') : t('templates.add')} centered size="lg">
      <form onSubmit={submit} data-testid="template-form" noValidate>
        <Stack>
          <FormError error={formError} />
          <TextInput
            label={t('templates.fieldTitle')}
            placeholder={t('templates.titlePlaceholder')}
            required
            value={title}
            onChange={(e) => {
              setTitle(e.currentTarget.value);
              setErrors((x) => ({ ...x, title: undefined }));
            }}
            error={errors.title}
            maxLength={200}
            data-autofocus
            data-testid="template-title"
          />
          <TagsInput
            label={t('templates.fieldTags')}
            description={t('templates.tagsHint')}
            placeholder={tags.length === 0 ? t('templates.tagsPlaceholder') : undefined}
            required
            value={tags}
            onChange={onTags}
            splitChars={[',', ' ']}
            clearable
            error={errors.tags}
            data-testid="template-tags"
          />
          <MultiSelect
            label={t('templates.fieldChannels')}
            description={t('templates.channelsHint')}
            placeholder={channels.length === 0 ? t('templates.allChannels') : undefined}
            data={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
            value={channels}
            onChange={(v) => setChannels(v as ChannelType[])}
            clearable
            data-testid="template-channels"
          />
          <div>
            <Textarea
              ref={bodyRef}
              label={t('templates.fieldBody')}
              placeholder={t('templates.bodyPlaceholder')}
              required
              autosize
              minRows={5}
              maxRows={14}
              value={body}
              onChange={(e) => {
                setBody(e.currentTarget.value);
                setErrors((x) => ({ ...x, body: undefined }));
              }}
              error={errors.body}
              data-testid="template-body"
            />
            <Text size="xs" c="dimmed" mt={6}>
              {t('templates.variablesHint')}
            </Text>
            <Group gap={6} mt={6}>
              {templateVariables.map((variable) => (
                <Tooltip key={variable} label={`{${variable}}`} withArrow>
                  <Button
                    size="compact-xs"
                    variant="light"
                    leftSection={<IconPlus size={12} />}
                    onClick={() => insertVariable(variable)}
                    data-testid="insert-variable"
                    data-variable={variable}
                  >
                    {t(variableLabel[variable])}
                  </Button>
                </Tooltip>
              ))}
            </Group>
          </div>
          <Input.Wrapper
            label={t('templates.fieldFiles')}
            description={t('templates.filesHint', { count: MAX_ATTACHMENTS_PER_MESSAGE, size: formatBytes(MAX_ATTACHMENT_BYTES, i18n.language) })}
          >
            <Group gap="xs" mt={6}>
              {uploads.files.map((file) => (
                <FileChip key={file.key} file={file} onRemove={() => uploads.remove(file.key)} />
              ))}
              <FileButton
                multiple
                onChange={(files) => {
                  const skipped = uploads.add(files);
                  if (skipped > 0) notifications.show({ color: 'orange', message: t('attachments.tooMany', { count: MAX_ATTACHMENTS_PER_MESSAGE }) });
                }}
              >
                {(props) => (
                  <Button {...props} variant="default" leftSection={<IconPaperclip size={16} />} data-testid="template-attach">
                    {t('attachments.attach')}
                  </Button>
                )}
              </FileButton>
            </Group>
          </Input.Wrapper>
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('admin.cancel')}
            </Button>
            <Tooltip label={t('templates.waitUploads')} disabled={!uploads.uploading}>
              <Button type="submit" loading={save.isPending} disabled={uploads.uploading} data-testid="save-template">
                {t('admin.save')}
              </Button>
            </Tooltip>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
