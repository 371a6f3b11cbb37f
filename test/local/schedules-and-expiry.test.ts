import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { parseRate } from '../../infra/local/schedules';
import { startLocalSystem, type RunningLocalSystem } from '../support/local-system';
import { waitFor } from '../support/wait';

/** A template with what dynalite and the emulators lack natively: a schedule and a table with a TTL. */
const template = {
  Resources: {
    Items: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      },
    },
    Tick: {
      Type: 'AWS::Lambda::Function',
      Metadata: { 'FrontDoor:Entry': 'test/fixtures/scheduled/tick.ts', 'FrontDoor:Export': 'handler' },
      Properties: {
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Timeout: 5,
        Environment: { Variables: { TABLE_NAME: { Ref: 'Items' } } },
      },
    },
    EveryDay: {
      Type: 'AWS::Events::Rule',
      Properties: {
        ScheduleExpression: 'rate(1 day)',
        State: 'ENABLED',
        Targets: [{ Arn: { 'Fn::GetAtt': ['Tick', 'Arn'] }, Id: 'Target0' }],
      },
    },
  },
};

describe('local stand-ins for EventBridge schedules and DynamoDB TTL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'front-door-schedules-'));
  let system: RunningLocalSystem;
  let db: DynamoDBClient;

  beforeAll(async () => {
    const file = join(dir, 'template.json');
    writeFileSync(file, JSON.stringify(template));
    process.env.FRONT_DOOR_SCHEDULE_SECONDS = '1';
    process.env.FRONT_DOOR_TTL_SWEEP_SECONDS = '1';
    try {
      system = await startLocalSystem({ template: file });
    } finally {
      delete process.env.FRONT_DOOR_SCHEDULE_SECONDS;
      delete process.env.FRONT_DOOR_TTL_SWEEP_SECONDS;
    }
    db = new DynamoDBClient(system.clientConfig('dynamodb'));
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('reads rate() expressions', () => {
    expect(parseRate('rate(5 minutes)')).toBe(300_000);
    expect(parseRate('rate(1 day)')).toBe(86_400_000);
    expect(parseRate('cron(0 7 * * ? *)')).toBeUndefined();
  });

  it('runs a scheduled function with a Scheduled Event', async () => {
    await waitFor(async () => (/λ Tick \S+ ok/.test(system.output()) ? true : undefined), 'a scheduled run of Tick');
  });

  it('deletes items whose time to live has passed and keeps the rest', async () => {
    const epoch = (offsetSeconds: number) => String(Math.floor(Date.now() / 1000) + offsetSeconds);
    await db.send(
      new PutItemCommand({ TableName: 'Items', Item: { pk: { S: 'expired' }, expiresAt: { N: epoch(-60) } } }),
    );
    await db.send(
      new PutItemCommand({ TableName: 'Items', Item: { pk: { S: 'kept' }, expiresAt: { N: epoch(3600) } } }),
    );
    await db.send(new PutItemCommand({ TableName: 'Items', Item: { pk: { S: 'no-expiry' } } }));
    const keys = async () =>
      ((await db.send(new ScanCommand({ TableName: 'Items' }))).Items ?? [])
        .map((i) => i.pk!.S!)
        .filter((k) => !k.startsWith('TICK#'))
        .sort();
    await waitFor(async () => ((await keys()).includes('expired') ? undefined : true), 'the expired item to go');
    expect(await keys()).toEqual(['kept', 'no-expiry']);
  });
});
