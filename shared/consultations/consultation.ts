import * as z from 'zod';
import { AGENCY_TYPES, codesOf, type AgencyType } from '../notification';
import type { Person } from '../contacts';
import { referrerAgencyName } from '../web/labels';

/**
 * A consultation: a professional phones the front door for advice about a worry, with no child
 * identified (domain brief §10: community social workers' advice was "appreciated"). It is
 * recorded, counted and searchable, and never goes to triage: there is no child to decide for.
 * A call about a child identified is a contact, recorded in the referrer's guided form.
 */
export interface Consultation {
  consultationId: string;
  recordedAt: string;
  recordedBy: Person;
  callerAgency: AgencyType;
  callerName?: string;
  callerPhone?: string;
  question: string;
  advice: string;
}

const text = (what: string, max: number) =>
  z
    .string({ message: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`);
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Must be ${max} characters or fewer`)
    .optional()
    .transform((v) => v || undefined);

/** What the worker records, as the console's form posts it. */
export const ConsultationFieldsSchema = z.object({
  callerAgency: z.enum(codesOf(AGENCY_TYPES), { message: "Choose the caller's agency" }),
  callerName: optional(200),
  callerPhone: optional(50),
  question: text('what the caller asked about', 5000),
  advice: text('the advice you gave', 5000),
});

/** Consultations by when they were recorded. */
export interface ConsultationStore {
  add(consultation: Consultation): Promise<void>;
  /** Every consultation recorded from `since` to `now`, newest first. */
  listSince(since: string, now: Date): Promise<Consultation[]>;
}

export type RecordResult =
  | { outcome: 'recorded'; consultation: Consultation }
  | { outcome: 'invalid'; errors: { path: string; message: string }[] };

export const recordConsultation = async (
  request: { fields: Record<string, string>; by: Person; consultationId: string; now: Date },
  deps: { consultations: ConsultationStore },
): Promise<RecordResult> => {
  const parsed = ConsultationFieldsSchema.safeParse(request.fields);
  if (!parsed.success)
    return {
      outcome: 'invalid',
      errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    };
  const consultation: Consultation = {
    consultationId: request.consultationId,
    recordedAt: request.now.toISOString(),
    recordedBy: request.by,
    ...parsed.data,
  };
  await deps.consultations.add(consultation);
  return { outcome: 'recorded', consultation };
};

/**
 * Consultations matching every word searched for, in the question, the advice, the caller's
 * name or agency, or the worker's name; all of them when nothing is searched for.
 */
export const searchConsultations = (consultations: readonly Consultation[], query: string): Consultation[] => {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return consultations.filter((c) => {
    const agency = `${c.callerAgency.replace(/-/g, ' ')} ${referrerAgencyName(c.callerAgency)}`;
    const haystack = [c.question, c.advice, c.callerName, agency, c.recordedBy.name]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
};

/** Counts by the caller's agency, most first: who is asking the front door for advice. */
export const countByAgency = (consultations: readonly Consultation[]): { agency: AgencyType; count: number }[] =>
  [
    ...consultations.reduce(
      (m, c) => m.set(c.callerAgency, (m.get(c.callerAgency) ?? 0) + 1),
      new Map<AgencyType, number>(),
    ),
  ]
    .map(([agency, count]) => ({ agency, count }))
    .sort((a, b) => b.count - a.count || a.agency.localeCompare(b.agency));
