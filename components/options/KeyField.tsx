// A list maintainer's public key, as the reader types it, with its fingerprint (or why it is not a key) below, to
// compare with the one the maintainer publishes.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../extension/i18n';

export function KeyField({
  name,
  value,
  onInput,
  fingerprint,
}: {
  name: string;
  value: string;
  onInput: (key: string) => void;
  /** A typed key's fingerprint; null when the text is not a key. */
  fingerprint: (key: string) => Promise<string | null>;
}) {
  const [print, setPrint] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    const typed = value.trim();
    if (!typed) return setPrint(undefined);
    let current = true;
    fingerprint(typed).then(
      (found) => current && setPrint(found),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [value]);
  return (
    <>
      <label class="field">
        {t('optionsKeyLabel')}
        <input
          type="text"
          name={name}
          value={value}
          spellcheck={false}
          autocomplete="off"
          placeholder="ed25519:…"
          onInput={(event) => onInput((event.target as HTMLInputElement).value)}
        />
      </label>
      <p class="muted key-fingerprint">
        {print === undefined
          ? t('optionsKeyNone')
          : print === null
            ? t('errorKeyInvalid')
            : t('optionsKeyFingerprint', print)}
      </p>
    </>
  );
}
