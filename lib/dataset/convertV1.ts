// Schema version 1 to version 2, for v1 files, refresh URLs that still serve v1, and datasets stored by older
// versions of the extension. Version 1 had no organisations: an account named its organisation in a string, and a
// link to a domain counted as the account. Version 2 makes each named organisation a record of its own, and moves
// domains to the organisation as its official websites (an account of a website platform keeps its domain).
import type { DatasetInput, Organisation } from './schema';
import type { AccountV1, DatasetV1 } from './schemaV1';

const KIND_OF_CATEGORY: Record<AccountV1['category'], Organisation['kind']> = {
  exchange: 'exchange',
  media: 'media-outlet',
  'mining-hardware': 'mining-hardware-maker',
  'blockchain-project': 'blockchain-project',
  'market-analysis': 'other',
  'political-commentary': 'other',
  other: 'other',
};

function slug(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

export function convertV1(v1: DatasetV1): DatasetInput {
  const organisations: Array<Organisation & { websites: Array<{ domain: string; editorial?: boolean }> }> = [];
  const byName = new Map<string, (typeof organisations)[number]>();
  const usedIds = new Set<string>();
  const organisationFor = (name: string, account: AccountV1) => {
    let found = byName.get(name);
    if (!found) {
      let id = slug(name) || 'organisation';
      for (let n = 2; usedIds.has(id); n++) id = `${slug(name) || 'organisation'}-${n}`;
      usedIds.add(id);
      found = { id, name, aliases: [], kind: KIND_OF_CATEGORY[account.category], websites: [] };
      byName.set(name, found);
      organisations.push(found);
    }
    return found;
  };

  const accounts = v1.accounts.map((account) => {
    const { organisation: organisationName, links, ...rest } = account;
    const domains =
      account.platform === 'website'
        ? []
        : links.filter((link): link is Extract<typeof link, { kind: 'domain' }> => link.kind === 'domain');
    const owner =
      organisationName !== undefined
        ? organisationFor(organisationName, account)
        : domains.length > 0
          ? organisationFor(account.name, account)
          : undefined;
    for (const link of domains) {
      if (!owner!.websites.some((site) => site.domain === link.value)) {
        owner!.websites.push({ domain: link.value, ...(link.editorial ? { editorial: true } : {}) });
      }
    }
    return {
      ...rest,
      ...(owner ? { organisationId: owner.id } : {}),
      links: links.filter((link) => link.kind !== 'domain' || account.platform === 'website'),
    };
  });

  const { $schema: _schema, schemaVersion: _version, ...head } = v1;
  return { ...head, schemaVersion: 2, organisations, accounts };
}
