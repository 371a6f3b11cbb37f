import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { LOCAL_KEY_SECRET_ARN, MatchKeySecretArnSchema, RateLimitKeySecretArnSchema } from '../config';

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
        throw new Error(`The key secret ${secretArn} is missing or shorter than 32 characters`);
      return SecretString;
    });
    // A failed read is tried again on the next invocation, not cached for the instance's life.
    value.catch(() => (value = undefined));
    return value;
  };
};

/** Only the local stage's synthetic data is hashed with this; every deployed stage has its own secret. */
export const LOCAL_MATCH_KEY = 'local-only-allegation-match-key-not-a-secret';

/** Only the local stage's rate-limit counters are keyed with this. */
export const LOCAL_RATE_LIMIT_KEY = 'local-only-rate-limit-key-not-a-secret';

/** Reads the key the setting names (a secret's ARN, or `local-default` for the local stage's key), once per cold start. */
const keyReader =
  (setting: string, schema: typeof MatchKeySecretArnSchema, localKey: string) =>
  (secretArn: string | undefined, client?: SecretsManagerClient): (() => Promise<string>) => {
    if (!secretArn) throw new Error(`Front Door is misconfigured: ${setting} is not set for this function`);
    const arn = schema.parse(secretArn);
    return arn === LOCAL_KEY_SECRET_ARN ? () => Promise.resolve(localKey) : secretsManagerKey(arn, client);
  };

/** Reads the match key named by MATCH_KEY_SECRET_ARN, once per cold start. */
export const matchKeyReader = keyReader('MATCH_KEY_SECRET_ARN', MatchKeySecretArnSchema, LOCAL_MATCH_KEY);
/** Reads the rate limiter's key named by RATE_LIMIT_KEY_SECRET_ARN, once per cold start. */
export const rateLimitKeyReader = keyReader(
  'RATE_LIMIT_KEY_SECRET_ARN',
  RateLimitKeySecretArnSchema,
  LOCAL_RATE_LIMIT_KEY,
);
