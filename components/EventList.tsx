// An account's events: date (with its precision), what happened, who acted, the stated reason.
import { formatPartialDate } from '../lib/dataset/formatPartialDate';
import type { TakedownEvent } from '../lib/dataset/schema';
import { ACTION_LABEL } from '../lib/statusLabels';

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
  if (shown.length === 0) return <p class="tdl-empty">No events recorded.</p>;
  return (
    <ol class="tdl-events">
      {shown.map((event) => (
        <li key={event.id}>
          <p class="tdl-event-head">
            <time dateTime={event.date.value}>{formatPartialDate(event.date)}</time>
            {' · '}
            <strong>{ACTION_LABEL[event.action]}</strong>
            {event.actors.length > 0 && <span> by {event.actors.map((actor) => actor.name).join(', ')}</span>}
          </p>
          {withSummary && <p class="tdl-event-summary">{event.summary}</p>}
          {event.statedReason && <p class="tdl-reason">Stated reason: {event.statedReason}</p>}
          {withSummary && event.date.note && <p class="tdl-date-note">About the date: {event.date.note}</p>}
        </li>
      ))}
    </ol>
  );
}
