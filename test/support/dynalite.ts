import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createTableInput, type TableProperties } from '../../infra/local/resources';
import { stackTemplate } from './stack-template';

/**
 * A dynalite server for one test file's contract tests, started before its tests and stopped
 * after, and tables created as the synthesised stack defines them (the same conversion the local
 * runtime uses), so an adapter is tested against the keys and indexes it will have in AWS.
 */
export const useDynalite = () => {
  let server: ReturnType<typeof dynalite> | undefined;
  let client: DynamoDBClient | undefined;
  let tables = 0;
  beforeAll(async () => {
    server = dynalite({ createTableMs: 0 });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
  });
  afterAll(async () => {
    client?.destroy();
    await new Promise((resolve) => server?.close(resolve));
  });
  return {
    client: () => client!,
    /** A fresh, empty copy of the contacts table (the one with the status and key indexes). */
    contactsTable: async (): Promise<string> => {
      const TableName = `contacts-${++tables}`;
      await client!.send(new CreateTableCommand(createTableInput(TableName, contactsTableProperties())));
      return TableName;
    },
  };
};

let contactsProperties: TableProperties | undefined;
const contactsTableProperties = (): TableProperties => {
  contactsProperties ??= Object.values(
    stackTemplate().Resources as Record<
      string,
      { Type: string; Properties: TableProperties & Record<string, unknown> }
    >,
  ).find((r) => r.Type === 'AWS::DynamoDB::GlobalTable' && r.Properties.GlobalSecondaryIndexes)!.Properties;
  return contactsProperties;
};
