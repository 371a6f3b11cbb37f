import type { Handover, HandoverStatus, HandoverTeam } from './handover';
import { HandoverMoved, type HandoverStore } from './ports';

/** Handovers in memory: for unit tests and tools, with the same conditional moves as DynamoDB. */
export class InMemoryHandoverStore implements HandoverStore {
  readonly handovers = new Map<string, Handover>();

  private static key = (contactId: string, handoverId: string) => `${contactId}|${handoverId}`;

  async add(handovers: Handover[]): Promise<void> {
    for (const h of handovers) {
      const key = InMemoryHandoverStore.key(h.contactId, h.handoverId);
      if (!this.handovers.has(key)) this.handovers.set(key, structuredClone(h));
    }
  }

  async get(contactId: string, handoverId: string): Promise<Handover | undefined> {
    const found = this.handovers.get(InMemoryHandoverStore.key(contactId, handoverId));
    return found && structuredClone(found);
  }

  async listForContact(contactId: string): Promise<Handover[]> {
    return [...this.handovers.values()].filter((h) => h.contactId === contactId).map((h) => structuredClone(h));
  }

  async listByTeam(team: HandoverTeam, status: HandoverStatus, since?: string): Promise<Handover[]> {
    return [...this.handovers.values()]
      .filter((h) => h.team === team && h.status === status && (!since || h.statusAt >= since))
      .sort((a, b) => b.statusAt.localeCompare(a.statusAt))
      .map((h) => structuredClone(h));
  }

  async move(
    contactId: string,
    handoverId: string,
    from: HandoverStatus,
    changes: Partial<Handover> & { status: HandoverStatus; statusAt: string },
  ): Promise<Handover> {
    const key = InMemoryHandoverStore.key(contactId, handoverId);
    const current = this.handovers.get(key);
    if (!current || current.status !== from) throw new HandoverMoved(current && structuredClone(current));
    const next = { ...current, ...changes };
    this.handovers.set(key, next);
    return structuredClone(next);
  }
}
