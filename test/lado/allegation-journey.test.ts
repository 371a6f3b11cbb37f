import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_USERS } from '../../shared/auth/local-users';
import { get, post, signIn } from '../console/helpers';
import { apiClient } from '../integration/api-client';
import { useLocalSystem } from '../support/local-system';
import { expectNoPersonalData } from '../support/logs';
import { waitFor } from '../support/wait';

/**
 * The LADO pathway end to end on the local system, from the CDK template: a school reports a
 * teacher; the notification becomes an allegation (and, when asked for, a contact about the
 * child); only the LADO sees it; the LADO records consideration, meeting and outcome.
 */
const teacher = () =>
  JSON.parse(readFileSync(join(__dirname, '../../events/notifications/school-allegation-teacher.json'), 'utf8'));

describe('an allegation about a teacher, end to end', () => {
  // Starting the emulators is slow on a loaded machine; the journey itself has its own timeout.
  const local = useLocalSystem();

  it('reaches the LADO alone, is hidden from every other role, and is managed to an outcome; a repeat is linked to the child and to the first', async () => {
    const api = apiClient(local.system);
    const notification = teacher();

    // The referrer says the child needs nothing else: the contact goes to the LADO only.
    const accepted = await api.submit(notification);
    expect(accepted.status).toBe(202);
    await api.contactInStatus(accepted.body.contactId, 'referred-to-lado');
    const ack = await api.emailTo(notification.referrer.email, /passed your concern about an adult to the LADO/);
    expect(ack.body.text).not.toMatch(/Testperson|teacher|PE lead/i);
    // The school's domain is not a secure one locally, so the head teacher is told to phone, without detail.
    const employer = await api.emailTo('head@example-primary.sch.example', /Allegation about a member of your staff/);
    expect(employer.body.text).toContain('01632 960 555');
    expect(employer.body.text).not.toContain('Testperson');

    // Only the LADO sees allegations; the LADO does not see the triage console.
    const lado = await signIn(local.system, 'casey.morgan');
    const queue = await (await get(local.system, '/console/allegations', lado)).text();
    const allegationId = /href="\/console\/allegations\/([0-9a-z]{26})"/.exec(queue)![1]!;
    expect(queue).toContain('Alex Testperson, Class teacher and PE lead, Example Primary School');
    expect(queue).toContain('Initial consideration due');
    const page = `/console/allegations/${allegationId}`;
    for (const user of LOCAL_USERS.filter((u) => !u.roles.includes('lado'))) {
      const cookie = await signIn(local.system, user.id);
      for (const [method, path] of [
        ['GET', '/console/allegations'],
        ['GET', page],
        ['POST', `${page}/consider`],
      ] as const) {
        const response =
          method === 'GET'
            ? await get(local.system, path, cookie)
            : await post(
                local.system,
                path,
                { version: '1', immediateRisk: 'no', meetingNeeded: 'yes', notes: 'x' },
                cookie,
              );
        expect([user.id, method, path, response.status]).toEqual([user.id, method, path, 403]);
        expect(await response.text()).not.toContain('Testperson');
      }
    }
    expect((await get(local.system, '/console/allegations')).status).toBe(303);
    expect((await get(local.system, `/console/contacts/${accepted.body.contactId}`, lado)).status).toBe(403);
    expect((await get(local.system, '/console', lado)).headers.get('location')).toBe('/console/allegations');

    // Initial consideration, a meeting with an action, and the outcome.
    const version = async () =>
      /name="version" value="(\d+)"/.exec(await (await get(local.system, page, lado)).text())![1]!;
    let response = await post(
      local.system,
      `${page}/consider`,
      {
        version: await version(),
        immediateRisk: 'yes',
        meetingNeeded: 'yes',
        notes: 'Meets the harm threshold; employer advised.',
      },
      lado,
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Initial consideration recorded');
    response = await post(
      local.system,
      `${page}/meeting`,
      {
        version: await version(),
        'heldOn-day': '1',
        'heldOn-month': '1',
        'heldOn-year': '2026',
        heldAtTime: '10:00',
        attendees: 'Casey Morgan, LADO',
        agencies: 'LADO, police',
        notes: 'Strategy agreed.',
      },
      lado,
    );
    expect(response.status).toBe(200);
    response = await post(
      local.system,
      `${page}/outcome`,
      {
        version: await version(),
        category: 'substantiated',
        furtherActions: 'dbs-referral',
        notes: 'Evidence from two witnesses.',
      },
      lado,
    );
    const concluded = await response.text();
    expect(concluded).toContain('Outcome recorded');
    expect(concluded).toContain('Referral to the Disclosure and Barring Service');
    expect(concluded).toMatch(
      /Viewed[\s\S]*Initial consideration recorded[\s\S]*Allegation management meeting recorded[\s\S]*Outcome recorded/,
    );

    // A second allegation about the same person, where the child needs help too: both made, linked.
    const again = { ...notification, adultConcern: { ...notification.adultConcern, childNeedsContact: true } };
    const second = await api.submit(again);
    await api.contactInStatus(second.body.contactId, 'awaiting-decision');
    const secondId = await waitFor(async () => {
      const html = await (await get(local.system, '/console/allegations', lado)).text();
      return [...html.matchAll(/href="\/console\/allegations\/([0-9a-z]{26})"/g)]
        .map((m) => m[1])
        .find((id) => id !== allegationId);
    }, 'the second allegation');
    const secondPage = await (await get(local.system, `/console/allegations/${secondId}`, lado)).text();
    expect(secondPage).toContain(`Contact ${second.body.reference}: Awaiting decision`);
    expect(secondPage).toContain(`/console/allegations/${allegationId}`);
    expect(secondPage).toContain('Substantiated');

    // The logs carry ids and counts, never the adult or the child.
    expectNoPersonalData(local.system.output(), ['Alex Testperson', 'Testperson', 'Noah', 'Placeholder', '1985-09-21']);
  }, 180_000);
});
