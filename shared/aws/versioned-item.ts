import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Items that people edit (meetings and their records, allegations, handovers): created once, read
 * consistently, and changed only at the version read, so that two people editing at once cannot
 * overwrite each other's work.
 */
type Key = Record<string, string>;

/** Writes the item unless one is already stored under its key; a retried create leaves the first. */
export const putIfAbsent = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
): Promise<'created' | 'exists'> => {
  try {
    await db.send(
      new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return 'created';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'exists';
    throw error;
  }
};

export const getConsistent = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  key: Key,
): Promise<Record<string, unknown> | undefined> =>
  (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

/**
 * Sets `fields` (one set to undefined is removed, such as a clock that no longer runs) and bumps
 * the version, only if the item exists at `expectedVersion`; otherwise throws what `changed` makes.
 * Returns the item as written.
 */
export const updateAtVersion = async (
  db: DynamoDBDocumentClient,
  request: { tableName: string; key: Key; expectedVersion: number; fields: object; changed: () => Error },
): Promise<Record<string, unknown>> => {
  const { version: _version, ...fields } = request.fields as Record<string, unknown>;
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':expected': request.expectedVersion, ':one': 1 };
  const sets = ['#version = #version + :one'];
  const removes: string[] = [];
  Object.entries(fields).forEach(([field, value], i) => {
    names[`#f${i}`] = field;
    if (value === undefined) removes.push(`#f${i}`);
    else {
      values[`:v${i}`] = value;
      sets.push(`#f${i} = :v${i}`);
    }
  });
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: request.tableName,
        Key: request.key,
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes!;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw request.changed();
    throw error;
  }
};
