import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiClient } from '../integration/api-client';
import { useLocalSystem } from '../support/local-system';
import { expectNoPersonalData } from '../support/logs';
import { sendSmtp } from '../support/smtp';
import { get, post, signIn, versionOnPage } from './helpers';

/**
 * A free-text email, end to end on the local system: delivered over SMTP, listed in the console's
 * "Needs completing" tab, read (escaped) and downloaded by a worker, then completed in the
 * referrer's form, after which the same contact is triaged and its sender acknowledged once.
 */
const SENDER = 'pat.neighbour@mail.example';
// The sample with markup where a careless page would render it: the text and an attachment's name.
const message = readFileSync(join(__dirname, '../../events/email/free-text-with-attachment.eml'), 'utf8')
  .replace('My notes are attached.', 'My notes are attached <script>alert("x")</script> & signed.')
  .replace('filename="notes.pdf"', 'filename="<b>notes</b>.pdf"');

// What a worker types into the referrer's form, page by page, from what the email says.
const ANSWERS: Record<string, Record<string, string>> = {
  'immediate-danger': { immediateDanger: 'no' },
  'who-are-you': { referrerKind: 'acquaintance' },
  'about-you': { name: 'Pat Neighbour', role: 'Neighbour', email: SENDER, phone: '01632 960 456' },
  'children/0/details': {
    firstName: 'Robin',
    lastName: 'Fictional',
    born: 'yes',
    'dateOfBirth-day': '2',
    'dateOfBirth-month': '6',
    'dateOfBirth-year': '2019',
    gender: 'c',
  },
  'children/0/address': { line1: '5 Fictional Row', town: 'Exampleton', postcode: 'ZZ99 3AB' },
  children: { add: 'no' },
  parentsAndCarers: { add: 'no' },
  householdMembers: { add: 'no' },
  otherProfessionals: { add: 'no' },
  concerns: { areas: 'care' },
  'concerns/care': { indicators: 'young-child-left-alone' },
  'what-happened': {
    description: 'Neighbour reports the children are left alone every evening and heard shouting (from the email).',
  },
  'about-an-adult': { aboutAdult: 'no' },
  'child-views': {},
  expectation: { expectation: 'Someone to check the children are safe' },
  consent: { consentStatus: 'not-sought', notSoughtReason: 'A neighbour, not known to the family' },
  check: {},
};

