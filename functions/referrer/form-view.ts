import {
  CONCERN_AREAS,
  LISTS,
  answerAt,
  asksOneQuestion,
  childrenOf,
  chosenIndicators,
  displayValue,
  findPage,
  itemStart,
  midSentence,
  screeningAsked,
  specificText,
  suggestedFactors,
  whichChildAsked,
  type Answers,
  type Field,
  type ListName,
  type Page,
  type PageErrors,
} from '../../shared/referrer/journey';
import { childName } from '../../shared/notification';
import { renderPage } from '../../shared/web/render';
import { escapeMarkup } from '../../shared/web/escape';

/**
 * Turns the journey's pages into the parameters of GOV.UK Frontend's Nunjucks macros, so the
 * templates stay declarative and every control gets the Design System's markup, labels, hints
 * and error messages.
 */

export interface ErrorLink {
  text: string;
  href: string;
}

const anchor = (field: Field) => (field.kind === 'date' ? `${field.name}-day` : field.name);

export const errorSummary = (page: Page, errors: PageErrors): ErrorLink[] =>
  page.fields.filter((f) => errors[f.name]).map((f) => ({ text: errors[f.name]!, href: `#${anchor(f)}` }));

const widthClass = (field: Field) =>
  field.width === 'one-half' ? 'govuk-!-width-one-half' : field.width ? `govuk-input--width-${field.width}` : undefined;

/** One control, rendered as the macro the template calls by `macro` name. */
export interface Control {
  macro: 'govukInput' | 'govukTextarea' | 'govukRadios' | 'govukCheckboxes' | 'govukSelect' | 'govukDateInput';
  params: Record<string, unknown>;
}

const legend = (text: string, heading: boolean) =>
  heading
    ? { text, isPageHeading: true, classes: 'govuk-fieldset__legend--l' }
    : { text, classes: 'govuk-fieldset__legend--s' };

const control = (
  field: Field,
  page: Page,
  values: Record<string, unknown>,
  errors: PageErrors,
  heading: boolean,
): Control => {
  const errorMessage = errors[field.name] ? { text: errors[field.name] } : undefined;
  const value = values[field.name];
  const hint = field.hint ? { text: field.hint } : undefined;
  const label = heading
    ? { text: field.label, isPageHeading: true, classes: 'govuk-label--l' }
    : { text: field.label, classes: 'govuk-label--s' };
  const base = { id: field.name, name: field.name, hint, errorMessage };
  switch (field.kind) {
    case 'textarea':
      return { macro: 'govukTextarea', params: { ...base, label, value, rows: 6 } };
    case 'select':
      return {
        macro: 'govukSelect',
        params: {
          ...base,
          label,
          items: [
            { value: '', text: 'Choose one' },
            ...field.options!.map((o) => ({ ...o, selected: o.value === value })),
          ],
        },
      };
    case 'date': {
      const parts = (value ?? {}) as Record<string, string | undefined>;
      const errorClass = errorMessage ? ' govuk-input--error' : '';
      return {
        macro: 'govukDateInput',
        params: {
          id: field.name,
          namePrefix: field.name,
          hint,
          errorMessage,
          fieldset: { legend: legend(field.label, heading) },
          items: [
            {
              name: 'day',
              label: 'Day',
              classes: `govuk-input--width-2${errorClass}`,
              value: parts.day,
              inputmode: 'numeric',
            },
            {
              name: 'month',
              label: 'Month',
              classes: `govuk-input--width-2${errorClass}`,
              value: parts.month,
              inputmode: 'numeric',
            },
            {
              name: 'year',
              label: 'Year',
              classes: `govuk-input--width-4${errorClass}`,
              value: parts.year,
              inputmode: 'numeric',
            },
          ],
        },
      };
    }
    case 'yesno':
    case 'radios': {
      const options =
        field.kind === 'yesno'
          ? [
              { value: 'yes', text: 'Yes' },
              { value: 'no', text: 'No' },
            ]
          : field.options!;
      return {
        macro: 'govukRadios',
        params: {
          ...base,
          idPrefix: field.name,
          classes: field.kind === 'yesno' && !heading ? 'govuk-radios--inline' : undefined,
          fieldset: { legend: legend(field.label, heading) },
          items: options.map((o) => {
            const revealed = page.fields.filter((f) => f.when?.field === field.name && f.when.value === o.value);
            return {
              ...o,
              checked: o.value === value,
              conditional: revealed.length
                ? {
                    html: revealed
                      .map((f) =>
                        renderPage('referrer/control.njk', { control: control(f, page, values, errors, false) }),
                      )
                      .join(''),
                  }
                : undefined,
            };
          }),
        },
      };
    }
    case 'checkboxes': {
      const chosen = new Set((value as string[] | undefined) ?? []);
      return {
        macro: 'govukCheckboxes',
        params: {
          ...base,
          idPrefix: field.name,
          fieldset: { legend: legend(field.label, heading) },
          items: field.options!.map((o) => ({
            value: o.value,
            text: o.text,
            hint: o.hint ? { text: o.hint } : undefined,
            checked: chosen.has(o.value),
          })),
        },
      };
    }
    default:
      return {
        macro: 'govukInput',
        params: {
          ...base,
          label,
          value,
          type: field.kind === 'number' ? 'text' : field.kind,
          inputmode: field.kind === 'number' ? 'numeric' : undefined,
          spellcheck: field.kind === 'email' ? false : undefined,
          autocomplete: field.autocomplete,
          classes: widthClass(field),
        },
      };
  }
};

