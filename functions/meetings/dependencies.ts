import { DynamoMeetingStore } from '../../shared/aws/dynamo-meeting-store';
import type { MeetingDeps } from '../../shared/meetings/agenda';
import type { PartnerDeps } from '../../shared/meetings/partner-access';
import { config, contactStore, once } from '../lib/dependencies';

/** The meetings' adapters, built once per cold start: meetings live in the contacts table. */
export const meetingStore = once(
  () => new DynamoMeetingStore(config().CONTACTS_TABLE, undefined, config().CONTACT_RETENTION_YEARS),
);

export const meetingDeps = (): MeetingDeps => ({
  meetings: meetingStore(),
  contacts: contactStore(),
  settings: {
    themes: config().MEETING_THEMES,
    agencies: config().PARTNER_AGENCIES,
    directory: config().MEETING_DIRECTORY,
  },
});

export const partnerDeps = (): PartnerDeps => ({
  meetings: meetingStore(),
  contacts: contactStore(),
  agencies: config().PARTNER_AGENCIES,
});
