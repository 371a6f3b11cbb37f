import { accessibilityViolations, useBrowserPage } from './browser';
import { post, signIn, submitAndTriage, versionOnPage } from '../console/helpers';
import { useLocalSystem } from '../support/local-system';
import { waitFor } from '../support/wait';

/**
 * Issue 12 points 4 and 7: a referrer who disagrees asks for reconsideration from the status page
 * in a browser, with Back links and a GOV.UK error message; the page then confirms the request and
 * shows "Reconsideration requested"; the email about a changed decision does not offer asking
 * again, and the team that received the earlier handover is told it was replaced.
 */
describe('asking for a decision to be reconsidered, in a browser', () => {
  // Up to 8 engineers share 2 cores: the local system may take more than a minute to start.
  const local = useLocalSystem();
  const ui = useBrowserPage();

  const accessible = async () => expect(await accessibilityViolations(ui.page)).toEqual([]);
  const heading = async () => (await ui.page.getByRole('heading', { level: 1 }).textContent())?.trim();
  const status = async () =>
    (
      await ui.page.locator('.govuk-summary-list__row', { hasText: 'Status' }).locator('.govuk-tag').textContent()
    )?.trim();
  const emailsAbout = async (reference: string) =>
    (await local.system.mailbox()).filter((m) => m.subject.includes(reference) || m.body.text?.includes(reference));

  it('confirms the request, shows it as the status, and follows a changed decision through', async () => {
    // Prepare: a school's neglect notification decided as targeted early help.
    const contactId = await submitAndTriage(local.system, 'school-neglect');
    const decided = await fetch(`${local.system.endpoints.api}/api/contacts/${contactId}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        route: 'early-help-targeted',
        level: 3,
        rationale: 'Neglect indicators at level 3; the family agrees to early help.',
        overrideReason: 'The school cannot meet these needs alone.',
      }),
    });
    const { reference } = (await decided.json()) as { reference: string };
    await waitFor(
      async () =>
        (await emailsAbout(reference)).some((m) => m.subject.startsWith('Decision on your notification'))
          ? true
          : undefined,
      'the first outcome',
      30_000,
    );

    // The link from the referrer's emails: its own token, not the contact id.
    const { statusToken } = (await (await fetch(`${local.system.endpoints.api}/api/contacts/${contactId}`)).json()) as {
      statusToken: string;
    };
    const statusPath = `/status/${statusToken}`;

    // Act and assess: the referrer asks, as a person would.
    await ui.page.goto(`${local.system.endpoints.api}${statusPath}`);
    expect(await status()).toBe('Decided');
    await accessible();
    await ui.page.getByRole('button', { name: 'Ask for the decision to be reconsidered' }).click();
    expect(await ui.page.locator('a.govuk-back-link').getAttribute('href')).toBe(statusPath);
    await accessible();
    await ui.page.getByRole('button', { name: 'Send request' }).click();
    expect((await ui.page.locator('.govuk-error-summary__list li').allTextContents()).map((t) => t.trim())).toEqual([
      'Enter why you think the decision should be reconsidered',
    ]);
    await accessible();
    await ui.page
      .getByLabel('Why should the decision be reconsidered?')
      .fill('Ellie is getting thinner each week; we think this needs social care.');
    await ui.page.getByRole('button', { name: 'Send request' }).click();
    await ui.page.waitForURL(/\/status\/[^/]+\?sent=reconsideration$/);
    expect(await heading()).toBe(reference);
    expect(await ui.page.locator('.govuk-notification-banner--success').textContent()).toContain(
      'You have asked us to reconsider the decision',
    );
    expect(await status()).toBe('Reconsideration requested');
    expect(await ui.page.getByRole('button', { name: 'Ask for the decision to be reconsidered' }).count()).toBe(0);
    await accessible();
    // Reloading the page later does not claim the request was just sent.
    await ui.page.goto(`${local.system.endpoints.api}${statusPath}`);
    expect(await ui.page.locator('.govuk-notification-banner').count()).toBe(0);
    expect(await status()).toBe('Reconsideration requested');

    // A manager changes the decision to a social care assessment.
    const manager = await signIn(local.system, 'morgan.ellis');
    const version = await versionOnPage(local.system, contactId, manager);
    const changed = await post(
      local.system,
      `/console/contacts/${contactId}/answer-reconsideration`,
      {
        version,
        reconsiderationStatus: 'changed',
        answer: 'Having read the school’s reasons again, we will assess.',
        route: 'csc-assessment',
        level: '4',
        rationale: 'Persistent neglect despite school support: a child in need assessment.',
      },
      manager,
    );
    expect(changed.status).toBe(303);
    const emails = await waitFor(
      async () => {
        const all = await emailsAbout(reference);
        return all.filter((m) => m.subject.startsWith('Decision on your notification')).length === 2 &&
          all.some((m) => m.subject.startsWith('Handover replaced'))
          ? all
          : undefined;
      },
      'the new outcome and the replaced handover',
      30_000,
    );
    const [first, second] = emails.filter((m) => m.subject.startsWith('Decision on your notification'));
    expect(first!.body.text).toContain('you can ask us once to reconsider it');
    expect(second!.body.text).not.toContain('reconsider it');
    const replaced = emails.filter((m) => m.subject.startsWith('Handover replaced'));
    expect(replaced).toHaveLength(1);
    expect(replaced[0]!.destination.to).toEqual(['early-help@exampleshire.example']);

    await ui.page.goto(`${local.system.endpoints.api}${statusPath}`);
    expect(await status()).toBe('Decided');
    expect(await ui.page.textContent('main')).toContain('The decision was changed.');
    await accessible();
  }, 300_000);
});
