import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import type { WorkingCalendar } from '../calendar';
import type { Person } from '../contacts';
import { fieldErrors, type FieldError } from '../notification';
import {
  FURTHER_ACTIONS,
  InitialConsiderationSchema,
  MeetingSchema,
  OPEN_ALLEGATION_STATUSES,
  OUTCOMES,
  OutcomeSchema,
  PARTNER_ACTION_KINDS,
  PartnerActionSchema,
  summaryOf,
  type Allegation,
  type AllegationStatus,
} from './allegation';
import { meetingDue, reviewDue } from './clocks';
import { AllegationChanged, type AllegationStore } from './ports';
import { maliciousExpiry, type AllegationRetention } from './retention';

/**
 * What the LADO records on an allegation, step by step: the initial consideration, each
 * allegation management meeting, the employer's and police actions, and the outcome. Each is a
 * write at the version the LADO saw (two people cannot overwrite each other) and an audit entry.
 */
export type Actor = Person & { role: string };

export interface ManagementRequest {
  allegationId: string;
  /** The version the LADO's page showed. */
  version: number;
  input: unknown;
  actor: Actor;
  now: Date;
}

export interface ManagementDeps {
  allegations: AllegationStore;
  calendar: WorkingCalendar;
  retention: AllegationRetention;
}

export type ManagementResult =
  | { outcome: 'recorded'; before: Allegation; allegation: Allegation }
  | { outcome: 'invalid'; errors: FieldError[] }
  | { outcome: 'not-found' }
  | { outcome: 'refused'; reason: string; allegation: Allegation }
  | { outcome: 'conflict'; allegation: Allegation };

type Plan = (
  allegation: Allegation,
) => { changes: Partial<Allegation>; audit: { action: string; detail?: string } } | { refused: string };

const manage =
  <S extends z.ZodType>(
    schema: S,
    allowedFrom: readonly AllegationStatus[],
    plan: (input: z.output<S>, request: ManagementRequest, deps: ManagementDeps) => Plan,
  ) =>
  async (request: ManagementRequest, deps: ManagementDeps): Promise<ManagementResult> => {
    const allegation = await deps.allegations.get(request.allegationId);
    if (!allegation) return { outcome: 'not-found' };
    const parsed = schema.safeParse(request.input);
    if (!parsed.success) return { outcome: 'invalid', errors: fieldErrors(parsed.error) };
    if (allegation.version !== request.version) return { outcome: 'conflict', allegation };
    if (!allowedFrom.includes(allegation.status)) {
      return {
        outcome: 'refused',
        reason: `This cannot be recorded while the allegation is ${allegation.status.replace(/-/g, ' ')}.`,
        allegation,
      };
    }
    const planned = plan(parsed.data, request, deps)(allegation);
    if ('refused' in planned) return { outcome: 'refused', reason: planned.refused, allegation };
    const at = request.now.toISOString();
    let updated: Allegation;
    try {
      updated = await deps.allegations.update(allegation.allegationId, request.version, planned.changes, at);
    } catch (error) {
      if (error instanceof AllegationChanged)
        return { outcome: 'conflict', allegation: (await deps.allegations.get(allegation.allegationId)) ?? allegation };
      throw error;
    }
    await deps.allegations.appendEvent(
      { allegationId: allegation.allegationId, at, actor: request.actor, ...planned.audit },
      updated.expiresAt,
    );
    return { outcome: 'recorded', before: allegation, allegation: updated };
  };

const who = (actor: Actor): Person => ({ id: actor.id, name: actor.name });

/** Initial consideration: is there immediate risk, and is a meeting needed? That sets the meeting clock. */
export const recordInitialConsideration = manage(
  InitialConsiderationSchema,
  ['awaiting-consideration'],
  (input, request, deps) => (allegation) => ({
    changes: {
      initialConsideration: { at: request.now.toISOString(), by: who(request.actor), ...input },
      immediateRisk: input.immediateRisk,
      status: input.meetingNeeded ? 'awaiting-meeting' : 'in-progress',
      meetingDueAt: input.meetingNeeded
        ? meetingDue(new Date(allegation.receivedAt), input.immediateRisk, deps.calendar).toISOString()
        : undefined,
    },
    audit: {
      action: 'Initial consideration recorded',
      detail: `${input.immediateRisk ? 'Immediate risk' : 'No immediate risk'}; ${input.meetingNeeded ? 'meeting needed' : 'no meeting needed'}`,
    },
  }),
);

/** An allegation management meeting (or a review meeting): who came, which agencies, and the actions agreed. */
export const recordMeeting = manage(
  MeetingSchema,
  ['awaiting-meeting', 'in-progress'],
  (input, request) => (allegation) => {
    if (new Date(input.heldAt).getTime() > request.now.getTime())
      return { refused: 'A meeting can only be recorded once it has been held.' };
    const meeting = {
      ...input,
      id: randomUUID(),
      actions: input.actions.map((a) => ({ ...a, id: randomUUID() })),
      recordedBy: who(request.actor),
      recordedAt: request.now.toISOString(),
    };
    return {
      changes: {
        meetings: [...allegation.meetings, meeting],
        status: 'in-progress',
        reviewDueAt: input.reviewOn ? reviewDue(input.reviewOn) : undefined,
      },
      audit: {
        action: allegation.meetings.length ? 'Review meeting recorded' : 'Allegation management meeting recorded',
        detail: `${input.agencies.length} agencies, ${meeting.actions.length} actions${input.reviewOn ? `, review on ${input.reviewOn}` : ''}`,
      },
    };
  },
);

export const recordPartnerAction = manage(
  PartnerActionSchema,
  OPEN_ALLEGATION_STATUSES,
  (input, request) => (allegation) => ({
    changes: {
      partnerActions: [
        ...allegation.partnerActions,
        { id: randomUUID(), ...input, by: who(request.actor), at: request.now.toISOString() },
      ],
    },
    audit: { action: `${PARTNER_ACTION_KINDS[input.kind]} recorded` },
  }),
);

/**
 * The outcome and further action conclude the allegation. A malicious allegation is removed
 * (Keeping Children Safe in Education): it leaves the person index at once and is deleted after
 * the area's configured days; the board's counts, already published, keep it.
 */
const concludeAllegation = manage(OutcomeSchema, ['in-progress'], (input, request, deps) => () => {
  const at = request.now.toISOString();
  return {
    changes: {
      outcome: { ...input, at, by: who(request.actor) },
      status: 'concluded',
      reviewDueAt: undefined,
      ...(input.category === 'malicious' && { expiresAt: maliciousExpiry(at, deps.retention) }),
    },
    audit: {
      action: 'Outcome recorded',
      detail: `${OUTCOMES[input.category].split(':')[0]}; ${input.furtherActions.map((a) => FURTHER_ACTIONS[a]).join(', ')}`,
    },
  };
});

/** Then the person index shows the outcome on later allegations, or forgets a malicious one. */
export const recordOutcome = async (request: ManagementRequest, deps: ManagementDeps): Promise<ManagementResult> => {
  const result = await concludeAllegation(request, deps);
  if (result.outcome !== 'recorded') return result;
  const { allegation } = result;
  if (allegation.outcome?.category === 'malicious') await deps.allegations.removeBy(allegation, allegation.expiresAt);
  else await deps.allegations.indexPerson(allegation.personKey, summaryOf(allegation), allegation.expiresAt);
  return result;
};
