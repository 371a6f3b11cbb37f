/**
 * Runs each `AWS::Events::Rule` whose ScheduleExpression is `rate(...)` and whose target is a
 * local function, as EventBridge would: a Scheduled Event, once per period. `cron(...)` rules are
 * listed but not run (a laptop rarely stays up for them); run those with `npm run invoke`.
 * FRONT_DOOR_SCHEDULE_SECONDS shortens every period, for trying a daily job without waiting a day.
 */
import { randomUUID } from 'node:crypto';
import type { LambdaInvoker, LocalFunction } from './lambda';
import { REGION, type LocalDeployment } from './template';

export interface Schedule {
  ruleId: string;
  ruleArn: string;
  periodMs: number;
  fn: LocalFunction;
}

const UNIT_MS: Record<string, number> = {
  minute: 60_000,
  minutes: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
};

export const parseRate = (expression: string): number | undefined => {
  const match = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression.trim());
  return match ? Number(match[1]) * UNIT_MS[match[2]!]! : undefined;
};

export function describeSchedules(
  deployment: LocalDeployment,
  invoker: LambdaInvoker,
  log: (line: string) => void,
  overrideSeconds?: number,
): Schedule[] {
  const schedules: Schedule[] = [];
  for (const ruleId of deployment.ofType('AWS::Events::Rule')) {
    const props = deployment.properties(ruleId) as {
      ScheduleExpression?: string;
      State?: string;
      Targets?: Array<{ Arn: string }>;
    };
    if (!props.ScheduleExpression || props.State === 'DISABLED') continue;
    const period = parseRate(props.ScheduleExpression);
    for (const target of props.Targets ?? []) {
      const fn = invoker.find(target.Arn);
      if (!fn) continue;
      if (period === undefined) {
        log(`  schedule ${ruleId} (${props.ScheduleExpression}) is not run locally: only rate() schedules are`);
        continue;
      }
      schedules.push({
        ruleId,
        ruleArn: deployment.arn(ruleId),
        periodMs: overrideSeconds ? overrideSeconds * 1000 : period,
        fn,
      });
    }
  }
  return schedules;
}

export class Scheduler {
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly schedules: Schedule[],
    private readonly invoker: LambdaInvoker,
  ) {}

  start(): void {
    for (const schedule of this.schedules) {
      // A failed run is logged by the invoker and retried at the next period, as EventBridge would not retry a Lambda error either.
      this.timers.push(
        setInterval(
          () => void this.invoker.invoke(schedule.fn, scheduledEvent(schedule), 'work').catch(() => undefined),
          schedule.periodMs,
        ),
      );
    }
  }

  stop(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    return Promise.resolve();
  }
}

const scheduledEvent = (schedule: Schedule) => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: new Date().toISOString(),
  region: REGION,
  resources: [schedule.ruleArn],
  detail: {},
});
