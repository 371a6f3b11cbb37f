import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Contact } from '../contacts';
import type { Allegation } from '../lado/allegation';
import type { Archive } from '../reporting/extract';
import { toAllegation } from './dynamo-allegation-store';
import { toContact } from './dynamo-contact-store';
import { leanClient } from './lean-client';

/**
 * Every record of one kind in a table, for the analytics extract: a scan in parallel segments
 * keeping only the items whose sort key names the record (CONTACT, ALLEGATION), page by page. It
 * reads the whole table, audit trail and index items included, so it runs on a schedule and never
 * from a page.
 */
export class DynamoArchive<T> implements Archive<T> {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    private readonly sk: string,
    private readonly toItem: (item: Record<string, unknown>) => T,
    private readonly segments = 4,
    client: DynamoDBClient = leanClient(new DynamoDBClient({})),
  ) {
    this.db = DynamoDBDocumentClient.from(client);
  }

  async *pages(): AsyncIterable<T[]> {
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
              FilterExpression: 'sk = :sk',
              ExpressionAttributeValues: { ':sk': this.sk },
              ExclusiveStartKey: cursor,
            }),
          );
          cursors[segment] = page.LastEvaluatedKey ?? 'done';
          return (page.Items ?? []).map(this.toItem);
        }),
      );
      yield pages.flat();
    }
  }
}

export const dynamoContactArchive = (tableName: string, client?: DynamoDBClient): Archive<Contact> =>
  new DynamoArchive(tableName, 'CONTACT', toContact, 4, client);

export const dynamoAllegationArchive = (tableName: string, client?: DynamoDBClient): Archive<Allegation> =>
  new DynamoArchive(tableName, 'ALLEGATION', toAllegation, 4, client);