describe('completing a free-text email in the console', () => {
  const local = useLocalSystem();
  const as: Record<string, string> = {};
  let contactId: string;
  let reference: string;

  beforeAll(async () => {
    for (const user of ['sam.okafor', 'jo.reid']) as[user] = await signIn(local.system, user);
    const reply = await sendSmtp(
      local.system.endpoints.smtp,
      { from: SENDER, to: ['notify@exampleshire.example'] },
      message,
    );
    contactId = await apiClient(local.system).contactIdOfEmail(/^250 Ok (\w+)$/.exec(reply)![1]);
    reference = (await apiClient(local.system).contactInStatus(contactId, 'needs-completing')).reference;
  }, 60_000);

  it("lists it in the Needs completing tab with the sender's domain only", async () => {
    const html = await (await get(local.system, '/console?tab=needs-completing', as['sam.okafor'])).text();
    expect(html).toMatch(/Needs completing \(\d+\)/);
    const row = html.slice(html.indexOf(`/console/contacts/${contactId}`));
    expect(row).toMatch(
      /^[\s\S]*?mail\.example<\/td>\s*<td[^>]*>Worried about the children next door<\/td>\s*<td[^>]*>1<\/td>/,
    );
    expect(html).not.toContain(SENDER);
  });

  it('shows the email as received, escaped, with its attachment and the way to download it', async () => {
    const html = await (await get(local.system, `/console/contacts/${contactId}`, as['sam.okafor'])).text();
    expect(html).toContain('left on their own every evening this week');
    expect(html).toContain('My notes are attached &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; signed.');
    expect(html).toContain('&lt;b&gt;notes&lt;/b&gt;.pdf');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>notes</b>');
    expect(html).toContain(SENDER);
    expect(html).toContain('Download the original email (.eml)');
  });

  it('serves the raw message for download and records that in the audit trail', async () => {
    const response = await get(local.system, `/console/contacts/${contactId}/original-email`, as['sam.okafor']);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('message/rfc822');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${reference}.eml"`);
    const raw = await response.text();
    expect(raw).toContain('Subject: Worried about the children next door');
    expect(raw).toContain('JVBERi0xLjQKMSAwIG9iajw8Pj5lbmRvYmoKdHJhaWxlcjw8Pj4KJSVFT0YK');
    const page = await (await get(local.system, `/console/contacts/${contactId}`, as['sam.okafor'])).text();
    expect(page).toContain('Downloaded the original email');
  });

  it('refuses an administrator the page, the download and completing it', async () => {
    expect((await get(local.system, `/console/contacts/${contactId}`, as['jo.reid'])).status).toBe(403);
    expect((await get(local.system, `/console/contacts/${contactId}/original-email`, as['jo.reid'])).status).toBe(403);
    expect(
      (await post(local.system, `/console/contacts/${contactId}/complete`, { version: '0' }, as['jo.reid'])).status,
    ).toBe(403);
    expect((await get(local.system, `/console/contacts/${contactId}/original-email`)).status).toBe(303);
  });

  it('is completed through the referrer form into the same contact, triaged and acknowledged once', async () => {
    const stale = await post(
      local.system,
      `/console/contacts/${contactId}/complete`,
      { version: '999' },
      as['sam.okafor'],
    );
    expect([stale.status, stale.headers.get('location')]).toEqual([303, `/console/contacts/${contactId}`]);

    const version = await versionOnPage(local.system, contactId, as['sam.okafor']);
    const started = await post(local.system, `/console/contacts/${contactId}/complete`, { version }, as['sam.okafor']);
    expect(started.status).toBe(303);
    expect(started.headers.get('location')).toBe('/notify/immediate-danger');
    const setCookie = started.headers.getSetCookie().find((c) => c.startsWith('front-door-draft='))!;
    expect(setCookie).toMatch(/; Path=\/notify; HttpOnly; SameSite=Lax/);
    const draft = setCookie.split(';')[0]!;

    // The sender's address is already the referrer's.
    const aboutYou = await (await get(local.system, '/notify/about-you', draft)).text();
    expect(aboutYou).toContain(`value="${SENDER}"`);

    let location = '/notify/immediate-danger';
    for (let step = 0; location !== '/notify/confirmation'; step++) {
      const pageId = location.replace(/^\/notify\//, '');
      expect(step < 30 && pageId in ANSWERS).toBe(true);
      const response = await post(local.system, location, ANSWERS[pageId]!, draft);
      if (response.status !== 303)
        throw new Error(
          `${pageId} answered ${response.status}: ${(await response.text()).match(/govuk-error-summary__list[\s\S]*?<\/ul>/)?.[0]}`,
        );
      location = response.headers.get('location')!;
    }
    const confirmation = await (await get(local.system, '/notify/confirmation', draft)).text();
    expect(confirmation).toContain(reference);

    // A second send changes nothing.
    expect((await post(local.system, '/notify/check', {}, draft)).headers.get('location')).toBe('/notify/confirmation');

    const api = apiClient(local.system);
    const triaged = await api.contactInStatus(contactId, 'awaiting-decision', 60_000);
    expect(triaged).toMatchObject({ reference, channel: 'email', notification: { referrer: { email: SENDER } } });
    await api.emailTo(SENDER, new RegExp(`We have received your notification ${reference}`));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const acknowledgements = (await api.emailsTo(SENDER)).filter((m) =>
      m.subject.startsWith('We have received your notification'),
    );
    expect(acknowledgements).toHaveLength(1);

    const page = await (await get(local.system, `/console/contacts/${contactId}`, as['sam.okafor'])).text();
    expect(page).toContain('Started completing the notification from the email');
    expect(page).toContain('Completed the notification from the email');
    expect(page).toContain('Awaiting decision');
    const queue = await (await get(local.system, '/console?tab=needs-completing', as['sam.okafor'])).text();
    const tab = queue.slice(queue.indexOf('id="needs-completing"'), queue.indexOf('id="domestic-abuse"'));
    expect(tab).not.toContain(contactId);
  }, 120_000);

  it('never writes the sender or the child into the logs', () => {
    expectNoPersonalData(local.system.output(), ['Pat Neighbour', SENDER, 'Robin', 'Fictional Row', 'ZZ99 3AB']);
  });
});
