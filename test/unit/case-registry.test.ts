import type { Contact } from '../../shared/contacts';
import { ActionSchemas, planAction } from '../../shared/console/actions';
import { recommend } from '../../shared/rules';
import { InMemoryCaseRegistry } from '../../shared/cases/in-memory-case-registry';
import { importChildCases, openCasesFor, recordChildCase, recordChildCases } from '../../shared/cases/record-cases';
import { applyLevelsOfNeed } from '../../shared/front-door/triage-steps';
import type { ContactStore } from '../../shared/contacts/ports';
import type { EarlierContact } from '../../shared/triage/types';
import { parseNotification, type Notification } from '../../shared/notification';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { TEST_MATCH_KEY } from '../support/match-key';

/** The case registry's use cases against in-memory ports (synthetic children only). */

const now = new Date('2026-11-18T10:00:00Z');
const worker = { name: 'Casey Allocated', email: 'casey.allocated@exampleshire.example' };
const open = { status: 'open', kind: 'social-care', holder: worker, team: 'Children in Need Team 2' } as const;
const by = { recordedBy: 'arn:aws:iam::123456789012:role/case-system', source: 'api' as const, now };

const ellie = (): Notification => {
  const parsed = parseNotification(aSchoolNeglectNotification());
  if (!parsed.ok) throw new Error('fixture invalid');
  return parsed.notification;
};
const withoutNhsNumber = (n: Notification): Notification => ({
  ...n,
  children: n.children.map(({ nhsNumber: _n, ...c }) => c),
});

describe('recording a child’s case', () => {
  it('records by NHS number, and triage finds it for a notification with that NHS number', async () => {
    // Prepare
    const registry = new InMemoryCaseRegistry();
    // Act
    const result = await recordChildCase(
      { ...by, key: '999 000 0018', body: open },
      { registry, matchKey: TEST_MATCH_KEY },
    );
    // Assess
    expect(result).toEqual({ outcome: 'recorded', recorded: 1 });
    expect(await openCasesFor(ellie().children, { registry, matchKey: TEST_MATCH_KEY })).toEqual([
      { childIndex: 0, kind: 'social-care', holder: worker, team: 'Children in Need Team 2' },
    ]);
    expect(await openCasesFor(withoutNhsNumber(ellie()).children, { registry, matchKey: TEST_MATCH_KEY })).toEqual([]);
  });

  it('records a batch by name, date of birth and postcode however they are typed, and finds the child without an NHS number', async () => {
    const registry = new InMemoryCaseRegistry();
    const result = await recordChildCases(
      {
        ...by,
        body: {
          cases: [
            {
              ...open,
              child: { firstName: 'ELLIE ', lastName: 'fictional', dateOfBirth: '2018-03-14', postcode: 'zz11aa' },
            },
          ],
        },
      },
      { registry, matchKey: TEST_MATCH_KEY },
    );
    expect(result).toEqual({ outcome: 'recorded', recorded: 1 });
    expect(await openCasesFor(withoutNhsNumber(ellie()).children, { registry, matchKey: TEST_MATCH_KEY })).toHaveLength(
      1,
    );
  });

  it('refuses a whole batch with any bad item, says where, and stores nothing', async () => {
    const registry = new InMemoryCaseRegistry();
    const result = await recordChildCases(
      {
        ...by,
        body: {
          cases: [
            { ...open, child: { nhsNumber: '9990000018' } },
            { status: 'open', kind: 'social-care', child: { firstName: 'Ellie' } },
          ],
        },
      },
      { registry, matchKey: TEST_MATCH_KEY },
    );
    expect(result.outcome).toBe('invalid');
    expect(result.outcome === 'invalid' && result.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['cases.1.holder', 'cases.1.child']),
    );
    expect(registry.records.size).toBe(0);
  });

  it('refuses an open case without its holder, and a key that is neither a child key nor an NHS number', async () => {
    const registry = new InMemoryCaseRegistry();
    const result = await recordChildCase(
      { ...by, key: 'ellie-fictional', body: { status: 'open', kind: 'early-help' } },
      { registry, matchKey: TEST_MATCH_KEY },
    );
    expect(result).toEqual({
      outcome: 'invalid',
      errors: [
        { path: 'key', message: 'Give the child key Front Door shows for the child, or a valid 10 digit NHS number' },
        {
          path: 'holder',
          message: 'An open case needs its allocated worker or lead professional, with an email address',
        },
      ],
    });
  });

  it('a later closure closes the case, and an older statement arriving afterwards does not reopen it', async () => {
    const registry = new InMemoryCaseRegistry();
    await recordChildCase(
      { ...by, key: '9990000018', body: { ...open, recordedAt: '2026-06-01T09:00:00Z' } },
      { registry, matchKey: TEST_MATCH_KEY },
    );
    await recordChildCase(
      { ...by, key: '9990000018', body: { status: 'closed', kind: 'social-care', recordedAt: '2026-09-01T09:00:00Z' } },
      { registry, matchKey: TEST_MATCH_KEY },
    );
    await recordChildCase(
      { ...by, source: 'api', key: '9990000018', body: { ...open, recordedAt: '2026-07-01T09:00:00Z' } },
      { registry, matchKey: TEST_MATCH_KEY },
    );
    expect(await openCasesFor(ellie().children, { registry, matchKey: TEST_MATCH_KEY })).toEqual([]);
  });
});

