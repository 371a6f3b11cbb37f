import { earlierContactFrom, householdContactFrom } from '../../shared/contacts/stored-match';

/** A match read from storage is checked: a malformed one is a clear error naming its fields, not its contents. */
const match = {
  contactId: '01j00000000000000000000001',
  reference: 'CFC-AAAA-0001',
  receivedAt: '2026-11-30T10:00:00.000Z',
  childIndex: 0,
  matchedChildIndex: 0,
  matchedOn: ['nhs-number'],
  status: 'decided',
  level: 3,
  route: 'early-help-targeted',
};

describe('a stored match', () => {
  it('is read as the earlier contact or the one at the same address it is', () => {
    expect(earlierContactFrom(match)).toEqual(match);
    const { matchedOn: _none, ...household } = match;
    expect(householdContactFrom(household)).toEqual(household);
  });

  it('is refused when malformed, naming the fields and not their contents', () => {
    const read = () => earlierContactFrom({ ...match, level: 9, matchedOn: undefined });
    expect(read).toThrow('Stored match of contact 01j00000000000000000000001 is malformed at level, matchedOn');
  });
});