/** The page's controls, with the draft's answers (or what was just posted) filled in. */
export const controlsFor = (page: Page, values: Record<string, unknown>, errors: PageErrors): Control[] => {
  const heading = asksOneQuestion(page);
  return page.fields.filter((f) => !f.when).map((f) => control(f, page, values, errors, heading));
};

/** Field name → the value to show, from the draft. */
export const valuesFromDraft = (page: Page, answers: Answers, index: number): Record<string, unknown> => {
  const values: Record<string, unknown> = {};
  for (const field of page.fields) {
    values[field.name] = displayValue(field, answers, index);
    // The reason for refused or not-sought consent shares one answer: show it under the right choice.
    if (
      field.when &&
      displayValue(page.fields.find((f) => f.name === field.when!.field)!, answers, index) !== field.when.value
    ) {
      values[field.name] = undefined;
    }
  }
  return values;
};

/** What the referrer just posted, shown back unchanged when the page has errors. */
export const valuesFromForm = (page: Page, form: Record<string, string[]>): Record<string, unknown> =>
  Object.fromEntries(
    page.fields.map((f) => [
      f.name,
      f.kind === 'checkboxes'
        ? (form[f.name] ?? [])
        : f.kind === 'date'
          ? { day: form[`${f.name}-day`]?.[0], month: form[`${f.name}-month`]?.[0], year: form[`${f.name}-year`]?.[0] }
          : form[f.name]?.[0],
    ]),
  );

// Check your answers.

const describe = (field: Field, value: unknown): string => {
  if (value === undefined || value === '' || (Array.isArray(value) && !value.length)) return 'Not given';
  const optionText = (v: string) => field.options?.find((o) => o.value === v)?.text ?? v;
  if (field.kind === 'yesno') return value ? 'Yes' : 'No';
  if (field.kind === 'checkboxes') return (value as string[]).map(optionText).join('\n');
  if (field.kind === 'date') {
    const [y, m, d] = String(value).split('-');
    return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }
  if (field.options) return optionText(String(value));
  return String(value);
};

/** A summary list row; an answer of several lines (checkboxes) shows one per line. */
const row = (key: string, value: string, href: string, hidden: string) => ({
  key: { text: key },
  value: { html: value.split('\n').map(escapeMarkup).join('<br>') },
  actions: { items: [{ href, text: 'Change', visuallyHiddenText: hidden }] },
});

const rowsFor = (page: Page, answers: Answers, index: number) =>
  page.fields
    .filter((f) => {
      const on = f.when && page.fields.find((c) => c.name === f.when!.field);
      return !on || answerAt(answers, on.path.replace('#', String(index))) === f.when!.value;
    })
    .map((f) => {
      const label = f.label.replace(/ \(optional\)$/, '');
      return row(
        label,
        describe(f, answerAt(answers, f.path.replace('#', String(index)))),
        `/notify/${page.id}?return=check`,
        midSentence(label),
      );
    });

export interface CheckSection {
  heading: string;
  rows: ReturnType<typeof rowsFor>;
  addHref?: string;
  addText?: string;
  /** Text shown before the rows. */
  intro?: string;
}

const itemName = (list: ListName, item: Record<string, unknown>) =>
  list === 'children'
    ? childName({ ...item, expectedDateOfDelivery: item.born === 'no' ? 'unborn' : undefined })
    : String(item.name ?? '') || 'No name given';

/** What the referrer is worried about: the areas, then each area's specifics, in their words. */
const concernRows = (answers: Answers) => {
  const areas = findPage('concerns', answers)!;
  const chosen = new Set(chosenIndicators(answers));
  return [
    ...rowsFor(areas, answers, 0),
    ...CONCERN_AREAS.filter((a) => answers.concernAreas?.includes(a.id)).map((area) => {
      const specifics = Object.keys(area.specifics)
        .filter((id) => chosen.has(id))
        .map((id) => specificText(id)!);
      return row(
        area.text,
        specifics.join('\n') || 'Not given',
        `/notify/concerns/${area.id}?return=check`,
        `what you know about ${midSentence(area.text)}`,
      );
    }),
    ...(whichChildAsked(answers) ? [whichChildRow(answers)] : []),
  ];
};

