import { join } from 'node:path';
import { AthenaClient } from '@aws-sdk/client-athena';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { AthenaFactsQuery } from '../../shared/aws/athena-facts-query';
import { duckDbFacts } from '../../shared/reporting/duckdb-facts';
import type { FactsQuery } from '../../shared/reporting/ports';
import { OpsError } from './commands';
import { stackDeployment } from './deployment';

/** A report runs once, unattended, so it can wait longer for Athena than the console page (12 s). */
const ATHENA_TIMEOUT_MS = 120_000;

/** The clients a deployed stack's facts are read with; tests pass fakes (there is no AWS account in CI). */
export interface AnalyticsClients {
  cloudFormation?: CloudFormationClient;
  athena?: AthenaClient;
}

/**
 * The analytics facts the board measures read: a deployed stack's Athena workgroup and Glue
 * database, named by its outputs (found as `report annex-a --stack` finds its tables), with the
 * caller's AWS credentials; or locally the extract's directory under the data directory, queried
 * by DuckDB, as the local runtime's functions read it. Either way the same SQL.
 */
export const analyticsFacts = async (
  where: { stack?: string; region?: string; dataDir: string },
  clients: AnalyticsClients = {},
): Promise<FactsQuery & { close(): void }> => {
  if (!where.stack) return duckDbFacts(join(where.dataDir, 'analytics'));
  const deployment = await stackDeployment(where.stack, where.region, clients.cloudFormation);
  const { AnalyticsWorkGroupName: workGroup, AnalyticsDatabaseName: database } = deployment.outputs;
  if (!workGroup || !database)
    throw new OpsError(
      `${deployment.description} has no outputs AnalyticsWorkGroupName and AnalyticsDatabaseName: deploy this version of Front Door to it`,
    );
  const athena = clients.athena ?? new AthenaClient({ region: where.region });
  const facts = new AthenaFactsQuery(workGroup, database, athena, ATHENA_TIMEOUT_MS);
  return { query: (sql, params) => facts.query(sql, params), close: () => athena.destroy() };
};
