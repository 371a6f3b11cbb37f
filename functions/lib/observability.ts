import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * Fields that hold personal data wherever they appear. Handlers log ids, statuses and counts
 * only; this list is the safety net for the day someone logs an object whole.
 */
export const REDACTED_FIELDS = new Set(
  [
    'notification',
    'referrer',
    'children',
    'parentsAndCarers',
    'householdMembers',
    'otherProfessionals',
    'firstName',
    'lastName',
    'otherNames',
    'dateOfBirth',
    'expectedDateOfDelivery',
    'nhsNumber',
    'address',
    'line1',
    'line2',
    'postcode',
    'email',
    'phone',
    'school',
    'description',
    'expectation',
    'childViews',
    'rationale',
    'reason',
    'answer',
    'body',
    'text',
    'html',
    'subject',
    'to',
    'from',
    'cookie',
    'authorization',
  ].map((field) => field.toLowerCase()),
);

/** Email addresses and postcodes are personal wherever they turn up, whatever the field is called. */
const PERSONAL_PATTERNS = [/[^\s@"'<>]+@[^\s@"'<>]+\.[a-z]{2,}/gi, /\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b/g];

export const redactPersonalData = (key: string, value: unknown): unknown => {
  if (value === undefined) return value;
  if (REDACTED_FIELDS.has(key.toLowerCase())) return '[redacted]';
  return typeof value === 'string'
    ? PERSONAL_PATTERNS.reduce((text, pattern) => text.replace(pattern, '[redacted]'), value)
    : value;
};

/** One logger and one metrics client per function. */
export const logger = new Logger({ serviceName: 'front-door', jsonReplacerFn: redactPersonalData });
export const metrics = new Metrics({ namespace: 'FrontDoor', serviceName: 'front-door' });
