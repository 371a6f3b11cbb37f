import {
  type AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { type CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { analyticsFacts } from '../../infra/ops/analytics-facts';
import { OpsError } from '../../infra/ops/commands';
import { loadMeasures } from '../../shared/reporting/measures';
import type { FactsQuery } from '../../shared/reporting/ports';

/**
 * `front-door report board --stack`: the facts come from the Athena workgroup and Glue database the
 * stack's outputs name, and the measures' SQL reaches Athena unchanged. Fake clients stand in for
 * CloudFormation and Athena (there is no AWS account here).
 */
describe('the board report on a deployed stack', () => {
  const NOVEMBER = { from: '2026-11', to: '2026-11' };

  const fakeCloudFormation = (outputs: Record<string, string>) => {
    const send = jest.fn(async (command: unknown) => {
      if (!(command instanceof DescribeStacksCommand)) throw new Error('unexpected CloudFormation call');
      return {
        Stacks: [{ Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })) }],
      };
    });
    return { send, destroy: jest.fn() };
  };

  /** Every query succeeds at once with no rows: the wiring, not the figures, is under test here. */
  const fakeAthena = () => {
    let started = 0;
    const send = jest.fn(async (command: unknown) => {
      if (command instanceof StartQueryExecutionCommand) return { QueryExecutionId: `q${++started}` };
      if (command instanceof GetQueryExecutionCommand) return { QueryExecution: { Status: { State: 'SUCCEEDED' } } };
      if (command instanceof GetQueryResultsCommand)
        return { ResultSet: { ResultSetMetadata: { ColumnInfo: [] }, Rows: [{ Data: [] }] } };
      throw new Error('unexpected Athena call');
    });
    return { send, destroy: jest.fn() };
  };

  it('queries the workgroup and database named by the stack’s outputs, with the measures’ own SQL', async () => {
    // Prepare
    const cloudFormation = fakeCloudFormation({
      ContactsTableName: 'contacts',
      AnalyticsWorkGroupName: 'front-door-prod-analytics',
      AnalyticsDatabaseName: 'front_door_prod_analytics',
    });
    const athena = fakeAthena();
    const expected: { sql: string; params: readonly string[] }[] = [];
    const recording: FactsQuery = {
      query: async (sql, params) => {
        expected.push({ sql, params });
        return [];
      },
    };
    await loadMeasures(NOVEMBER, { facts: recording });

    // Act
    const facts = await analyticsFacts(
      { stack: 'FrontDoor-prod', region: 'eu-west-2', dataDir: '/nowhere' },
      {
        cloudFormation: cloudFormation as unknown as CloudFormationClient,
        athena: athena as unknown as AthenaClient,
      },
    );
    await loadMeasures(NOVEMBER, { facts });
    facts.close();

    // Assess
    expect(cloudFormation.send.mock.calls.map(([c]) => (c as DescribeStacksCommand).input)).toEqual([
      { StackName: 'FrontDoor-prod' },
    ]);
    const started = athena.send.mock.calls
      .map(([command]) => command)
      .filter((command) => command instanceof StartQueryExecutionCommand)
      .map((command) => (command as StartQueryExecutionCommand).input);
    expect(started.length).toBeGreaterThan(0);
    expect(started.map((s) => s.QueryString)).toEqual(expected.map((e) => e.sql));
    for (const start of started) {
      expect(start.WorkGroup).toBe('front-door-prod-analytics');
      expect(start.QueryExecutionContext).toEqual({ Database: 'front_door_prod_analytics' });
    }
    expect(started[0]?.ExecutionParameters).toEqual(expected[0]?.params.map((p) => `'${p}'`));
    expect(cloudFormation.destroy).toHaveBeenCalled();
    expect(athena.destroy).toHaveBeenCalled();
  });

  it('names the missing outputs of a stack deployed before them, and asks Athena nothing', async () => {
    // Prepare
    const cloudFormation = fakeCloudFormation({ ContactsTableName: 'contacts' });
    const athena = fakeAthena();

    // Act
    const reading = analyticsFacts(
      { stack: 'FrontDoor-prod', dataDir: '/nowhere' },
      {
        cloudFormation: cloudFormation as unknown as CloudFormationClient,
        athena: athena as unknown as AthenaClient,
      },
    );

    // Assess
    await expect(reading).rejects.toThrow(OpsError);
    await expect(reading).rejects.toThrow(
      'stack FrontDoor-prod has no outputs AnalyticsWorkGroupName and AnalyticsDatabaseName',
    );
    expect(athena.send).not.toHaveBeenCalled();
  });
});
