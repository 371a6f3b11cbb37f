import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { RevokedSessions } from '../../shared/auth/session';
import { DynamoRevokedSessions } from '../../shared/aws/dynamo-revoked-sessions';
import { ttlAttributeOf, useDynalite } from '../support/dynalite';
import { memoryRevokedSessions } from '../support/memory-revoked-sessions';

/**
 * The same promises asked of the in-memory list of signed-out sessions the session tests use and
 * of the DynamoDB adapter on dynalite, in the contacts table as the stack defines it.
 */
const dynalite = useDynalite();
const until = new Date('2026-11-20T17:00:00.500Z');

describe.each([
  ['in memory', async (): Promise<RevokedSessions> => memoryRevokedSessions()],
  [
    'on DynamoDB',
    async (): Promise<RevokedSessions> => new DynamoRevokedSessions(await dynalite.contactsTable(), dynalite.client()),
  ],
])('the signed-out sessions %s', (_name, make) => {
  it('remember a signed-out session, twice as well as once, and no other', async () => {
    // Prepare
    const revoked = await make();

    // Act
    await revoked.revoke('session-1', until);
    await revoked.revoke('session-1', until);

    // Assess
    expect(await revoked.isRevoked('session-1')).toBe(true);
    expect(await revoked.isRevoked('session-2')).toBe(false);
  });
});

describe('the signed-out sessions on DynamoDB', () => {
  it('keep only the random id, until the session would have ended anyway', async () => {
    // Prepare
    const table = await dynalite.contactsTable();
    await new DynamoRevokedSessions(table, dynalite.client()).revoke('session-1', until);

    // Act
    const { Items } = await DynamoDBDocumentClient.from(dynalite.client()).send(new ScanCommand({ TableName: table }));

    // Assess
    expect(Items).toEqual([
      {
        pk: 'REVOKED_SESSION#session-1',
        sk: 'REVOKED',
        [ttlAttributeOf('contacts')!]: Date.parse('2026-11-20T17:00:01Z') / 1000,
      },
    ]);
  });
});
