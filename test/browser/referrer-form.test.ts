import { accessibilityViolations, useBrowserPage } from './browser';
import { useLocalSystem } from '../support/local-system';
import { expectNoPersonalData } from '../support/logs';
import { waitFor } from '../support/wait';

/**
 * The whole "Tell us you are worried about a child" journey in a headless Chromium, against the
 * local system: errors, two children, the immediate-danger path, check your answers, a double
 * submit, and an accessibility check (WCAG 2.2 AA) on every page the referrer sees.
 */
describe('the referrer web form in a browser', () => {
  const local = useLocalSystem();
  const ui = useBrowserPage();
  const checked: string[] = [];


  const accessible = async () => {
    checked.push(new URL(ui.page.url()).pathname);
    // GOV.UK Frontend's conditional reveals put aria-expanded on radios on purpose (screen readers
    // announce the revealed question); axe's rule does not allow it on radios. Everything else counts.
    const violations = await accessibilityViolations(ui.page);
    expect(violations.filter((v) => !/^aria-allowed-attr .*#(born|consentStatus)/.test(v))).toEqual([]);
  };
  const next = async () => {
    await ui.page.getByRole('button', { name: /Continue|Accept and send|Send request/ }).click();
    await ui.page.waitForLoadState();
  };
  const errors = async () => (await ui.page.locator('.govuk-error-summary__list li').allTextContents()).map((t) => t.trim());

  const addChild = async (child: { first: string; last: string; born: boolean; date: [string, string, string] }) => {
    await ui.page.getByLabel('First name').fill(child.first);
    await ui.page.getByLabel('Last name').fill(child.last);
    await ui.page.getByLabel(child.born ? 'Yes' : 'No, this is an unborn baby').check();
    const prefix = child.born ? 'dateOfBirth' : 'expectedDateOfDelivery';
    await ui.page.locator(`#${prefix}-day`).fill(child.date[0]);
    await ui.page.locator(`#${prefix}-month`).fill(child.date[1]);
    await ui.page.locator(`#${prefix}-year`).fill(child.date[2]);
    await ui.page.getByLabel('Female').check();
    await accessible();
    await next();
    await ui.page.getByLabel('Address line 1').fill('1 Fictional Row');
    await ui.page.getByLabel('Town or city').fill('Exampleton');
    await ui.page.getByLabel('Postcode').fill('ZZ99 3AA');
    await accessible();
    await next();
  };

  it('takes a referrer from immediate danger to a reference, with errors, two children and a double submit', async () => {
    await ui.page.goto(local.system.endpoints.api);
    await ui.page.getByRole('button', { name: 'Tell us you are worried about a child' }).click();
    await ui.page.waitForURL(/\/notify$/);
    await accessible();
    await ui.page.getByRole('button', { name: 'Start now' }).click();

    // Immediate danger comes first, and nothing can be skipped.
    expect(await ui.page.getByRole('heading', { level: 1 }).textContent()).toContain('Is a child in immediate danger?');
    await accessible();
    await next();
    expect(await errors()).toEqual(['Select an answer: is a child in immediate danger?']);
    expect(await ui.page.title()).toMatch(/^Error: /);
    await accessible();
    await ui.page.getByLabel('Yes').check();
    await next();
    expect(await ui.page.getByRole('heading', { level: 1 }).textContent()).toBe('Call 999 or the duty team now');
    expect(await ui.page.textContent('main')).toContain('01632 960 000');
    await accessible();
    await ui.page.getByRole('button', { name: 'I have called, continue' }).click();

    // About you: every mistake listed in the error summary, and what was typed kept.
    await ui.page.getByLabel('Full name').fill('Dana Example');
    await ui.page.getByLabel('Email address').fill('not-an-email');
    await next();
    expect(await errors()).toEqual(
      expect.arrayContaining(['Enter your role', 'Enter an email address in the correct format, like name@example.org']),
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

    // Two children, the second unborn; a child without a date of birth is refused.
    await ui.page.getByLabel('First name').fill('Ellie');
    await ui.page.getByLabel('Last name').fill('Fictional');
    await ui.page.getByLabel('Yes').check();
    await next();
    expect(await errors()).toEqual(expect.arrayContaining(['Enter the date of birth', 'Select an answer: gender']));
    await accessible();
    await addChild({ first: 'Ellie', last: 'Fictional', born: true, date: ['4', '5', '2017'] });
    expect(await ui.page.textContent('main')).toContain('Ellie Fictional');
    await accessible();
    await ui.page.getByLabel('Yes').check();
    await next();
    await addChild({ first: 'Baby', last: 'Fictional', born: false, date: ['1', '3', String(new Date().getFullYear() + 1)] });
    expect(await ui.page.textContent('main')).toContain('Baby Fictional');
    await ui.page.getByLabel('No').check();
    await next();

    // One parent; no other household members or professionals.
    await accessible();
    await ui.page.getByLabel('Yes').check();
    await next();
    await ui.page.getByLabel('Full name').fill('Sam Fictional');
    await ui.page.getByLabel('Relationship to the child').fill('Mother');
    await accessible();
    await next();
    await ui.page.getByLabel('No').check();
    await next();
    await ui.page.getByLabel('No').check();
    await next();
    await ui.page.getByLabel('No').check();
    await next();

    // The levels-of-need indicators are the choices; choosing none is an error.
    expect(await ui.page.getByRole('heading', { level: 1 }).textContent()).toBe('What are you worried about?');
    await next();
    expect(await errors()).toEqual(['Choose at least one thing you are worried about']);
    await accessible();
    await ui.page.locator('input[name="indicators"]').first().check();
    await next();
    await accessible();
    await next(); // screening is optional
    await next();
    expect(await errors()).toEqual(['Enter what has happened, and why are you worried?']);
    await ui.page.getByLabel('What has happened, and why are you worried?').fill(
      'Ellie arrived at school hungry and in the same clothes for the third day running, and says there is no food at home.',
    );
    await accessible();
    await next();
    await accessible();
    await next(); // the child's views are optional
    await ui.page.getByLabel('What do you expect to happen?').fill('Early help for the family, and a check that Ellie is safe.');
    await accessible();
    await next();

    // Not sought because asking would increase the risk needs its reason.
    await ui.page.getByLabel('I did not ask, because asking would increase the risk to the child').check();
    await next();
    expect(await errors()).toEqual(['Enter why would asking increase the risk?']);
    await accessible();
    await ui.page.getByLabel('Why would asking increase the risk?').fill('The mother has said she would leave the area if anyone was told.');
    await next();

    // Check your answers, change one, and send twice.
    expect(await ui.page.getByRole('heading', { level: 1 }).textContent()).toBe('Check your answers before sending your notification');
    expect(await ui.page.textContent('main')).toContain('Children you are worried about: 2');
    await accessible();
    await ui.page.getByRole('link', { name: 'Change your own reference' }).click();
    await ui.page.getByLabel('Your own reference').fill('SCH-2026-001');
    await next();
    expect(ui.page.url()).toMatch(/\/notify\/check$/);
    expect(await ui.page.textContent('main')).toContain('SCH-2026-001');

    const [first, second] = await Promise.all([
      ui.page.request.post(`${local.system.endpoints.api}/notify/check`, { maxRedirects: 0 }),
      ui.page.request.post(`${local.system.endpoints.api}/notify/check`, { maxRedirects: 0 }),
    ]);
    expect([first.status(), second.status()]).toEqual([303, 303]);
    await ui.page.getByRole('button', { name: 'Accept and send' }).click();
    await ui.page.waitForURL(/\/notify\/confirmation$/);
    const reference = (await ui.page.locator('.govuk-panel__body strong').textContent())!;
    expect(reference).toMatch(/^CFC-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await accessible();

    // One contact, marked red because a child is in immediate danger.
    await ui.page.getByRole('link', { name: 'check the status of your notification' }).click();
    expect(await ui.page.getByRole('heading', { level: 1 }).textContent()).toBe(reference);
    expect(await ui.page.textContent('main')).not.toContain('Ellie');
    await accessible();
    const mail = await waitFor(async () => {
      const all = await local.system.mailbox();
      return all.some((m) => m.subject.startsWith('RED:')) && all.some((m) => m.subject.startsWith('We have received')) ? all : undefined;
    }, 'the duty alert and the acknowledgement', 60_000);
    expect(mail.filter((m) => m.subject === `We have received your notification ${reference}`)).toHaveLength(1);
    expect(mail.filter((m) => m.subject.startsWith('RED:') && m.subject.includes(reference))).toHaveLength(1);
    expect(new Set(checked).size).toBeGreaterThanOrEqual(18);
  }, 180_000);

  it('never writes what the referrer typed into the logs', () => {
    expectNoPersonalData(local.system.output(), ['Ellie', 'Fictional', 'dsl@school.example']);
  });
});
