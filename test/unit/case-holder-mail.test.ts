import type { OpenCase } from '../../shared/cases/case';
import type { DecidedContact } from '../../shared/contacts';
import type { Route } from '../../shared/triage/types';
import { caseHolderNotices } from '../../shared/mail/case-holder-notices';
import { teamHandoverEmails } from '../../shared/mail/team-handovers';
import { parseNotification } from '../../shared/notification';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { testRuntimeConfig } from '../fixtures/runtime-config';

/**
 * Issue 9 point 1: a contact about a child with an open case reaches the allocated worker's own
 * address (not a team mailbox), and a strategy discussion or step-up tells the case holder.
 */

const config = testRuntimeConfig({ SECURE_EMAIL_DOMAINS: 'exampleshire.example' });
const worker = { name: 'Casey Allocated', email: 'casey.allocated@exampleshire.example' };
const leadProfessional = { name: 'Lee Lead', email: 'lee.lead@family-hub.example' };

const decided = (route: Route, caseHolders: OpenCase[]): DecidedContact => {
  const parsed = parseNotification(aSchoolNeglectNotification());
  if (!parsed.ok) throw new Error('fixture is invalid');
  return {
    contactId: 'b'.repeat(26),
    reference: 'CFC-BBBB-CCCC',
    status: 'decided',
    channel: 'api',
    receivedAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    notification: parsed.notification,
    recommendation: {
      children: [{ childIndex: 0, level: 4, route, priority: 'red', reasons: [] }],
      level: 4,
      route,
      priority: 'red',
      dueAt: '2026-11-20T14:00:00.000Z',
      themes: [],
      reasons: [],
      clocks: [],
      caseHolders,
      ruleset: { id: 'default', version: '1' },
    },
    decision: {
      children: [{ childIndex: 0, route, level: 4, rationale: 'New disclosure; strategy discussion today.' }],
      decidedAt: '2026-11-20T11:00:00.000Z',
      decidedBy: 'worker-1',
    },
  };
};

describe('emails to the holder of an open case', () => {
  it('sends a contact routed to the open case to the allocated worker’s own address, with no second notice', () => {
    const contact = decided('existing-open-case', [{ childIndex: 0, kind: 'social-care', holder: worker }]);
    expect(teamHandoverEmails(contact, config).map((e) => e.to)).toEqual([worker.email]);
    expect(caseHolderNotices(contact, config)).toEqual([]);
  });

  it('hands a strategy discussion to the social care team and tells the allocated worker, naming the child on a secure address', () => {
    const contact = decided('csc-strategy-discussion', [{ childIndex: 0, kind: 'social-care', holder: worker }]);
    expect(teamHandoverEmails(contact, config).map((e) => e.to)).toEqual(['social-care@exampleshire.example']);
    const [notice, ...rest] = caseHolderNotices(contact, config);
    expect(rest).toEqual([]);
    expect(notice).toMatchObject({ to: worker.email, idempotencyKey: `${'b'.repeat(26)}:case-holder:${worker.email}` });
    expect(notice!.text).toContain('allocated worker for Ellie Fictional');
    expect(notice!.text).toContain('strategy discussion is being arranged');
    expect(notice!.text).toContain('/console/contacts/bbbbbbbbbbbbbbbbbbbbbbbbbb');
  });

  it('sends only the child with the open case to the allocated worker; the sibling goes to the team', () => {
    const contact = decided('existing-open-case', [{ childIndex: 0, kind: 'social-care', holder: worker }]);
    contact.notification.children.push({ ...contact.notification.children[0]!, firstName: 'Finn' });
    contact.decision!.children.push({
      childIndex: 1,
      route: 'csc-assessment',
      level: 4,
      rationale: 'No open case for Finn: assess.',
    });
    const handovers = teamHandoverEmails(contact, config);
    expect(handovers.map((e) => e.to)).toEqual([worker.email, 'social-care@exampleshire.example']);
    expect(handovers[0]!.text).toContain('Children: Ellie Fictional.');
    expect(handovers[1]!.text).toContain('Children: Finn Fictional.');
  });

  it('tells an early help lead professional of a step-up without naming the child on an ordinary address', () => {
    const contact = decided('csc-assessment', [{ childIndex: 0, kind: 'early-help', holder: leadProfessional }]);
    const [notice] = caseHolderNotices(contact, config);
    expect(notice!.to).toBe(leadProfessional.email);
    expect(notice!.text).toContain('lead professional for a child');
    expect(notice!.text).not.toContain('Ellie');
    expect(notice!.text).not.toContain('New disclosure');
  });
});
