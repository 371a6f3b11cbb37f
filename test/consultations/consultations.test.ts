import {
  countByAgency,
  recordConsultation,
  searchConsultations,
  type Consultation,
} from '../../shared/consultations/consultation';
import { InMemoryConsultationStore } from '../../shared/consultations/in-memory-consultation-store';
import { callerAgencyOptions } from '../../shared/consultations/caller-agency';
import { consultationsView } from '../../shared/consultations/consultations-view';
import { startPhoneContact } from '../../shared/consultations/phone-contact';
import type { Draft, DraftStore } from '../../shared/referrer/draft';
import { submitDraft } from '../../shared/front-door/draft-submission';
import { memoryPorts } from '../support/memory-contact-store';
import { fill, schoolNeglectViaForm } from '../referrer/journey-support';

/**
 * Telephone calls (issue 15 point 3): a call about a child is a contact recorded in the
 * referrer's guided form with the channel `phone`; a consultation with no child identified is
 * recorded, counted and searchable, and never goes to triage.
 */
const now = new Date('2026-11-30T10:00:00Z');
const worker = { id: 'sam.okafor', name: 'Sam Okafor', role: 'worker' };

const consultation = (over: Partial<Consultation>): Consultation => ({
  consultationId: 'x',
  recordedAt: now.toISOString(),
  recordedBy: { id: 'sam.okafor', name: 'Sam Okafor' },
  callerAgency: 'school',
  question: 'A pupil has lost weight over the term.',
  advice: 'Talk to the school nurse and the parents; refer if neglect is suspected.',
  ...over,
});

describe('consultations', () => {
  it("records the caller's agency, the question and the advice, the caller's name optional", async () => {
    // Prepare
    const consultations = new InMemoryConsultationStore();
    // Act
    const result = await recordConsultation(
      {
        fields: {
          callerAgency: 'gp',
          callerName: '',
          question: 'Is a bruise on a mobile baby a concern?',
          advice: 'Yes: any bruise on a non-mobile baby needs a referral; for a mobile baby, ask how it happened.',
        },
        by: { id: 'sam.okafor', name: 'Sam Okafor' },
        consultationId: 'c-1',
        now,
      },
      { consultations },
    );
    // Assess
    expect(result.outcome).toBe('recorded');
    expect(await consultations.listSince('2026-11-01T00:00:00Z', now)).toEqual([
      {
        consultationId: 'c-1',
        recordedAt: now.toISOString(),
        recordedBy: { id: 'sam.okafor', name: 'Sam Okafor' },
        callerAgency: 'gp',
        question: 'Is a bruise on a mobile baby a concern?',
        advice: expect.stringContaining('non-mobile baby'),
      },
    ]);
  });

  it('refuses a consultation without the agency, the question or the advice, saying what is missing, and keeps nothing', async () => {
    const consultations = new InMemoryConsultationStore();

    const result = await recordConsultation(
      { fields: { callerAgency: '', question: ' ', advice: '' }, by: worker, consultationId: 'c-2', now },
      { consultations },
    );

    expect(result.outcome === 'invalid' && result.errors.map((e) => [e.path, e.message])).toEqual([
      ['callerAgency', "Choose the caller's agency"],
      ['question', 'Enter what the caller asked about'],
      ['advice', 'Enter the advice you gave'],
    ]);
    expect(consultations.consultations).toEqual([]);
  });

  it('finds consultations by every word searched for, in the question, advice, caller or worker', () => {
    const all = [
      consultation({ consultationId: 'a' }),
      consultation({
        consultationId: 'b',
        callerAgency: 'police',
        question: 'Domestic abuse incident, no children present.',
        advice: 'Share with the DA triage meeting if children are found.',
      }),
    ];

    expect(searchConsultations(all, 'school NURSE').map((c) => c.consultationId)).toEqual(['a']);
    expect(searchConsultations(all, 'police triage').map((c) => c.consultationId)).toEqual(['b']);
    expect(searchConsultations(all, '').map((c) => c.consultationId)).toEqual(['a', 'b']);
  });

  it("counts them by the caller's agency, most first", () => {
    const all = [
      consultation({ callerAgency: 'police' }),
      consultation({ callerAgency: 'school' }),
      consultation({ callerAgency: 'school' }),
    ];

    expect(countByAgency(all)).toEqual([
      { agency: 'school', count: 2 },
      { agency: 'police', count: 1 },
    ]);
  });
});

describe('a telephone contact about a child', () => {
  it('goes through the same intake as the web form, with the channel phone and the worker in the audit trail', async () => {
    const { store, contacts } = memoryPorts();
    const kept = new Map<string, Draft>();
    const drafts: DraftStore = { get: async (id) => kept.get(id), put: async (d) => void kept.set(d.draftId, d) };
    const queued: unknown[] = [];
    const started = await startPhoneContact({ actor: worker, draftId: 'd-phone', now }, { drafts });
    // The caller gave no details: the form's anonymous answer.
    const answers = fill(
      schoolNeglectViaForm([
        ['concerns', { areas: ['care'] }],
        ['concerns/care', { indicators: 'neglect-reported' }],
      ]),
      [['who-are-you', { referrerKind: 'anonymous' }]],
    );

    const sent = await submitDraft({ ...started, answers }, now, {
      store,
      triageQueue: { send: async (m) => void queued.push(m) },
      drafts,
    });

    expect(sent.outcome).toBe('submitted');
    const contact = [...contacts.values()][0]!;
    expect(contact).toMatchObject({
      channel: 'phone',
      status: 'received',
      notification: { referrer: { agencyType: 'anonymous' } },
    });
    expect(queued).toEqual([{ contactId: contact.contactId }]);
    expect(await store.listEvents(contact.contactId)).toEqual([
      expect.objectContaining({ action: 'Recorded a telephone contact', actor: worker }),
    ]);
  });
});

describe("the caller's agency", () => {
  it('offers every agency but anonymous, named in words, keeping the worker’s choice', () => {
    // Act
    const options = callerAgencyOptions('health-visitor');
    // Assess
    expect(options[0]).toEqual({ value: '', text: "Choose the caller's agency" });
    expect(options.map((o) => o.value)).not.toContain('anonymous');
    expect(options.filter((o) => 'selected' in o && o.selected)).toEqual([
      { value: 'health-visitor', text: 'Health visitor', selected: true },
    ]);
    expect(options.find((o) => o.value === 'la-social-care')?.text).toBe("Council children's social care");
  });

  it("names the caller's agency on the consultations page by the console's one set of labels, counted and searched", () => {
    // Prepare: two GP practices and children's social care asked for advice.
    const all = [
      consultation({ consultationId: 'a', callerAgency: 'gp' }),
      consultation({ consultationId: 'b', callerAgency: 'gp' }),
      consultation({ consultationId: 'c', callerAgency: 'la-social-care' }),
    ];
    // Act
    const view = consultationsView(all, '', now, 90);
    const searched = consultationsView(all, 'social care', now, 90);
    // Assess: never "Gp" or "La social care" made from the code.
    expect(view.counts.map((r) => [r.key.text, r.value.text])).toEqual([
      ['Last 90 days', '3'],
      ['Last 30 days', '3'],
      ['GP practice', '2'],
      ["Council children's social care", '1'],
    ]);
    expect(view.consultations.map((c) => c.callerAgency)).toEqual([
      'GP practice',
      'GP practice',
      "Council children's social care",
    ]);
    expect(searched.consultations.map((c) => c.consultationId)).toEqual(['c']);
    expect(consultationsView(all, 'gp practice', now, 90).consultations).toHaveLength(2);
  });
});
