/**
 * How long an allegation is kept (Keeping Children Safe in Education, part four): until the
 * person's normal pension age or for 10 years from the allegation, whichever is longer.
 * Malicious allegations are removed. The numbers are the area's, set per stage, and are
 * separate from the retention of children's contacts.
 */
export interface AllegationRetention {
  /** Years from the allegation, at least (10 by the guidance). */
  minimumYears: number;
  /** The normal pension age the guidance measures to. */
  pensionAge: number;
  /** Days a malicious allegation is kept after its outcome is recorded, before it is deleted. */
  maliciousDays: number;
}

export const DEFAULT_ALLEGATION_RETENTION: AllegationRetention = { minimumYears: 10, pensionAge: 67, maliciousDays: 0 };

const addYears = (iso: string, years: number): number => {
  const at = new Date(iso);
  at.setUTCFullYear(at.getUTCFullYear() + years);
  return at.getTime();
};

/**
 * Epoch seconds at which the allegation may be deleted. Without a date of birth the pension age
 * cannot be worked out, so the record is kept as if the person were as young as anyone could
 * be (pension age counted from the allegation): never deleted too early.
 */
export const allegationExpiry = (
  receivedAt: string,
  dateOfBirth: string | undefined,
  rule: AllegationRetention,
): number => {
  const tenYears = addYears(receivedAt, rule.minimumYears);
  const pension = addYears(dateOfBirth ?? receivedAt, rule.pensionAge);
  return Math.floor(Math.max(tenYears, pension) / 1000);
};

export const maliciousExpiry = (concludedAt: string, rule: AllegationRetention): number =>
  Math.floor((new Date(concludedAt).getTime() + rule.maliciousDays * 86_400_000) / 1000);
