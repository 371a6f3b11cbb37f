/**
 * Where the running local system listens, and the environment that points
 * unmodified AWS SDK clients at it. The endpoints file is the hand-over to
 * other processes (`invoke.ts`, tests) while `start.ts` runs.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGION } from './template';

export interface LocalEndpoints {
  /** Base URL of the first HTTP API in the template (empty if it has none). */
  api: string;
  apis: Record<string, string>;
  /** The aws-ses-v2-local web page, where sent emails can be read. */
  mailbox: string;
  ses: string;
  sqs: string;
  /**
   * SQS as handlers address it, matching the host in fauxqs's queue URLs; it resolves only
   * inside the runtime's processes. Other processes (tests) use `sqs` with an explicit endpoint.
   */
  sqsQueueHost: string;
  /** fauxqs also speaks S3 on the SQS port. */
  s3: string;
  dynamodb: string;
  sfn: string;
  /** SES receiving's stand-in: mail sent here runs the template's receipt rules. */
  smtp: string;
  region: string;
  /** The template's outputs resolved as CloudFormation would, so tools find resources by output name here and in AWS. */
  outputs: Record<string, string>;
}

export const ENDPOINTS_FILE = 'local-endpoints.json';

/** Prefix of the one stdout line, followed by JSON, that tells a harness the system is ready. */
export const READY_MARKER = 'FRONT_DOOR_READY';

export interface EndpointsFile {
  pid: number;
  startedAt: string;
  dataDir: string;
  /** The template file the system runs, or undefined for the synthesised Front Door stack. */
  template?: string;
  endpoints: LocalEndpoints;
}

/**
 * The SDK v3 reads `AWS_ENDPOINT_URL_<SERVICE ID>` (service id upper-cased, spaces
 * as underscores), so handlers keep `new SQSClient({})` and still reach the emulators.
 */
export function sdkEnvironment(endpoints: LocalEndpoints): Record<string, string> {
  return {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: endpoints.sqsQueueHost,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
    AWS_ENDPOINT_URL_SES: endpoints.ses,
    AWS_ENDPOINT_URL_SFN: endpoints.sfn,
  };
}

/**
 * What stands in locally for AWS services the emulators lack: the analytics facts go to a
 * directory under the data directory, queried with DuckDB, instead of S3, Glue and Athena.
 */
export const localDataEnvironment = (dataDir: string): Record<string, string> => ({
  ANALYTICS_DIRECTORY: join(dataDir, 'analytics'),
});

/** Variables that could send a local run to a real AWS account. */
export const UNSAFE_AWS_VARIABLES = [
  'AWS_PROFILE',
  'AWS_SESSION_TOKEN',
  'AWS_ENDPOINT_URL',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
];

export function writeEndpointsFile(dataDir: string, endpoints: LocalEndpoints, template?: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, ENDPOINTS_FILE);
  const content: EndpointsFile = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    dataDir,
    template,
    endpoints,
  };
  writeFileSync(`${file}.tmp`, `${JSON.stringify(content, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}

export function removeEndpointsFile(dataDir: string): void {
  rmSync(join(dataDir, ENDPOINTS_FILE), { force: true });
}

/** The endpoints of a local system that is still running, or undefined. */
export function readLiveEndpoints(dataDir: string): EndpointsFile | undefined {
  const file = join(dataDir, ENDPOINTS_FILE);
  if (!existsSync(file)) return undefined;
  const content = JSON.parse(readFileSync(file, 'utf8')) as EndpointsFile;
  try {
    // Signal 0 only checks the process exists; a crashed system leaves a stale file behind.
    process.kill(content.pid, 0);
    return content;
  } catch {
    return undefined;
  }
}
