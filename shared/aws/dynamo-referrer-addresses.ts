import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AddressConfirmationOffer, ReferrerAddresses } from '../referrer/ports';
import type { AddressConfirmations } from '../front-door/reindex';
import { leanClient } from './lean-client';

/**
 * Confirmed referrer addresses and confirmation links in the contacts table, by hash only:
 *  - pk REFERRER#<hashed address>, sk CONFIRMED: the address was proven by a link sent to it;
 *    kept for `retentionYears` after the last confirmation (time to live), like the contacts.
 *  - pk ADDRESSCONFIRM#<hashed token>, sk OFFER: what a confirmation link confirms, until it expires.
 */
const YEAR_SECONDS = 365 * 86_400;

export class DynamoReferrerAddresses implements ReferrerAddresses, AddressConfirmations {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = leanClient(new DynamoDBClient({})),
    private readonly retentionYears = 6,
  ) {
    this.db = DynamoDBDocumentClient.from(client);
  }

  async isConfirmed(addressHash: string): Promise<boolean> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `REFERRER#${addressHash}`, sk: 'CONFIRMED' } }),
    );
    return Boolean(Item);
  }

  async offer(tokenHash: string, offer: AddressConfirmationOffer): Promise<void> {
    const { addressHash, contactId, validUntil } = offer;
    const expiresAt = Math.floor(Date.parse(validUntil) / 1000);
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `ADDRESSCONFIRM#${tokenHash}`, sk: 'OFFER', addressHash, contactId, validUntil, expiresAt },
      }),
    );
  }

  async findOffer(tokenHash: string): Promise<AddressConfirmationOffer | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `ADDRESSCONFIRM#${tokenHash}`, sk: 'OFFER' },
        ConsistentRead: true,
      }),
    );
    return Item ? { addressHash: Item.addressHash, contactId: Item.contactId, validUntil: Item.validUntil } : undefined;
  }

  async confirm(addressHash: string, at: string): Promise<void> {
    const expiresAt = Math.floor(Date.parse(at) / 1000) + this.retentionYears * YEAR_SECONDS;
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `REFERRER#${addressHash}`, sk: 'CONFIRMED', confirmedAt: at, expiresAt },
      }),
    );
  }

  async moveConfirmation(from: string, to: string): Promise<boolean> {
    const key = { pk: `REFERRER#${from}`, sk: 'CONFIRMED' };
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    if (!Item) return false;
    // Written before the old one goes, with its date and expiry: the address stays confirmed throughout.
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...Item, pk: `REFERRER#${to}` } }));
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: key }));
    return true;
  }
}
