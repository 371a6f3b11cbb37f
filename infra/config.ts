import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { ROLES } from '../shared/auth/roles';
import { DEFAULT_MEETING_THEMES, DirectorySchema, MeetingThemesSchema } from '../shared/meetings/settings';
import { localUsersWithoutAgency } from '../shared/auth/local-users';
import { AgenciesSchema, DEFAULT_AGENCIES } from '../shared/partners/agencies';
import { ROUTES, type Route } from '../shared/triage/types';

/**
 * One typed configuration per stage (infra/stages/<stage>.json), validated at synth time so a
 * mistake stops `cdk synth` with a clear message instead of deploying a front door that mails
 * nobody.
 */
export const StageConfigSchema = z
  .object({
    stage: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/, 'Use lower-case letters, digits and hyphens'),
    areaName: z.string().min(1),
    /** The AWS region to deploy to; without it, the CLI's default region. */
    region: z
      .string()
      .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'Give an AWS region, like eu-west-2')
      .optional(),
    /** The front door's office hours for statutory clocks, when they differ from the ruleset's. */
    officeHours: z
      .object({ start: z.string().regex(/^\d{2}:\d{2}$/), end: z.string().regex(/^\d{2}:\d{2}$/) })
      .refine((h) => h.start < h.end, 'Office hours must start before they end')
      .optional(),
    console: z
      .object({
        /** The Cognito hosted UI's domain prefix (default front-door-<stage>); it must be unique in the region. */
        cognitoDomainPrefix: z
          .string()
          .regex(/^[a-z0-9-]{1,63}$/)
          .optional(),
        /** Routes whose decisions always need a manager's sign-off, on top of the statutory ones. */
        signOffRoutes: z.array(z.enum(Object.keys(ROUTES) as [Route, ...Route[]])).default([]),
      })
      .default({ signOffRoutes: [] }),
    /** Where links in emails point; omit on AWS to use the HTTP API's own address. */
    publicBaseUrl: z.url().optional(),
    email: z.object({
      sender: z.email(),
      /** Create and verify the sender's SES domain identity in this stack. */
      manageSenderIdentity: z.boolean().default(false),
      dutyManager: z.email(),
      /** The emergency duty team, who get red alerts outside office hours and on bank holidays. */
      emergencyDutyTeam: z.email(),
      /** Where people write about the service itself (accessibility problems, feedback). */
      serviceContact: z.email(),
      earlyHelpTeam: z.email(),
      socialCareTeam: z.email(),
      secureDomains: z
        .array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'Give a domain name, like secure.example.gov.uk'))
        .default([]),
    }),
    referrers: z.object({
      dutyTeamPhone: z.string().min(1),
      outOfHoursPhone: z.string().min(1),
      escalationGuidanceUrl: z.url(),
      /** The address SES receives notifications on; its domain must be verified for receiving. */
      inboundEmailAddress: z.email(),
      /** Days the status link in a referrer's emails keeps working. */
      statusLinkDays: z.number().int().min(1).max(3650).default(90),
      inboundEmailMaxBytes: z
        .number()
        .int()
        .min(1024)
        .max(40 * 1024 * 1024)
        .default(10 * 1024 * 1024),
      /**
       * Requests a minute one source address may make to POST /api/notifications (and the web
       * form's send, counted together) and to the batch route, counted across every function
       * instance (shared/web/rate-limit.ts): beyond it a 429 with Retry-After and nothing
       * stored. A school sends a few a day; a loop sends thousands.
       */
      rateLimits: z
        .object({
          notificationsPerMinute: z.number().int().min(1).max(100_000).default(20),
          batchesPerMinute: z.number().int().min(1).max(100_000).default(60),
        })
        .default({ notificationsPerMinute: 20, batchesPerMinute: 60 }),
      batchApi: z.object({
        maxItems: z.number().int().min(1).max(500).default(50),
        /** SHA-256 (hex) of each agency client's key: the hashes are not secrets, the keys never enter the repository. */
        clients: z
          .array(z.object({ client: z.string().regex(/^[a-z0-9-]+$/), keySha256: z.string().regex(/^[0-9a-f]{64}$/) }))
          .default([]),
      }),
    }),
    retention: z
      .object({
        /** Years a contact, its child index entries and its audit trail are kept before deletion. */
        contactYears: z.number().int().min(1).max(100).default(6),
        /** Days raw inbound emails are kept: long enough for a worker to complete a free-text one. */
        rawEmailDays: z.number().int().min(7).max(3650).default(90),
      })
      .default({ contactYears: 6, rawEmailDays: 90 }),
    /** The Local Authority Designated Officer's allegations pathway (Keeping Children Safe in Education). */
    lado: z.object({
      /** The LADO's duty telephone, given to employers and referrers. */
      phone: z.string().min(1),
      /** The LADO team's secure mailbox. */
      email: z.email(),
      retention: z
        .object({
          /** Years an allegation is kept from when it was made, at least (10 by the guidance). */
          minimumYears: z.number().int().min(1).max(100).default(10),
          /** The normal pension age the guidance keeps records until, when that is longer. */
          pensionAge: z.number().int().min(55).max(80).default(67),
          /** Days a malicious allegation is kept after its outcome before it is deleted. */
          maliciousDays: z.number().int().min(0).max(365).default(0),
        })
        .default({ minimumYears: 10, pensionAge: 67, maliciousDays: 0 }),
    }),
    /**
     * Partner agencies: asked for information, invited to triage meetings, and each a Cognito
     * group whose members see only what is addressed to their agency.
     */
    agencies: AgenciesSchema.default([...DEFAULT_AGENCIES]),
    /** Daily multi-agency triage meetings, one per theme, and where GPs and schools are told the outcome. */
    meetings: z
      .object({
        themes: MeetingThemesSchema.default([...DEFAULT_MEETING_THEMES]),
        directory: DirectorySchema.default({ schools: [], gpPractices: [] }),
      })
      .default({ themes: [...DEFAULT_MEETING_THEMES], directory: { schools: [], gpPractices: [] } }),
    operations: z
      .object({
        /** Who is emailed when an alarm fires (confirm the SNS subscription once). */
        alarmEmail: z.email().optional(),
        /** How often overdue contacts are counted for the overdue alarm. */
        overdueCheckMinutes: z.number().int().min(1).max(60).default(15),
      })
      .default({ overdueCheckMinutes: 15 }),
    queues: z
      .object({
        /** How long a message stays hidden while a consumer works on it. */
        visibilityTimeoutSeconds: z.number().int().min(1).max(43200).default(60),
        /** Receives before a message moves to the dead-letter queue. */
        maxReceiveCount: z.number().int().min(1).max(1000).default(5),
      })
      .default({ visibilityTimeoutSeconds: 60, maxReceiveCount: 5 }),
  })
  .strict()
  .superRefine((config, ctx) => {
    const ids = new Set(config.agencies.map((a) => a.id));
    config.agencies.forEach((agency, i) => {
      // An agency's id is its Cognito group: it must not be one of the council's own roles.
      if (agency.id in ROLES)
        ctx.addIssue({
          code: 'custom',
          path: ['agencies', i, 'id'],
          message: `"${agency.id}" is a council role, not an agency`,
        });
    });
    // Local sign-in offers the synthetic partner users (shared/auth/local-users.ts): each one's agency must exist.
    if (config.stage === 'local')
      for (const user of localUsersWithoutAgency([...ids]))
        ctx.addIssue({
          code: 'custom',
          path: ['agencies'],
          message: `The local user ${user.id} is a partner from "${user.agency}", which is not one of the agencies: add an agency with that id, or remove the user`,
        });
    config.meetings.themes.forEach((theme, i) =>
      theme.agencies.forEach((agency, j) => {
        if (!ids.has(agency))
          ctx.addIssue({
            code: 'custom',
            path: ['meetings', 'themes', i, 'agencies', j],
            message: `"${agency}" is not one of the agencies`,
          });
      }),
    );
  });

export type StageConfig = z.output<typeof StageConfigSchema>;

export const parseStageConfig = (raw: unknown, source: string): StageConfig => {
  const result = StageConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new Error(`The stage configuration ${source} has errors:\n${problems}`);
  }
  return result.data;
};

export const loadStageConfig = (stage: string): StageConfig => {
  const file = join(__dirname, 'stages', `${stage}.json`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`There is no configuration for stage "${stage}": create ${file}`);
  }
  return parseStageConfig(JSON.parse(text), file);
};
