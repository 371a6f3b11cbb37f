import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { requireSetting } from '../../shared/config';
import { AthenaFactsQuery } from '../../shared/aws/athena-facts-query';
import { dynamoAllegationArchive, dynamoContactArchive } from '../../shared/aws/dynamo-archive';
import { S3FactsSink } from '../../shared/aws/s3-facts-sink';
import type { FactsQuery, FactsSink } from '../../shared/reporting/ports';
import { config, once } from '../lib/dependencies';

/**
 * Where the analytics facts live, from the function's typed runtime config: in AWS an S3 bucket
 * catalogued in Glue and queried with Athena; on a laptop a directory (ANALYTICS_DIRECTORY,
 * which the local runtime sets) queried with DuckDB. DuckDB is loaded only on the local path, so
 * the Lambda bundles carry no native binary.
 */
const settings = (): { directory: string } | { bucket: string; database: string; workgroup: string } => {
  const { ANALYTICS_DIRECTORY, FACTS_BUCKET, GLUE_DATABASE, ATHENA_WORKGROUP } = config();
  if (ANALYTICS_DIRECTORY) return { directory: ANALYTICS_DIRECTORY };
  if (FACTS_BUCKET && GLUE_DATABASE && ATHENA_WORKGROUP)
    return { bucket: FACTS_BUCKET, database: GLUE_DATABASE, workgroup: ATHENA_WORKGROUP };
  throw new Error(
    'Front Door is misconfigured: set ANALYTICS_DIRECTORY, or FACTS_BUCKET, GLUE_DATABASE and ATHENA_WORKGROUP',
  );
};

export const factsQuery = once(async (): Promise<FactsQuery> => {
  const s = settings();
  if ('directory' in s) return (await import('../../shared/reporting/duckdb-facts.js')).duckDbFacts(s.directory);
  return new AthenaFactsQuery(s.workgroup, s.database);
});

export const factsSink = async (): Promise<FactsSink> => {
  const s = settings();
  if ('directory' in s) return (await import('../../shared/reporting/local-facts-sink.js')).localFactsSink(s.directory);
  return new S3FactsSink(s.bucket, s.database);
};

export const contactArchive = () => dynamoContactArchive(config().CONTACTS_TABLE);
export const allegationArchive = () => dynamoAllegationArchive(requireSetting(config(), 'ALLEGATIONS_TABLE'));

/**
 * The key the child and contact hashes are made with: from Secrets Manager in AWS (read once per
 * cold start), or ANALYTICS_KEY on the local stage, where the data is synthetic.
 */
export const analyticsKey = once(async (): Promise<string> => {
  const { ANALYTICS_KEY } = config();
  if (ANALYTICS_KEY) return ANALYTICS_KEY;
  const arn = requireSetting(config(), 'ANALYTICS_KEY_SECRET_ARN');
  const { SecretString } = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
  if (!SecretString) throw new Error('The analytics key secret is empty');
  return SecretString;
});
