import { safeReturnPath, signInPath } from '../auth/return-to';

/**
 * A console form posted after the session ended (an ID token lasts an hour on AWS; a worker may
 * spend longer on a rationale). Nothing can be saved without knowing who sent it, so the answer
 * says so plainly, gives back what was typed for the user to copy, and signs them in again to the
 * page the form was on. What was typed is only shown back to the browser that sent it (the post
 * has passed the same-site and form-token checks); it is not stored, put in an address or logged.
 * README: Security and data protection says why it is not kept for them.
 */

/** The words people type into console forms, by field name (a child's own field ends `-0`, `-1`...). */
const TYPED_FIELDS: Record<string, string> = {
  rationale: 'Rationale',
  overrideReason: 'Reason for choosing a different level or route',
  comment: 'Comment',
  answer: 'Answer',
  reason: 'Reason',
  question: 'Question',
  notes: 'Notes',
  text: 'What was done',
  advice: 'Advice',
  knows: 'What the agency knows',
  willDo: 'What the agency will do',
  outcome: 'Outcome',
  tellGp: 'What the GP needs to know',
  tellSchool: 'What the school needs to know',
  agencies: 'Agencies represented',
  attendees: 'Attendees',
};

/**
 * The page a form was posted from: the browser's Referer when it is a console page of this site
 * (our pages send it to themselves), otherwise the page of the address posted to, which is the
 * form's own page or the page of the thing its action acts on (`/console/contacts/{id}/claim` →
 * `/console/contacts/{id}`).
 */
export const formPageOf = (postPath: string, referer: string | undefined, host: string | undefined): string => {
  try {
    const from = referer ? new URL(referer) : undefined;
    const page = from && from.host === host ? safeReturnPath(`${from.pathname}${from.search}`) : undefined;
    if (page) return page;
  } catch {
    // Not a URL: the posted address says instead.
  }
  const parts = postPath.split('/').filter(Boolean);
  const own = parts.length <= 2 || parts.at(-1) === 'decide';
  return safeReturnPath(own ? postPath : `/${parts.slice(0, -1).join('/')}`) ?? '/console';
};

export interface SessionEndedView {
  signInHref: string;
  typed: { label: string; lines: string[] }[];
}

export const sessionEndedView = (
  post: { path: string; referer?: string; host?: string },
  fields: URLSearchParams,
): SessionEndedView => ({
  signInHref: signInPath(formPageOf(post.path, post.referer, post.host)),
  typed: [...fields]
    .map(([name, value]) => ({ label: TYPED_FIELDS[name.replace(/[^A-Za-z].*$/, '')], value: value.trim() }))
    .filter((f): f is { label: string; value: string } => Boolean(f.label && f.value))
    .map(({ label, value }) => ({ label, lines: value.split(/\r?\n/) })),
});
