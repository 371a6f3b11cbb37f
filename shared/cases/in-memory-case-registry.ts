import type { ChildCase } from './case';
import type { CaseRegistry } from './ports';

/** The case registry in memory: for tests and for tools that run without a deployment. */
export class InMemoryCaseRegistry implements CaseRegistry {
  readonly records = new Map<string, ChildCase>();

  async record(keys: string[], statement: ChildCase): Promise<void> {
    for (const key of keys) {
      const current = this.records.get(key);
      if (!current || current.recordedAt <= statement.recordedAt) this.records.set(key, structuredClone(statement));
    }
  }

  async find(keys: string[]): Promise<Map<string, ChildCase>> {
    const found = new Map<string, ChildCase>();
    for (const key of keys) {
      const record = this.records.get(key);
      if (record) found.set(key, structuredClone(record));
    }
    return found;
  }
}
