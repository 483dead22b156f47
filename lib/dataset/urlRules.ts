// What a URL in a dataset (or a refresh address) may be, beyond its scheme: well formed, and without a user name or
// password, which would be shown to readers, echoed in errors and stored.

/** Why a URL cannot be used; null when it can. Call after the length and scheme checks. */
export function urlProblem(value: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return 'is not a well-formed URL';
  }
  if (parsed.username || parsed.password) return 'must not contain a user name or password';
  return null;
}
