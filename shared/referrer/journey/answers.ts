import { isProfessionalAgencyType, NotificationSchema, fieldErrors, type FieldError } from '../../notification';
import { SOMETHING_ELSE, chosenIndicators, concernsByChild, screeningAsked } from './concern-areas';
import { screeningFitted } from './children-changes';
import { dateError, datePartsError } from './dates';
import { adultConcernInput } from './adult-concern-page';
import { itemIndex } from './pages';
import type { Answers, Field, FormValues, Page, PageErrors } from './types';

/**
 * Mapping between the form and the draft, and validation. Validation is the notification schema
 * itself, applied to the whole draft and filtered to the page's own fields, so the form can never
 * accept something the API would refuse; the messages are GOV.UK style and name the field.
 */

export const resolve = (path: string, index: number) => path.replace('#', String(index));

export const answerAt = (root: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      root,
    );

const setAt = (root: Record<string, unknown>, path: string, value: unknown): void => {
  const keys = path.split('.');
  let node: Record<string, unknown> = root;
  keys.slice(0, -1).forEach((key, i) => {
    if (node[key] === undefined) node[key] = /^\d+$/.test(keys[i + 1]!) ? [] : {};
    node = node[key] as Record<string, unknown>;
  });
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
};

const one = (values: FormValues, name: string) => values[name]?.[values[name].length - 1]?.trim() ?? '';

