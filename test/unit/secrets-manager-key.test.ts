import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretsManagerKey } from '../../shared/aws/secrets-manager-key';

/** The person-matching key is read from Secrets Manager once per cold start, and a failed read is tried again. */
describe('a key held in Secrets Manager', () => {
  it('is read once and kept, however many invocations ask for it', async () => {
    // Prepare
    const send = jest.fn(async () => ({ SecretString: 'k'.repeat(64) }));
    const key = secretsManagerKey('arn:aws:secretsmanager:eu-west-2:111111111111:secret:match', {
      send,
    } as unknown as SecretsManagerClient);
    // Act
    const values = await Promise.all([key(), key(), key()]);
    // Assess
    expect(values).toEqual(['k'.repeat(64), 'k'.repeat(64), 'k'.repeat(64)]);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('refuses a missing or short secret, and reads again next time instead of keeping the failure', async () => {
    const send = jest
      .fn()
      .mockResolvedValueOnce({ SecretString: 'short' })
      .mockResolvedValueOnce({ SecretString: 'k'.repeat(64) });
    const key = secretsManagerKey('arn:aws:secretsmanager:eu-west-2:111111111111:secret:match', {
      send,
    } as unknown as SecretsManagerClient);
    await expect(key()).rejects.toThrow(/shorter than 32 characters/);
    await expect(key()).resolves.toBe('k'.repeat(64));
    expect(send).toHaveBeenCalledTimes(2);
  });
});
