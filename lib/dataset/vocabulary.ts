// The words of the dataset format (statuses, platforms, actions…), free of zod so the content script,
// popup and options can use them without loading the validator.

export const PRECISIONS = ['day', 'month', 'year'] as const;

export const PLATFORMS = [
  'wechat',
  'weibo',
  'twitter',
  'telegram',
  'facebook',
  'youtube',
  'website',
  'app',
  'other',
] as const;

export const STATUSES = ['blocked', 'suspended', 'restricted', 'deleted', 'active', 'unknown'] as const;

export const CATEGORIES = [
  'exchange',
  'media',
  'mining-hardware',
  'blockchain-project',
  'market-analysis',
  'political-commentary',
  'other',
] as const;

export const ACTIONS = [
  'blocked',
  'suspended',
  'restricted',
  'deleted',
  'closed',
  'reinstated',
  'reported-active',
  'policy',
] as const;

export const LINK_KINDS = ['domain', 'url-prefix', 'wechat-biz', 'wechat-original-id'] as const;

export const ORGANISATION_KINDS = [
  'exchange',
  'media-outlet',
  'company',
  'blockchain-project',
  'mining-hardware-maker',
  'person',
  'government-body',
  'other',
] as const;

export type Status = (typeof STATUSES)[number];
