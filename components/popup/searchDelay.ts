/** How long the popup waits after a keystroke before it searches (the bench subtracts it from its figures). */
export const SEARCH_DELAY_MS = 120;
