/**
 * aws-ses-v2-local keeps the emails it receives in memory; a laptop's mailbox should survive a
 * restart like the rest of the local data. Its store is a plain module-level object (shared
 * with the server through Node's module cache), so it is loaded from and saved to a file.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// Not part of the package's documented API; the version is pinned in package-lock.json.
import { getStoreReadonly } from 'aws-ses-v2-local/dist/store.js';

/**
 * Every email is written to disk as it is sent (and the file replaced atomically), so a crash or
 * a killed process never loses an email the system believes it sent: a mailbox saved only now
 * and then would, and an acknowledgement missing from it looks like a lost referral.
 */
export function persistMailbox(dataDir: string): () => Promise<void> {
  const file = join(dataDir, 'mailbox.json');
  const store = getStoreReadonly() as { emails: unknown[] };
  if (existsSync(file)) store.emails.push(...(JSON.parse(readFileSync(file, 'utf8')) as unknown[]));
  const save = () => {
    writeFileSync(`${file}.tmp`, JSON.stringify(emails));
    renameSync(`${file}.tmp`, file);
  };
  // The store appends with push and clears by replacing the array, so both are watched.
  const watched = (list: unknown[]) => {
    const push = list.push.bind(list);
    list.push = (...items: unknown[]) => {
      const length = push(...items);
      save();
      return length;
    };
    return list;
  };
  let emails = watched(store.emails);
  Object.defineProperty(store, 'emails', {
    configurable: true,
    enumerable: true,
    get: () => emails,
    set: (next: unknown[]) => {
      emails = watched(next);
      save();
    },
  });
  return async () => {
    Object.defineProperty(store, 'emails', { configurable: true, enumerable: true, writable: true, value: emails });
    save();
  };
}
