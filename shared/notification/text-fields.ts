import * as z from 'zod';
import { hasBidiControls, hasLetterOrNumber, hasLoneSurrogate, stripControlCharacters } from './text';

/** The text fields every part of a notification shares, the adult a LADO concern is about included. */

/** Text that must be there, trimmed, within `max` characters. */
export const text = (max: number) =>
  z.string().trim().min(1, 'Enter a value').max(max, `Must be ${max} characters or fewer`);

/**
 * A person's name is shown to staff, matched against earlier contacts and put in emails: it must
 * read as sent. Control and invisible characters go before the length is checked, so a name of
 * nothing but them is refused as empty rather than stored as "", and what is left must hold a
 * letter or a number.
 */
export const personName = (max: number) =>
  z
    .string()
    .refine((v) => !hasBidiControls(v), 'Enter the name without text-direction control characters')
    .refine((v) => !hasLoneSurrogate(v), 'Enter the name without broken characters')
    .transform(stripControlCharacters)
    .pipe(text(max).refine((v) => v === '' || hasLetterOrNumber(v), 'Enter a name with letters in it'));

/**
 * An object whose unknown fields are refused, each by name: a misspelt one ("dob" for
 * "dateOfBirth") would otherwise be dropped with what the referrer told us in it.
 */
export const fieldsOnly = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${issue.keys.map((key) => `"${key}"`).join(', ')} ${issue.keys.length === 1 ? 'is not a field' : 'are not fields'} here: check the spelling against the notification's fields`
        : undefined,
  });
