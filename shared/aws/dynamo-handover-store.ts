import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { expiryAfter } from '../contacts';
import type { Handover, HandoverStatus, HandoverTeam } from '../handovers/handover';
import { HandoverMoved, type HandoverStore } from '../handovers/ports';
import { handoverFrom } from '../handovers/stored-handover';
import { STATUS_INDEX } from './dynamo-contact-store';
import { getConsistent, putIfAbsent } from './versioned-item';
import { leanClient } from './lean-client';

/**
 * Handovers in the contacts table, beside their contact (pk CONTACT#<id>, sk HANDOVER#<id>), so
 * they are kept and deleted with it. The status index lists a team's handovers in one status
 * (gsi1pk HANDOVER#<team>#<status>, newest status change last); moving a handover rewrites that
 * key in the same conditional write, so the lists never disagree with the handover.
 */
const key = (contactId: string, handoverId: string) => ({ pk: `CONTACT#${contactId}`, sk: `HANDOVER#${handoverId}` });
const listKeys = (h: Pick<Handover, 'team' | 'status' | 'statusAt'>) => ({
  gsi1pk: `HANDOVER#${h.team}#${h.status}`,
  gsi1sk: h.statusAt,
});

const toHandover = ({
  pk: _pk,
  sk: _sk,
  gsi1pk: _g1,
  gsi1sk: _g2,
  expiresAt: _e,
  ...handover
}: Record<string, unknown>): Handover => handoverFrom(handover);

export class DynamoHandoverStore implements HandoverStore {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = leanClient(new DynamoDBClient({})),
    /** Years handovers are kept, as their contacts are; without it they never expire. */
    private readonly retentionYears?: number,
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async add(handovers: Handover[]): Promise<void> {
    for (const handover of handovers) {
      await putIfAbsent(this.db, this.tableName, {
        ...key(handover.contactId, handover.handoverId),
        ...listKeys(handover),
        ...handover,
        ...(this.retentionYears && { expiresAt: expiryAfter(handover.sentAt, this.retentionYears) }),
      });
    }
  }

  async get(contactId: string, handoverId: string): Promise<Handover | undefined> {
    const item = await getConsistent(this.db, this.tableName, key(contactId, handoverId));
    return item ? toHandover(item) : undefined;
  }

  async listForContact(contactId: string): Promise<Handover[]> {
    return this.all({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :handover)',
      ExpressionAttributeValues: { ':pk': `CONTACT#${contactId}`, ':handover': 'HANDOVER#' },
    });
  }

  async listByTeam(team: HandoverTeam, status: HandoverStatus, since?: string): Promise<Handover[]> {
    return this.all({
      TableName: this.tableName,
      IndexName: STATUS_INDEX,
      KeyConditionExpression: `gsi1pk = :list${since ? ' AND gsi1sk >= :since' : ''}`,
      ExpressionAttributeValues: { ':list': `HANDOVER#${team}#${status}`, ...(since && { ':since': since }) },
      ScanIndexForward: false,
    });
  }

  async move(
    contactId: string,
    handoverId: string,
    from: HandoverStatus,
    changes: Partial<Handover> & { status: HandoverStatus; statusAt: string },
  ): Promise<Handover> {
    const current = await this.get(contactId, handoverId);
    if (!current || current.status !== from) throw new HandoverMoved(current);
    const fields = Object.entries({ ...changes, ...listKeys({ ...current, ...changes }) }).filter(
      ([, value]) => value !== undefined,
    );
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(contactId, handoverId),
          UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
          ConditionExpression: '#status = :from',
          ExpressionAttributeNames: {
            '#status': 'status',
            ...Object.fromEntries(fields.map(([name], i) => [`#f${i}`, name])),
          },
          ExpressionAttributeValues: {
            ':from': from,
            ...Object.fromEntries(fields.map(([, value], i) => [`:v${i}`, value])),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toHandover(Attributes!);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new HandoverMoved(await this.get(contactId, handoverId));
      throw error;
    }
  }

  private async all(query: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Handover[]> {
    const handovers: Handover[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({ ...query, ExclusiveStartKey }));
      handovers.push(...(page.Items ?? []).map(toHandover));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return handovers;
  }
}
