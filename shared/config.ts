import { z } from 'zod';

/**
 * Runtime settings every function reads from its environment. The CDK stack sets them from the
 * stage configuration; parsing them here means a mis-deployed function fails at cold start with
 * a clear message instead of sending mail to nobody.
 */
const emailList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));

export const RuntimeConfigSchema = z.object({
  CONTACTS_TABLE: z.string().min(1),
  IDEMPOTENCY_TABLE: z.string().min(1),
  TRIAGE_QUEUE_URL: z.string().min(1).optional(),
  OUTCOME_QUEUE_URL: z.string().min(1).optional(),
  TRIAGE_STATE_MACHINE_ARN: z.string().min(1).optional(),
  AREA_NAME: z.string().min(1),
  SENDER_ADDRESS: z.email(),
  DUTY_MANAGER_ADDRESS: z.email(),
  EARLY_HELP_TEAM_ADDRESS: z.email(),
  SOCIAL_CARE_TEAM_ADDRESS: z.email(),
  SECURE_EMAIL_DOMAINS: emailList.default([]),
  PUBLIC_BASE_URL: z.url(),
});
export type RuntimeConfig = z.output<typeof RuntimeConfigSchema>;

let cached: RuntimeConfig | undefined;
export const runtimeConfig = (env: NodeJS.ProcessEnv = process.env): RuntimeConfig => {
  if (env === process.env && cached) return cached;
  const parsed = RuntimeConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Front Door is misconfigured: ${problems}`);
  }
  if (env === process.env) cached = parsed.data;
  return parsed.data;
};

export const requireSetting = <K extends keyof RuntimeConfig>(config: RuntimeConfig, key: K): NonNullable<RuntimeConfig[K]> => {
  const value = config[key];
  if (value === undefined) throw new Error(`Front Door is misconfigured: ${String(key)} is not set for this function`);
  return value as NonNullable<RuntimeConfig[K]>;
};
