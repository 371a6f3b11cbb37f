import { DynamoDraftStore } from '../../shared/aws/dynamo-draft-store';
import { config, once } from '../lib/dependencies';

/** The referrer pages' own adapter, built once per cold start like the shared ones. */
export const draftStore = once(() => new DynamoDraftStore(config().CONTACTS_TABLE));

/**
 * The cookie holding a form draft's id, for the form's pages only. The console sets it too, when
 * a worker starts completing an email's notification in the same form.
 */
export const DRAFT_COOKIE = 'front-door-draft';

export const draftCookie = (draftId: string) => {
  const secure = config().PUBLIC_BASE_URL.startsWith('https:') ? '; Secure' : '';
  return `${DRAFT_COOKIE}=${draftId}; Path=/notify; HttpOnly; SameSite=Lax; Max-Age=${7 * 24 * 60 * 60}${secure}`;
};