/** Which child each worry is about: those about some children only, by name; the rest are about all. */
const whichChildRow = (answers: Answers) => {
  const names = (answers.children ?? []).map((item) => itemName('children', item));
  const some = chosenIndicators(answers).flatMap((id) => {
    const children = childrenOf(answers, id);
    return children ? [`${specificText(id)}: ${children.map((i) => names[i]).join(', ')}`] : [];
  });
  return row(
    'Which child each worry is about',
    [...some, some.length ? 'Anything else: all the children' : 'All the children'].join('\n'),
    '/notify/which-child?return=check',
    'which child each worry is about',
  );
};

/** The census categories suggested from the referrer's choices: recorded only if they accept them. */
const categorySection = (answers: Answers): CheckSection | undefined => {
  const page = findPage('categories', answers)!;
  if (!page.fields[0]!.options!.length) return undefined;
  const accepted = (answers.concerns?.factors as string[] | undefined) ?? [];
  const pending = suggestedFactors(answers).filter((code) => !accepted.includes(code));
  const text = (code: string) => page.fields[0]!.options!.find((o) => o.value === code)!.text;
  const rows = [
    row('Recorded', accepted.map(text).join('\n') || 'None', '/notify/categories?return=check', 'categories recorded'),
  ];
  const unseen = pending.filter((code) => !answers.categoriesReviewed?.includes(code));
  if (unseen.length) {
    rows.push({
      ...row('Suggested, not yet accepted', unseen.map(text).join('\n'), '/notify/categories?return=check', ''),
      actions: {
        items: [
          { href: '/notify/categories?return=check', text: 'Review', visuallyHiddenText: 'suggested categories' },
        ],
      },
    });
  }
  return {
    heading: 'Categories for our records',
    intro: 'We suggest these national categories from what you chose. We record only the ones you accept.',
    rows,
  };
};

export const checkSections = (answers: Answers): CheckSection[] => {
  const sections: CheckSection[] = [];
  const simple = (id: string, heading?: string) => {
    const page = findPage(id, answers)!;
    sections.push({ heading: heading ?? page.title, rows: rowsFor(page, answers, 0) });
  };
  simple('immediate-danger', 'Immediate danger');
  sections.push({
    heading: 'About you',
    rows: ['who-are-you', 'about-you'].flatMap((id) => rowsFor(findPage(id, answers)!, answers, 0)),
  });
  for (const list of ['children', 'parentsAndCarers', 'householdMembers', 'otherProfessionals'] as ListName[]) {
    const items = answers[list] ?? [];
    items.forEach((item, i) => {
      const pages = [
        findPage(`${list}/${i}`, answers),
        findPage(`${list}/${i}/details`, answers),
        findPage(`${list}/${i}/address`, answers),
      ].filter((p): p is Page => Boolean(p));
      sections.push({
        heading: `${LISTS[list].title}: ${itemName(list, item)}`,
        rows: pages.flatMap((p) => rowsFor(p, answers, i)),
      });
    });
    if (!items.length)
      sections.push({
        heading: LISTS[list].title,
        rows: [],
        addHref: `/notify/${LISTS[list].first}?return=check`,
        addText: `Add a ${LISTS[list].noun}`,
      });
  }
  sections.push({ heading: 'What you are worried about', rows: concernRows(answers) });
  if (screeningAsked(answers)) simple('screening');
  for (const id of ['what-happened', 'about-an-adult', 'child-views', 'expectation', 'consent']) simple(id);
  const categories = categorySection(answers);
  if (categories) sections.push(categories);
  return sections;
};

/** The list's summary rows, each with Change and Remove (the GOV.UK add another pattern). */
export const listRows = (list: ListName, answers: Answers, returnTo: string | undefined) =>
  (answers[list] ?? []).map((item, i) => {
    const name = itemName(list, item);
    const query = returnTo ? '?return=check' : '';
    return {
      key: { text: name },
      value: { text: `${LISTS[list].noun[0]!.toUpperCase()}${LISTS[list].noun.slice(1)} ${i + 1}` },
      actions: {
        items: [
          { href: `/notify/${itemStart(list, i)}${query}`, text: 'Change', visuallyHiddenText: name },
          { href: `/notify/${list}/${i}/remove${query}`, text: 'Remove', visuallyHiddenText: name },
        ],
      },
    };
  });

export { itemName };
