import { VersionConflict, type Contacts } from './ports';
import type { Contact, ContactIn } from './record';
import type { ContactStatus } from './status';
import type { ContactWrite } from './transitions';

/**
 * What a change makes of the contact as it stands now: the write (a typed transition's, or a
 * change within its status), or why it stops, which the caller turns into its own outcome.
 */
export type ContactChange<Stop, S extends ContactStatus = ContactStatus> = { write: ContactWrite<S> } | { stop: Stop };

export type Modified<Stop, S extends ContactStatus = ContactStatus> =
  /** `contact` is in the status the write gave; `before` is the contact the write was worked out from. */
  | { outcome: 'written'; contact: ContactIn<S>; before: Contact }
  | { outcome: 'stopped'; stop: Stop; contact: Contact }
  | { outcome: 'not-found' }
  /** Someone else wrote in between every attempt; `contact` is what was there at the last one. */
  | { outcome: 'kept-changing'; contact: Contact | undefined };

/**
 * How many times a change is tried against a contact that keeps changing under it. Writers race
 * only for moments (a claim, a note, a delivery report), so a third conflict in a row means
 * something is wrong, and the caller says so rather than trying for ever.
 */
export const MODIFY_ATTEMPTS = 3;

/**
 * Reads the contact, works out the change from what is there, and writes it only if nobody
 * wrote in between (the version check); otherwise works it out again from what is there now, at
 * most MODIFY_ATTEMPTS times. `change` must be a pure function of the contact: it may run more
 * than once. `current`, the contact as the caller has just read it, saves the first read.
 */
export const modifyContact = async <Stop, S extends ContactStatus = ContactStatus>(
  store: Pick<Contacts, 'get' | 'update'>,
  contactId: string,
  change: (current: Contact) => ContactChange<Stop, S>,
  options: { now: string; current?: Contact },
): Promise<Modified<Stop, S>> => {
  let current = options.current ?? (await store.get(contactId));
  for (let attempt = 1; ; attempt++) {
    if (!current) return { outcome: 'not-found' };
    const planned = change(current);
    if ('stop' in planned) return { outcome: 'stopped', stop: planned.stop, contact: current };
    try {
      const written = await store.update(contactId, current.version ?? 0, planned.write, options.now);
      return { outcome: 'written', contact: written, before: current };
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      if (attempt >= MODIFY_ATTEMPTS) return { outcome: 'kept-changing', contact: error.current };
      // The conflict carries the contact as it is now: no need to read it again.
      current = error.current;
    }
  }
};
