import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { AthenaFactsQuery } from '../../shared/aws/athena-facts-query';
import { dynamoAllegationArchive, dynamoContactArchive } from '../../shared/aws/dynamo-archive';
import { S3FactsSink } from '../../shared/aws/s3-facts-sink';
import type { FactsQuery, FactsSink } from '../../shared/reporting/ports';

/**
 * Where the analytics facts live, from the function's environment: in AWS an S3 bucket
 * catalogued in Glue and queried with Athena; on a laptop a directory (ANALYTICS_DIRECTORY,
 * which the local runtime sets) queried with DuckDB. DuckDB is loaded only on the local path, so
 * the Lambda bundles carry no native binary.
 */
const Settings = z.union([
  z.object({ ANALYTICS_DIRECTORY: z.string().min(1) }),
  z.object({ FACTS_BUCKET: z.string().min(1), GLUE_DATABASE: z.string().min(1), ATHENA_WORKGROUP: z.string().min(1) }),
]);

const settings = () => {
  const parsed = Settings.safeParse(process.env);
  if (!parsed.success)
    throw new Error(
      'Front Door is misconfigured: set ANALYTICS_DIRECTORY, or FACTS_BUCKET, GLUE_DATABASE and ATHENA_WORKGROUP',
    );
  return parsed.data;
};

let facts: Promise<FactsQuery> | undefined;
export const factsQuery = (): Promise<FactsQuery> =>
  (facts ??= (async () => {
    const s = settings();
    if ('ANALYTICS_DIRECTORY' in s)
      return (await import('../../shared/reporting/duckdb-facts.js')).duckDbFacts(s.ANALYTICS_DIRECTORY);
    return new AthenaFactsQuery(s.ATHENA_WORKGROUP, s.GLUE_DATABASE);
  })());

export const factsSink = async (): Promise<FactsSink> => {
  const s = settings();
  if ('ANALYTICS_DIRECTORY' in s)
    return (await import('../../shared/reporting/local-facts-sink.js')).localFactsSink(s.ANALYTICS_DIRECTORY);
  return new S3FactsSink(s.FACTS_BUCKET, s.GLUE_DATABASE);
};

export const contactArchive = () => dynamoContactArchive(z.string().min(1).parse(process.env.CONTACTS_TABLE));
export const allegationArchive = () => dynamoAllegationArchive(z.string().min(1).parse(process.env.ALLEGATIONS_TABLE));

/**
 * The key the child and contact hashes are made with: from Secrets Manager in AWS (read once per
 * cold start), or ANALYTICS_KEY on the local stage, where the data is synthetic.
 */
let secret: Promise<string> | undefined;
export const analyticsKey = (): Promise<string> =>
  (secret ??= (async () => {
    if (process.env.ANALYTICS_KEY) return process.env.ANALYTICS_KEY;
    const arn = z.string().min(1, 'ANALYTICS_KEY_SECRET_ARN is not set').parse(process.env.ANALYTICS_KEY_SECRET_ARN);
    const { SecretString } = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
    if (!SecretString) throw new Error('The analytics key secret is empty');
    return SecretString;
  })());
