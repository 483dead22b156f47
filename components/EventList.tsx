// An account's events: date (with its precision), what happened, who acted, the stated reason.
import { t } from '../extension/i18n';
import type { TakedownEvent } from '../lib/dataset/schema';
import { ACTION_KEY } from '../lib/statusLabels';
import { formatDate } from './formatDate';

export function EventList({
  events,
  limit,
  withSummary = false,
}: {
  events: readonly TakedownEvent[];
  limit?: number;
  withSummary?: boolean;
}) {
  const shown = limit === undefined ? events : events.slice(0, limit);
  if (shown.length === 0) return <p class="tdl-empty">{t('noEvents')}</p>;
  return (
    <ol class="tdl-events">
      {shown.map((event) => (
        <li key={event.id}>
          <p class="tdl-event-head">
            <time dateTime={event.date.value}>{formatDate(event.date)}</time>
            {' · '}
            <strong>{t(ACTION_KEY[event.action])}</strong>
            {event.actors.length > 0 && (
              <span> {t('byActors', event.actors.map((actor) => actor.name).join(', '))}</span>
            )}
          </p>
          {withSummary && <p class="tdl-event-summary">{event.summary}</p>}
          {event.statedReason && <p class="tdl-reason">{t('statedReason', event.statedReason)}</p>}
          {withSummary && event.date.note && <p class="tdl-date-note">{t('aboutTheDate', event.date.note)}</p>}
        </li>
      ))}
    </ol>
  );
}
