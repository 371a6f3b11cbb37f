import type { RevokedSessions } from '../../shared/auth/session';

/** Signed-out console sessions in memory, by their random id only, as the DynamoDB store keeps them. */
export const memoryRevokedSessions = (): RevokedSessions & { ids: Set<string> } => {
  const ids = new Set<string>();
  return {
    ids,
    revoke: async (id) => void ids.add(id),
    isRevoked: async (id) => ids.has(id),
  };
};
