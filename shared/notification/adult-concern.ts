import * as z from 'zod';
import { fieldsOnly, personName, text } from './text-fields';

/**
 * When the concern is about an adult who works or volunteers with children, the employer must
 * tell the Local Authority Designated Officer (LADO) within one working day (Keeping Children
 * Safe in Education, part four; Working Together 2023, chapter 2). These are the facts the LADO
 * needs to start: who the person is, where they work, and whether they still work with children.
 */

/** Employer sectors, as local safeguarding partnerships report LADO referrals to their boards. */
export const EMPLOYER_SECTORS = {
  education: 'School or college',
  'early-years': 'Nursery, childminder or other early years',
  health: 'Health',
  'social-care': "Children's social care or residential care",
  fostering: 'Foster carer or fostering agency',
  police: 'Police',
  'sport-and-leisure': 'Sport, leisure or activity club',
  faith: 'Faith group',
  voluntary: 'Voluntary or community group',
  transport: 'Transport',
  other: 'Other',
} as const;
export type EmployerSector = keyof typeof EMPLOYER_SECTORS;

export const STILL_WORKING_WITH_CHILDREN = {
  yes: 'Yes',
  no: 'No, they are suspended, off work or no longer work there',
  'not-known': 'Not known',
} as const;

export const AdultConcernSchema = fieldsOnly({
  // Shown to the LADO, put in the employer's email and hashed to find earlier allegations: it must read as sent.
  name: personName(200),
  dateOfBirth: z.iso.date({ message: 'Enter a real date in the format YYYY-MM-DD' }).optional(),
  role: text(200).describe('Their job or voluntary role, for example class teacher or football coach'),
  employer: text(200).describe('The employer or organisation they work or volunteer for'),
  sector: z.enum(Object.keys(EMPLOYER_SECTORS) as [EmployerSector, ...EmployerSector[]], {
    message: 'Choose the sector they work in',
  }),
  stillWorkingWithChildren: z.enum(
    Object.keys(STILL_WORKING_WITH_CHILDREN) as [
      keyof typeof STILL_WORKING_WITH_CHILDREN,
      ...(keyof typeof STILL_WORKING_WITH_CHILDREN)[],
    ],
    {
      message: 'Say whether they are still working with children: yes, no or not-known',
    },
  ),
  /** The employer's designated person for allegations (often the head teacher or safeguarding lead). */
  employerContact: fieldsOnly({
    name: text(200),
    email: z.email({ message: 'Enter an email address in the correct format, like name@example.org' }),
  }).optional(),
  /**
   * Whether the child also needs help or protection from children's social care: then the
   * notification is a contact about the child as well as an allegation, and the two are linked.
   */
  childNeedsContact: z.boolean({ message: "Say whether the child also needs help from children's social care" }),
});
export type AdultConcern = z.output<typeof AdultConcernSchema>;
