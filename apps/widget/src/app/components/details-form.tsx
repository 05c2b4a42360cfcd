import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH } from '@omnichannel/contracts';
import { useState } from 'preact/hooks';
import { isValidEmail } from '../chat/chat-controller';
import { useWidget } from '../widget-context';

interface DetailsFormProps {
  initialName: string;
  initialEmail: string;
  onSaved: () => void;
  /** Distinguishes the ids of the intro form and the header form. */
  idPrefix: string;
}

/** The visitor's optional name and email (WGT-4); saved with PATCH /api/widget/visitor. */
export function DetailsForm({ initialName, initialEmail, onSaved, idPrefix }: DetailsFormProps) {
  const { controller, t } = useWidget();
  const [name, setName] = useState(initialName);
  const [email, setEmail] = useState(initialEmail);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState(false);
  const emailInvalid = email.trim() !== '' && !isValidEmail(email.trim());
  const showEmailError = emailInvalid && touched;

  const submit = async (event: Event) => {
    event.preventDefault();
    setTouched(true);
    if (emailInvalid || saving) return;
    // Nothing typed and nothing to clear: no need to create a session for it.
    if (!name.trim() && !email.trim() && !initialName && !initialEmail) {
      onSaved();
      return;
    }
    setSaving(true);
    setFailed(false);
    try {
      await controller.saveDetails({ name, email });
      onSaved();
    } catch {
      setFailed(true);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="details-form" onSubmit={(e) => void submit(e)} noValidate>
      <div class="field">
        <label for={`${idPrefix}-name`}>{t.name}</label>
        <input
          id={`${idPrefix}-name`}
          data-testid="omni-name"
          type="text"
          autoComplete="name"
          maxLength={MAX_NAME_LENGTH}
          placeholder={t.namePlaceholder}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={`${idPrefix}-email`}>{t.email}</label>
        <input
          id={`${idPrefix}-email`}
          data-testid="omni-email"
          type="email"
          inputMode="email"
          autoComplete="email"
          maxLength={MAX_EMAIL_LENGTH}
          placeholder={t.emailPlaceholder}
          value={email}
          aria-invalid={showEmailError}
          aria-describedby={showEmailError ? `${idPrefix}-email-error` : undefined}
          onInput={(e) => setEmail(e.currentTarget.value)}
          onBlur={() => setTouched(true)}
        />
        {showEmailError && (
          <p id={`${idPrefix}-email-error`} class="field-error">
            {t.emailInvalid}
          </p>
        )}
      </div>
      {failed && (
        <p class="field-error" role="alert">
          {t.saveFailed}
        </p>
      )}
      <button type="submit" class="primary-button" data-testid="omni-save-details" disabled={saving}>
        {saving ? t.saving : t.save}
      </button>
    </form>
  );
}
