import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoArchive } from '../../shared/aws/dynamo-archive';
import { useDynalite } from '../support/dynalite';

/**
 * The DynamoDB archive the analytics extract reads (the extract's own tests hand it pages from
 * memory, test/reporting/extract.test.ts): every record of one kind exactly once, across its
 * parallel segments and past DynamoDB's 1 MB page, and none of the audit trail or index items
 * that share the table.
 */
const dynalite = useDynalite();

describe('the DynamoDB archive', () => {
  it('hands out every record of its kind once, past a 1 MB page, and nothing else in the table', async () => {
    // Prepare: ~3 MB of contacts, over two parallel segments, each beside an audit event.
    const table = await dynalite.contactsTable();
    const db = DynamoDBDocumentClient.from(dynalite.client());
    const ids = Array.from({ length: 30 }, (_, i) => `01j${String(i).padStart(23, '0')}`);
    for (const contactId of ids) {
      await db.send(
        new PutCommand({
          TableName: table,
          Item: { pk: `CONTACT#${contactId}`, sk: 'CONTACT', contactId, notes: 'n'.repeat(100_000) },
        }),
      );
      await db.send(
        new PutCommand({ TableName: table, Item: { pk: `CONTACT#${contactId}`, sk: 'EVENT#1', contactId: 'event' } }),
      );
    }
    const archive = new DynamoArchive(table, 'CONTACT', (item) => String(item.contactId), 2, dynalite.client());

    // Act
    const pages: string[][] = [];
    for await (const page of archive.pages()) pages.push(page);

    // Assess
    expect(pages.flat().sort()).toEqual(ids);
    expect(pages.length).toBeGreaterThan(1);
  });
});
