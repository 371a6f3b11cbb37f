import { instantOf } from '../calendar/zoned';
import type { FieldError } from '../notification';

/**
 * The LADO's console forms, turned into the inputs the management use cases validate. Dates are
 * GOV.UK date inputs (day, month, year); times are London wall-clock times.
 */
type Fields = Record<string, string>;

export const MEETING_ACTION_ROWS = 3;

/** `YYYY-MM-DD` from a date input, '' when left blank, or what was typed when it is not a date (so the schema says so). */
export const dateFrom = (fields: Fields, name: string): string => {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => (fields[`${name}-${part}`] ?? '').trim());
  if (!day && !month && !year) return '';
  return `${year!.padStart(4, '0')}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
};

const londonInstant = (date: string, time: string): string => {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  if (!d || !t) return `${date} ${time}`;
  const at = instantOf(
    { year: Number(d[1]), month: Number(d[2]), day: Number(d[3]), hour: Number(t[1]), minute: Number(t[2]) },
    'Europe/London',
  );
  return Number.isNaN(at) ? `${date} ${time}` : new Date(at).toISOString();
};

const optional = (value: string | undefined) => (value?.trim() ? value : undefined);

export const considerationInput = (f: Fields) => ({
  immediateRisk: optional(f.immediateRisk),
  meetingNeeded: optional(f.meetingNeeded),
  notes: f.notes ?? '',
});

export const meetingInput = (f: Fields) => ({
  heldAt: londonInstant(dateFrom(f, 'heldOn'), f.heldAtTime ?? ''),
  attendees: f.attendees ?? '',
  agencies: f.agencies ?? '',
  notes: f.notes ?? '',
  // A row counts once any of its parts is filled in; blank rows are the spare ones.
  actions: Array.from({ length: MEETING_ACTION_ROWS }, (_, i) => i + 1)
    .map((n) => ({
      text: f[`action${n}Text`] ?? '',
      owner: f[`action${n}Owner`] ?? '',
      dueOn: dateFrom(f, `action${n}Due`),
    }))
    .filter((a) => a.text.trim() || a.owner.trim() || a.dueOn),
  reviewOn: optional(dateFrom(f, 'reviewOn')),
});

export const partnerActionInput = (f: Fields) => ({ kind: optional(f.kind), text: f.text ?? '' });

/** Further actions are checkboxes: every value posted under the name. */
export const outcomeInput = (f: Fields, furtherActions: string[]) => ({
  category: optional(f.category),
  furtherActions,
  notes: f.notes ?? '',
});

/** Where on the page each schema error belongs: the form control's id. */
const FIELD_IDS: Record<string, string> = {
  heldAt: 'heldOn-day',
  reviewOn: 'reviewOn-day',
  'actions.text': 'action{n}Text',
  'actions.owner': 'action{n}Owner',
  'actions.dueOn': 'action{n}Due-day',
};

export const errorLinks = (errors: FieldError[]) =>
  errors.map((e) => {
    const [head, index, field] = e.path.split('.');
    const id =
      head === 'actions' && field
        ? FIELD_IDS[`actions.${field}`]!.replace('{n}', String(Number(index) + 1))
        : (FIELD_IDS[head!] ?? head!);
    return { text: head === 'actions' ? `Action ${Number(index) + 1}: ${e.message}` : e.message, href: `#${id}` };
  });
