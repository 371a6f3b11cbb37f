import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { expiryAfter } from '../contacts';
import type { Consultation, ConsultationStore } from '../consultations/consultation';
import { putIfAbsent } from './versioned-item';
import { leanClient } from './lean-client';

/**
 * Consultations in the contacts table, one partition a month (pk CONSULTATION#<yyyy-mm>, sk
 * <recorded time>#<id>), so a period is read by its months and never by a scan. They expire
 * with the contacts' retention period.
 */
const month = (iso: string) => iso.slice(0, 7);

export class DynamoConsultationStore implements ConsultationStore {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = leanClient(new DynamoDBClient({})),
    private readonly retentionYears?: number,
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async add(consultation: Consultation): Promise<void> {
    // Recording the same consultation again (a retried request) leaves the first.
    await putIfAbsent(this.db, this.tableName, {
      pk: `CONSULTATION#${month(consultation.recordedAt)}`,
      sk: `${consultation.recordedAt}#${consultation.consultationId}`,
      ...consultation,
      ...(this.retentionYears && { expiresAt: expiryAfter(consultation.recordedAt, this.retentionYears) }),
    });
  }

  async listSince(since: string, now: Date): Promise<Consultation[]> {
    const until = now.toISOString();
    const months: string[] = [];
    for (
      let at = new Date(`${month(since)}-01T00:00:00Z`);
      month(at.toISOString()) <= month(until);
      at.setUTCMonth(at.getUTCMonth() + 1)
    )
      months.push(month(at.toISOString()));
    const found: Consultation[] = [];
    for (const m of months.reverse()) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await this.db.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :since AND :until',
            // Past any id recorded at `now` itself: the sort key is <recorded time>#<id>.
            ExpressionAttributeValues: { ':pk': `CONSULTATION#${m}`, ':since': since, ':until': `${until}#\uffff` },
            ScanIndexForward: false,
            ExclusiveStartKey,
          }),
        );
        for (const { pk: _pk, sk: _sk, expiresAt: _e, ...c } of page.Items ?? []) found.push(c as Consultation);
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }
    return found;
  }
}
