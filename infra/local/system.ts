/**
 * Composes the emulators, the in-process handlers and the event sources into
 * one running system described entirely by a synthesised template.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulators } from './emulators';
import {
  localDataEnvironment,
  removeEndpointsFile,
  sdkEnvironment,
  UNSAFE_AWS_VARIABLES,
  writeEndpointsFile,
  type LocalEndpoints,
} from './endpoints';
import { describeHttpApis, httpApiIds, HttpApiServer } from './http-api';
import { describeFunctions, LambdaInvoker, type LocalFunction } from './lambda';
import { createResources, type CreatedResources } from './resources';
import { SfnApiServer } from './sfn-api';
import { describeQueueMappings, SqsPoller } from './sqs-poller';
import { describeExpiringTables, ExpirySweeper } from './expiry';
import { describeSchedules, Scheduler } from './schedules';
import { describeReceiptRules, SmtpReceiver } from './smtp';
import { describeStateMachines, ExecutionStore, StepFunctionsEngine } from './step-functions';
import { LocalDeployment, REGION, type CfnTemplate } from './template';
import { LOOPBACK } from './net';

export interface LocalPorts {
  api: number;
  mailbox: number;
  sqs: number;
  dynamodb: number;
  sfn: number;
  /** Where SES receiving's stand-in accepts mail. */
  smtp: number;
}

export const DEFAULT_PORTS: LocalPorts = { api: 3000, mailbox: 8005, sqs: 4566, dynamodb: 4567, sfn: 4568, smtp: 2525 };

export interface LocalSystemOptions {
  template: CfnTemplate;
  /** The file `template` came from, if any; recorded so `invoke.ts` runs against the same template. */
  templateFile?: string;
  /** Handler entries in the template's Metadata are relative to this directory. */
  repoRoot: string;
  /** Tables, queues and execution records live here, so they survive a restart. */
  dataDir: string;
  ports?: Partial<LocalPorts>;
  log?: (line: string) => void;
}

export interface LocalSystemSummary extends CreatedResources {
  functions: string[];
  routes: string[];
  queueMappings: string[];
  stateMachines: string[];
  receiptRules: string[];
}

export interface LocalSystem {
  endpoints: LocalEndpoints;
  summary: LocalSystemSummary;
  stop(): Promise<void>;
}

