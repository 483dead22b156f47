// The frame of a record in the popup (an account's or an organisation's): back, and what to say while it loads, when
// it failed, or when the dataset no longer has it.
import type { ComponentChildren } from 'preact';
import { t } from '../../extension/i18n';

export function RecordShell({
  labelledBy,
  loaded,
  error,
  onBack,
  children,
}: {
  labelledBy: string;
  /** undefined while loading, null when the record is gone. */
  loaded: unknown;
  error: string | null;
  onBack: () => void;
  children?: ComponentChildren;
}) {
  return (
    <section class="account-view" aria-labelledby={labelledBy}>
      <button type="button" class="back" onClick={onBack}>
        {t('popupBack')}
      </button>
      {error && <p role="alert">{t('popupAccountError', error)}</p>}
      {loaded === null && <p role="alert">{t('popupAccountGone')}</p>}
      {loaded === undefined && !error && <p class="muted">{t('cardLoading')}</p>}
      {loaded ? children : null}
    </section>
  );
}
