import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { codesOfStatus, upgradeContact } from '../../shared/contacts';
import type { ReturnsContact } from '../../shared/returns/children-at-the-front-door';
import { OpsError, type Ops } from './commands';

/**
 * The contacts received between two instants, as the returns read them: only the children, the
 * referrer's agency type and organisation, the decisions and the open cases (a projection), so a
 * year of a regional hub's contacts fits in memory without their notifications' free text. A
 * return is made a few times a year, so a filtered scan of the table is what it costs; the
 * running system's reads are never part of it.
 */
export const contactsReceivedBetween = async (ops: Ops, from: string, to: string): Promise<ReturnsContact[]> => {
  const table = ops.deployment.outputs.ContactsTableName;
  if (!table)
    throw new OpsError(`${ops.deployment.description} has no output ContactsTableName: is it a Front Door stack?`);
  const db = DynamoDBDocumentClient.from(ops.dynamodb);
  const contacts: ReturnsContact[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'sk = :contact AND receivedAt BETWEEN :from AND :to',
        ProjectionExpression:
          'contactId, receivedAt, #status, decision, previousDecisions, notification.referrer.agencyType, notification.referrer.organisation, notification.children, recommendation.caseHolders',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':contact': 'CONTACT', ':from': from, ':to': to },
        ExclusiveStartKey,
      }),
    );
    contacts.push(...(page.Items ?? []).map(returnsContactFrom));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return contacts;
};

/** What the counting relies on in a projected item: checked, for a table may hold anything. */
const ProjectedContact = z.looseObject({
  contactId: z.string(),
  receivedAt: z.string(),
  status: z.enum(codesOfStatus),
  notification: z.looseObject({ referrer: z.looseObject({}), children: z.array(z.looseObject({})) }).optional(),
});
const isReturnsContact = (item: Record<string, unknown>): item is ReturnsContact =>
  ProjectedContact.safeParse(item).success;

/** A projected item as the returns read it: the projection's own type, not a whole Contact. */
export const returnsContactFrom = (item: Record<string, unknown>): ReturnsContact => {
  if (!isReturnsContact(item))
    throw new OpsError(`The contacts table holds an item that is not a contact: ${String(item.contactId)}`);
  // Contacts decided before decisions were per child are read as the same for every child.
  const { decision, previousDecisions } = upgradeContact(
    { decision: item.decision, previousDecisions: item.previousDecisions },
    item.notification?.children.length ?? 1,
  );
  return { ...item, decision, previousDecisions };
};
