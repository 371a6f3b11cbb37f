import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoReferrerAddresses } from '../../shared/aws/dynamo-referrer-addresses';
import type { AddressConfirmations } from '../../shared/front-door/reindex';
import type { ReferrerAddresses } from '../../shared/referrer/ports';
import { ttlAttributeOf, useDynalite } from '../support/dynalite';
import { memoryReferrerAddresses } from '../support/memory-referrer-addresses';

/**
 * The same promises asked of the in-memory confirmed addresses the use-case tests use and of the
 * DynamoDB adapter on dynalite, in the contacts table as the stack defines it: offers found by
 * their token's hash, confirmations by the address's, and a confirmation moved whole.
 */
const dynalite = useDynalite();
const offer = { addressHash: 'address-1', contactId: 'contact-1', validUntil: '2026-12-08T10:00:00.000Z' };

describe.each([
  ['in memory', async (): Promise<ReferrerAddresses & AddressConfirmations> => memoryReferrerAddresses().addresses],
  [
    'on DynamoDB',
    async (): Promise<ReferrerAddresses & AddressConfirmations> =>
      new DynamoReferrerAddresses(await dynalite.contactsTable(), dynalite.client()),
  ],
])('the confirmed referrer addresses %s', (_name, make) => {
  it('find an offer by its token, twice as well as once, and no other', async () => {
    // Prepare
    const addresses = await make();

    // Act
    await addresses.offer('token-1', offer);
    await addresses.offer('token-1', offer);

    // Assess
    expect(await addresses.findOffer('token-1')).toEqual(offer);
    expect(await addresses.findOffer('token-2')).toBeUndefined();
    expect(await addresses.isConfirmed('address-1')).toBe(false);
  });

  it('know an address once confirmed, and no other', async () => {
    // Prepare
    const addresses = await make();

    // Act
    await addresses.confirm('address-1', '2026-12-01T10:00:00.000Z');

    // Assess
    expect(await addresses.isConfirmed('address-1')).toBe(true);
    expect(await addresses.isConfirmed('address-2')).toBe(false);
  });

  it('move a confirmation to a new hash, and say when there was none to move', async () => {
    // Prepare
    const addresses = await make();
    await addresses.confirm('old-hash', '2026-12-01T10:00:00.000Z');

    // Act
    const moved = await addresses.moveConfirmation('old-hash', 'new-hash');
    const again = await addresses.moveConfirmation('old-hash', 'new-hash');

    // Assess
    expect([moved, again]).toEqual([true, false]);
    expect(await addresses.isConfirmed('old-hash')).toBe(false);
    expect(await addresses.isConfirmed('new-hash')).toBe(true);
  });
});

describe('the confirmed referrer addresses on DynamoDB', () => {
  it('keep a moved confirmation’s date and expiry, and expire an offer when its link does', async () => {
    // Prepare
    const table = await dynalite.contactsTable();
    const addresses = new DynamoReferrerAddresses(table, dynalite.client(), 6);
    const db = DynamoDBDocumentClient.from(dynalite.client());
    const item = async (pk: string, sk: string) =>
      (await db.send(new GetCommand({ TableName: table, Key: { pk, sk } }))).Item;
    const ttl = ttlAttributeOf('contacts')!;
    await addresses.confirm('old-hash', '2026-12-01T10:00:00.000Z');
    await addresses.offer('token-1', offer);

    // Act
    await addresses.moveConfirmation('old-hash', 'new-hash');

    // Assess: six years of 365 days after the confirmation, as the contacts' retention counts them.
    expect(await item('REFERRER#new-hash', 'CONFIRMED')).toEqual({
      pk: 'REFERRER#new-hash',
      sk: 'CONFIRMED',
      confirmedAt: '2026-12-01T10:00:00.000Z',
      [ttl]: Date.parse('2026-12-01T10:00:00.000Z') / 1000 + 6 * 365 * 86_400,
    });
    expect(await item('ADDRESSCONFIRM#token-1', 'OFFER')).toMatchObject({
      [ttl]: Date.parse(offer.validUntil) / 1000,
    });
  });
});