describe('triage asks the registry, never guesses', () => {
  const contactFor = (notification: Notification, matches: EarlierContact[] = []) => ({
    contact: {
      contactId: 'c1',
      reference: 'CFC-TEST-0001',
      status: 'triaging',
      channel: 'api',
      receivedAt: now.toISOString(),
      notification,
      updatedAt: now.toISOString(),
    } satisfies Contact,
    matches,
  });
  const storeWith = ({ contact, matches }: { contact: Contact; matches: EarlierContact[] }) => {
    const saved: Partial<Contact>[] = [];
    const store = {
      getWithMatches: async () => ({ contact, matches: { earlier: matches, household: [], more: [] } }),
      transition: async (_id: string, _from: string[], _to: string, changes: Partial<Contact>) => (
        saved.push(changes), { ...contact, ...changes }
      ),
      // Triage records itself in the audit trail.
      appendEvent: async () => undefined,
    } as unknown as ContactStore;
    return { store, saved };
  };

  it('routes to the allocated worker when the registry says the case is open, and records who holds it', async () => {
    const registry = new InMemoryCaseRegistry();
    await recordChildCase({ ...by, key: '9990000018', body: open }, { registry, matchKey: TEST_MATCH_KEY });
    const { store, saved } = storeWith(contactFor(ellie()));
    const summary = await applyLevelsOfNeed('c1', {
      store,
      cases: registry,
      matchKey: TEST_MATCH_KEY,
      now,
      acknowledgements: { send: async () => {} },
    });
    expect(summary.route).toBe('existing-open-case');
    expect(saved[0]!.recommendation!.caseHolders).toEqual([
      { childIndex: 0, kind: 'social-care', holder: worker, team: 'Children in Need Team 2' },
    ]);
  });

  it('treats a child whose earlier contact went to social care, with nothing in the registry, as having no open case', async () => {
    const earlier = {
      contactId: 'c0',
      reference: 'CFC-OLD0-0001',
      receivedAt: '2026-03-01T10:00:00Z',
      childIndex: 0,
      matchedOn: ['nhs-number' as const],
      status: 'decided',
      route: 'csc-assessment' as const,
      level: 4 as const,
    };
    const { store } = storeWith(contactFor(ellie(), [earlier]));
    const summary = await applyLevelsOfNeed('c1', {
      store,
      cases: new InMemoryCaseRegistry(),
      matchKey: TEST_MATCH_KEY,
      now,
      acknowledgements: { send: async () => {} },
    });
    expect(summary.route).not.toBe('existing-open-case');
  });
});

