// The forms of My list: an organisation, an account (with what happened to it and the report that says so, for a
// new account whose status needs them), and an event with its report. The background validates the whole list as
// any list file; what it refuses comes back by field and is shown beside that field, in the interface language.
import { useState } from 'preact/hooks';
import { t } from '../../extension/i18n';
import { ACTIONS, CATEGORIES, ORGANISATION_KINDS, PLATFORMS, PRECISIONS, STATUSES } from '../../lib/dataset/vocabulary';
import type { Account, Dataset, Organisation, PartialDate } from '../../lib/dataset/schema';
import type { FieldProblem, MyListEdit, MyListKind, ReportDraft } from '../../lib/lists/myListEdits';
import type { MessageKey } from '../../lib/i18n/en';
import {
  ACTION_KEY,
  CATEGORY_KEY,
  ORGANISATION_KIND_KEY,
  PLATFORM_KEY,
  PRECISION_KEY,
  STATUS_KEY,
} from '../../lib/statusLabels';

export type FormValues = Record<string, string | string[]>;

/** What the form starts with: a new record (maybe with a name), or a record of My list to edit. */
export type FormStart = { kind: MyListKind; id?: string | undefined; name?: string | undefined };

const list = (text: string) =>
  text
    .split(/[,，、\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
const text = (values: FormValues, field: string) => String(values[field] ?? '').trim();
const optional = (value: string) => (value ? value : undefined);
const date = (values: FormValues, field: string): PartialDate | undefined => {
  const value = text(values, field);
  return value
    ? { value, precision: (text(values, `${field}Precision`) || 'day') as PartialDate['precision'], qualifier: 'on' }
    : undefined;
};

function reportDraft(values: FormValues): ReportDraft {
  return {
    title: text(values, 'report0.title'),
    publisher: optional(text(values, 'report0.publisher')) ?? null,
    published: date(values, 'report0.published') ?? { value: '', precision: 'day', qualifier: 'on' },
    url: optional(text(values, 'report0.url')),
    language: text(values, 'report0.language') || 'en',
    summary: text(values, 'report0.summary') || text(values, 'report0.title'),
  };
}

function eventFields(values: FormValues) {
  return {
    action: text(values, 'event.action') as (typeof ACTIONS)[number],
    date: date(values, 'event.date') ?? { value: '', precision: 'day' as const, qualifier: 'on' as const },
    actors: [],
    statedReason: optional(text(values, 'event.statedReason')),
    summary: text(values, 'event.summary'),
    counts: [],
  };
}

/** The edit a filled form asks for. */
export function editFromForm(start: FormStart, values: FormValues, needsEvidence: boolean): MyListEdit {
  if (start.kind === 'organisation') {
    return {
      kind: 'organisation',
      record: {
        id: start.id,
        name: text(values, 'organisation.name'),
        aliases: list(text(values, 'organisation.aliases')).map((alias) => ({ text: alias })),
        kind: text(values, 'organisation.kind') as Organisation['kind'],
        websites: list(text(values, 'organisation.websites')).map((domain) => ({ domain: domain.toLowerCase() })),
        notes: optional(text(values, 'organisation.notes')),
      },
    };
  }
  if (start.kind === 'account') {
    const record = {
      id: start.id,
      platform: text(values, 'account.platform') as Account['platform'],
      name: text(values, 'account.name'),
      aliases: list(text(values, 'account.aliases')).map((alias) => ({ text: alias })),
      handle: optional(text(values, 'account.handle')),
      organisationId: optional(text(values, 'account.organisationId')),
      category: text(values, 'account.category') as Account['category'],
      status: text(values, 'account.status') as Account['status'],
      statusSince: date(values, 'account.statusSince'),
      links: [],
      notes: optional(text(values, 'account.notes')),
    };
    return needsEvidence
      ? { kind: 'account', record, evidence: { event: eventFields(values), reports: [reportDraft(values)] } }
      : { kind: 'account', record };
  }
  return {
    kind: 'event',
    record: {
      ...eventFields(values),
      id: start.id,
      accountIds: (values['event.accountIds'] as string[] | undefined) ?? [],
    },
    reports: [{ ...reportDraft(values), id: optional(text(values, 'report0.id')) }],
  };
}

/** A record of My list as form values, to edit it. */
export function formValuesOf(data: Dataset | null, start: FormStart): FormValues {
  return { ...newRecordValues(start), ...recordValues(data, start) };
}

function recordValues(data: Dataset | null, start: FormStart): FormValues {
  const organisation = data?.organisations.find((row) => row.id === start.id);
  const account = data?.accounts.find((row) => row.id === start.id);
  if (start.kind === 'organisation' && organisation) {
    return {
      'organisation.name': organisation.name,
      'organisation.kind': organisation.kind,
      'organisation.aliases': organisation.aliases.map((alias) => alias.text).join(', '),
      'organisation.websites': organisation.websites.map((site) => site.domain).join(', '),
      'organisation.notes': organisation.notes ?? '',
    };
  }
  if (start.kind === 'account' && account) {
    return {
      'account.name': account.name,
      'account.platform': account.platform,
      'account.handle': account.handle ?? '',
      'account.organisationId': account.organisationId ?? '',
      'account.category': account.category,
      'account.status': account.status,
      'account.statusSince': account.statusSince?.value ?? '',
      'account.statusSincePrecision': account.statusSince?.precision ?? 'day',
      'account.aliases': account.aliases.map((alias) => alias.text).join(', '),
      'account.notes': account.notes ?? '',
    };
  }
  const event = data?.events.find((row) => row.id === start.id);
  const report = event && data?.reports.find((row) => row.id === event.reportIds[0]);
  if (start.kind === 'event' && event) {
    return {
      'event.action': event.action,
      'event.date': event.date.value,
      'event.datePrecision': event.date.precision,
      'event.summary': event.summary,
      'event.statedReason': event.statedReason ?? '',
      'event.accountIds': event.accountIds,
      ...(report
        ? {
            'report0.id': report.id,
            'report0.title': report.title,
            'report0.publisher': report.publisher ?? '',
            'report0.published': report.published.value,
            'report0.publishedPrecision': report.published.precision,
            'report0.url': report.url ?? '',
            'report0.language': report.language,
            'report0.summary': report.summary,
          }
        : {}),
    };
  }
  return {};
}

function newRecordValues(start: FormStart): FormValues {
  return {
    'organisation.kind': 'company',
    'account.name': start.name ?? '',
    'account.platform': 'wechat',
    'account.category': 'media',
    'account.status': 'blocked',
    'event.action': 'blocked',
    'report0.language': 'en',
    'account.statusSincePrecision': 'day',
    'event.datePrecision': 'day',
    'report0.publishedPrecision': 'day',
  };
}

function Field({
  field,
  label,
  values,
  problems,
  onInput,
  type = 'text',
  options,
  hint,
}: {
  field: string;
  label: string;
  values: FormValues;
  problems: ReadonlyMap<string, MessageKey>;
  onInput: (field: string, value: string) => void;
  type?: string;
  options?: ReadonlyArray<[string, string]>;
  hint?: string;
}) {
  const problem = problems.get(field);
  const id = `mine-${field.replace(/\W/g, '-')}`;
  const described = [problem ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: field,
    'aria-invalid': problem ? ('true' as const) : undefined,
    'aria-describedby': described,
    value: String(values[field] ?? ''),
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {options ? (
        <select {...common} onChange={(event) => onInput(field, (event.target as HTMLSelectElement).value)}>
          {options.map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
      ) : type === 'textarea' ? (
        <textarea {...common} onInput={(event) => onInput(field, (event.target as HTMLTextAreaElement).value)} />
      ) : (
        <input {...common} type={type} onInput={(event) => onInput(field, (event.target as HTMLInputElement).value)} />
      )}
      {hint && (
        <p class="muted" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {problem && (
        <p class="field-error" id={`${id}-error`}>
          {t(problem)}
        </p>
      )}
    </div>
  );
}

const choices = <T extends string>(values: readonly T[], key: Record<T, MessageKey>): Array<[string, string]> =>
  values.map((value) => [value, t(key[value])]);

export function MyListForm({
  start,
  data,
  busy,
  onSave,
  onCancel,
}: {
  start: FormStart;
  data: Dataset | null;
  busy: boolean;
  /** Saves the edit; resolves with the problems by field when it is refused (none when saved). */
  onSave: (edit: MyListEdit) => Promise<FieldProblem[]>;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<FormValues>(() => formValuesOf(data, start));
  const [problems, setProblems] = useState<Map<string, MessageKey>>(new Map());
  const set = (field: string, value: string | string[]) => setValues((now) => ({ ...now, [field]: value }));
  const hasEvents = !!start.id && !!data?.events.some((event) => event.accountIds.includes(start.id!));
  const needsEvidence = start.kind === 'account' && text(values, 'account.status') !== 'unknown' && !hasEvents;
  const props = { values, problems, onInput: set };
  const precision = (field: string) => (
    <Field
      {...props}
      field={`${field}Precision`}
      label={t('formPrecision')}
      options={choices(PRECISIONS, PRECISION_KEY)}
    />
  );
  const headingKey: Record<MyListKind, MessageKey> = {
    organisation: start.id ? 'formEditOrganisation' : 'formAddOrganisation',
    account: start.id ? 'formEditAccount' : 'formTrackAccount',
    event: start.id ? 'formEditEvent' : 'formAddEvent',
  };
  const evidence = (
    <fieldset>
      <legend>{t('formWhatHappened')}</legend>
      <Field {...props} field="event.action" label={t('formAction')} options={choices(ACTIONS, ACTION_KEY)} />
      <Field {...props} field="event.date" label={t('formDate')} hint={t('formDateHint')} />
      {precision('event.date')}
      <Field {...props} field="event.summary" label={t('formSummary')} type="textarea" />
      <Field {...props} field="event.statedReason" label={t('formStatedReason')} type="textarea" />
      <fieldset>
        <legend>{t('formReport')}</legend>
        <Field {...props} field="report0.title" label={t('formReportTitle')} />
        <Field {...props} field="report0.publisher" label={t('formReportPublisher')} />
        <Field {...props} field="report0.published" label={t('formReportDate')} hint={t('formDateHint')} />
        {precision('report0.published')}
        <Field {...props} field="report0.url" label={t('formReportUrl')} type="url" />
        <Field {...props} field="report0.language" label={t('formReportLanguage')} />
      </fieldset>
    </fieldset>
  );
  return (
    <form
      class="review mine-form"
      aria-labelledby="mine-form-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void onSave(editFromForm(start, values, needsEvidence)).then((found) =>
          setProblems(new Map(found.map((problem) => [problem.field, problem.key]))),
        );
      }}
    >
      <h3 id="mine-form-heading">{t(headingKey[start.kind])}</h3>
      {problems.has('form') && <p role="alert">{t(problems.get('form')!)}</p>}
      {problems.size > 0 && !problems.has('form') && <p role="alert">{t('formFixFields')}</p>}
      {start.kind === 'organisation' && (
        <>
          <Field {...props} field="organisation.name" label={t('formName')} />
          <Field
            {...props}
            field="organisation.kind"
            label={t('formOrganisationKind')}
            options={choices(ORGANISATION_KINDS, ORGANISATION_KIND_KEY)}
          />
          <Field {...props} field="organisation.aliases" label={t('formAliases')} hint={t('formCommaHint')} />
          <Field {...props} field="organisation.websites" label={t('formWebsites')} hint={t('formCommaHint')} />
          <Field {...props} field="organisation.notes" label={t('formNotes')} type="textarea" />
        </>
      )}
      {start.kind === 'account' && (
        <>
          <Field {...props} field="account.name" label={t('formName')} />
          <Field
            {...props}
            field="account.platform"
            label={t('formPlatform')}
            options={choices(PLATFORMS, PLATFORM_KEY)}
          />
          <Field {...props} field="account.handle" label={t('formHandle')} />
          <Field
            {...props}
            field="account.organisationId"
            label={t('formOrganisation')}
            options={[
              ['', t('formNone')],
              ...(data?.organisations ?? []).map((row): [string, string] => [row.id, row.name]),
            ]}
          />
          <Field
            {...props}
            field="account.category"
            label={t('formCategory')}
            options={choices(CATEGORIES, CATEGORY_KEY)}
          />
          <Field {...props} field="account.status" label={t('formStatus')} options={choices(STATUSES, STATUS_KEY)} />
          <Field {...props} field="account.statusSince" label={t('formStatusSince')} hint={t('formDateHint')} />
          {precision('account.statusSince')}
          <Field {...props} field="account.aliases" label={t('formAliases')} hint={t('formCommaHint')} />
          <Field {...props} field="account.notes" label={t('formNotes')} type="textarea" />
          {needsEvidence && evidence}
        </>
      )}
      {start.kind === 'event' && (
        <>
          <fieldset aria-describedby={problems.has('event.accountIds') ? 'mine-event-accountIds-error' : undefined}>
            <legend>{t('formEventAccounts')}</legend>
            {(data?.accounts ?? []).map((account) => (
              <label class="check" key={account.id}>
                <input
                  type="checkbox"
                  name="event.accountIds"
                  value={account.id}
                  checked={((values['event.accountIds'] as string[] | undefined) ?? []).includes(account.id)}
                  onChange={(event) => {
                    const chosen = new Set((values['event.accountIds'] as string[] | undefined) ?? []);
                    if ((event.target as HTMLInputElement).checked) chosen.add(account.id);
                    else chosen.delete(account.id);
                    set('event.accountIds', [...chosen]);
                  }}
                />{' '}
                {account.name}
              </label>
            ))}
            {problems.has('event.accountIds') && (
              <p class="field-error" id="mine-event-accountIds-error">
                {t(problems.get('event.accountIds')!)}
              </p>
            )}
          </fieldset>
          {evidence}
        </>
      )}
      <div class="buttons">
        <button type="submit" disabled={busy}>
          {t('formSave')}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {t('reviewCancel')}
        </button>
      </div>
    </form>
  );
}
