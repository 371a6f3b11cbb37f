import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { MatchKeySecretArnSchema } from '../config';

/**
 * A key held in Secrets Manager (encrypted with the stack's KMS key), read once per cold start
 * and kept in memory: the key never sits in a function's environment, where the console, the
 * template and `get-function-configuration` would show it.
 */
export const secretsManagerKey = (
  secretArn: string,
  client: SecretsManagerClient = new SecretsManagerClient({}),
): (() => Promise<string>) => {
  let value: Promise<string> | undefined;
  return () => {
    value ??= client.send(new GetSecretValueCommand({ SecretId: secretArn })).then(({ SecretString }) => {
      if (!SecretString || SecretString.length < 32)
        throw new Error('The match key secret is missing or shorter than 32 characters');
      return SecretString;
    });
    // A failed read is tried again on the next invocation, not cached for the instance's life.
    value.catch(() => (value = undefined));
    return value;
  };
};

/** Only the local stage's synthetic data is hashed with this; every deployed stage has its own secret. */
export const LOCAL_MATCH_KEY = 'local-only-allegation-match-key-not-a-secret';

/** Reads the match key named by MATCH_KEY_SECRET_ARN, once per cold start. */
export const matchKeyReader = (
  secretArn: string | undefined,
  client?: SecretsManagerClient,
): (() => Promise<string>) => {
  if (!secretArn) throw new Error('Front Door is misconfigured: MATCH_KEY_SECRET_ARN is not set for this function');
  const arn = MatchKeySecretArnSchema.parse(secretArn);
  return arn === 'local-default' ? () => Promise.resolve(LOCAL_MATCH_KEY) : secretsManagerKey(arn, client);
};
