/** The part of node:sqlite the local runtime uses: fauxqs's database, from two threads. */
export interface SqliteConnection {
  exec(sql: string): void;
  close(): void;
}

export interface DatabaseSyncClass {
  new (path: string): SqliteConnection;
  prototype: SqliteConnection;
}

/** node:sqlite's DatabaseSync. This Node's type definitions predate node:sqlite (Node 22, which runs the emulators). */
export const loadDatabaseSync = async (): Promise<DatabaseSyncClass> =>
  ((await import('node:sqlite' as string)) as { DatabaseSync: DatabaseSyncClass }).DatabaseSync;
