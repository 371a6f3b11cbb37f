import * as z from 'zod';

/**
 * The daily multi-agency triage meetings an area holds (domain brief §1, §10: Worcestershire's
 * domestic abuse, CSE and missing meetings), each for one of the ruleset's themes, with the
 * agencies invited by default; and where the child's GP and school are told the outcome.
 */
export const MeetingThemeSchema = z.object({
  /** A theme the levels-of-need ruleset gives contacts, e.g. `domestic-abuse`. */
  theme: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'Give the theme id the ruleset uses, like domestic-abuse'),
  name: z.string().trim().min(1).max(100),
  /** Agency ids invited unless the chair changes them. */
  agencies: z.array(z.string().min(1)).default([]),
});
export type MeetingTheme = z.output<typeof MeetingThemeSchema>;

export const MeetingThemesSchema = z
  .array(MeetingThemeSchema)
  .refine(
    (themes) => new Set(themes.map((t) => t.theme)).size === themes.length,
    'Each theme may have one daily meeting',
  );

export const DEFAULT_MEETING_THEMES: readonly MeetingTheme[] = [
  { theme: 'domestic-abuse', name: 'Domestic abuse', agencies: ['police', 'health', 'education', 'womens-aid'] },
  { theme: 'cse', name: 'Child sexual exploitation', agencies: ['police', 'health', 'education'] },
  { theme: 'missing', name: 'Missing', agencies: ['police', 'health', 'education'] },
  { theme: 'exploitation', name: 'Criminal exploitation', agencies: ['police', 'health', 'education', 'probation'] },
];

const Entry = z.object({ name: z.string().trim().min(1).max(200), email: z.email() });

/** Schools' and GP practices' safeguarding mailboxes, by the name a notification gives them. */
export const DirectorySchema = z.object({
  schools: z.array(Entry).default([]),
  gpPractices: z.array(Entry).default([]),
});
export type Directory = z.output<typeof DirectorySchema>;
