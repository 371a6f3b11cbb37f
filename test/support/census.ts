/**
 * Where every contact of a run is: counts by status from the table, and acknowledgements from
 * the local mailbox. The burst and restart tests and `npm run bench:pipeline` judge a run by it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandInput,
  type BatchGetCommandOutput,
  DynamoDBDocumentClient,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { contactKey, STATUS_INDEX } from '../../shared/aws/dynamo-contact-store';
import type { RunningLocalSystem } from './local-system';

export interface Census {
  byStatus: Record<string, number>;
  /** Contacts past triage whose referrer has no acknowledgement in the mailbox. */
  unacknowledged: number;
  /** Contacts whose acknowledgement is still recorded as pending. */
  acknowledgementPending: number;
  /** References acknowledged more than once. */
  duplicatedAcknowledgements: number;
  total: number;
  /** Still received or triaging. */
  unfinished: number;
  /**
   * With `readByKey`: contacts whose consistent read by key gave an older version than the scan
   * found, or none at all. The use cases read a contact by key (GetItem, or a Query of its
   * partition), so a store answering so would have them act on a contact as it was.
   */
  staleReads?: number;
}

const UNFINISHED = ['received', 'triaging'];

export async function census(
  system: RunningLocalSystem,
  options: { since?: string; readByKey?: boolean } = {},
): Promise<Census> {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(system.clientConfig('dynamodb')));
  const byStatus: Record<string, number> = {};
  const pastTriage = new Set<string>();
  let acknowledgementPending = 0;
  const versions = new Map<string, number | undefined>();
  let staleReads: number | undefined;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  try {
    do {
      const page = await db.send(
        new ScanCommand({
          TableName: system.endpoints.outputs.ContactsTableName!,
          ExclusiveStartKey,
          FilterExpression: 'sk = :contact AND receivedAt >= :since',
          ExpressionAttributeValues: { ':contact': 'CONTACT', ':since': options.since ?? '' },
          ProjectionExpression: 'contactId, version, #status, #reference, acknowledgement',
          ExpressionAttributeNames: { '#status': 'status', '#reference': 'reference' },
        }),
      );
      for (const item of page.Items ?? []) {
        const status = item.status as string;
        byStatus[status] = (byStatus[status] ?? 0) + 1;
        if (!UNFINISHED.includes(status) && status !== 'triage-failed') pastTriage.add(item.reference as string);
        if (item.acknowledgement?.status === 'pending') acknowledgementPending += 1;
        versions.set(item.contactId as string, item.version as number | undefined);
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    if (options.readByKey)
      staleReads = await countStaleReads(db, system.endpoints.outputs.ContactsTableName!, versions);
  } finally {
    db.destroy();
  }
  const acknowledgements = new Map<string, number>();
  for (const email of await system.mailbox()) {
    const reference = /We have received your notification (CFC-[A-Z0-9-]+)/.exec(email.subject)?.[1];
    if (reference) acknowledgements.set(reference, (acknowledgements.get(reference) ?? 0) + 1);
  }
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return {
    byStatus,
    unacknowledged: [...pastTriage].filter((r) => !acknowledgements.has(r)).length,
    acknowledgementPending,
    duplicatedAcknowledgements: [...acknowledgements.values()].filter((n) => n > 1).length,
    total,
    unfinished: UNFINISHED.reduce((sum, s) => sum + (byStatus[s] ?? 0), 0),
    ...(staleReads === undefined ? {} : { staleReads }),
  };
}

/**
 * Reads each contact by key, 100 at a time, and counts those older than the scan found them or
 * missing (a contact has no version until its first update: none counts as 0).
 */
async function countStaleReads(
  db: DynamoDBDocumentClient,
  TableName: string,
  versions: ReadonlyMap<string, number | undefined>,
): Promise<number> {
  const contactIds = [...versions.keys()];
  let stale = 0;
  for (let start = 0; start < contactIds.length; start += 100) {
    const batch = contactIds.slice(start, start + 100);
    const read = new Map<string, number>();
    let RequestItems: BatchGetCommandInput['RequestItems'] = {
      [TableName]: {
        Keys: batch.map(contactKey),
        ProjectionExpression: 'contactId, version',
        ConsistentRead: true,
      },
    };
    while (RequestItems && Object.keys(RequestItems).length) {
      const page: BatchGetCommandOutput = await db.send(new BatchGetCommand({ RequestItems }));
      for (const item of page.Responses?.[TableName] ?? [])
        read.set(item.contactId as string, (item.version as number) ?? 0);
      RequestItems = page.UnprocessedKeys;
    }
    stale += batch.filter((contactId) => (read.get(contactId) ?? -1) < (versions.get(contactId) ?? 0)).length;
  }
  return stale;
}

/**
 * How many contacts are in each status, counted on the table's status index: a query per status
 * that reads only those contacts' index entries, so a benchmark can poll it while a burst drains
 * without a scan of the whole table and mailbox each time competing with the pipeline.
 */
export async function countByStatus(
  system: RunningLocalSystem,
  statuses: readonly string[],
): Promise<Record<string, number>> {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(system.clientConfig('dynamodb')));
  const counts: Record<string, number> = {};
  try {
    for (const status of statuses) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      counts[status] = 0;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: system.endpoints.outputs.ContactsTableName!,
            IndexName: STATUS_INDEX,
            KeyConditionExpression: 'gsi1pk = :status',
            ExpressionAttributeValues: { ':status': `STATUS#${status}` },
            Select: 'COUNT',
            ExclusiveStartKey,
          }),
        );
        counts[status] += page.Count ?? 0;
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }
  } finally {
    db.destroy();
  }
  return counts;
}
