/**
 * The triage pipeline's ports: the queue that carries a contact to triage and the workflow that
 * triages it. The AWS adapters in shared/aws implement them; tests may implement them in memory.
 * The contact store's ports are the contact's own (shared/contacts/ports.ts).
 */

export interface ContactMessage {
  contactId: string;
  newDecision?: true;
}

export interface MessageQueue {
  /** `newDecision` marks the message that follows a decision becoming final, so it is counted once. */
  send(body: ContactMessage): Promise<void>;
}

/** How much a queue holds, to tell a contact that is waiting behind it from one whose message was lost. */
export interface QueueBacklog {
  /** Messages in the queue: waiting, being handled (in flight) or delayed. Approximate, as SQS counts them. */
  messagesHeld(): Promise<number>;
}

/** A contact's latest triage execution: `ended` is aborted, failed or timed out. */
export interface TriageRun {
  attempt: number;
  state: 'running' | 'succeeded' | 'ended';
}

export interface TriageWorkflow {
  /** Starts triage for a contact; starting it again is not an error and starts nothing new. */
  start(contactId: string): Promise<'started' | 'already-started'>;
  /** Starts the given attempt (2, 3…) under its own name; an attempt already started is not started again. */
  startAttempt(contactId: string, attempt: number): Promise<'started' | 'already-started'>;
  /** The contact's latest execution among its first `maxAttempts`, if it has one. */
  latestRun(contactId: string, maxAttempts: number): Promise<TriageRun | undefined>;
  /** Contacts with an execution that was aborted, failed or timed out since `since`. */
  contactsWithEndedRuns(since: Date): Promise<string[]>;
}
