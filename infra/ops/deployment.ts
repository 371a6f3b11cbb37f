import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { matchKeyReader } from '../../shared/aws/secrets-manager-key';
import { LOCAL_KEY_SECRET_ARN } from '../../shared/config';
import { readLiveEndpoints } from '../local/endpoints';

/**
 * Where `front-door ops` acts: a deployed stack (its CloudFormation outputs, the default AWS
 * credentials) or the running local system (the same outputs, resolved by the local runtime,
 * and its emulators). The commands only ever see outputs and client settings, so they run the
 * same code against both.
 */
export interface Deployment {
  description: string;
  outputs: Record<string, string>;
  clientConfig: {
    region?: string;
    endpoints?: { sqs: string; dynamodb: string; sfn: string };
    credentials?: { accessKeyId: string; secretAccessKey: string };
  };
}

export class DeploymentNotFound extends Error {}

export const localDeployment = (dataDir: string): Deployment => {
  const live = readLiveEndpoints(dataDir);
  if (!live)
    throw new DeploymentNotFound(
      `No local system is running with data in ${dataDir}: start it with npm start, or name a deployed stack with --stack`,
    );
  const { endpoints } = live;
  return {
    description: `the local system (${dataDir})`,
    outputs: endpoints.outputs,
    clientConfig: {
      region: endpoints.region,
      endpoints: { sqs: endpoints.sqs, dynamodb: endpoints.dynamodb, sfn: endpoints.sfn },
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    },
  };
};

export const stackDeployment = async (
  stackName: string,
  region?: string,
  cloudFormation = new CloudFormationClient({ region }),
): Promise<Deployment> => {
  try {
    const { Stacks = [] } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    const outputs = Object.fromEntries((Stacks[0]?.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
    return { description: `stack ${stackName}`, outputs, clientConfig: { region } };
  } catch (error) {
    if ((error as Error).name === 'ValidationError')
      throw new DeploymentNotFound(`There is no stack ${stackName} in this account and region`);
    throw error;
  } finally {
    cloudFormation.destroy();
  }
};

/**
 * The deployment's match key, which the commands that make match keys need (re-indexing, case
 * imports, the returns' child ids): a deployed stack's secret, named by its MatchKeySecretArn
 * output (reading it needs secretsmanager:GetSecretValue and kms:Decrypt), or the local default.
 */
export const matchKeyOf = async (deployment: Deployment): Promise<string> => {
  const { region, endpoints, credentials } = deployment.clientConfig;
  const arn = deployment.outputs.MatchKeySecretArn ?? (endpoints ? LOCAL_KEY_SECRET_ARN : undefined);
  if (!arn)
    throw new DeploymentNotFound(
      `${deployment.description} has no MatchKeySecretArn output: deploy this version of Front Door first`,
    );
  const client = new SecretsManagerClient({ region, credentials });
  try {
    return await matchKeyReader(arn, client)();
  } finally {
    client.destroy();
  }
};
