import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

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
