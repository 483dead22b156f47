// CSS for the hover card's shadow root: isolated from the page, light and dark, no motion when reduced.
export const CARD_CSS = `
:host {
  all: initial !important; position: fixed !important; z-index: 2147483647 !important; display: block !important;
  top: var(--tdl-top, 8px) !important; left: var(--tdl-left, 8px) !important;
}
:host([hidden]) { display: none !important; }
.tdl-card {
  box-sizing: border-box; width: min(380px, calc(100vw - 16px)); max-height: calc(100vh - 16px); overflow: auto;
  padding: 12px 14px; border-radius: 8px; border: 1px solid #c4c7cc;
  background: #ffffff; color: #1f2328; box-shadow: 0 6px 24px rgba(0, 0, 0, 0.22);
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif;
  text-align: left; animation: tdl-in 120ms ease-out;
}
@keyframes tdl-in { from { opacity: 0; transform: translateY(2px); } to { opacity: 1; transform: none; } }
@media (prefers-reduced-motion: reduce) { .tdl-card { animation: none; } }
h2 { font-size: 15px; margin: 0 0 2px; }
h3 { font-size: 12px; margin: 10px 0 4px; text-transform: uppercase; letter-spacing: 0.04em; color: #57606a; }
p { margin: 0 0 4px; }
ol, ul { margin: 0; padding-left: 18px; }
li { margin: 0 0 6px; }
a { color: #0b57d0; }
a:focus-visible { outline: 2px solid #0b57d0; outline-offset: 1px; }
.tdl-brand, .tdl-muted, .tdl-identity, .tdl-report-meta, .tdl-reason { color: #57606a; }
.tdl-brand { font-size: 11px; text-transform: uppercase; letter-spacing: 0.06em; }
.tdl-conflict { font-weight: 600; border: 1px dashed currentColor; border-radius: 4px; padding: 4px 8px; margin: 8px 0; }
.tdl-note-text { white-space: pre-wrap; margin: 4px 0; }
.tdl-other-lists ul { padding-left: 0; list-style: none; }
.tdl-status { padding: 4px 8px; border-radius: 4px; border-left: 4px solid; margin: 8px 0; }
.tdl-status-taken-down { background: #fce8e6; border-color: #c5221f; color: #8c1d18; }
.tdl-status-active { background: #e6f4ea; border-color: #137333; color: #0d5224; }
.tdl-status-unknown { background: #fef7e0; border-color: #8a6d00; color: #5c4700; }
.tdl-follow {
  display: block; box-sizing: border-box; width: 100%; min-height: 44px; margin: 10px 0 0; padding: 8px 12px;
  border: 1px solid #0b57d0; border-radius: 6px; background: #0b57d0; color: #ffffff; font: inherit; cursor: pointer;
}
.tdl-follow:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
/* Fingers, not a mouse: every link in the card is a 44 px target. */
@media (pointer: coarse) {
  li a { display: inline-block; min-height: 44px; line-height: 44px; }
}
@media (prefers-color-scheme: dark) {
  .tdl-follow { background: #8ab4f8; border-color: #8ab4f8; color: #1f2328; }
  .tdl-card { background: #1f2328; color: #e6edf3; border-color: #444c56; }
  h3, .tdl-brand, .tdl-muted, .tdl-identity, .tdl-report-meta, .tdl-reason { color: #a8b3bd; }
  a { color: #8ab4f8; }
  .tdl-status-taken-down { background: #3c1715; color: #f6b0aa; border-color: #f28b82; }
  .tdl-status-active { background: #11321c; color: #a8dab5; border-color: #81c995; }
  .tdl-status-unknown { background: #332a05; color: #f5d77b; border-color: #fdd663; }
}
`;
