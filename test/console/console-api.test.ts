import { useLocalSystem } from '../support/local-system';
import { waitFor } from '../support/wait';
import { LOCAL_USERS } from '../../shared/auth/local-users';
import { ROLES, type Role } from '../../shared/auth/roles';
import { followed, get, post, signIn, statusOf, submitAndTriage, versionOnPage } from './helpers';
import { ROLE_ROUTES } from './role-routes';
import { signInPath } from '../../shared/auth/return-to';

/**
 * The console's routes against the whole local system: who may do what, two people acting at
 * once, and manager sign-off holding back the outcome email.
 */
describe('triage console over HTTP', () => {
  const local = useLocalSystem();
  const as: Record<string, string> = {};
  let red: string;
  let neglect: string;

  beforeAll(async () => {
    const { system } = local;
    for (const user of ['sam.okafor', 'priya.shah', 'morgan.ellis', 'jo.reid']) as[user] = await signIn(system, user);
    [red, neglect] = await Promise.all([
      submitAndTriage(system, 'police-domestic-abuse-high'),
      submitAndTriage(system, 'school-neglect'),
    ]);
  }, 120_000);

  describe('every route checks the role', () => {
    // A stale version makes every allowed write a refused conflict, and unknown ids are not
    // found, so the matrix reaches every route as every role and changes nothing.
    const stale = { version: '999' };
    const unknown = '01j00000000000000000000000';
    let meetingId: string;
    const path = (route: string) =>
      route
        .replace('/console/partner/contacts/{id}', `/console/partner/contacts/${red}`)
        .replace('/console/meetings/{id}', `/console/meetings/${meetingId}`)
        .replace('/console/contacts/{id}', `/console/contacts/${neglect}`)
        .replace('{id}', unknown)
        .replace('{action}', route.includes('meetings') ? 'attendee' : 'claim');
    const bodies: Record<string, Record<string, string>> = {
      'POST /console/contacts/{id}/decide': {
        ...stale,
        route: 'nfa',
        level: '1',
        rationale: 'A rationale long enough',
        overrideReason: 'Matrix',
      },
      'POST /console/meetings': { theme: 'domestic-abuse' },
      'POST /console/meetings/{id}/{action}': { ...stale, name: 'Matrix', agency: 'police' },
      'POST /console/partner/contacts/{id}/answer': { requestId: 'none', answer: 'Matrix' },
    };
    // One person in each role, as the local sign-in seeds them.
    const people = Object.fromEntries(
      Object.keys(ROLES).map((role) => [role, LOCAL_USERS.find((u) => u.roles.includes(role as Role))!.id]),
    );

    beforeAll(async () => {
      for (const user of Object.values(people)) as[user] ??= await signIn(local.system, user);
      // Today's domestic abuse meeting, with the red contact on it, so the police may see that contact.
      const opened = await post(local.system, '/console/meetings', { theme: 'domestic-abuse' }, as['sam.okafor']);
      meetingId = opened.headers.get('location')!.split('/').pop()!;
    }, 60_000);

    it.each(ROLE_ROUTES.map((r) => [r.route, r] as const))('%s', async (_name, { route, roles }) => {
      const [method] = route.split(' ') as ['GET' | 'POST'];
      const url = path(route.split(' ')[1]!);
      const call = (cookie?: string) =>
        method === 'GET' ? get(local.system, url, cookie) : post(local.system, url, bodies[route] ?? stale, cookie);
      const anonymous = await call();
      expect(method === 'GET' ? [anonymous.status, anonymous.headers.get('location')] : [anonymous.status]).toEqual(
        method === 'GET' ? [303, signInPath(url)] : [401],
      );
      for (const [role, user] of Object.entries(people)) {
        const response = await call(as[user]);
        const reached =
          ![401, 403].includes(response.status) && !response.headers.get('location')?.startsWith('/console/sign-in');
        // Someone whose console is elsewhere (the LADO, a receiving team, a partner) is sent there from /console.
        const sentHome = route === 'GET /console' && response.status === 303;
        expect([role, reached && !sentHome]).toEqual([role, roles.includes(role as Role)]);
        if (!roles.includes(role as Role))
          expect([role, response.status]).toEqual([role, route === 'GET /console' && role !== 'admin' ? 303 : 403]);
      }
    });

    it('shows a partner no contact but those on their meetings, and no queue', async () => {
      const police = as[people.partner!]!;
      expect((await get(local.system, `/console/partner/contacts/${red}`, police)).status).toBe(200);
      expect((await get(local.system, `/console/partner/contacts/${neglect}`, police)).status).toBe(404);
      expect((await get(local.system, '/console', police)).headers.get('location')).toBe('/console/partner');
    });

    it('refuses a forged session and a form posted from another site', async () => {
      expect((await get(local.system, '/console', 'fd_session=eyJzdWIiOiJtb3JnYW4uZWxsaXMifQ.forged')).status).toBe(
        303,
      );
      const crossSite = await fetch(`${local.system.endpoints.api}/console/contacts/${neglect}/claim`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: as['sam.okafor']!,
          origin: 'https://attacker.example',
        },
        body: 'version=0',
        redirect: 'manual',
      });
      expect(crossSite.status).toBe(403);
    });
  });

  it('returns someone who signs in to the page they asked for, where their role is checked again, and never off the site', async () => {
    // Prepare: a link to a contact, followed by someone not signed in.
    const page = `/console/contacts/${neglect}`;
    const asked = await get(local.system, page);
    const signInPage = await (await get(local.system, asked.headers.get('location')!)).text();
    const sessionOf = (response: Response) =>
      response.headers
        .getSetCookie()
        .find((c) => c.startsWith('fd_session='))!
        .split(';')[0]!;
    // Act
    const worker = await post(local.system, '/console/sign-in', { user: 'sam.okafor', returnTo: page });
    const police = await post(local.system, '/console/sign-in', { user: 'dc.harris', returnTo: page });
    const offSite = await post(local.system, '/console/sign-in', { user: 'sam.okafor', returnTo: '/\\evil.example' });
    // Assess
    expect(asked.headers.get('location')).toBe(signInPath(page));
    expect(signInPage).toContain(`name="returnTo" value="${page}"`);
    expect([worker.status, worker.headers.get('location'), police.headers.get('location')]).toEqual([303, page, page]);
    expect((await get(local.system, page, sessionOf(worker))).status).toBe(200);
    expect((await get(local.system, page, sessionOf(police))).status).toBe(403);
    expect(offSite.headers.get('location')).toBe('/console');
  });

  it('gives back what was typed when a form is sent after the session ended, and signs in again to its page', async () => {
    // Act: a rationale sent with no session (it ended while the worker was typing).
    const page = `/console/contacts/${neglect}/decide`;
    const sent = await post(local.system, page, {
      version: '1',
      route: 'nfa',
      level: '1',
      rationale: 'Mum & dad <both> agree.\nSchool will keep watch.',
    });
    const text = await sent.text();
    // Assess: refused, saying so, with the words back (escaped) and the way back to the form.
    expect(sent.status).toBe(401);
    expect(text).toContain('Your session ended, so what you sent has not been saved.');
    expect(text).toContain('Mum &amp; dad &lt;both&gt; agree.<br>School will keep watch.');
    expect(text).toContain(`href="${signInPath(page).replace(/&/g, '&amp;')}"`);
  });

  it('shows a contact with times in London time and no field in an error state until something is wrong', async () => {
    const page = await (await get(local.system, `/console/contacts/${neglect}`, as['sam.okafor'])).text();
    expect(page).not.toContain('govuk-form-group--error');
    expect(page).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(page).toMatch(/(\d{1,2}(:\d{2})?(am|pm)|midday|midnight) on \w+day \d{1,2} \w+ \d{4}/);
  });

  it('lets only one of two people acting on the same contact win, and tells the other what happened', async () => {
    const version = await versionOnPage(local.system, neglect, as['sam.okafor']!);
    const first = await post(local.system, `/console/contacts/${neglect}/claim`, { version }, as['sam.okafor']);
    const second = await post(local.system, `/console/contacts/${neglect}/claim`, { version }, as['priya.shah']);
    expect(first.status).toBe(303);
    // Post/redirect/get: the refused action comes back to the contact's own address, saying why.
    const { status, location, text: page } = await followed(local.system, second, as['priya.shah']!);
    expect([status, location]).toEqual([303, `/console/contacts/${neglect}`]);
    expect(page).toContain('Someone else changed this contact after you opened it');
    expect(page).toContain('Sam Okafor');
  });

  it('holds a decision that lowers a level 4 recommendation for a manager, who alone can release the outcome', async () => {
    const rationale = 'Mother has moved to a refuge with the children; early help will support the family.';
    let version = await versionOnPage(local.system, red, as['sam.okafor']!);
    const noReason = await post(
      local.system,
      `/console/contacts/${red}/decide`,
      { version, route: 'early-help-targeted', level: '3', rationale },
      as['sam.okafor'],
    );
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('Say why you are choosing a different level or route');

    const decided = await post(
      local.system,
      `/console/contacts/${red}/decide`,
      { version, route: 'early-help-targeted', level: '3', rationale, overrideReason: 'Risk reduced by the move' },
      as['sam.okafor'],
    );
    expect(decided.status).toBe(303);
    expect(decided.headers.get('location')).toContain('done=sign-off');
    expect(await statusOf(local.system, red)).toBe('awaiting-manager');

    version = await versionOnPage(local.system, red, as['morgan.ellis']!);
    expect(
      (await post(local.system, `/console/contacts/${red}/sign-off`, { version, signOff: 'agree' }, as['priya.shah']))
        .status,
    ).toBe(403);
    const returnedWithoutComment = await post(
      local.system,
      `/console/contacts/${red}/sign-off`,
      { version, signOff: 'return' },
      as['morgan.ellis'],
    );
    expect((await followed(local.system, returnedWithoutComment, as['morgan.ellis']!)).text).toContain(
      'govuk-error-summary',
    );
    expect((await local.system.mailbox()).some((m) => m.subject.startsWith('Decision on your notification'))).toBe(
      false,
    );

    const agreed = await post(
      local.system,
      `/console/contacts/${red}/sign-off`,
      { version, signOff: 'agree' },
      as['morgan.ellis'],
    );
    expect(agreed.status).toBe(303);
    expect(await statusOf(local.system, red)).toBe('decided');
    await waitFor(
      async () =>
        (await local.system.mailbox()).some((m) => m.subject.startsWith('Decision on your notification'))
          ? true
          : undefined,
      'the outcome email',
      20_000,
    );

    const trail = await (await get(local.system, `/console/contacts/${red}`, as['morgan.ellis'])).text();
    expect(trail).toContain('Proposed a decision for sign-off');
    expect(trail).toContain('Signed off the decision');
  });

  it('answers the decision API with sign-off when NFA is chosen on a red contact, and a manager cannot sign off their own', async () => {
    const another = await submitAndTriage(local.system, 'police-domestic-abuse-high');
    const response = await fetch(`${local.system.endpoints.api}/api/contacts/${another}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        route: 'nfa',
        level: 4,
        rationale: 'No further action: police are managing the risk.',
        overrideReason: 'Police are managing the risk.',
      }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ status: 'awaiting-manager', signOffRequired: true });

    const mine = await submitAndTriage(local.system, 'police-domestic-abuse-high');
    let version = await versionOnPage(local.system, mine, as['morgan.ellis']!);
    await post(
      local.system,
      `/console/contacts/${mine}/decide`,
      {
        version,
        route: 'nfa',
        level: '1',
        rationale: 'Manager decides no further action here.',
        overrideReason: 'Testing',
      },
      as['morgan.ellis'],
    );
    version = await versionOnPage(local.system, mine, as['morgan.ellis']!);
    const own = await post(
      local.system,
      `/console/contacts/${mine}/sign-off`,
      { version, signOff: 'agree' },
      as['morgan.ellis'],
    );
    expect(own.status).toBe(303);
    expect((await followed(local.system, own, as['morgan.ellis']!)).text).toContain(
      'You cannot sign off your own decision',
    );
  });
});
