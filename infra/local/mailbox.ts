/**
 * aws-ses-v2-local keeps the emails it receives in memory; a laptop's mailbox should survive a
 * restart like the rest of the local data. Its store is a plain module-level object (shared
 * with the server through Node's module cache), so it is loaded from and saved to a file.
 */
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// Not part of the package's documented API; the version is pinned in package-lock.json.
import { getStoreReadonly } from 'aws-ses-v2-local/dist/store.js';

/**
 * Every email is on disk as soon as it is sent, so a crash or a killed process never loses an
 * email the system believes it sent: a mailbox saved only now and then would, and an
 * acknowledgement missing from it looks like a lost referral. Each email is appended as one JSON
 * line (rewriting the whole mailbox per email made a burst of 10,000 acknowledgements write
 * gigabytes); emptying the mailbox, and each start, write the file afresh.
 */
export function persistMailbox(dataDir: string): () => Promise<void> {
  const file = join(dataDir, 'mailbox.json');
  const store = getStoreReadonly() as { emails: unknown[] };
  if (existsSync(file)) store.emails.push(...readMailbox(file));
  const rewrite = () => {
    writeFileSync(`${file}.tmp`, emails.map((email) => `${JSON.stringify(email)}\n`).join(''));
    renameSync(`${file}.tmp`, file);
  };
  // The store appends with push and clears by replacing the array, so both are watched.
  const watched = (list: unknown[]) => {
    const push = list.push.bind(list);
    list.push = (...items: unknown[]) => {
      const length = push(...items);
      appendFileSync(file, items.map((email) => `${JSON.stringify(email)}\n`).join(''));
      return length;
    };
    return list;
  };
  let emails = watched(store.emails);
  rewrite();
  Object.defineProperty(store, 'emails', {
    configurable: true,
    enumerable: true,
    get: () => emails,
    set: (next: unknown[]) => {
      emails = watched(next);
      rewrite();
    },
  });
  return async () => {
    Object.defineProperty(store, 'emails', { configurable: true, enumerable: true, writable: true, value: emails });
    rewrite();
  };
}

/** The emails in a mailbox file: one JSON line each, or (written before the journal) one JSON array. */
export function readMailbox(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      if (!line.trim()) return [];
      try {
        const parsed = JSON.parse(line) as unknown;
        return Array.isArray(parsed) ? parsed : [parsed];
      } catch {
        // A line cut short by a crash: the email was being written as the process died.
        return [];
      }
    });
}
