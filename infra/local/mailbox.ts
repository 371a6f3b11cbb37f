/**
 * aws-ses-v2-local keeps the emails it receives in memory; a laptop's mailbox should survive a
 * restart like the rest of the local data. Its store is a plain module-level object (shared
 * with the server through Node's module cache), so it is loaded from and saved to a file.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// Not part of the package's documented API; the version is pinned in package-lock.json.
import { getStoreReadonly } from 'aws-ses-v2-local/dist/store.js';

export function persistMailbox(dataDir: string): () => Promise<void> {
  const file = join(dataDir, 'mailbox.json');
  const store = getStoreReadonly() as { emails: unknown[] };
  if (existsSync(file)) store.emails.push(...(JSON.parse(readFileSync(file, 'utf8')) as unknown[]));
  let saved = store.emails.length;
  const save = () => {
    if (store.emails.length === saved) return;
    writeFileSync(`${file}.tmp`, JSON.stringify(store.emails));
    renameSync(`${file}.tmp`, file);
    saved = store.emails.length;
  };
  const timer = setInterval(save, 1000);
  return async () => {
    clearInterval(timer);
    save();
  };
}
