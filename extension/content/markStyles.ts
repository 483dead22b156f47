// How marks look. Status is shown by the underline's shape as well as its colour (wavy: taken down, solid: still
// active, dotted: unknown), so it does not rely on colour alone. Styles sit in each mark's shadow root with
// !important, which beats page CSS on the host; nothing changes the mark's size, so layout stays as it was.
import type { Status } from '../../lib/dataset/schema';

export type StatusGroup = 'taken-down' | 'active' | 'unknown';

export function statusGroup(status: Status): StatusGroup {
  if (status === 'active') return 'active';
  if (status === 'unknown') return 'unknown';
  return 'taken-down';
}

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

const TAKEN_DOWN = ['blocked', 'suspended', 'restricted', 'deleted'];

/** CSS for the shadow root of every <tdl-mark>. */
export const MARK_SHADOW_CSS = [
  `:host { all: unset; display: inline !important; cursor: help !important; border-radius: 2px !important;
    color: inherit !important; font: inherit !important; visibility: visible !important; opacity: 1 !important; }`,
  `:host(:focus-visible) { outline: 2px solid #1a73e8 !important; outline-offset: 1px !important; }`,
  ...TAKEN_DOWN.map((status) => groupRule(`:host([data-tdl-status="${status}"])`, 'taken-down')),
  groupRule(':host([data-tdl-status="active"])', 'active'),
  groupRule(':host([data-tdl-status="unknown"])', 'unknown'),
].join('\n');

/** CSS for marked links, added once to each document or shadow root that has one. */
export const LINK_CSS = [
  ...TAKEN_DOWN.map(
    (status) =>
      `a[data-tdl-status="${status}"] { outline: 2px dashed ${COLOURS['taken-down'].line} !important; outline-offset: 1px !important; }`,
  ),
  `a[data-tdl-status="active"] { outline: 2px solid ${COLOURS.active.line} !important; outline-offset: 1px !important; }`,
  `a[data-tdl-status="unknown"] { outline: 2px dotted ${COLOURS.unknown.line} !important; outline-offset: 1px !important; }`,
].join('\n');
