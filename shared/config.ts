import * as z from 'zod';
import { DEFAULT_MEETING_THEMES, DirectorySchema, MeetingThemesSchema } from './meetings/settings';
import { AgenciesSchema, DEFAULT_AGENCIES } from './partners/agencies';
import { codesOf } from './notification/codes';
import { ROUTES } from './triage/types';
import type { AllegationRetention } from './lado/retention';

/**
 * The one typed runtime configuration: the settings every function reads from its environment
 * (RuntimeConfig), and those only the triage console's (AuthSettings) and the LADO's functions
 * (LadoSettings) have, each variable defined once. The CDK stack sets them from the stage
 * configuration; parsing them here means a mis-deployed function fails at cold start with a
 * message naming each variable missing or wrong, instead of sending mail to nobody.
 */
const emailList = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean),
);

/** A setting the stack writes as JSON (lists of agencies, themes, addresses). */
const json = <S extends z.ZodType>(schema: S) =>
  z
    .string()
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'Give the setting as JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

/**
 * Where the area's one match key is kept: the key of every keyed hash that finds a person again
 * (children's and households' match keys, the case registry's child keys, confirmed referrer
 * addresses, the LADO's person key). A Secrets Manager secret's ARN, or LOCAL_KEY_SECRET_ARN in
 * the local stage, whose synthetic data needs no secret.
 */
export const LOCAL_KEY_SECRET_ARN = 'local-default';
const keySecretArn = (setting: string) =>
  z.union([
    z.literal(LOCAL_KEY_SECRET_ARN),
    z.string().startsWith('arn:', `${setting} must be a secret ARN or ${LOCAL_KEY_SECRET_ARN}`),
  ]);
export const MatchKeySecretArnSchema = keySecretArn('MATCH_KEY_SECRET_ARN');
/** Where the rate limiter's key is (infra/constructs/rate-limit-key.ts): its own, never the match key. */
export const RateLimitKeySecretArnSchema = keySecretArn('RATE_LIMIT_KEY_SECRET_ARN');

/** Route codes, comma separated; an unknown code is a mis-deployment, not a route to ignore. */
const routeList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(codesOf(ROUTES), `Give SIGN_OFF_ROUTES as route codes: ${Object.keys(ROUTES).join(', ')}`)));

export const RuntimeConfigSchema = z.object({
  CONTACTS_TABLE: z.string().min(1),
  IDEMPOTENCY_TABLE: z.string().min(1),
  /** What the case management system says about children's open cases. */
  CASE_REGISTRY_TABLE: z.string().min(1).optional(),
  /** Only the functions that make match keys have it, with read access to the secret. */
  MATCH_KEY_SECRET_ARN: MatchKeySecretArnSchema.optional(),
  /** Only the functions that count requests per source address have it. */
  RATE_LIMIT_KEY_SECRET_ARN: RateLimitKeySecretArnSchema.optional(),
  TRIAGE_QUEUE_URL: z.string().min(1).optional(),
  OUTCOME_QUEUE_URL: z.string().min(1).optional(),
  ACKNOWLEDGEMENT_QUEUE_URL: z.string().min(1).optional(),
  TRIAGE_STATE_MACHINE_ARN: z.string().min(1).optional(),
  AREA_NAME: z.string().min(1),
  SENDER_ADDRESS: z.email(),
  DUTY_MANAGER_ADDRESS: z.email(),
  /** Who gets red alerts outside office hours (evenings, nights, weekends, bank holidays). */
  EMERGENCY_DUTY_TEAM_ADDRESS: z.email().optional(),
  SERVICE_CONTACT_ADDRESS: z.email().optional(),
  EARLY_HELP_TEAM_ADDRESS: z.email(),
  SOCIAL_CARE_TEAM_ADDRESS: z.email(),
  SECURE_EMAIL_DOMAINS: emailList.default([]),
  PUBLIC_BASE_URL: z.url(),
  CONTACT_RETENTION_YEARS: z.coerce.number().int().min(1).max(100).optional(),
  /** Days a status link works after the notification arrived. */
  STATUS_LINK_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** The front door's office hours (e.g. 08:30-17:00), when the area's differ from its ruleset's. */
  OFFICE_HOURS: z
    .string()
    .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'Give office hours as HH:MM-HH:MM')
    .transform((hours) => {
      const [start, end] = hours.split('-') as [string, string];
      return { start, end };
    })
    .optional(),
  // Referrers' channels.
  /** Shown before anything else when a child is in immediate danger. */
  DUTY_TEAM_PHONE: z.string().min(1),
  OUT_OF_HOURS_PHONE: z.string().min(1),
  /** The local safeguarding partnership's resolution of professional disagreement guidance. */
  ESCALATION_GUIDANCE_URL: z.url(),
  /** Where referrers may email notifications; shown on the start page. */
  INBOUND_EMAIL_ADDRESS: z.email().optional(),
  INBOUND_EMAIL_BUCKET: z.string().min(1).optional(),
  INBOUND_EMAIL_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  /** Agency clients of the batch API as `client=sha256-of-key` pairs, comma separated. */
  BATCH_API_KEYS: z.string().default(''),
  BATCH_MAX_ITEMS: z.coerce.number().int().min(1).max(500).default(50),
  /** Requests a minute from one source address to POST /api/notifications, and to the batch route. */
  NOTIFICATIONS_PER_SOURCE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  BATCHES_PER_SOURCE_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** The SES configuration set whose event destination reports bounces and complaints. */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** The routes the area asks a manager to agree on every decision (shared/front-door/sign-off.ts). */
  SIGN_OFF_ROUTES: routeList.default([]),
  // The board's analytics (infra/constructs/analytics.ts): only the functions that read or write facts have them.
  /** On a laptop, the directory the facts are kept in and queried with DuckDB (set by the local runtime). */
  ANALYTICS_DIRECTORY: z.string().min(1).optional(),
  /** In AWS, the facts' S3 bucket, catalogued in Glue and queried with Athena. */
  FACTS_BUCKET: z.string().min(1).optional(),
  GLUE_DATABASE: z.string().min(1).optional(),
  ATHENA_WORKGROUP: z.string().min(1).optional(),
  /** The key of the facts' child and contact hashes: the secret's ARN in AWS, the key itself on the local stage. */
  ANALYTICS_KEY_SECRET_ARN: z.string().startsWith('arn:', 'ANALYTICS_KEY_SECRET_ARN must be a secret ARN').optional(),
  ANALYTICS_KEY: z.string().min(1).optional(),
  /** The allegations table: the LADO's functions (LadoSettings) and the facts extraction read it. */
  ALLEGATIONS_TABLE: z.string().min(1).optional(),
  /** The partner agencies of the stage configuration (shared/partners/agencies.ts). */
  PARTNER_AGENCIES: json(AgenciesSchema).default([...DEFAULT_AGENCIES]),
  /** The daily triage meetings' themes and the agencies each invites. */
  MEETING_THEMES: json(MeetingThemesSchema).default([...DEFAULT_MEETING_THEMES]),
  /** Schools' and GP practices' secure mailboxes, told what they need to know after a meeting. */
  MEETING_DIRECTORY: json(DirectorySchema).default({ schools: [], gpPractices: [] }),
});
export type RuntimeConfig = z.output<typeof RuntimeConfigSchema>;