describe('importing the case management system’s CSV export', () => {
  const header =
    'nhs_number,first_name,last_name,date_of_birth,postcode,status,kind,holder_name,holder_email,team,recorded_at';

  it('records every row, by NHS number or by details, with quoted fields', async () => {
    const registry = new InMemoryCaseRegistry();
    const csv = [
      header,
      '9990000018,,,,,open,social-care,Casey Allocated,casey.allocated@exampleshire.example,"Children in Need Team 2, North",2026-11-01T09:00:00Z',
      ',Robin,Example,2015-05-05,ZZ9 9ZZ,open,early-help,"Lee ""Lead"" Professional",lee.lead@family-hub.example,,',
      '',
    ].join('\r\n');
    const result = await importChildCases({ csv, recordedBy: 'import', now }, { registry, matchKey: TEST_MATCH_KEY });
    expect(result).toEqual({ outcome: 'recorded', recorded: 2 });
    const [found] = await openCasesFor(ellie().children, { registry, matchKey: TEST_MATCH_KEY });
    expect(found).toMatchObject({ kind: 'social-care', team: 'Children in Need Team 2, North' });
    expect([...registry.records.values()].map((r) => r.source)).toEqual(['import', 'import']);
  });

  it('refuses the whole file when a row is wrong, naming the row and column but never the value', async () => {
    const registry = new InMemoryCaseRegistry();
    const csv = [
      header,
      '9990000018,,,,,open,social-care,Casey Allocated,casey.allocated@exampleshire.example,,',
      ',Secret,Name,2015-13-40,ZZ9 9ZZ,open,early-help,Lee,not-an-email,,',
    ].join('\n');
    const result = await importChildCases({ csv, recordedBy: 'import', now }, { registry, matchKey: TEST_MATCH_KEY });
    expect(result.outcome).toBe('invalid');
    const errors = result.outcome === 'invalid' ? result.errors : [];
    expect(errors.map((e) => e.path).sort()).toEqual(['row 3 date_of_birth', 'row 3 holder_email']);
    expect(JSON.stringify(errors)).not.toMatch(/Secret|not-an-email|2015-13-40/);
    expect(registry.records.size).toBe(0);
  });

  it('refuses a file whose header it does not know', async () => {
    const result = await importChildCases(
      { csv: 'child,status\nx,open\n', recordedBy: 'import', now },
      { registry: new InMemoryCaseRegistry(), matchKey: TEST_MATCH_KEY },
    );
    expect(result).toEqual({
      outcome: 'invalid',
      errors: [
        { path: 'header', message: 'The header has no kind column' },
        { path: 'header', message: expect.stringMatching(/^Unknown column child;/) },
      ],
    });
  });
});

describe('a worker records or closes a case on the contact page', () => {
  const actor = { id: 'sam.okafor', name: 'Sam Okafor', role: 'worker' };
  const awaiting = (): Contact => {
    const notification = ellie();
    const recommendation = recommend({ notification, history: { earlierContacts: [] }, receivedAt: now });
    return {
      contactId: 'c1',
      reference: 'CFC-TEST-0001',
      status: 'awaiting-decision',
      channel: 'api',
      receivedAt: now.toISOString(),
      notification,
      recommendation,
      updatedAt: now.toISOString(),
      version: 3,
    } satisfies Contact;
  };

  it('records an open case in the registry under the child’s keys and recommends again with the allocated worker', () => {
    const plan = planAction(
      'record-case',
      {
        childIndex: 0,
        caseStatus: 'open',
        kind: 'social-care',
        holderName: worker.name,
        holderEmail: worker.email,
        team: 'CIN 2',
      },
      awaiting(),
      actor,
      now,
    );
    if ('refused' in plan) throw new Error(plan.refused);
    expect(plan.caseStatement!.record).toMatchObject({
      status: 'open',
      holder: worker,
      source: 'console',
      recordedBy: 'sam.okafor',
    });
    expect(plan.caseStatement!.child).toEqual(ellie().children[0]);
    expect(plan.write.changes.recommendation!.route).toBe('existing-open-case');
    expect(plan.action).toBe('Recorded an open social care case for child 1');
  });

  it('asks for the holder of an open case, and refuses a child not in the notification', () => {
    expect(
      ActionSchemas['record-case']
        .safeParse({ childIndex: '0', caseStatus: 'open', kind: 'early-help' })
        .error?.issues.map((i) => i.path.join('.')),
    ).toEqual(['holderName', 'holderEmail']);
    expect(
      planAction('record-case', { childIndex: 4, caseStatus: 'closed', kind: 'social-care' }, awaiting(), actor, now),
    ).toEqual({ refused: 'That child is not in this notification' });
  });
});
