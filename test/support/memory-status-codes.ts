import type { StatusCode, StatusCodeStore } from '../../shared/referrer/ports';

/**
 * One-time status page codes in memory, kept as the DynamoDB store keeps them: a write lands only
 * over the version it was made from, and a try is counted without changing the version.
 */
export const memoryStatusCodes = (): StatusCodeStore & { records: Map<string, StatusCode> } => {
  const records = new Map<string, StatusCode>();
  return {
    records,
    get: async (hash) => structuredClone(records.get(hash)),
    put: async (hash, code) => {
      if ((records.get(hash)?.version ?? 0) !== code.version - 1) return false;
      records.set(hash, structuredClone(code));
      return true;
    },
    countAttempt: async (hash) => {
      const record = records.get(hash);
      if (!record) return undefined;
      records.set(hash, { ...record, attempts: record.attempts + 1 });
      return structuredClone(records.get(hash));
    },
  };
};
