import type { EmployeeSelf, TicketDetail } from '@omnichannel/contracts';
import { ActionIcon, Button, Group, Menu, Modal, Select, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsExchange, IconCheck, IconChevronDown, IconCircleCheck, IconTag, IconTicket } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { FormButtons } from '../../../components/confirm-modal';
import { errorText } from '../../../lib/errors';
import { useOmniSettings } from '../../settings';
import { useChangeStatus, useComplete, useDirectory, useStatuses, useTransfer } from '../api/tickets';
import { useStatusLabel } from './status-label';

/** The header's actions on a live conversation: transfer (WORK-10) and complete (WORK-11, WORK-14). */
export function ConversationActions({
  ticket,
  me,
  mayAnswer,
  mayTake,
  basePath,
}: {
  ticket: TicketDetail;
  me: EmployeeSelf;
  mayAnswer: boolean;
  mayTake: boolean;
  basePath: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const complete = useComplete(me.id);
  const [transferring, setTransferring] = useState(false);
  const mayChangeStatus = ticket.executor === null || mayAnswer;
  if (!ticket.live) return mayChangeStatus ? <StatusMenu ticket={ticket} me={me} /> : null;
  // The API's rule: the executor or a supervisor; a request still in the queue by whoever may take it.
  const mayTransfer = mayAnswer || (ticket.executor === null && mayTake);

  const onComplete = (asTicket: boolean) =>
    complete.mutate(
      { id: ticket.id, asTicket },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: asTicket ? t('conversation.movedToast', { number: ticket.number }) : t('conversation.completedToast', { number: ticket.number }),
          });
          if (asTicket) void navigate(`/tickets/${ticket.id}`);
        },
        onError: (error) => notifications.show({ color: 'red', message: errorText(error, t) }),
      },
    );

  return (
    <>
      {mayTransfer && (
        <Tooltip label={t('transfer.action')}>
          <ActionIcon variant="default" size={36} onClick={() => setTransferring(true)} aria-label={t('transfer.action')} data-testid="transfer-button">
            <IconArrowsExchange size={18} />
          </ActionIcon>
        </Tooltip>
      )}
      {mayAnswer && (
        <Group gap={0} wrap="nowrap">
          <Button
            variant="light"
            color="teal"
            leftSection={<IconCircleCheck size={16} />}
            onClick={() => onComplete(false)}
            loading={complete.isPending}
            style={{ borderTopRightRadius: 0, borderBottomRightRadius: 0 }}
            data-testid="complete-button"
          >
            {t('conversation.complete')}
          </Button>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon
                variant="light"
                color="teal"
                size={36}
                style={{ borderTopLeftRadius: 0, borderBottomLeftRadius: 0, borderLeft: '1px solid var(--mantine-color-teal-2)' }}
                aria-label={t('conversation.completeMore')}
                data-testid="complete-menu"
              >
                <IconChevronDown size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconCircleCheck size={16} />} onClick={() => onComplete(false)}>
                {t('conversation.complete')}
              </Menu.Item>
              <Menu.Item leftSection={<IconTicket size={16} />} onClick={() => onComplete(true)} data-testid="complete-as-ticket">
                {t('conversation.completeAsTicket')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      )}
      <TransferModal
        opened={transferring}
        ticket={ticket}
        me={me}
        onClose={() => setTransferring(false)}
        onDone={(stillMine) => {
          setTransferring(false);
          if (!stillMine) void navigate(basePath);
        }}
      />
    </>
  );
}

/** CORE-4, CORE-6: the status of a ticket after its live chat, among those SET-3 displays. */
function StatusMenu({ ticket, me }: { ticket: TicketDetail; me: EmployeeSelf }) {
  const { t } = useTranslation();
  const statuses = useStatuses().data?.items ?? [];
  const displayed = useOmniSettings().data?.displayedStatuses;
  const change = useChangeStatus(me.id);
  const label = useStatusLabel();
  const choices = statuses.filter((s) => (displayed === undefined || displayed.includes(s.code) || s.code === ticket.status));
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconTag size={16} />} rightSection={<IconChevronDown size={14} />} loading={change.isPending} data-testid="status-menu">
          {label(ticket.status)}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('ticket.status')}</Menu.Label>
        {choices.map((s) => (
          <Menu.Item
            key={s.code}
            leftSection={s.code === ticket.status ? <IconCheck size={14} /> : <span style={{ width: 14 }} />}
            disabled={s.code === ticket.status}
            data-testid={`status-option-${s.code}`}
            onClick={() =>
              change.mutate(
                { id: ticket.id, status: s.code },
                { onError: (error) => notifications.show({ color: 'red', title: t('ticket.statusFailed'), message: errorText(error, t) }) },
              )
            }
          >
            {label(s.code)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** WORK-10: choose a department, optionally one of its employees, and leave a comment for them. */
function TransferModal({
  opened,
  ticket,
  me,
  onClose,
  onDone,
}: {
  opened: boolean;
  ticket: TicketDetail;
  me: EmployeeSelf;
  onClose: () => void;
  onDone: (stillMine: boolean) => void;
}) {
  const { t } = useTranslation();
  const directory = useDirectory(opened);
  const transfer = useTransfer(me.id);
  const [departmentId, setDepartmentId] = useState<string | null>(ticket.department.id);
  const [employeeId, setEmployeeId] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const employees = (directory.data?.employees ?? []).filter(
    (e) => e.id !== ticket.executor?.id && (departmentId === null || e.departmentIds.includes(departmentId)),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const departmentChanged = departmentId !== null && departmentId !== ticket.department.id;
    transfer.mutate(
      {
        id: ticket.id,
        ...(employeeId ? { employeeId } : {}),
        ...(departmentChanged || !employeeId ? { departmentId: departmentId ?? ticket.department.id } : {}),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      },
      {
        onSuccess: (result) => {
          const to = employees.find((e) => e.id === employeeId)?.name ?? directory.data?.departments.find((d) => d.id === departmentId)?.name ?? '';
          notifications.show({ color: 'teal', message: t('transfer.done', { number: ticket.number, to }) });
          setEmployeeId(null);
          setComment('');
          onDone(result.executor?.id === me.id || result.participantIds.includes(me.id));
        },
        onError: (error) => notifications.show({ color: 'red', title: t('transfer.failed'), message: errorText(error, t) }),
      },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('transfer.title', { number: ticket.number })} centered>
      <Stack component="form" onSubmit={submit} data-testid="transfer-form">
        <Select
          label={t('transfer.department')}
          data={(directory.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
          value={departmentId}
          onChange={(value) => {
            setDepartmentId(value);
            setEmployeeId(null);
          }}
          allowDeselect={false}
          searchable
          data-testid="transfer-department"
        />
        <Select
          label={t('transfer.employee')}
          description={t('transfer.employeeHint')}
          placeholder={t('transfer.anyone')}
          data={employees.map((e) => ({ value: e.id, label: e.name }))}
          value={employeeId}
          onChange={setEmployeeId}
          clearable
          searchable
          nothingFoundMessage={t('transfer.nobody')}
          data-testid="transfer-employee"
        />
        <Textarea
          label={t('transfer.comment')}
          placeholder={t('transfer.commentHint')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={6}
          data-testid="transfer-comment"
        />
        <Text size="xs" c="dimmed">
          {t('transfer.note')}
        </Text>
        <FormButtons onCancel={onClose} saving={transfer.isPending} saveTestId="transfer-submit" saveLabel={t('transfer.submit')} />
      </Stack>
    </Modal>
  );
}