/** The form's value for a field, converted to what the notification expects. */
const convert = (field: Field, values: FormValues, current: unknown): unknown => {
  switch (field.kind) {
    case 'checkboxes': {
      const offered = new Set(field.options?.map((o) => o.value));
      const chosen = (values[field.name] ?? []).filter((v) => offered.has(v));
      // A page showing part of a list keeps the choices it does not show.
      const kept =
        field.partOfList && Array.isArray(current) ? (current as string[]).filter((v) => !offered.has(v)) : [];
      return [...kept, ...chosen];
    }
    case 'yesno': {
      const value = one(values, field.name);
      return value === 'yes' ? true : value === 'no' ? false : undefined;
    }
    case 'number': {
      const value = one(values, field.name);
      return value === '' ? undefined : /^\d+$/.test(value) ? Number(value) : value;
    }
    case 'date': {
      const [day, month, year] = ['day', 'month', 'year'].map((part) => one(values, `${field.name}-${part}`));
      if (!day && !month && !year) return undefined;
      return `${year!.padStart(4, '0')}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
    }
    default: {
      const value = one(values, field.name);
      return value === '' ? undefined : (field.normalise?.(value) ?? value);
    }
  }
};

/** The value to show in a field: what is in the draft, in the form's own shape. */
export const displayValue = (field: Field, answers: Answers, index: number): unknown => {
  const value = answerAt(answers, resolve(field.path, index));
  if (field.kind === 'yesno') return value === true ? 'yes' : value === false ? 'no' : undefined;
  if (field.kind === 'date' && typeof value === 'string') {
    const [year, month, day] = value.split('-');
    return { day: day?.replace(/^0/, ''), month: month?.replace(/^0/, ''), year };
  }
  return value;
};

/**
 * Only what the referrer gave as the kind of referrer they chose: details typed before they
 * changed their mind (to anonymous, say) are not sent.
 */
export const referrerInput = (answers: Answers): Record<string, unknown> => {
  const { name, role, organisation, agencyType, email, phone } = answers.referrer ?? {};
  const kind = answers.referrerKind;
  if (kind === 'anonymous') return { agencyType: kind, phone };
  if (kind && kind !== 'professional') return { agencyType: kind, name, role, email, phone };
  return {
    name,
    role,
    organisation,
    agencyType: isProfessionalAgencyType(agencyType as string | undefined) ? agencyType : undefined,
    email,
    phone,
  };
};

/**
 * The notification the draft would become: exactly what the referrer chose and confirmed, form-only
 * answers left out. Indicators come from the specifics of the areas still chosen; assessment factors
 * only from the suggestions the referrer accepted on check your answers.
 */
export const notificationInput = (answers: Answers): Record<string, unknown> => {
  const {
    listsDone: _done,
    concernAreas: _areas,
    categoriesReviewed: _reviewed,
    concernsAbout: _concernsAbout,
    referrerKind: _kind,
    aboutAdult: _about,
    adultConcern: _adult,
    referrer,
    children,
    concerns,
    ...rest
  } = answers;
  const something = answers.concernAreas?.includes(SOMETHING_ELSE.id) ? [SOMETHING_ELSE.indicator] : [];
  const split = concernsByChild(
    answers,
    [...new Set([...chosenIndicators(answers), ...something])],
    (concerns?.factors as string[] | undefined) ?? [],
  );
  // With several children the screening page asks each child's CSE outcome and missing count (pages.ts).
  const several = (children?.length ?? 0) > 1;
  const screened = screeningAsked(answers);
  const screeningOf = (child: Record<string, unknown>) => {
    const asked = (child.concerns as { screening?: Record<string, unknown> } | undefined)?.screening;
    const given = Object.entries(asked ?? {}).filter(([, v]) => v !== undefined);
    return several && screened && given.length > 0 ? Object.fromEntries(given) : undefined;
  };
  // A child's own concerns are sent only when there are some, so a draft about every child reads as before.
  const ownOf = (child: Record<string, unknown>, i: number) => {
    const own = split.children[i];
    const screening = screeningOf(child);
    const worried = own && own.indicators.length + own.factors.length > 0;
    if (!worried && !screening) return { concerns: undefined };
    return { concerns: { ...(own ?? { indicators: [], factors: [] }), ...(screening && { screening }) } };
  };
  const {
    cseRisk: _cse,
    missingEpisodes: _missing,
    ...household
  } = (concerns?.screening as Record<string, unknown> | undefined) ?? {};
  return {
    ...rest,
    ...(referrer || answers.referrerKind ? { referrer: referrerInput(answers) } : {}),
    ...adultConcernInput(answers),
    children: children?.map(({ born: _born, ...child }, i) => ({ ...child, ...ownOf(child, i) })),
    ...(concerns || answers.concernAreas
      ? {
          concerns: {
            ...concerns,
            ...(screened ? (several && concerns?.screening ? { screening: household } : {}) : { screening: undefined }),
            factors: split.factors,
            indicators: split.indicators,
          },
        }
      : {}),
  };
};

const belongsTo = (errorPath: string, fieldPath: string) =>
  errorPath === fieldPath || errorPath.startsWith(`${fieldPath}.`);

/**
 * A label read in the middle of a sentence ("Change NHS number", "Enter your role"): its first
 * letter lower-cased unless its first word is an abbreviation, and the rest as written, so "NHS",
 * "DASH" and "FGM" stay capitals (lower-casing the whole label read "Change nhs number").
 */
export const midSentence = (label: string): string =>
  /^[A-Z]{2,}\b/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);

const REQUIRED = new Set(['This field is required', 'Enter a value']);

/** A message that reads well on the form, where the schema's wording is for API clients. */
export const formMessage = (field: Field, message: string): string => {
  const label = field.label.replace(/ \(optional\)$/, '');
  if (REQUIRED.has(message)) {
    if (field.required) return field.required;
    return ['radios', 'yesno', 'select', 'checkboxes'].includes(field.kind)
      ? `Select ${midSentence(label)}`
      : `Enter ${midSentence(label)}`;
  }
  if (field.kind === 'date') return `${label} must be a real date`;
  // zod's own wording for a number ("Invalid input: expected number") reads as code to a referrer.
  if (field.kind === 'number' && /^(Invalid|Too|Expected)/.test(message))
    return `${label} must be a whole number, like 2`;
  if (/^Must be \d+ characters or fewer$/.test(message)) return `${label} must be ${message.slice(8)}`;
  return message;
};

/** Whether a field is asked, given the answer that reveals it. */
const asked = (field: Field, page: Page, answers: Answers, index: number): boolean => {
  if (!field.when) return true;
  const control = page.fields.find((f) => f.name === field.when!.field)!;
  return displayValue(control, answers, index) === field.when.value;
};

/** What is wrong with a page's answers in the draft, field by field, as GOV.UK error messages. */
export const pageErrors = (page: Page, answers: Answers, now: Date): PageErrors => {
  const index = page.list ? itemIndex(page) : 0;
  const parsed = NotificationSchema.safeParse(notificationInput(answers));
  const issues: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error);
  const errors: PageErrors = {};
  for (const field of page.fields) {
    if (!asked(field, page, answers, index)) continue;
    const path = resolve(field.path, index);
    const stored = answerAt(answers, path);
    // Part of a shared list is answered only by its own options.
    const value =
      field.partOfList && Array.isArray(stored)
        ? stored.filter((v) => field.options!.some((o) => o.value === v))
        : stored;
    if (!field.optional && (value === undefined || (Array.isArray(value) && !value.length))) {
      errors[field.name] = formMessage(field, 'This field is required');
      continue;
    }
    const issue = issues.find((i) => belongsTo(i.path, path));
    if (issue) errors[field.name] = formMessage(field, issue.message);
    else if (field.kind === 'date' && typeof value === 'string') {
      const rule = dateError(field, value, now);
      if (rule) errors[field.name] = rule;
    }
  }
  return errors;
};

/** Applies a page's answers to the draft and says what is wrong with them, field by field. */
export const answerPage = (
  page: Page,
  answers: Answers,
  values: FormValues,
  now: Date,
): { answers: Answers; errors: PageErrors } => {
  const index = page.list ? itemIndex(page) : 0;
  const next = structuredClone(answers) as Record<string, unknown>;
  const revealed = (field: Field) => !field.when || one(values, field.when.field) === field.when.value;
  for (const field of page.fields) {
    const applies = revealed(field);
    // Two conditional fields may share a path (the consent reason): only the revealed one writes
    // it, and with neither revealed ("given") it is cleared, or a reason typed for another answer
    // would be sent with consent given, which the notification refuses.
    if (!applies && page.fields.some((f) => f !== field && f.path === field.path && revealed(f))) continue;
    const path = resolve(field.path, index);
    setAt(next, path, applies ? convert(field, values, answerAt(next, path)) : undefined);
  }
  // Suggestions the referrer has now seen and left unselected are not offered again as pending.
  if (page.id === 'categories') next.categoriesReviewed = page.fields[0]!.options!.map((o) => o.value);
  const errors = pageErrors(page, next as Answers, now);
  // A date with a part missing says which part, before the schema calls it "not a real date".
  for (const field of page.fields.filter((f) => f.kind === 'date' && errors[f.name])) {
    const parts = datePartsError(
      field,
      ['day', 'month', 'year'].map((part) => one(values, `${field.name}-${part}`)) as [string, string, string],
    );
    if (parts) errors[field.name] = parts;
  }
  // A child added (from the first child's details page on) takes the only child's screening answers with them.
  return { answers: screeningFitted(next as Answers), errors };
};

/** The message for an error anywhere in the notification, naming its field, for check your answers. */
export const messageForPath = (error: FieldError, pages: Page[]): string => {
  const relative = error.path.replace(/^(\w+)\.\d+\./, '$1.#.');
  for (const page of pages) {
    const field = page.fields.find(
      (f) => belongsTo(error.path, f.path) || belongsTo(relative, f.path) || belongsTo(f.path, relative),
    );
    if (field) return formMessage(field, error.message);
  }
  return error.message;
};
