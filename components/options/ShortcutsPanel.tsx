// The keyboard shortcuts, as the browser has them now (the reader may have changed them), with what each does.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../extension/i18n';

export interface Shortcut {
  /** The command's name in the manifest. */
  name: string;
  description: string;
  /** The keys, or empty when none is set. */
  shortcut: string;
}

export function ShortcutsPanel({ load }: { load: () => Promise<Shortcut[]> }) {
  const [shortcuts, setShortcuts] = useState<Shortcut[] | null>(null);
  useEffect(() => {
    load().then(setShortcuts, () => setShortcuts([]));
  }, []);
  if (shortcuts !== null && shortcuts.length === 0) return null;
  return (
    <section aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">{t('optionsShortcutsHeading')}</h2>
      <p class="muted">{t('optionsShortcutsHelp')}</p>
      {shortcuts && (
        <ul class="shortcuts">
          {shortcuts.map((shortcut) => (
            <li key={shortcut.name}>
              {shortcut.shortcut ? (
                <kbd>{shortcut.shortcut}</kbd>
              ) : (
                <span class="muted">{t('optionsShortcutNone')}</span>
              )}{' '}
              {shortcut.description}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
