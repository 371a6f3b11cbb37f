import { createHash } from 'node:crypto';
import { matchKeysFor } from '../matching/keys';
import type { Child } from '../notification';

/** One child of one contact, as the returns count children. */
export interface ChildOfContact {
  contactId: string;
  childIndex: number;
  child: Child;
}

/** Shown digits of a child key: enough to find the child in the console, short enough for a spreadsheet. */
const ID_LENGTH = 16;

/**
 * Annex A's Child Unique ID for every child in the extract. The front door has no case
 * management system id, so a child is known by the keyed hashes triage matches on (NHS number;
 * first and last name, date of birth and postcode): two children sharing any key are one child,
 * whichever contact named them, and the ID is the start of the NHS number key when the child has
 * one, otherwise of the first of their keys, as the console shows it. A child named too loosely
 * to match (no surname, no date of birth) is a child of that contact alone.
 */
export const childIdsFor = (
  children: readonly ChildOfContact[],
  matchKey: string,
): ((contactId: string, childIndex: number) => string) => {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(key, root);
    return root;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));

  const keysOf = new Map<string, string[]>();
  for (const { contactId, childIndex, child } of children) {
    const keys = matchKeysFor(child, matchKey)
      .sort((a, b) => (a.basis === b.basis ? 0 : a.basis === 'nhs-number' ? -1 : 1))
      .map((k) => k.key);
    const own =
      keys.length > 0 ? keys : [createHash('sha256').update(`unmatched|${contactId}|${childIndex}`).digest('hex')];
    for (const key of own) if (!parent.has(key)) parent.set(key, key);
    for (const key of own.slice(1)) union(key, own[0]!);
    keysOf.set(`${contactId}#${childIndex}`, own);
  }

  // The group's shown key: its NHS number key if any child in it had one, else its smallest key.
  const nhsKeys = new Set(
    children.flatMap(({ child }) =>
      matchKeysFor(child, matchKey)
        .filter((k) => k.basis === 'nhs-number')
        .map((k) => k.key),
    ),
  );
  const shown = new Map<string, string>();
  for (const key of parent.keys()) {
    const root = find(key);
    const current = shown.get(root);
    const better =
      !current ||
      (nhsKeys.has(key) && !nhsKeys.has(current)) ||
      (nhsKeys.has(key) === nhsKeys.has(current) && key < current);
    if (better) shown.set(root, key);
  }

  return (contactId, childIndex) => {
    const keys = keysOf.get(`${contactId}#${childIndex}`);
    if (!keys) throw new Error(`Child ${childIndex} of contact ${contactId} is not in the extract`);
    return shown.get(find(keys[0]!))!.slice(0, ID_LENGTH);
  };
};