export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  const log = options.log ?? ((line: string) => console.log(line));
  const { template, repoRoot, dataDir } = options;
  mkdirSync(dataDir, { recursive: true });

  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step().catch((error: Error) => log(`! stop: ${error.message}`));
  };
  try {
    const emulators = await startEmulators(dataDir, ports);
    stops.push(() => emulators.stop());

    // APIs listen first: handler environments may contain their URLs (GetAtt Api.ApiEndpoint).
    const apiServers = httpApiIds(template).map((id) => new HttpApiServer(id, log));
    const apis: Record<string, string> = {};
    for (const [i, server] of apiServers.entries()) {
      apis[server.logicalId] = await server.listen(i === 0 ? ports.api : 0);
      stops.push(() => server.stop());
    }

    // Queue URLs from Ref match the ones fauxqs returns, so a handler may compare or mix them.
    const deployment = new LocalDeployment(template, { sqs: emulators.sqsQueueHost, apis });
    const described = describeFunctions(deployment, repoRoot);
    const functions = described.functions.map(withLocalLimits);
    const { skipped } = described;
    if (skipped.length)
      log(`  ${skipped.length} functions without FrontDoor:Entry metadata are not run locally: ${skipped.join(', ')}`);
    const invoker = new LambdaInvoker(
      functions,
      log,
      positiveNumber(process.env.FRONT_DOOR_FUNCTION_CONCURRENCY),
      positiveNumber(process.env.FRONT_DOOR_WORK_CONCURRENCY),
    );

    const stateMachines = describeStateMachines(deployment);
    const engine = new StepFunctionsEngine(
      stateMachines,
      invoker,
      new ExecutionStore(join(dataDir, 'step-functions-executions.json')),
      log,
      positiveNumber(process.env.FRONT_DOOR_OPEN_EXECUTIONS),
    );
    stops.push(() => engine.stop());
    const sfnServer = new SfnApiServer(engine, log);
    const sfn = await sfnServer.listen(ports.sfn);
    stops.push(() => sfnServer.stop());

    // fauxqs speaks S3 on its SQS port.
    const receiptRules = describeReceiptRules(deployment, invoker, log);
    const smtp = new SmtpReceiver(receiptRules, invoker, emulators.sqs, log);
    const smtpPort = await smtp.listen(ports.smtp);
    stops.push(() => smtp.stop());

    const endpoints: LocalEndpoints = {
      api: Object.values(apis)[0] ?? '',
      apis,
      mailbox: emulators.ses,
      ses: emulators.ses,
      sqs: emulators.sqs,
      sqsQueueHost: emulators.sqsQueueHost,
      s3: emulators.sqs,
      dynamodb: emulators.dynamodb,
      sfn,
      smtp: `smtp://${LOOPBACK}:${smtpPort}`,
      region: REGION,
      outputs: deployment.resolve<Record<string, string>>(
        Object.fromEntries(Object.entries(template.Outputs ?? {}).map(([name, output]) => [name, output.Value])),
        'Outputs',
      ),
    };
    applyEnvironment({ ...sdkEnvironment(endpoints), ...localDataEnvironment(dataDir) });

    const created = await createResources(deployment, endpoints, log);

    const routes: string[] = [];
    for (const api of describeHttpApis(deployment, invoker, log)) {
      apiServers.find((s) => s.logicalId === api.logicalId)!.setRoutes(api.routes, invoker);
      routes.push(...api.routes.map((r) => `${r.routeKey} → ${r.target.fn.logicalId}`));
    }

    await invoker.loadAll();

    const mappings = describeQueueMappings(deployment, invoker);
    const poller = new SqsPoller(emulators.sqs, mappings, invoker, log, engine);
    poller.start();
    // Stop polling before the handlers' dependencies go away.
    stops.push(() => poller.stop());

    const scheduler = new Scheduler(
      describeSchedules(deployment, invoker, log, positiveNumber(process.env.FRONT_DOOR_SCHEDULE_SECONDS)),
      invoker,
    );
    scheduler.start();
    stops.push(() => scheduler.stop());
    const expiry = new ExpirySweeper(endpoints.dynamodb, describeExpiringTables(deployment), log, (atMostMs, signal) =>
      invoker.whenIdle(atMostMs, signal),
    );
    expiry.start((positiveNumber(process.env.FRONT_DOOR_TTL_SWEEP_SECONDS) ?? 60) * 1000);
    stops.push(() => expiry.stop());

    writeEndpointsFile(dataDir, endpoints, options.templateFile);
    stops.push(async () => removeEndpointsFile(dataDir));

    return {
      endpoints,
      summary: {
        ...created,
        functions: functions.map((f) => f.logicalId),
        routes,
        queueMappings: mappings.map((m) => `${m.queueArn.split(':').pop()} → ${m.fn.logicalId}`),
        stateMachines: stateMachines.map((m) => m.name),
        receiptRules: receiptRules.map(
          (r) => `${r.recipients.join(', ') || '(every recipient)'} → ${r.actions.map((a) => a.type).join(', ')}`,
        ),
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * What every handler finds in process.env beside its own function's variables (the SDK's
 * endpoints and the local stand-ins), with nothing that could reach a real AWS account.
 */
export function applyEnvironment(variables: Record<string, string>): void {
  for (const name of UNSAFE_AWS_VARIABLES) delete process.env[name];
  Object.assign(process.env, variables);
}

/**
 * Tests and the benchmark send thousands of notifications from one loopback address:
 * FRONT_DOOR_RATE_LIMIT_PER_MINUTE raises the per-source limits the stack gives the functions.
 */
export function withLocalLimits(fn: LocalFunction): LocalFunction {
  const raised = positiveNumber(process.env.FRONT_DOOR_RATE_LIMIT_PER_MINUTE);
  if (!raised) return fn;
  const limits = { NOTIFICATIONS_PER_SOURCE_PER_MINUTE: String(raised), BATCHES_PER_SOURCE_PER_MINUTE: String(raised) };
  return { ...fn, environment: { ...fn.environment, ...limits } };
}

const positiveNumber = (value: string | undefined): number | undefined => {
  const number = Number(value);
  return value && Number.isFinite(number) && number > 0 ? number : undefined;
};
