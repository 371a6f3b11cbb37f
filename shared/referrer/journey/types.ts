/**
 * The "Tell us you are worried about a child" journey as data: the shapes of its pages, fields
 * and answers, shared by the page catalogue, the answer mapping and the navigation.
 */

export interface Option {
  value: string;
  text: string;
  hint?: string;
}

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'email'
  | 'tel'
  | 'number'
  | 'date'
  | 'yesno'
  | 'radios'
  | 'checkboxes'
  | 'select';

export interface Field {
  /** The form control's name and id: unique on its page. */
  name: string;
  /** Where the answer goes in the draft; `#` stands for the list item's index. */
  path: string;
  kind: FieldKind;
  label: string;
  hint?: string;
  options?: Option[];
  optional?: boolean;
  /** GOV.UK error message for a missing answer, naming the field ("Enter your full name"). */
  required?: string;
  /**
   * Checkboxes that answer part of a list shared with other pages (the specifics of one area of
   * concern): the page replaces only its own options' values and keeps the rest.
   */
  partOfList?: boolean;
  /** Puts a typed answer in the form it is stored in (a postcode with its space). */
  normalise?: (value: string) => string;
  autocomplete?: string;
  /** Inputs narrower than the full width, as a GOV.UK width class suffix. */
  width?: '2' | '5' | '10' | '20' | 'one-half';
  /** Only answered when another radio field has this value (a conditional reveal). */
  when?: { field: string; value: string };
}

export type ListName = 'children' | 'parentsAndCarers' | 'householdMembers' | 'otherProfessionals';

export interface Page {
  id: string;
  title: string;
  caption?: string;
  /** Text shown before the questions. */
  intro?: string;
  fields: Field[];
  /** Item pages of a list carry the item's index in their id: `children/0/details`. */
  list?: ListName;
}

/** A draft's answers: the notification input as far as the referrer has got, plus the form's own. */
export interface Answers {
  immediateDanger?: boolean;
  referrer?: Record<string, unknown>;
  agencyReference?: string;
  children?: Record<string, unknown>[];
  parentsAndCarers?: Record<string, unknown>[];
  householdMembers?: Record<string, unknown>[];
  otherProfessionals?: Record<string, unknown>[];
  concerns?: Record<string, unknown>;
  expectation?: string;
  consent?: Record<string, unknown>;
  childViews?: string;
  /** Form-only answers: whether the referrer is done with each list. */
  listsDone?: Partial<Record<ListName, boolean>>;
  /** Form-only: how the referrer is telling us (professional, an agency type for individuals, or anonymous). */
  referrerKind?: string;
  /** Form-only: the broad areas of concern chosen first, whose specifics follow. */
  concernAreas?: string[];
  /** Form-only: whether the concern is about an adult who works with children ('yes' or 'no'). */
  aboutAdult?: string;
  adultConcern?: Record<string, unknown>;
  /**
   * Form-only: for a worry about some of the children only, the children it is about (their
   * places in the list, as text), by indicator id; a worry with none ticked is about every child.
   */
  concernsAbout?: Record<string, string[]>;
  /** Form-only: the suggested categories the referrer has seen and decided on, accepted or not. */
  categoriesReviewed?: string[];
}

/** What the form posted, as name → all values (checkboxes repeat their name). */
export type FormValues = Record<string, string[]>;

/** Field name → message, in the order the fields appear. */
export interface PageErrors {
  [name: string]: string;
}
