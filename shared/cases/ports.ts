import type { ChildCase } from './case';

/**
 * Where Front Door keeps what the case management system says about children's cases. Records
 * are keyed by hashed child keys; a statement about a child is stored under each of its keys.
 */
export interface CaseRegistry {
  /**
   * Stores the statement under every key, unless a key already holds a later one (an import of
   * old data must not reopen a case a worker has since closed).
   */
  record(keys: string[], statement: ChildCase): Promise<void>;
  /** What is known under each key; a key with no record is absent from the map. */
  find(keys: string[]): Promise<Map<string, ChildCase>>;
}
