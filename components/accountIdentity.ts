// "WeChat · ID antminersale · Bitmain": an account's platform, handle and organisation on one line.
import { t } from '../extension/i18n';
import type { Account } from '../lib/dataset/schema';
import { PLATFORM_KEY } from '../lib/statusLabels';

/** `organisation` is the name of the organisation behind the account, where the dataset names one. */
export function accountIdentity(
  account: Pick<Account, 'platform' | 'handle'> & { organisation?: string | undefined },
): string {
  return [t(PLATFORM_KEY[account.platform]), account.handle && t('handleLabel', account.handle), account.organisation]
    .filter(Boolean)
    .join(' · ');
}
