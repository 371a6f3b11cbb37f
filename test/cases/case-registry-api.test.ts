import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCases } from '../../infra/ops/cases';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { apiClient } from '../integration/api-client';
import { useLocalSystem } from '../support/local-system';

/**
 * The case registry API on the local system, read from the CDK template like everything else:
 * the case management system says a child's case is open, triage routes the next contact to the
 * allocated worker, the decision's handover goes to the worker's own address, and a closure
 * recorded later means the next contact is routed on its needs alone.
 */
describe('PUT /api/children/{key}/case and /api/children/cases', () => {
  const local = useLocalSystem();
  const api = () => apiClient(local.system);
  const worker = { name: 'Casey Allocated', email: 'casey.allocated@exampleshire.example' };
  // The school-neglect sample's child has this (test-range) NHS number.
  const nhsNumber = '9990000018';

  it('routes a contact about a child with a recorded open case to the allocated worker, and not after the case is closed', async () => {
    const opened = await api().call('PUT', `/api/children/${nhsNumber}/case`, {
      status: 'open',
      kind: 'social-care',
      holder: worker,
      team: 'Children in Need Team 2',
    });
    expect(opened).toMatchObject({ status: 200, body: { recorded: 1 } });

    const first = await api().submit(aSchoolNeglectNotification(), { 'idempotency-key': 'case-registry-1' });
    const triaged = await api().contactInStatus(first.body.contactId, 'awaiting-decision');
    expect(triaged.recommendation.route).toBe('existing-open-case');
    expect(triaged.recommendation.caseHolders).toEqual([
      { childIndex: 0, kind: 'social-care', holder: worker, team: 'Children in Need Team 2' },
    ]);

    const decided = await api().decide(first.body.contactId, {
      route: 'existing-open-case',
      level: 2,
      rationale: 'Open case: the allocated worker will follow this up.',
    });
    expect(decided.status).toBe(201);
    await api().emailTo(worker.email, /New referral from the front door/);

    const closed = await api().call('PUT', '/api/children/cases', {
      cases: [{ status: 'closed', kind: 'social-care', child: { nhsNumber } }],
    });
    expect(closed).toMatchObject({ status: 200, body: { recorded: 1 } });
    const second = await api().submit(aSchoolNeglectNotification(), { 'idempotency-key': 'case-registry-2' });
    const again = await api().contactInStatus(second.body.contactId, 'awaiting-decision');
    expect(again.recommendation.route).not.toBe('existing-open-case');
    expect(again.recommendation.caseHolders).toBeUndefined();
  });

  it('refuses a batch with a bad item, stores none of it, and refuses a key that identifies no child', async () => {
    const batch = await api().call('PUT', '/api/children/cases', {
      cases: [
        { status: 'open', kind: 'early-help', holder: worker, child: { nhsNumber: '9990000026' } },
        { status: 'open', kind: 'early-help', child: { nhsNumber: '9990000026' } },
      ],
    });
    expect(batch.status).toBe(400);
    expect(batch.body.errors).toEqual([
      {
        path: 'cases.1.holder',
        message: 'An open case needs its allocated worker or lead professional, with an email address',
      },
    ]);
    const badKey = await api().call('PUT', '/api/children/not-a-child/case', { status: 'closed', kind: 'early-help' });
    expect(badKey.status).toBe(400);
    expect(
      (await api().call('PUT', `/api/children/${nhsNumber}/case`, 'status=open', { 'content-type': 'text/plain' }))
        .status,
    ).toBe(415);
  });

  it('`front-door cases import` records an open early help case from a CSV export, and triage tells the lead professional', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cases-')), 'export.csv');
    writeFileSync(
      file,
      'nhs_number,status,kind,holder_name,holder_email\n9990000026,open,early-help,Lee Lead,lee.lead@exampleshire.example\n',
    );
    const out: string[] = [];
    const code = await runCases(['import', file, '--data-dir', local.system.dataDir], {
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      now: () => new Date(),
    });
    expect([code, out.join('\n')]).toEqual([0, expect.stringContaining('1 case recorded in the local system')]);

    const notification = aSchoolNeglectNotification();
    notification.children[0]!.nhsNumber = '9990000026';
    notification.children[0]!.firstName = 'Sam';
    const submitted = await api().submit(notification, { 'idempotency-key': 'case-registry-3' });
    const triaged = await api().contactInStatus(submitted.body.contactId, 'awaiting-decision');
    expect(triaged.recommendation.route).toBe('early-help-targeted');
    expect(triaged.recommendation.caseHolders).toEqual([
      { childIndex: 0, kind: 'early-help', holder: { name: 'Lee Lead', email: 'lee.lead@exampleshire.example' } },
    ]);
  });
});
