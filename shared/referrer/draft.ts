import type { AuditEvent } from '../contacts/ports';
import type { Answers } from './journey';

/** What a referrer has answered so far in the web form, and the port that keeps it. */
export interface Draft {
  /** Random and unguessable: it is the only thing the referrer's cookie holds. */
  draftId: string;
  answers: Answers;
  createdAt: string;
  updatedAt: string;
  /** Set once the draft has become a contact; the draft is then read-only. */
  submitted?: { contactId: string; reference: string; at: string; statusToken?: string };
  /**
   * A worker is completing a free-text email's contact with this draft: sending it fills in that
   * contact instead of creating one. Only the console sets this, never anything a form posts.
   */
  completes?: { contactId: string; reference: string; by: AuditEvent['actor'] };
  /**
   * A worker is recording a telephone call in the form: the contact's channel is `phone`. Only
   * the console sets this, never anything a form posts.
   */
  phoneCall?: { by: AuditEvent['actor'] };
}

/** A web form draft: what a referrer has answered so far, kept so a reload loses nothing. */
export interface DraftStore {
  /** The draft, unless it last changed more than a week before `now` (then it is gone, or soon will be). */
  get(draftId: string, now: Date): Promise<Draft | undefined>;
  put(draft: Draft): Promise<void>;
}
