import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Contact } from '../../shared/contacts';
import { parseNotification, type Notification } from '../../shared/notification';
import { allegationIdFor, referAllegation, type ReferralDeps } from '../../shared/lado/referral';
import { referralMeasures } from '../../shared/lado/measures';
import {
  calendar,
  ladoSettings,
  mailConfig,
  matchKey,
  memoryAllegations,
  memoryContacts,
  memoryMailer,
} from './memory';

/** A notification about a teacher becomes an allegation for the LADO (the ReferAllegation triage step). */
const sample = (): Notification => {
  const parsed = parseNotification(
    JSON.parse(readFileSync(join(__dirname, '../../events/notifications/school-allegation-teacher.json'), 'utf8')),
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.notification;
};
const contactWith = (
  contactId: string,
  notification: Notification,
  receivedAt = '2026-11-23T10:00:00.000Z',
): Contact => ({
  contactId,
  reference: `CFC-${contactId.toUpperCase()}`,
  status: 'triaging',
  channel: 'api',
  receivedAt,
  updatedAt: receivedAt,
  notification,
});
const now = new Date('2026-11-23T10:00:05Z');

const setUp = (...contacts: Contact[]) => {
  const allegations = memoryAllegations();
  const contactStore = memoryContacts(contacts);
  const mail = memoryMailer();
  const deps: ReferralDeps = {
    contacts: contactStore.store,
    allegations: allegations.store,
    mailer: mail.mailer,
    mail: mailConfig,
    settings: ladoSettings,
    matchKey,
    calendar,
    now,
  };
  return { allegations, contactStore, mail, deps };
};

describe('referring an allegation to the LADO', () => {
  it('leaves a notification about a child alone, to be triaged as ever', async () => {
    // Prepare
    const { adultConcern: _none, ...childOnly } = sample();
    const { deps, allegations } = setUp(contactWith('c1', childOnly));
    // Act
    const result = await referAllegation('c1', deps);
    // Assess
    expect(result).toEqual({ childContact: true });
    expect(allegations.allegations.size).toBe(0);
  });

  it('makes an allegation with its clocks, passes the contact to the LADO when the child needs nothing else, and emails employer and referrer', async () => {
    // Prepare
    const { deps, allegations, contactStore, mail } = setUp(contactWith('c1', sample()));
    // Act
    const result = await referAllegation('c1', deps);
    // Assess
    expect(result).toMatchObject({
      childContact: false,
      allegation: { firstTime: true, sector: 'education', source: '2A', earlierAllegations: 0 },
    });
    const allegation = allegations.allegations.get(allegationIdFor('c1'))!;
    expect(allegation).toMatchObject({
      status: 'awaiting-consideration',
      reference: expect.stringMatching(/^LADO-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      notificationReference: 'CFC-C1',
      // Monday 10:00 → one working day → Tuesday 10:00; no immediate risk → 5 working days → next Monday.
      considerationDueAt: '2026-11-24T10:00:00.000Z',
      meetingDueAt: '2026-11-30T10:00:00.000Z',
      person: { name: 'Alex Testperson', employer: 'Example Primary School' },
    });
    expect(allegation.childContact).toBeUndefined();
    expect(allegation.personKey).not.toContain('Testperson');
    expect(contactStore.byId.get('c1')!.status).toBe('referred-to-lado');
    const [employer, referrer] = [...mail.sent.values()];
    expect(employer!.to).toBe('head@example-primary.sch.example');
    expect(referrer!.to).toBe('dsl@example-primary.sch.example');
    expect(referrer!.text).not.toMatch(/Testperson|teacher|Noah/i);
    expect(allegations.events.map((e) => e.action)).toEqual(['Allegation received']);
    expect(referralMeasures(result)).toEqual([
      { name: 'AllegationsReceived', unit: 'Count', value: 1, dimensions: { sector: 'education', source: '2A' } },
    ]);
  });

  it('links the allegation to the contact about the child, which carries on to triage, when the child needs help too', async () => {
    // Prepare
    const n = sample();
    const { deps, allegations, contactStore } = setUp(
      contactWith('c1', { ...n, adultConcern: { ...n.adultConcern!, childNeedsContact: true } }),
    );
    // Act
    const result = await referAllegation('c1', deps);
    // Assess
    expect(result.childContact).toBe(true);
    expect(allegations.allegations.get(allegationIdFor('c1'))!.childContact).toEqual({
      contactId: 'c1',
      reference: 'CFC-C1',
    });
    expect(contactStore.byId.get('c1')!.status).toBe('triaging');
  });

  it('keeps the child in triage, for the duty manager today, when the referrer says a child is in immediate danger', async () => {
    // Prepare: the school says the child needs nothing from social care, yet is in immediate danger
    const n = sample();
    const { deps, allegations, contactStore } = setUp(contactWith('c-danger', { ...n, immediateDanger: true }));
    // Act
    const result = await referAllegation('c-danger', deps);
    // Assess
    expect(result.childContact).toBe(true);
    expect(contactStore.byId.get('c-danger')!.status).toBe('triaging');
    expect(allegations.allegations.get(allegationIdFor('c-danger'))!.childContact).toEqual({
      contactId: 'c-danger',
      reference: 'CFC-C-DANGER',
    });
  });

  it('names a child known only by a first name as the referrer gave it, never "undefined"', async () => {
    // Prepare
    const notification = sample();
    const { lastName: _l, ...child } = notification.children[0]!;
    const { allegations, deps } = setUp(contactWith('c-first-name', { ...notification, children: [child] }));
    // Act
    await referAllegation('c-first-name', deps);
    // Assess
    const [allegation] = [...allegations.allegations.values()];
    expect(allegation!.children).toEqual([{ name: 'Noah', dateOfBirth: '2017-06-02' }]);
  });

  it('creates the allegation once however often the step is retried', async () => {
    // Prepare
    const { deps, allegations, mail } = setUp(contactWith('c1', sample()));
    await referAllegation('c1', deps);
    // Act
    const again = await referAllegation('c1', deps);
    // Assess
    expect(again.allegation!.firstTime).toBe(false);
    expect(referralMeasures(again)).toEqual([]);
    expect(allegations.allegations.size).toBe(1);
    expect(allegations.events).toHaveLength(1);
    expect(mail.sent.size).toBe(2);
  });

  it('finds earlier allegations about the same person, however their name is typed, and counts a repeat', async () => {
    // Prepare
    const n = sample();
    const later = { ...n, adultConcern: { ...n.adultConcern!, name: '  alex  TESTPERSON ' } };
    const { deps, allegations } = setUp(contactWith('c1', n, '2026-01-05T10:00:00.000Z'), contactWith('c2', later));
    await referAllegation('c1', deps);
    // Act
    const result = await referAllegation('c2', deps);
    // Assess
    expect(result.allegation!.earlierAllegations).toBe(1);
    expect(allegations.allegations.get(allegationIdFor('c2'))!.earlier.map((e) => e.allegationId)).toEqual([
      allegationIdFor('c1'),
    ]);
    expect(referralMeasures(result).map((m) => m.name)).toEqual(['AllegationsReceived', 'RepeatAllegations']);
  });

  it('does not match a different person at the same employer', async () => {
    // Prepare
    const n = sample();
    const other = { ...n, adultConcern: { ...n.adultConcern!, name: 'Sam Otherperson', dateOfBirth: '1990-01-01' } };
    const { deps } = setUp(contactWith('c1', n), contactWith('c2', other));
    await referAllegation('c1', deps);
    // Act
    const result = await referAllegation('c2', deps);
    // Assess
    expect(result.allegation!.earlierAllegations).toBe(0);
  });

  it('tells an employer on an ordinary email address to phone the LADO, without naming anyone', async () => {
    // Prepare
    const n = sample();
    const open = {
      ...n,
      adultConcern: { ...n.adultConcern!, employerContact: { name: 'Jordan Sample', email: 'head@freemail.example' } },
    };
    const { deps, mail } = setUp(contactWith('c1', open));
    // Act
    await referAllegation('c1', deps);
    // Assess
    const employer = [...mail.sent.values()].find((m) => m.to === 'head@freemail.example')!;
    expect(employer.text).toContain('01632 960 555');
    expect(employer.text).not.toMatch(/Testperson|Class teacher/);
  });

  it('still refers an allegation from a member of the public who gave only a phone number, emailing only the employer', async () => {
    // Prepare
    const n = sample();
    const fromPublic = {
      ...n,
      referrer: { name: 'Pat Neighbour', agencyType: 'self' as const, phone: '07700 900 123' },
    } as Notification;
    const { deps, allegations, mail } = setUp(contactWith('c1', fromPublic));
    // Act
    await referAllegation('c1', deps);
    // Assess
    expect(allegations.allegations.size).toBe(1);
    expect([...mail.sent.values()].map((m) => m.to)).toEqual(['head@example-primary.sch.example']);
  });

  it('gives the employer on a secure domain the detail and what not to do', async () => {
    // Prepare
    const n = sample();
    const secure = {
      ...n,
      adultConcern: {
        ...n.adultConcern!,
        employerContact: { name: 'Jordan Sample', email: 'head@school.sch.example' },
      },
    };
    const { deps, mail } = setUp(contactWith('c1', secure));
    // Act
    await referAllegation('c1', deps);
    // Assess
    const employer = [...mail.sent.values()].find((m) => m.to === 'head@school.sch.example')!;
    expect(employer.text).toContain('Alex Testperson, Class teacher and PE lead at Example Primary School');
    expect(employer.text).toContain('do not investigate');
  });
});
