import { useLocalSystem } from '../support/local-system';
import { waitFor } from '../support/wait';
import { get, notification, signIn, statusOf } from './helpers';

/**
 * Household history against the local system: a contact about another child at the same
 * address shows on the contact page and in the API as the household's, apart from the child's
 * own re-contacts, and the levels-of-need rules never see it.
 */
describe('earlier contacts at the same address', () => {
  const local = useLocalSystem();

  type Stored = {
    reference: string;
    matches?: { contactId: string }[];
    householdMatches?: { contactId: string; reference: string }[];
    recommendation: { reasons: { kind: string }[] };
  };
  const contactJson = async (contactId: string) =>
    (await (await fetch(`${local.system.endpoints.api}/api/contacts/${contactId}`)).json()) as Stored;

  /** Submits a school neglect notification, changed by `edit`, and waits for triage. */
  const submit = async (
    edit: (n: {
      children: {
        firstName: string;
        dateOfBirth?: string;
        nhsNumber?: string;
        address: { line1: string; postcode: string };
      }[];
    }) => void,
  ) => {
    const body = notification('school-neglect') as Parameters<typeof edit>[0];
    edit(body);
    const response = await fetch(`${local.system.endpoints.api}/api/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const { contactId } = (await response.json()) as { contactId: string };
    await waitFor(
      async () => ((await statusOf(local.system, contactId)) === 'awaiting-decision' ? true : undefined),
      'triage',
      30_000,
    );
    return contactId;
  };

  it("shows a sibling's earlier contact as the household's, not as the child's history", async () => {
    const elder = await submit(() => {});
    const sameChild = await submit(() => {});
    // A younger sibling, with the address typed differently.
    const sibling = await submit((n) => {
      const child = n.children[0]!;
      child.firstName = 'Rowan';
      child.dateOfBirth = '2021-07-01';
      delete child.nhsNumber;
      child.address = { ...child.address, line1: '1, sample street', postcode: 'zz11aa' };
    });

    const siblingContact = await contactJson(sibling);
    expect(siblingContact.matches ?? []).toEqual([]);
    expect(siblingContact.householdMatches?.map((m) => m.contactId).sort()).toEqual([elder, sameChild].sort());
    expect(siblingContact.recommendation.reasons.some((r) => r.kind === 'history')).toBe(false);

    // The same child's re-contact is its own history, not repeated as the household's.
    const recontact = await contactJson(sameChild);
    expect(recontact.matches?.map((m) => m.contactId)).toEqual([elder]);
    expect(recontact.householdMatches ?? []).toEqual([]);

    const page = await (
      await get(local.system, `/console/contacts/${sibling}`, await signIn(local.system, 'sam.okafor'))
    ).text();
    const household = page.slice(page.indexOf('Earlier contacts at the same address'));
    expect(household).toContain((await contactJson(elder)).reference);
    expect(household).toMatch(/Rowan Fictional(&#39;|')s address/);
    expect(page).toContain('No earlier contacts match these children.');
  });
});
