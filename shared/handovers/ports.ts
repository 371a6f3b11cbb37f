import type { Handover, HandoverStatus, HandoverTeam } from './handover';

/** Thrown when a handover is no longer in the status a change starts from; carries what it is now. */
export class HandoverMoved extends Error {
  override readonly name = 'HandoverMoved';
  constructor(readonly current: Handover | undefined) {
    super(`Handover ${current?.handoverId ?? '(missing)'} is ${current?.status ?? 'not there'}`);
  }
}

/** Handovers, kept beside their contact and listed by team and status. */
export interface HandoverStore {
  /** Records handovers; one already recorded (a retried outcome message) is left as it is. */
  add(handovers: Handover[]): Promise<void>;
  get(contactId: string, handoverId: string): Promise<Handover | undefined>;
  listForContact(contactId: string): Promise<Handover[]>;
  /** A team's handovers in one status, newest status change first; `since` keeps those changed from then on. */
  listByTeam(team: HandoverTeam, status: HandoverStatus, since?: string): Promise<Handover[]>;
  /** Writes `changes` only while the handover is still `from`; throws HandoverMoved otherwise. */
  move(
    contactId: string,
    handoverId: string,
    from: HandoverStatus,
    changes: Partial<Handover> & { status: HandoverStatus; statusAt: string },
  ): Promise<Handover>;
}
