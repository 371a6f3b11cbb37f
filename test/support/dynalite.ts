import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createTable as createStackTable, type TableProperties } from '../../infra/local/resources';
import { reachInProcess } from './in-process';
import { stackTemplate } from './stack-template';

/**
 * A dynalite server for one test file's contract tests, started before its tests and stopped
 * after, and tables created as the synthesised stack defines them (the same conversion the local
 * runtime uses), so an adapter is tested against the keys and indexes it will have in AWS. The
 * SDK reaches it as the local system's handlers reach theirs, in process (see reachInProcess).
 */
export const useDynalite = () => {
  let server: ReturnType<typeof dynalite> | undefined;
  let client: DynamoDBClient | undefined;
  let endpoint: string | undefined;
  let tables = 0;
  beforeAll(async () => {
    server = dynalite({ createTableMs: 0 });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    reachInProcess(server);
    const { port } = server.address() as AddressInfo;
    endpoint = `http://127.0.0.1:${port}`;
    client = new DynamoDBClient({
      endpoint,
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
    /** Where dynalite listens, for a client the code under test makes itself. */
    endpoint: () => endpoint!,
    /** A fresh, empty copy of the contacts table (the one with the status and key indexes). */
    contactsTable: (): Promise<string> => createTable('contacts'),
    /** A fresh, empty copy of one of the stack's other tables. */
    table: (table: StackTable): Promise<string> => createTable(table),
  };

  async function createTable(table: StackTable): Promise<string> {
    const TableName = `${table}-${++tables}`;
    await createStackTable(client!, TableName, tableProperties(table));
    return TableName;
  }
};

/** The stack's tables, by the start of their logical ids in the template. */
const STACK_TABLES = {
  contacts: 'TablesContacts',
  sentEmails: 'TablesSentEmails',
  caseRegistry: 'CaseRegistryCases',
  allegations: 'AllegationsTable',
} as const;
export type StackTable = keyof typeof STACK_TABLES;

type StackTableProperties = TableProperties & { TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean } };
const properties = new Map<StackTable, StackTableProperties>();
const tableProperties = (table: StackTable): StackTableProperties => {
  if (!properties.has(table)) {
    const [, resource] = Object.entries(
      stackTemplate().Resources as Record<string, { Type: string; Properties: StackTableProperties }>,
    ).find(([id, r]) => r.Type === 'AWS::DynamoDB::GlobalTable' && id.startsWith(STACK_TABLES[table]))!;
    properties.set(table, resource.Properties);
  }
  return properties.get(table)!;
};

/**
 * The attribute the stack tells DynamoDB's time to live to act on for a table (dynalite has no
 * TTL, so a contract test checks that an adapter writes this attribute, in epoch seconds).
 */
export const ttlAttributeOf = (table: StackTable): string | undefined => {
  const ttl = tableProperties(table).TimeToLiveSpecification;
  return ttl?.Enabled ? ttl.AttributeName : undefined;
};
