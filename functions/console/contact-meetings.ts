import { formatLondonTime } from '../../shared/calendar/format';
import { attendeeAgencyName } from '../../shared/meetings/chairing';
import type { MeetingRecord } from '../../shared/meetings/meeting';
import { formatDate } from '../../shared/meetings/messages';
import type { Agency } from '../../shared/partners/agencies';

/** A child's record's contributions as table rows: the agency, what it knows, what it will do. */
export const contributionRows = (record: Pick<MeetingRecord, 'contributions'>, agencies: readonly Agency[]) =>
  record.contributions.map((c) => [
    { text: attendeeAgencyName(agencies, c.agency) },
    { text: c.knows },
    { text: c.willDo },
  ]);

/** A contact's triage meeting records, for its page: each child's part of each meeting, oldest first. */
export const meetingsOnContact = (records: MeetingRecord[], agencies: readonly Agency[]) =>
  records.map((r) => ({
    meetingId: r.meetingId,
    title: `${r.themeName} triage meeting, ${formatDate(r.date)}: ${r.childName}`,
    contributions: contributionRows(r, agencies),
    actions: r.actions.map((a) => [
      { text: a.text },
      { text: a.owner },
      { text: formatDate(a.dueOn) },
      { text: a.done ? `Done (${a.done.by.name}, ${formatLondonTime(a.done.at)})` : 'Not yet' },
    ]),
    outcomeRows: r.outcome && [
      { key: { text: 'Outcome' }, value: { text: r.outcome.outcome } },
      { key: { text: 'For the GP' }, value: { text: r.outcome.tellGp ?? 'Not told' } },
      { key: { text: 'For the school' }, value: { text: r.outcome.tellSchool ?? 'Not told' } },
      {
        key: { text: 'Recorded by' },
        value: { text: `${r.outcome.recordedBy.name}, ${formatLondonTime(r.outcome.recordedAt)}` },
      },
    ],
  }));
