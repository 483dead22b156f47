// The reader's own note on an account: shown on the card and in the popup, edited in the popup's account view. It
// stays in this browser.
import { useState } from 'preact/hooks';
import { t } from '../extension/i18n';

export function NoteText({ note }: { note?: string | undefined }) {
  if (!note) return null;
  return (
    <section aria-label={t('noteHeading')} class="tdl-note">
      <h3>{t('noteHeading')}</h3>
      <p class="tdl-note-text">{note}</p>
    </section>
  );
}

export function NoteEditor({ note, onSave }: { note?: string | undefined; onSave: (text: string) => Promise<void> }) {
  const [text, setText] = useState(note ?? '');
  const [state, setState] = useState<{ saved: boolean; error?: string }>({ saved: false });
  return (
    <form
      class="note-editor"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(text).then(
          () => setState({ saved: true }),
          (error: Error) => setState({ saved: false, error: error.message }),
        );
      }}
    >
      <label class="field">
        {t('noteLabel')}
        <textarea
          name="note"
          value={text}
          maxLength={4000}
          onInput={(event) => {
            setText((event.target as HTMLTextAreaElement).value);
            setState({ saved: false });
          }}
        />
      </label>
      <button type="submit">{t('noteSave')}</button>
      {state.saved && <span role="status"> {t('noteSaved')}</span>}
      {state.error && <p role="alert">{state.error}</p>}
    </form>
  );
}
