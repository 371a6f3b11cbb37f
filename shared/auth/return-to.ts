/**
 * Where to send someone after they sign in: the console page they asked for (a handover link in
 * an email, a manager's sign-off link), never anywhere else. Only a same-site relative path under
 * /console is accepted, so the sign-in cannot be made to send a signed-in user to another site
 * (an open redirect): not `//evil.example`, `/\evil.example`, `https://…`, nor the same hidden by
 * percent-encoding or control characters. The page still checks the user's role on arrival.
 */
const BASE = 'https://front-door.invalid';
/** Letters, digits and the URL punctuation console addresses use; nothing else gets through. */
const PLAIN_PATH = /^\/console(\/[A-Za-z0-9._~%/-]*)?(\?[A-Za-z0-9._~%&=+-]*)?$/;
/** The sign-in pages themselves: returning to them would go round in a circle. */
const SIGN_IN_PAGES = /^\/console\/(sign-in|sign-out|auth)(\/|\?|$)/;
const MAX_LENGTH = 500;

export const safeReturnPath = (value: string | undefined): string | undefined => {
  if (!value || value.length > MAX_LENGTH || !PLAIN_PATH.test(value)) return undefined;
  const [path = ''] = value.split('?');
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  // However a server or browser decodes the path, it stays a console page: no backslash, no
  // doubled slash, no dot segment, nothing unprintable, and not a sign-in page.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\\\u0000-\u001f\u007f\s]|\/\/|\/\.\.?(\/|$)/.test(decoded) || SIGN_IN_PAGES.test(decoded)) return undefined;
  return new URL(value, BASE).origin === BASE ? value : undefined;
};

/** The sign-in page's address that brings the user back to `path` afterwards. */
export const signInPath = (path: string | undefined): string => {
  const returnTo = safeReturnPath(path);
  return returnTo && returnTo !== '/console'
    ? `/console/sign-in?${new URLSearchParams({ returnTo })}`
    : '/console/sign-in';
};
