import { accessibilityViolations, useBrowserPage } from './browser';
import { useLocalSystem } from '../support/local-system';
import { expectNoPersonalData } from '../support/logs';
import { waitFor } from '../support/wait';

/**
 * The whole "Tell us you are worried about a child" journey in a headless Chromium, against the
 * local system, walked as a referrer would: GOV.UK error messages, dates that make sense, two
 * children, add another with Remove, the concerns asked as broad areas then specifics, suggested
 * categories accepted on check your answers, changes that return there, Back links, a double
 * submit, the browser's Back after sending, and an accessibility check (WCAG 2.2 AA) on every page.
 */
describe('the referrer web form in a browser', () => {
  // Up to 8 engineers share 2 cores: the local system may take more than a minute to start.
  const local = useLocalSystem();
  const ui = useBrowserPage();
  const checked: string[] = [];

  const accessible = async () => {
    checked.push(new URL(ui.page.url()).pathname);
    // Every violation counts, aria-allowed-attr on the radios that reveal a question included (issue 12).
    expect(await accessibilityViolations(ui.page)).toEqual([]);
  };
  const next = async () => {
    await ui.page.getByRole('button', { name: /Continue|Accept and send|Send request/ }).click();
    await ui.page.waitForLoadState();
  };
  const errors = async () =>
    (await ui.page.locator('.govuk-error-summary__list li').allTextContents()).map((t) => t.trim());
  const heading = async () => (await ui.page.getByRole('heading', { level: 1 }).textContent())?.trim();
  const back = () => ui.page.locator('a.govuk-back-link').getAttribute('href');
  const path = () => new URL(ui.page.url()).pathname + new URL(ui.page.url()).search;
  const checkboxes = () => ui.page.locator('input[type="checkbox"]').count();

  const inMonths = (months: number) => {
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + months);
    return [String(d.getUTCDate()), String(d.getUTCMonth() + 1), String(d.getUTCFullYear())] as const;
  };
  const fillDate = async (prefix: string, [day, month, year]: readonly [string, string, string]) => {
    await ui.page.locator(`#${prefix}-day`).fill(day);
    await ui.page.locator(`#${prefix}-month`).fill(month);
    await ui.page.locator(`#${prefix}-year`).fill(year);
  };

  const addChild = async (child: {
    first: string;
    last: string;
    born: boolean;
    date: readonly [string, string, string];
  }) => {
    if (child.first) await ui.page.getByLabel('First name').fill(child.first);
    if (child.last) await ui.page.getByLabel('Last name').fill(child.last);
    await ui.page.getByLabel(child.born ? 'Yes' : 'No, this is an unborn baby', { exact: true }).check();
    await fillDate(child.born ? 'dateOfBirth' : 'expectedDateOfDelivery', child.date);
    await ui.page.getByLabel('Female').check();
    await accessible();
    await next();
    expect(await back()).toMatch(/\/notify\/children\/\d\/details$/);
    await ui.page.getByLabel('Address line 1').fill('1 Fictional Row');
    await ui.page.getByLabel('Town or city').fill('Exampleton');
    await ui.page.getByLabel('Postcode').fill('zz99  3aa');
    await accessible();
    await next();
  };

  it('takes a referrer from immediate danger to a reference, asking only what it needs and in plain words', async () => {
    await ui.page.goto(local.system.endpoints.api);
    await ui.page.getByRole('button', { name: 'Tell us you are worried about a child' }).click();
    await ui.page.waitForURL(/\/notify$/);
    await accessible();
    await ui.page.getByRole('button', { name: 'Start now' }).click();

    // Immediate danger comes first, and nothing can be skipped; the message says what to do.
    expect(await heading()).toContain('Is a child in immediate danger?');
    expect(await back()).toBe('/notify');
    await accessible();
    await next();
    expect(await errors()).toEqual(['Select yes if a child is in immediate danger']);
    expect(await ui.page.title()).toMatch(/^Error: /);
    await accessible();
    await ui.page.getByLabel('Yes').check();
    await next();
    expect(await heading()).toBe('Call 999 or the duty team now');
    expect(await back()).toBe('/notify/immediate-danger');
    expect(await ui.page.textContent('main')).toContain('01632 960 000');
    await accessible();
    await ui.page.getByRole('button', { name: 'I have called, continue' }).click();

    // Who is telling us decides what we ask about them.
    expect(await heading()).toBe('How are you telling us?');
    expect(await back()).toBe('/notify/call-now');
    await next();
    expect(await errors()).toEqual(['Select how you are telling us']);
    await accessible();
    await ui.page.getByLabel('As part of my work').check();
    await next();

    // About you: every mistake listed in the error summary, named, and what was typed kept.
    expect(await back()).toBe('/notify/who-are-you');
    await ui.page.getByLabel('Full name').fill('Dana Example');
    await ui.page.getByLabel('Email address').fill('not-an-email');
    await next();
    expect(await errors()).toEqual(
      expect.arrayContaining([
        'Enter your role',
        'Select the type of organisation you work for',
        'Enter an email address in the correct format, like name@example.org',
      ]),
    );
    expect(await ui.page.getByLabel('Full name').inputValue()).toBe('Dana Example');
    await accessible();
    await ui.page.getByRole('link', { name: 'Enter your role' }).click();
    expect(await ui.page.evaluate(() => document.activeElement?.id)).toBe('role');
    await ui.page.getByLabel('Your role').fill('Designated safeguarding lead');
    await ui.page.getByLabel('Organisation', { exact: true }).fill('Exampleton Primary School');
    await ui.page.getByLabel('Type of organisation').selectOption('school');
    await ui.page.getByLabel('Email address').fill('dsl@school.example');
    await ui.page.getByLabel('Telephone number').fill('01632 960 123');
    await next();

    // The draft survives leaving the journey and coming back.
    expect(ui.page.url()).toMatch(/\/notify\/children\/0\/details$/);
    await ui.page.goto(`${local.system.endpoints.api}/notify/about-you`);
    expect(await ui.page.getByLabel('Email address').inputValue()).toBe('dsl@school.example');
    await ui.page.goto(`${local.system.endpoints.api}/notify/children/0/details`);
    expect(await back()).toBe('/notify/about-you');

    // A child: named errors, a date of birth in the future refused, then a second, unborn, child.
    await ui.page.getByLabel('First name').fill('Ellie');
    await ui.page.getByLabel('Last name').fill('Fictional');
    await ui.page.getByLabel('Yes', { exact: true }).check();
    await next();
    expect(await errors()).toEqual(
      expect.arrayContaining(["Enter the child's date of birth", "Select the child's gender"]),
    );
    await accessible();
    await fillDate('dateOfBirth', inMonths(2));
    await ui.page.getByLabel('Female').check();
    await next();
    expect(await errors()).toEqual(['Date of birth must be today or in the past']);
    await addChild({ first: 'Ellie', last: 'Fictional', born: true, date: ['4', '5', '2017'] });
    expect(await ui.page.textContent('main')).toContain('Ellie Fictional');
    expect(await ui.page.getByRole('link', { name: 'Remove Ellie Fictional' }).count()).toBe(1);
    await accessible();
    await ui.page.getByLabel('Yes').check();
    await next();
    // An unborn baby needs no name.
    await ui.page.getByLabel('No, this is an unborn baby').check();
    await fillDate('expectedDateOfDelivery', inMonths(11));
    await ui.page.getByLabel('Female').check();
    await next();
    expect((await errors())[0]).toMatch(/^Expected date of delivery must be before \d{1,2} \w+ \d{4}$/);
    await addChild({ first: '', last: '', born: false, date: inMonths(3) });
    expect(await ui.page.textContent('main')).toContain('Unborn baby');
    await ui.page.getByLabel('No').check();
    await next();

    // One parent; a household member added then removed (add another, with Remove); no professionals.
    expect(await back()).toBe('/notify/children');
    await accessible();
    await ui.page.getByLabel('Yes').check();
    await next();
    expect(await back()).toBe('/notify/parentsAndCarers');
    await ui.page.getByLabel('Full name').fill('Sam Fictional');
    await ui.page.getByLabel('Relationship to the child').fill('Mother');
    await accessible();
    await next();
    await ui.page.getByLabel('No').check();
    await next();
    await ui.page.getByLabel('Yes').check();
    await next();
    await ui.page.getByLabel('Full name').fill('Alex Lodger');
    await ui.page.getByLabel('Relationship to the child').fill('Lodger');
    await next();
    await ui.page.getByRole('link', { name: 'Remove Alex Lodger' }).click();
    expect(await heading()).toBe('Are you sure you want to remove Alex Lodger?');
    expect(await back()).toBe('/notify/householdMembers');
    await accessible();
    await ui.page.getByLabel('Yes').check();
    await next();
    expect(await ui.page.textContent('main')).not.toContain('Alex Lodger');
    await ui.page.getByLabel('No').check();
    await next();
    await ui.page.getByLabel('No').check();
    await next();

    // What are you worried about: a short list of areas in plain words, then the specifics.
    expect(await heading()).toBe('What are you worried about?');
    expect(await checkboxes()).toBeLessThanOrEqual(15);
    expect(await ui.page.textContent('main')).not.toMatch(/No factors identified|level|single agency|early help/i);
    await next();
    expect(await errors()).toEqual(['Select what you are worried about']);
    await accessible();
    await ui.page.getByLabel('Someone has hurt the child, or might').check();
    await ui.page.getByLabel('The child is not being looked after properly').check();
    await next();
    expect(await heading()).toBe('What do you know about the child being hurt?');
    expect(await back()).toBe('/notify/concerns');
    expect(await checkboxes()).toBeLessThanOrEqual(15);
    await accessible();
    await ui.page.getByLabel('The child has told someone they are being abused').check();
    await next();
    expect(await heading()).toBe('What worries you about how the child is looked after?');
    expect(await checkboxes()).toBeLessThanOrEqual(15);
    await accessible();
    await ui.page.getByLabel("The child's basic needs are not met", { exact: false }).check();
    await next();

    // Two children: which child each worry is about (none ticked: both).
    expect(await heading()).toBe('Which child is each worry about?');
    await accessible();
    await next();

    // No risk assessments asked about for these areas.
    expect(await heading()).toBe('What has happened, and why are you worried?');
    await next();
    expect(await errors()).toEqual(['Enter what has happened and why you are worried']);
    await ui.page
      .getByLabel('What has happened, and why are you worried?')
      .fill(
        'Ellie arrived at school hungry and in the same clothes for the third day running, and told her teacher she is hit at home.',
      );
    await accessible();
    await next();
    expect(await heading()).toBe('Is your concern about an adult who works or volunteers with children?');
    await accessible();
    await next(); // not about an adult who works with children: the question may be passed by
    await accessible();
    await next(); // the child's views are optional
    await ui.page.getByLabel('What do you expect to happen?').fill('A social worker to check that Ellie is safe.');
    await accessible();
    await next();

    // Not sought because asking would increase the risk needs its reason.
    await ui.page.getByLabel('I did not ask, because asking would increase the risk to the child').check();
    await next();
    expect(await errors()).toEqual(['Enter why asking would increase the risk']);
    await accessible();
    await ui.page
      .getByLabel('Why would asking increase the risk?')
      .fill('The mother has said she would leave the area if anyone was told.');
    await next();

    // Check your answers: what the referrer chose, the postcode as written, suggested categories to accept.
    expect(await heading()).toBe('Check your answers before sending your notification');
    expect(await back()).toBe('/notify/consent');
    const main = (await ui.page.textContent('main'))!;
    expect(main).toContain('Children you are worried about: Unborn baby');
    expect(main).toContain('ZZ99 3AA');
    expect(main).toContain('The child has told someone they are being abused');
    expect(main).toContain('Suggested, not yet accepted');
    await accessible();
    await ui.page.getByRole('link', { name: 'Review suggested categories' }).click();
    expect(await back()).toBe('/notify/check');
    await accessible();
    await ui.page.getByLabel('Physical abuse: by an adult').check();
    await next();
    expect(path()).toBe('/notify/check');
    expect(await ui.page.locator('.govuk-summary-list__row', { hasText: 'Recorded' }).textContent()).toContain(
      'Physical abuse: by an adult',
    );
    expect(await ui.page.textContent('main')).not.toContain('Suggested, not yet accepted');

    // A change returns straight to check your answers: a child's name, a reference, immediate danger.
    await ui.page.getByRole('link', { name: 'Change first name' }).first().click();
    expect(await back()).toBe('/notify/check');
    await ui.page.getByLabel('First name').fill('Elle');
    await next();
    expect(path()).toBe('/notify/check');
    expect(await ui.page.textContent('main')).toContain('Children you are worried about: Elle Fictional');
    await ui.page.getByRole('link', { name: 'Change your own reference' }).click();
    await ui.page.getByLabel('Your own reference (optional)').fill('SCH-2026-001');
    await next();
    expect(path()).toBe('/notify/check');
    expect(await ui.page.textContent('main')).toContain('SCH-2026-001');
    await ui.page.getByRole('link', { name: 'Change is a child in immediate danger?' }).click();
    await next();
    expect(await heading()).toBe('Call 999 or the duty team now');
    await ui.page.getByRole('button', { name: 'I have called, continue' }).click();
    expect(path()).toBe('/notify/check');

    // Sending twice at once makes one contact; the browser's Back afterwards shows it was sent.
    // Each post carries what the page's own form would: its origin and form token.
    const token = await ui.page.locator('input[name="csrfToken"]').first().inputValue();
    const send = () =>
      ui.page.request.post(`${local.system.endpoints.api}/notify/check`, {
        maxRedirects: 0,
        headers: { origin: local.system.endpoints.api },
        form: { csrfToken: token },
      });
    const [first, second] = await Promise.all([send(), send()]);
    expect([first.status(), second.status()]).toEqual([303, 303]);
    await ui.page.getByRole('button', { name: 'Accept and send' }).click();
    await ui.page.waitForURL(/\/notify\/confirmation$/);
    const reference = (await ui.page.locator('.govuk-panel__body strong').textContent())!;
    expect(reference).toMatch(/^CFC-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await accessible();
    await ui.page.goBack();
    await ui.page.waitForLoadState();
    expect(path()).toBe('/notify/confirmation');
    expect(await ui.page.getByRole('button', { name: 'Accept and send' }).count()).toBe(0);

    // One contact, marked red because a child is in immediate danger.
    await ui.page.getByRole('link', { name: 'check the status of your notification' }).click();
    expect(await heading()).toBe(reference);
    expect(await ui.page.textContent('main')).not.toContain('Ellie');
    await accessible();
    const mail = await waitFor(
      async () => {
        const all = await local.system.mailbox();
        return all.some((m) => m.subject.startsWith('RED:')) &&
          all.some((m) => m.subject.startsWith('We have received'))
          ? all
          : undefined;
      },
      'the duty alert and the acknowledgement',
      60_000,
    );
    expect(mail.filter((m) => m.subject === `We have received your notification ${reference}`)).toHaveLength(1);
    expect(mail.filter((m) => m.subject.startsWith('RED:') && m.subject.includes(reference))).toHaveLength(1);
    expect(new Set(checked).size).toBeGreaterThanOrEqual(20);
  }, 720_000);

  it('lets a member of the public stay anonymous and tell us about a child they know only by sight', async () => {
    await ui.page.goto(`${local.system.endpoints.api}/notify`);
    await ui.page.getByRole('button', { name: 'Start now' }).click();
    await ui.page.getByLabel('No', { exact: true }).check();
    await next();
    await ui.page.getByLabel('I do not want to give my details').check();
    await next();
    // Nothing is needed: not a name, not an organisation, not an email address.
    expect(await ui.page.locator('main input:not([type="hidden"])').count()).toBe(1);
    await accessible();
    await next();
    expect(path()).toBe('/notify/children/0/details');
    await ui.page.getByLabel('Other names the child is known by (optional)').fill('The boy at number 5');
    await ui.page.getByLabel('Yes, but I do not know their date of birth').check();
    await ui.page.getByLabel('Roughly how old are they, in years? (optional)').fill('8');
    await ui.page.getByLabel('Male', { exact: true }).check();
    await accessible();
    await next();
    await ui.page.getByLabel('Address line 1').fill('5 Fictional Row');
    await ui.page.getByLabel('Town or city').fill('Exampleton');
    await ui.page.getByLabel('Postcode').fill('ZZ99 3AB');
    await next();
    for (let list = 0; list < 4; list++) {
      await ui.page.getByLabel('No', { exact: true }).check();
      await next();
    }
    await ui.page.getByLabel('Something else').check();
    await next();
    await ui.page
      .getByLabel('What has happened, and why are you worried?')
      .fill('He is out alone on the street every night until after midnight, in thin clothes.');
    await next();
    expect(await heading()).toBe('Is your concern about an adult who works or volunteers with children?');
    await next(); // not about such an adult: the question may be passed by
    await next();
    await ui.page.getByLabel('What do you expect to happen?').fill('Someone to check he is all right.');
    await next();
    await ui.page.getByLabel('Yes, they agreed to me sharing this information').check();
    await next();
    expect(await heading()).toBe('Check your answers before sending your notification');
    expect(await ui.page.textContent('main')).toContain('I do not want to give my details');
    expect(await ui.page.textContent('main')).toContain('Children you are worried about: The boy at number 5');
    await accessible();
    await ui.page.getByRole('button', { name: 'Accept and send' }).click();
    await ui.page.waitForURL(/\/notify\/confirmation$/);
    expect(await ui.page.textContent('main')).toContain('Bookmark that page');
    expect(await ui.page.textContent('main')).not.toContain('We have sent you an email');
    await accessible();
  }, 240_000);

  it('never writes what the referrer typed into the logs', () => {
    expectNoPersonalData(local.system.output(), [
      'Ellie',
      'Elle',
      'Fictional',
      'dsl@school.example',
      'Alex Lodger',
      'The boy at number 5',
    ]);
  });
});
