import { DynamoDBClient, ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { aPoliceDomesticAbuseNotification, aSchoolNeglectNotification } from '../fixtures/notifications';
import { useLocalSystem } from '../support/local-system';
import { expectNoPersonalData } from '../support/logs';
import { post } from '../console/helpers';
import { apiClient, triageStateMachineArn } from './api-client';

/**
 * A Cause for Concern notification end to end, through the real handlers, queue consumer and
 * state machine definition, against the embedded emulators: no SDK mocks on this path.
 */
describe('a notification travels end to end', () => {
  const local = useLocalSystem();
  let api: ReturnType<typeof apiClient>;
  beforeAll(() => {
    api = apiClient(local.system);
  });

  const countItems = async () => {
    const db = new DynamoDBClient(local.system.clientConfig('dynamodb'));
    const { TableNames: tables = [] } = await db.send(new ListTablesCommand({}));
    let count = 0;
    for (const table of tables)
      count += (await db.send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count ?? 0;
    return count;
  };

  it('accepts, triages, acknowledges, records a decision and tells the referrer and the team', async () => {
    const notification = aSchoolNeglectNotification();
    const accepted = await api.submit(notification);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({
      contactId: expect.stringMatching(/^[0-9a-z]{26}$/),
      reference: expect.stringMatching(/^CFC-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      status: 'received',
      statusUrl: expect.stringMatching(/\/api\/status\/[0-9a-z]{26}[A-Za-z0-9_-]{32}$/),
    });
    const { contactId, reference } = accepted.body;

    const awaiting = await api.contactInStatus(contactId, 'awaiting-decision');
    expect(awaiting.recommendation).toEqual(
      expect.objectContaining({
        level: expect.any(Number),
        route: expect.any(String),
        priority: expect.stringMatching(/^(red|amber|green)$/),
        dueAt: expect.any(String),
        reasons: expect.arrayContaining([expect.objectContaining({ text: expect.any(String) })]),
        ruleset: expect.objectContaining({ id: expect.any(String), version: expect.any(String) }),
      }),
    );

    const acknowledgement = await api.emailTo(notification.referrer.email!, /We have received your notification/);
    expect(acknowledgement.subject).toContain(reference);
    expect(acknowledgement.body.text).toMatch(/decide what happens next by .*\d{4}/);

    const status = await api.call('GET', new URL(accepted.body.statusUrl).pathname);
    // The contact id opens nothing: the link has its own token.
    expect((await api.call('GET', `/api/status/${contactId}`)).status).toBe(404);
    expect(status.body).toEqual(
      expect.objectContaining({ reference, status: 'awaiting-decision', decisionDueAt: awaiting.recommendation.dueAt }),
    );
    expect(JSON.stringify(status.body)).not.toContain('Ellie');

    const decision = {
      route: 'early-help-targeted',
      level: 3,
      primaryNeed: 'N1',
      rationale: 'Neglect at level 3: several agencies are needed and the family agrees.',
      overrideReason: 'Several agencies are already involved: more than one agency can help.',
    };
    const decided = await api.decide(contactId, decision);
    expect(decided.status).toBe(201);
    expect(decided.body.status).toBe('decided');

    const outcome = await api.emailTo(notification.referrer.email!, /Decision on your notification/);
    expect(outcome.body.text).toContain('Early help: targeted family support');
    expect(outcome.body.text).toContain('What happens next');
    const handover = await api.emailTo('early-help@exampleshire.example', new RegExp(reference));
    expect(handover.body.text).toContain('Rationale: Neglect at level 3');

    // A retry of the same decision is answered, not refused, and sends nothing twice.
    expect((await api.decide(contactId, decision)).status).toBe(200);
    // A different decision on a decided contact is a conflict.
    const conflict = await api.decide(contactId, { ...decision, route: 'nfa', level: 1 });
    expect(conflict.status).toBe(409);
    expect(conflict.body.decision.children).toEqual([
      expect.objectContaining({ childIndex: 0, route: 'early-help-targeted' }),
    ]);

    await new Promise((resolve) => setTimeout(resolve, 1500));
    const toReferrer = await api.emailsTo(notification.referrer.email!);
    expect(toReferrer.map((m) => m.subject).sort()).toEqual([
      `Decision on your notification ${reference}`,
      `We have received your notification ${reference}`,
    ]);
    // The board's measures count the decision once, however often its outcome is re-sent.
    expect(local.system.output().match(/"DecisionsFinal":1/g)).toHaveLength(1);
    expect(local.system.output()).toMatch(/"ScreenedWithinOneWorkingDay":1/);
  });

  it('status link: the emailed link shows the route without the reasons; a code emailed to the referrer opens them once; a guessed token or the contact id is a 404', async () => {
    const notification = aSchoolNeglectNotification();
    notification.referrer.email = 'status-link@school.example';
    const { contactId, reference } = (await api.submit(notification)).body;
    await api.contactInStatus(contactId, 'awaiting-decision');
    const rationale = 'Neglect at level 3: the family agrees to targeted early help from the school.';
    expect(
      (
        await api.decide(contactId, {
          route: 'early-help-targeted',
          level: 3,
          primaryNeed: 'N1',
          rationale,
          overrideReason: 'The school cannot meet these needs alone.',
        })
      ).status,
    ).toBe(201);
    const outcome = await api.emailTo(notification.referrer.email, /Decision on your notification/);
    const link = /(http\S+\/status\/[0-9a-z]{26}[A-Za-z0-9_-]{32})/.exec(outcome.body.text!)![1]!;
    // The token names its contact, for one read; the secret after the id is what opens the page.
    expect(new URL(link).pathname).toMatch(new RegExp(`^/status/${contactId}[A-Za-z0-9_-]{32}$`));

    const page = await fetch(link);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Early help');
    expect(html).not.toContain(rationale);
    for (const wrong of [`/status/${contactId}`, `/status/${'A'.repeat(32)}`, `/status/${contactId}${'A'.repeat(32)}`])
      expect((await fetch(`${local.system.endpoints.api}${wrong}`)).status).toBe(404);

    // Posted as the status page's own forms are, with their origin and form token.
    const statusPath = new URL(link).pathname;
    expect((await post(local.system, `${statusPath}/code`, {})).status).toBe(200);
    const codeEmail = await api.emailTo(
      notification.referrer.email,
      new RegExp(`Your code to see the decision on ${reference}`),
    );
    const code = /Your code is (\d{6})/.exec(codeEmail.body.text!)![1]!;
    const wrongCode = await post(local.system, `${statusPath}/reasons`, {
      code: code === '000000' ? '111111' : '000000',
    });
    expect([wrongCode.status, await wrongCode.text()]).toEqual([400, expect.not.stringContaining(rationale)]);
    const opened = await post(local.system, `${statusPath}/reasons`, { code });
    expect([opened.status, await opened.text()]).toEqual([200, expect.stringContaining(rationale)]);
    expect((await post(local.system, `${statusPath}/reasons`, { code })).status).toBe(400);
  });

  it('recommends and decides each child, and tells the referrer and each receiving team about their children', async () => {
    const notification = aSchoolNeglectNotification();
    notification.referrer.email = 'per-child@school.example';
    const sibling = { ...notification.children[0]!, firstName: 'Finn', dateOfBirth: '2025-01-15' };
    delete sibling.nhsNumber;
    notification.children.push(sibling);
    const { contactId, reference } = (await api.submit(notification)).body;
    const awaiting = await api.contactInStatus(contactId, 'awaiting-decision');
    expect(awaiting.recommendation.children.map((c: { childIndex: number }) => c.childIndex)).toEqual([0, 1]);
    const finalBefore = local.system.output().match(/"DecisionsFinal":1/g)?.length ?? 0;

    const decided = await api.decide(contactId, {
      children: [
        {
          childIndex: 0,
          route: 'early-help-targeted',
          level: 3,
          rationale: 'Neglect at level 3 for Ellie: the family agrees to early help.',
          overrideReason: 'The school cannot meet these needs alone.',
        },
        {
          childIndex: 1,
          route: 'csc-assessment',
          level: 4,
          rationale: 'Neglect of a toddler who depends entirely on her carers: assess.',
          overrideReason: 'A toddler depends entirely on her carers.',
        },
      ],
    });
    expect(decided.status).toBe(201);
    expect(decided.body.decision.children.map((c: { route: string }) => c.route)).toEqual([
      'early-help-targeted',
      'csc-assessment',
    ]);

    const outcome = await api.emailTo(notification.referrer.email!, /Decision on your notification/);
    expect(outcome.body.text).toContain('For child 1: Early help: targeted family support (level of need 3).');
    expect(outcome.body.text).toContain(
      "For child 2: Children's social care: child in need assessment (s17) (level of need 4).",
    );
    const earlyHelp = await api.emailTo('early-help@exampleshire.example', new RegExp(reference));
    const socialCare = await api.emailTo('social-care@exampleshire.example', new RegExp(reference));
    expect(earlyHelp.body.text).toContain('Rationale: Neglect at level 3 for Ellie');
    expect(earlyHelp.body.text).toContain('Also in this notification: Finn');
    expect(socialCare.body.text).toContain('Rationale: Neglect of a toddler');
    // The board counts children, as the CIN census does: two final decisions.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(local.system.output().match(/"DecisionsFinal":1/g)).toHaveLength(finalBefore + 2);
  });

  it('flags immediate danger red and alerts the duty manager at once', async () => {
    const accepted = await api.submit(aPoliceDomesticAbuseNotification());
    expect(accepted.status).toBe(202);
    const contact = await api.contactInStatus(accepted.body.contactId, 'awaiting-decision');
    expect(contact.recommendation.priority).toBe('red');
    // In office hours the duty manager, outside them the emergency duty team (which of the two is
    // unit-tested against the calendar); this test runs at whatever time it is.
    const alert = await api.emailTo(
      ['duty-manager@exampleshire.example', 'emergency-duty-team@exampleshire.example'],
      new RegExp(accepted.body.reference),
    );
    expect(alert.subject).toMatch(/^RED/);
  });

  it('refuses an invalid notification with every field error and stores nothing', async () => {
    const before = await countItems();
    const invalid = aSchoolNeglectNotification() as any;
    invalid.referrer.email = 'nope';
    invalid.children[0].dateOfBirth = '2020-02-30';
    delete invalid.consent;
    const refused = await api.submit(invalid);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'referrer.email', message: expect.any(String) },
        { path: 'children.0.dateOfBirth', message: expect.any(String) },
        { path: 'consent', message: expect.any(String) },
      ]),
    );
    expect((await api.call('POST', '/api/notifications', '{not json')).status).toBe(400);
    expect((await api.call('POST', '/api/notifications', 'referrer=x', { 'content-type': 'text/plain' })).status).toBe(
      415,
    );
    expect(await countItems()).toBe(before);
  });

  it('answers a decision with errors, and an unknown contact, clearly', async () => {
    const missingRationale = await api.decide('0'.repeat(26), { route: 'nfa', level: 1 });
    expect(missingRationale.status).toBe(400);
    expect(missingRationale.body.errors).toEqual([{ path: 'rationale', message: 'This field is required' }]);
    expect(
      (await api.decide('0'.repeat(26), { route: 'nfa', level: 1, rationale: 'No concerns found on checks.' })).status,
    ).toBe(404);
  });

  it('lands a retried submission on the same contact, triaged once', async () => {
    const notification = aSchoolNeglectNotification();
    notification.referrer.email = 'retry@school.example';
    const headers = { 'idempotency-key': 'school-system-submission-0001' };
    const first = await api.submit(notification, headers);
    const second = await api.submit(notification, headers);
    expect(second.body.contactId).toBe(first.body.contactId);
    await api.contactInStatus(first.body.contactId, 'awaiting-decision');
    // The acknowledgement is sent from its own queue, after triage: wait for it, then for any second one.
    await api.emailTo('retry@school.example', /We have received your notification/);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await api.emailsTo('retry@school.example')).toHaveLength(1);
    const sfn = new SFNClient(local.system.clientConfig('sfn'));
    const { executions = [] } = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: triageStateMachineArn(local.system) }),
    );
    expect(executions.filter((e) => e.name?.includes(first.body.contactId))).toHaveLength(1);
  });

  it('matches a later contact about the same child to the earlier ones, and only those', async () => {
    const first = aSchoolNeglectNotification();
    first.children[0]!.firstName = 'Rosa';
    first.children[0]!.lastName = 'Imaginary';
    delete first.children[0]!.nhsNumber;
    const a = await api.submit(first);
    await api.contactInStatus(a.body.contactId, 'awaiting-decision');
    const second = aSchoolNeglectNotification();
    second.children[0]!.firstName = 'ROSA';
    second.children[0]!.lastName = 'imaginary';
    second.children[0]!.address.postcode = 'zz11aa';
    delete second.children[0]!.nhsNumber;
    const b = await api.submit(second);
    const later = await api.contactInStatus(b.body.contactId, 'awaiting-decision');
    expect(later.matches).toEqual([
      expect.objectContaining({
        contactId: a.body.contactId,
        reference: a.body.reference,
        matchedOn: expect.arrayContaining(['name-dob-postcode']),
      }),
    ]);
  });

  it('gives the contact, its child index entries and its audit trail a retention date', async () => {
    const accepted = await api.submit(aSchoolNeglectNotification());
    const contact = await api.contactInStatus(accepted.body.contactId, 'awaiting-decision');
    const sixYears = new Date(contact.receivedAt);
    sixYears.setUTCFullYear(sixYears.getUTCFullYear() + 6);
    expect(contact.expiresAt).toBe(Math.floor(sixYears.getTime() / 1000));

    const db = new DynamoDBClient(local.system.clientConfig('dynamodb'));
    const { TableNames = [] } = await db.send(new ListTablesCommand({}));
    const table = TableNames.find((name) => name.startsWith('TablesContacts'))!;
    const { Items = [] } = await db.send(new ScanCommand({ TableName: table }));
    // A link confirming the referrer's address is kept only as long as the link works, not the contact's retention.
    const isConfirmationOffer = (item: (typeof Items)[number]) => item.pk!.S!.startsWith('ADDRESSCONFIRM#');
    const ofContact = Items.filter((item) => item.contactId?.S === contact.contactId && !isConfirmationOffer(item));
    expect(ofContact.map((item) => item.pk!.S!.split('#')[0]).sort()).toEqual(
      expect.arrayContaining(['CONTACT', 'MATCH']),
    );
    for (const item of ofContact) expect(Number(item.expiresAt?.N)).toBeGreaterThanOrEqual(contact.expiresAt);
    const offers = Items.filter((item) => item.contactId?.S === contact.contactId && isConfirmationOffer(item));
    for (const offer of offers)
      expect(Number(offer.expiresAt?.N)).toBe(Math.floor(Date.parse(offer.validUntil!.S!) / 1000));
  });

  it('never writes the children or referrers into the logs', () => {
    expect(local.system.output()).toContain('Notification accepted');
    expectNoPersonalData(local.system.output(), [
      'Ellie',
      'Fictional',
      'Madeup',
      'Noah',
      'Rosa',
      'Priya Testwood',
      'ZZ1 1AA',
      '9990000018',
      'dsl@example-primary',
    ]);
  });
});
