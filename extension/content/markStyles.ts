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

/** A CSS rule whose every declaration is !important (each ends with a semicolon). */
const rule = (selector: string, declarations: string) =>
  `${selector} { ${declarations.replace(/;/g, ' !important;')} }`;

function groupRule(selector: string, group: StatusGroup): string {
  const { line, tint, style } = COLOURS[group];
  return rule(
    selector,
    `background-color: ${tint}; text-decoration-line: underline; text-decoration-style: ${style}; ` +
      `text-decoration-color: ${line}; text-decoration-thickness: 2px; text-underline-offset: 3px;`,
  );
}

/** CSS for the shadow root of every <tdl-mark>. */
export const MARK_SHADOW_CSS = [
  rule(
    ':host',
    'all: unset; display: inline; cursor: help; border-radius: 2px; color: inherit; font: inherit; ' +
      'visibility: visible; opacity: 1;',
  ),
  rule(':host(:focus-visible)', 'outline: 2px solid #1a73e8; outline-offset: 1px;'),
  ...STATUSES.map((status) => groupRule(`:host([data-tdl-status="${status}"])`, statusGroup(status))),
  // An organisation named in passing is not a taken-down account: a thinner line, no tint.
  rule(
    ':host([data-tdl-match="organisation"])',
    'background-color: transparent; text-decoration-thickness: 1px; text-underline-offset: 4px;',
  ),
].join('\n');

const LINK_OUTLINE: Record<StatusGroup, string> = { 'taken-down': 'dashed', active: 'solid', unknown: 'dotted' };

/** CSS for marked links, added once to each document or shadow root that has one. */
export const LINK_CSS = STATUSES.map((status) => {
  const group = statusGroup(status);
  return rule(
    `a[data-tdl-status="${status}"]`,
    `outline: 2px ${LINK_OUTLINE[group]} ${COLOURS[group].line}; outline-offset: 1px;`,
  );
})
  .concat(rule('a[data-tdl-match="organisation"]', 'outline-width: 1px;'))
  .join('\n');
