import * as z from 'zod';
import type { AllegationRetention } from './retention';
import { MatchKeySecretArnSchema } from '../config';

/**
 * The LADO pathway's own settings, parsed from the function's environment like the front
 * door's (shared/config.ts), kept apart because only the allegation functions have them.
 */
export const LadoSettingsSchema = z.object({
  ALLEGATIONS_TABLE: z.string().min(1),
  /** Where the key of the person-matching hash (see person-key.ts) is kept: the area's match key. */
  MATCH_KEY_SECRET_ARN: MatchKeySecretArnSchema.optional(),
  LADO_PHONE: z.string().min(1),
  LADO_EMAIL: z.email(),
  ALLEGATION_RETENTION: z
    .string()
    .regex(/^\d+,\d+,\d+$/, 'Give ALLEGATION_RETENTION as minimumYears,pensionAge,maliciousDays')
    .transform((v): AllegationRetention => {
      const [minimumYears, pensionAge, maliciousDays] = v.split(',').map(Number) as [number, number, number];
      return { minimumYears, pensionAge, maliciousDays };
    }),
});
export type LadoSettings = z.output<typeof LadoSettingsSchema>;

export const ladoSettings = (env: NodeJS.ProcessEnv = process.env): LadoSettings => {
  const parsed = LadoSettingsSchema.safeParse(env);
  if (!parsed.success)
    throw new Error(
      `The LADO pathway is misconfigured: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
};
