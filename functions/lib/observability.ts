import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * One logger and one metrics client per function. Log ids, statuses and counts only: the
 * notifications hold children's personal data and must never reach the logs.
 */
export const logger = new Logger({ serviceName: 'front-door' });
export const metrics = new Metrics({ namespace: 'FrontDoor', serviceName: 'front-door' });
