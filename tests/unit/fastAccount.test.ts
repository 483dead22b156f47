// The accounts' fast path: whatever it accepts, the schema accepts and returns exactly the same (fields, values and
// their order); it takes the plain accounts a large list is made of; the rest goes to the schema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../bench/syntheticDataset';
import { fastAccount } from '../../lib/dataset/fastAccount';
import { datasetSchemas } from '../../lib/dataset/schema';
import { bundledCopy } from './datasetFixtures';

/** The fast path agrees with the schema: it accepts only what the schema returns, and returns the same. */
function expectAgrees(value: unknown): boolean {
  const quick = fastAccount(value);
  if (!quick) return false;
  const checked = datasetSchemas().account.safeParse(value);
  expect(checked.success).toBe(true);
  expect(JSON.stringify(quick)).toBe(JSON.stringify(checked.data));
  expect(quick).toStrictEqual(checked.data);
  // Kept as it is (a list file just parsed): what it returns is still what the schema returns.
  const owned = structuredClone(value);
  const kept = fastAccount(owned, true);
  expect(JSON.stringify(kept)).toBe(JSON.stringify(checked.data));
  expect(kept).toStrictEqual(checked.data);
  return true;
}

const bundledAccounts = () => (bundledCopy().accounts as Array<Record<string, unknown>>).map((a) => structuredClone(a));

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('the', ' padded ', '\u200B', '\u202Eevil', 'a\u0000b', '\uD800', '@', '@x', 'gh_0123456789ab'),
  fc.constantFrom('MzA0000001==', 'example.com', 'EXAMPLE.com', 'zh-Hans', 'en', 'wechat', 'blocked', 'media'),
  // Names an object's prototype answers to: a lookup table must not.
  fc.constantFrom('toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf'),
  fc.jsonValue(),
  fc.constant(undefined),
);

const FIELDS = ['id', 'platform', 'name', 'nameNeedsContext', 'aliases', 'handle', 'organisationId', 'category'];
const MORE_FIELDS = ['status', 'links', 'notes', 'statusSince', 'extra', '__proto__'];

describe('the accounts’ fast path', () => {
  it('takes every account of a generated large list, as the schema returns it', () => {
    const { dataset } = syntheticDataset(2_000);
    for (const generated of dataset.accounts) expect(expectAgrees(generated)).toBe(true);
  });

  it('takes the bundled accounts (notes, dates and organisations), as the schema returns them', () => {
    for (const bundled of bundledAccounts()) expect(expectAgrees(bundled)).toBe(true);
  });

  it('never accepts what the schema refuses when one field, alias or link is replaced', () => {
    const accounts = [...bundledAccounts(), ...syntheticDataset(20).dataset.accounts] as Array<Record<string, any>>;
    fc.assert(
      fc.property(
        fc.nat({ max: accounts.length - 1 }),
        fc.constantFrom(
          ...FIELDS,
          ...MORE_FIELDS,
          'alias.text',
          'alias.lang',
          'alias.x',
          'link.value',
          'link.kind',
          'date.value',
          'date.precision',
          'date.qualifier',
          'date.note',
          'date.x',
        ),
        hostile,
        (index, field, value) => {
          const changed = structuredClone(accounts[index]!);
          if (field === '__proto__') Object.defineProperty(changed, '__proto__', { value, enumerable: true });
          else if (field.startsWith('alias.')) changed.aliases = [{ text: 'Some Name', [field.slice(6)]: value }];
          else if (field.startsWith('date.')) {
            changed.statusSince = { value: '2018-03', precision: 'month', [field.slice(5)]: value };
          } else if (field.startsWith('link.')) {
            changed.links = [{ kind: 'wechat-biz', value: 'MzA0000001==', [field.slice(5)]: value }];
          } else changed[field] = value;
          expectAgrees(changed);
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('keeps a value it owns when it already is what the schema returns, and copies it where it is not', () => {
    // A generated list is written in the schema's order: every account is kept. The bundled file orders some
    // fields otherwise: those are copied, in the schema's order.
    const generated = JSON.parse(JSON.stringify(syntheticDataset(200).dataset.accounts)) as Array<Record<string, any>>;
    for (const account of [...generated, ...bundledAccounts()]) {
      const kept = fastAccount(account, true);
      expect(JSON.stringify(kept)).toBe(JSON.stringify(datasetSchemas().account.parse(account)));
      expect(fastAccount(account)).not.toBe(account);
    }
    for (const account of generated) expect(fastAccount(account, true)).toBe(account);
    const accounts = generated;
    const [first] = accounts;
    const { id, ...rest } = first!;
    const reordered = { ...rest, id };
    const swappedAlias = { ...first, aliases: [{ lang: 'en', text: 'Some Name' }] };
    const noAliases = { ...first };
    delete noAliases.aliases;
    for (const value of [reordered, swappedAlias, noAliases]) {
      const kept = fastAccount(value, true);
      expect(kept).not.toBe(value);
      expect(JSON.stringify(kept)).toBe(JSON.stringify(datasetSchemas().account.parse(value)));
    }
    expect(fastAccount(swappedAlias, true)!.aliases).not.toBe(swappedAlias.aliases);
  });

  it('leaves to the schema what it cannot see is valid: not an object, unknown fields, padded names', () => {
    const [first] = syntheticDataset(1).dataset.accounts;
    for (const value of [
      null,
      [],
      'x',
      { ...first, extra: 1 },
      { ...first, name: ' Padded ' },
      Object.create(first!),
    ]) {
      expect(fastAccount(value)).toBeNull();
    }
  });

  it('leaves a link whose kind is a name an object answers to ("toString") to the schema, which refuses it', () => {
    const [first] = syntheticDataset(1).dataset.accounts;
    for (const kind of ['toString', '__proto__', 'constructor', 'valueOf']) {
      const hostile = { ...first, links: [{ kind, value: 'MzA0000001==' }] };
      expect(fastAccount(hostile)).toBeNull();
      expect(datasetSchemas().account.safeParse(hostile).success).toBe(false);
    }
  });
});
