import type { Consultation, ConsultationStore } from './consultation';

/** Consultations in memory: for unit tests and tools. */
export class InMemoryConsultationStore implements ConsultationStore {
  readonly consultations: Consultation[] = [];

  async add(consultation: Consultation): Promise<void> {
    if (!this.consultations.some((c) => c.consultationId === consultation.consultationId))
      this.consultations.push(structuredClone(consultation));
  }

  async listSince(since: string, now: Date): Promise<Consultation[]> {
    const until = now.toISOString();
    return this.consultations
      .filter((c) => c.recordedAt >= since && c.recordedAt <= until)
      .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
  }
}
