import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Contact } from '../contacts';
import type { ContactArchive } from '../reporting/extract';
import { toContact } from './dynamo-contact-store';

/**
 * Every contact in the contacts table, for the analytics extract: a scan in parallel segments
 * keeping only contact items (sk CONTACT), page by page. It reads the whole table, audit trail
 * and index items included, so it runs on a schedule and never from a page.
 */
export class DynamoContactArchive implements ContactArchive {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    private readonly segments = 4,
    client: DynamoDBClient = new DynamoDBClient({}),
  ) {
    this.db = DynamoDBDocumentClient.from(client);
  }

  async *pages(): AsyncIterable<Contact[]> {
    const cursors: (Record<string, unknown> | undefined | 'done')[] = Array.from(
      { length: this.segments },
      () => undefined,
    );
    while (cursors.some((c) => c !== 'done')) {
      const pages = await Promise.all(
        cursors.map(async (cursor, segment) => {
          if (cursor === 'done') return [];
          const page = await this.db.send(
            new ScanCommand({
              TableName: this.tableName,
              Segment: segment,
              TotalSegments: this.segments,
              FilterExpression: 'sk = :contact',
              ExpressionAttributeValues: { ':contact': 'CONTACT' },
              ExclusiveStartKey: cursor,
            }),
          );
          cursors[segment] = page.LastEvaluatedKey ?? 'done';
          return (page.Items ?? []).map(toContact);
        }),
      );
      yield pages.flat();
    }
  }
}
