import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { englandAndWalesCalendar } from '../../shared/calendar';
import { dynamoContactArchive } from '../../shared/aws/dynamo-archive';
import { extractFacts } from '../../shared/reporting/extract';
import { localFactsSink } from '../../shared/reporting/local-facts-sink';
import { apiClient } from '../integration/api-client';
import { useLocalSystem } from '../support/local-system';
import { accessibilityViolations, useBrowserPage } from './browser';

const notification = (name: string) =>
  JSON.parse(readFileSync(join(__dirname, `../../events/notifications/${name}.json`), 'utf8'));

/**
 * The performance page in a real browser, on the local system: two contacts (one decided) go
 * through the analytics extract, from the contacts table into Parquet in the data directory, and
 * a performance officer reads the measures (DuckDB over those files), filters by source, and
 * cannot open the triage queue. Every page is checked against WCAG 2.2 AA.
 */
describe('the performance page in a browser', () => {
  const local = useLocalSystem();
  const ui = useBrowserPage();

  beforeAll(async () => {
    const api = apiClient(local.system);
    const school = await api.submit(notification('school-neglect'));
    const police = await api.submit(notification('police-domestic-abuse-high'));
    await api.contactInStatus(police.body.contactId, 'awaiting-decision', 60_000);
    await api.contactInStatus(school.body.contactId, 'awaiting-decision', 60_000);
    const decided = await api.decide(school.body.contactId, {
      route: 'early-help-targeted',
      level: 3,
      rationale: 'Neglect indicators at level 3; the family agrees to early help.',
      overrideReason: 'The school cannot meet these needs alone.',
    });
    expect(decided.status).toBe(201);
    // The scheduled extract, run now with the same adapter and the local system's own directory.
    await extractFacts({
      archive: dynamoContactArchive(
        local.system.endpoints.outputs.ContactsTableName!,
        new DynamoDBClient(local.system.clientConfig('dynamodb')),
      ),
      allegations: { async *pages() {} },
      sink: localFactsSink(join(local.system.dataDir, 'analytics')),
      calendar: englandAndWalesCalendar(),
      secret: 'browser-test-analytics-key',
      now: new Date(),
    });
  }, 150_000);

  const expectAccessible = async (name: string) =>
    expect([name, await accessibilityViolations(ui.page)]).toEqual([name, []]);
  /** A figures table's rows, each as its cells' text joined by '|'. */
  const figuresOf = async (heading: string) =>
    ui.page
      .locator('table', { has: ui.page.getByText(`${heading}: figures`) })
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => Array.from(row.children, (cell) => cell.textContent!.trim()).join('|')));

  it('shows a performance officer the measures, with a table beside each chart, and only this page', async () => {
    await ui.page.goto(`${local.system.endpoints.api}/console`);
    await ui.page.getByLabel('Ash Patel').check();
    await ui.page.getByRole('button', { name: 'Sign in' }).click();
    await ui.page.getByRole('heading', { name: 'Performance', level: 1 }).waitFor();
    await expectAccessible('performance page');

    expect(await ui.page.locator('#as-at').textContent()).toMatch(
      /^Figures as at \d{1,2}:\d{2}(am|pm) on \d{1,2} \w+ \d{4}\.$/,
    );
    expect(await ui.page.locator('svg[role="img"]').count()).toBe(await ui.page.locator('section table').count());
    expect((await figuresOf('Contacts by month')).at(-1)).toMatch(/^Total\|2\|\d+$/);
    expect(await figuresOf('Contacts by source')).toContainEqual(expect.stringMatching(/^Police\|6\|1\|\d+$/));
    expect((await figuresOf('Conversion to a social care referral')).at(-1)).toMatch(/^Total\|\d+\|0\|\d+\|0%$/);

    await ui.page.getByLabel('Source', { exact: true }).selectOption('police');
    await ui.page.getByRole('button', { name: 'Show figures' }).click();
    await ui.page.getByText('contacts from: Police').waitFor();
    expect((await figuresOf('Contacts by month')).at(-1)).toMatch(/^Total\|1\|\d+$/);
    await expectAccessible('performance page, police only');

    const queue = await ui.page.goto(`${local.system.endpoints.api}/console/contacts/${'a'.repeat(26)}`);
    expect(queue?.status()).toBe(403);
  }, 150_000);
});
