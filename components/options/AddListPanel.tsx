// Adding a list: subscribing by URL (with the maintainer's key for a signed list), or from a file. A subscribe link
// on a web page opens this page with its URL and title filled in, and asks before anything is fetched.
import { useState } from 'preact/hooks';
import { t } from '../../extension/i18n';
import type { SubscribeRequest } from '../../lib/lists/subscribeLink';
import { KeyField } from './KeyField';

export function SubscribePrompt({
  request,
  busy,
  onConfirm,
  onCancel,
}: {
  request: SubscribeRequest;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <section aria-labelledby="subscribe-prompt-heading" class="review subscribe-prompt">
      <h2 id="subscribe-prompt-heading">{t('subscribePromptHeading')}</h2>
      <p>{t('subscribePromptText')}</p>
      <dl class="facts">
        <dt>{t('listTitle')}</dt>
        <dd data-testid="subscribe-title">{request.title || t('listUntitled')}</dd>
        <dt>{t('listSourceUrl')}</dt>
        <dd data-testid="subscribe-url">{request.url}</dd>
      </dl>
      <div class="buttons">
        <button type="button" disabled={busy} onClick={onConfirm}>
          {t('subscribeConfirm')}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {t('reviewCancel')}
        </button>
      </div>
    </section>
  );
}

export function AddListPanel({
  busy,
  fingerprint,
  onSubscribe,
  onAddFile,
}: {
  busy: boolean;
  /** A typed key's fingerprint; null when the text is not a key. */
  fingerprint: (key: string) => Promise<string | null>;
  onSubscribe: (url: string, title: string, key: string) => Promise<boolean>;
  onAddFile: (file: File) => Promise<void>;
}) {
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [key, setKey] = useState('');
  return (
    <section aria-labelledby="add-list-heading">
      <h2 id="add-list-heading">{t('addListHeading')}</h2>
      <p class="muted">{t('optionsRefreshHelp')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void onSubscribe(url, title, key).then((done) => {
            if (!done) return;
            setUrl('');
            setTitle('');
            setKey('');
          });
        }}
      >
        <label class="field">
          {t('optionsUrlLabel')}
          <input
            type="url"
            name="subscribe-url"
            value={url}
            required
            placeholder="https://example.org/takedowns.json"
            onInput={(event) => setUrl((event.target as HTMLInputElement).value)}
          />
        </label>
        <label class="field">
          {t('listTitleOptional')}
          <input
            type="text"
            name="subscribe-title"
            value={title}
            maxLength={200}
            onInput={(event) => setTitle((event.target as HTMLInputElement).value)}
          />
        </label>
        <KeyField name="subscribe-key" value={key} onInput={setKey} fingerprint={fingerprint} />
        <div class="buttons">
          <button type="submit" disabled={busy || !url.trim()}>
            {t('subscribeButton')}
          </button>
        </div>
      </form>
      <label class="field">
        {t('addListFromFile')}
        <input
          type="file"
          name="dataset-file"
          accept="application/json,.json,application/gzip,.gz"
          disabled={busy}
          onChange={(event) => {
            const input = event.target as HTMLInputElement;
            const file = input.files?.[0];
            if (file) void onAddFile(file).then(() => (input.value = ''));
          }}
        />
      </label>
    </section>
  );
}