/**
 * The settings `schema` reads from `env`, or an error naming every variable that is not set or
 * is wrong, and why, never its value (a secret may be among them).
 */
const settingsFrom = <S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, what: string): z.output<S> => {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return issue.path.length === 1 && env[name] === undefined ? `${name} is not set` : `${name}: ${issue.message}`;
  });
  throw new Error(`${what} is misconfigured: ${problems.join('; ')}`);
};

/** Parsed on each call: composition roots keep it once per function (functions/lib/dependencies.ts). */
export const runtimeConfig = (env: NodeJS.ProcessEnv = process.env): RuntimeConfig =>
  settingsFrom(RuntimeConfigSchema, env, 'Front Door');

const { ALLEGATIONS_TABLE, MATCH_KEY_SECRET_ARN, PARTNER_AGENCIES } = RuntimeConfigSchema.shape;

/** How the triage console signs people in: seeded users locally, Cognito on AWS. */
export const AuthSettingsSchema = z.discriminatedUnion('CONSOLE_AUTH', [
  z.object({ CONSOLE_AUTH: z.literal('local'), CONSOLE_SESSION_SECRET: z.string().min(32) }),
  z.object({
    CONSOLE_AUTH: z.literal('cognito'),
    COGNITO_USER_POOL_ID: z.string().min(1),
    COGNITO_CLIENT_ID: z.string().min(1),
    /** The hosted UI, e.g. https://front-door.auth.eu-west-2.amazoncognito.com */
    COGNITO_DOMAIN: z.url(),
    /** The ids of the stage's agencies, whose Cognito groups make their members partners. */
    PARTNER_AGENCIES: PARTNER_AGENCIES.unwrap()
      .optional()
      .transform((agencies) => (agencies ?? []).map((agency) => agency.id)),
  }),
]);
export type AuthSettings = z.output<typeof AuthSettingsSchema>;
export const authSettings = (env: NodeJS.ProcessEnv = process.env): AuthSettings =>
  settingsFrom(AuthSettingsSchema, env, 'The triage console');

/** The LADO pathway's settings, which only the allegation functions have. */
export const LadoSettingsSchema = z.object({
  ALLEGATIONS_TABLE: ALLEGATIONS_TABLE.unwrap(),
  /** Where the key of the person-matching hash (shared/lado/person-key.ts) is kept: the area's match key. */
  MATCH_KEY_SECRET_ARN,
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
export const ladoSettings = (env: NodeJS.ProcessEnv = process.env): LadoSettings =>
  settingsFrom(LadoSettingsSchema, env, 'The LADO pathway');

export const requireSetting = <K extends keyof RuntimeConfig>(
  config: RuntimeConfig,
  key: K,
): NonNullable<RuntimeConfig[K]> => {
  const value = config[key];
  if (value === undefined) throw new Error(`Front Door is misconfigured: ${String(key)} is not set for this function`);
  return value as NonNullable<RuntimeConfig[K]>;
};
