import type { Consultation, ConsultationStore } from './consultation';

/** Consultations in memory: for unit tests and tools. */
export class InMemoryConsultationStore implements ConsultationStore {
  readonly consultations: Consultation[] = [];

  async add(consultation: Consultation): Promise<void> {
    if (!this.consultations.some((c) => c.consultationId === consultation.consultationId))
      this.consultations.push(structuredClone(consultation));
  }

  async listSince(since: string): Promise<Consultation[]> {
    return this.consultations
      .filter((c) => c.recordedAt >= since)
      .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
  }
}
