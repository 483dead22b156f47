// The popup opens My list's forms in the options page: options.html#mine-track=<name> ("Track an account" on a
// search with no result, the name filled in) and #mine-edit=<id> ("Edit" on an account of My list). Pure.
import { splitQualified, MY_LIST } from './listIds';

export type MyListFormRequest = { kind: 'account'; id?: string; name?: string };

export const trackFragment = (name: string) => `mine-track=${encodeURIComponent(name.slice(0, 200))}`;
export const editFragment = (qualifiedId: string) => `mine-edit=${encodeURIComponent(qualifiedId)}`;

/** The form an options page address asks for; null when it asks for none (or for a record not in My list). */
export function myListFormRequest(hash: string): MyListFormRequest | null {
  const match = /^#?mine-(track|edit)=(.*)$/.exec(hash);
  if (!match) return null;
  let value: string;
  try {
    value = decodeURIComponent(match[2]!);
  } catch {
    return null;
  }
  if (match[1] === 'track') return { kind: 'account', name: value.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 200) };
  const split = splitQualified(value);
  return split?.list === MY_LIST ? { kind: 'account', id: split.id } : null;
}
