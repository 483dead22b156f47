// How marks look. Status is shown by the underline's shape as well as its colour (wavy: taken down, solid: still
// active, dotted: unknown), so it does not rely on colour alone. Styles sit in each mark's shadow root with
// !important, which beats page CSS on the host; nothing changes the mark's size, so layout stays as it was.
import { STATUSES } from '../../lib/dataset/vocabulary';
import { statusGroup, type StatusGroup } from '../../lib/statusLabels';

const COLOURS: Record<StatusGroup, { line: string; tint: string; style: string }> = {
  'taken-down': { line: '#d93025', tint: 'rgba(217, 48, 37, 0.14)', style: 'wavy' },
  active: { line: '#188038', tint: 'rgba(24, 128, 56, 0.12)', style: 'solid' },
  unknown: { line: '#8a6d00', tint: 'rgba(138, 109, 0, 0.14)', style: 'dotted' },
};

function groupRule(selector: string, group: StatusGroup): string {
  const { line, tint, style } = COLOURS[group];
  return `${selector} { background-color: ${tint} !important; text-decoration-line: underline !important;
    text-decoration-style: ${style} !important; text-decoration-color: ${line} !important;
    text-decoration-thickness: 2px !important; text-underline-offset: 3px !important; }`;
}

/** CSS for the shadow root of every <tdl-mark>. */
export const MARK_SHADOW_CSS = [
  `:host { all: unset !important; display: inline !important; cursor: help !important; border-radius: 2px !important;
    color: inherit !important; font: inherit !important; visibility: visible !important; opacity: 1 !important; }`,
  `:host(:focus-visible) { outline: 2px solid #1a73e8 !important; outline-offset: 1px !important; }`,
  ...STATUSES.map((status) => groupRule(`:host([data-tdl-status="${status}"])`, statusGroup(status))),
  // An organisation named in passing is not a taken-down account: a thinner line, no tint.
  `:host([data-tdl-match="organisation"]) { background-color: transparent !important;
    text-decoration-thickness: 1px !important; text-underline-offset: 4px !important; }`,
].join('\n');

const LINK_OUTLINE: Record<StatusGroup, string> = { 'taken-down': 'dashed', active: 'solid', unknown: 'dotted' };

/** CSS for marked links, added once to each document or shadow root that has one. */
export const LINK_CSS = STATUSES.map((status) => {
  const group = statusGroup(status);
  return `a[data-tdl-status="${status}"] { outline: 2px ${LINK_OUTLINE[group]} ${COLOURS[group].line} !important; outline-offset: 1px !important; }`;
})
  .concat('a[data-tdl-match="organisation"] { outline-width: 1px !important; }')
  .join('\n');
