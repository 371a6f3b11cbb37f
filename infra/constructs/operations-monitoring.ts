import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { DataProtectionKey } from './data-protection-key';
import { FrontDoorFunction } from './front-door-function';
import { FailedInvocations } from './failed-invocations';
import { QueueWithDeadLetters } from './queue-with-dead-letters';

export interface OperationsMonitoringProps {
  /** Where alarms are emailed; alarms still go to the topic for other subscribers without it. */
  alarmEmail?: string;
  stateMachine: StateMachine;
  httpApi: HttpApi;
  /** Counts overdue contacts on a schedule, for the overdue alarm. */
  overdueReporter: FrontDoorFunction;
  overdueCheckEvery: Duration;
}

const NAMESPACE = 'FrontDoor';
const SERVICE = { service: 'front-door' };

/** An alarm that fires on the first bad data point: each of these means a child's contact may be stuck. */
const alarmOn = (scope: Construct, id: string, metric: IMetric, description: string, threshold = 1) =>
  new Alarm(scope, id, {
    metric,
    threshold,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
    alarmDescription: description,
  });

/**
 * What the on-call engineer needs: alarms to one encrypted SNS topic for everything that means a
 * contact may be stuck or lost, and a dashboard of the service and of the measures a
 * safeguarding board looks at. Call it last, after every function exists.
 */
export class OperationsMonitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsMonitoringProps) {
    super(scope, id);
    const key = DataProtectionKey.of(this);
    // CloudWatch must be able to publish to a topic encrypted with the key.
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'Alarms', { displayName: 'Front Door alarms', masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    new Rule(this, 'CountOverdueContacts', {
      description: 'Counts contacts past their decision due time, for the overdue alarm',
      schedule: Schedule.rate(props.overdueCheckEvery),
      targets: [new LambdaFunction(props.overdueReporter)],
    });

    const deadLetterQueues = Stack.of(this)
      .node.findAll()
      .flatMap((c) =>
        c instanceof QueueWithDeadLetters ? [c.deadLetterQueue] : c instanceof FailedInvocations ? [c.queue] : [],
      );
    const overdue = new Metric({
      namespace: NAMESPACE,
      metricName: 'OverdueContacts',
      dimensionsMap: SERVICE,
      statistic: 'Maximum',
      period: props.overdueCheckEvery,
    });
    this.alarms.push(
      alarmOn(this, 'ContactsOverdue', overdue, 'A contact has passed its statutory decision time without a decision'),
    );
    for (const [i, queue] of deadLetterQueues.entries()) {
      this.alarms.push(
        alarmOn(
          this,
          `DeadLetters${i}`,
          queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
          `Messages in ${queue.node.path}: redrive them with npx front-door ops dlq redrive`,
        ),
      );
    }
    const executionsFailed = props.stateMachine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' });
    const executionsTimedOut = props.stateMachine.metricTimedOut({ period: Duration.minutes(5), statistic: 'Sum' });
    this.alarms.push(
      alarmOn(this, 'TriageFailed', executionsFailed, 'A triage execution failed: the contact is marked triage-failed'),
    );
    this.alarms.push(alarmOn(this, 'TriageTimedOut', executionsTimedOut, 'A triage execution timed out'));
    const executionsAborted = props.stateMachine.metricAborted({ period: Duration.minutes(5), statistic: 'Sum' });
    this.alarms.push(
      alarmOn(
        this,
        'TriageAborted',
        executionsAborted,
        'A triage execution was stopped before it finished: the sweeper starts the contact again; see npx front-door ops contact show',
      ),
    );
    const serverErrors = props.httpApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' });
    this.alarms.push(alarmOn(this, 'ApiServerErrors', serverErrors, 'The API answered with 5xx errors'));
    const bounceRate = new Metric({
      namespace: 'AWS/SES',
      metricName: 'Reputation.BounceRate',
      statistic: 'Maximum',
      period: Duration.hours(1),
    });
    this.alarms.push(
      alarmOn(
        this,
        'EmailBounceRate',
        bounceRate,
        'SES bounce rate is over 5%: referrers are not being reached, and SES reviews accounts above this',
        0.05,
      ),
    );
    const emailsFailed = new Metric({
      namespace: NAMESPACE,
      metricName: 'EmailsFailed',
      dimensionsMap: SERVICE,
      statistic: 'Sum',
      period: Duration.minutes(5),
    });
    this.alarms.push(
      alarmOn(this, 'EmailsFailed', emailsFailed, 'Sending an email failed (it is retried; a referrer may be waiting)'),
    );

    const functions = Stack.of(this)
      .node.findAll()
      .filter((c): c is FrontDoorFunction => c instanceof FrontDoorFunction);
    // One alarm per function, on errors and throttles together: two each took the stack past
    // CloudFormation's 500 resources, and either means the same to the on-call engineer (work for
    // this function is failing or waiting), which the function's own graphs then tell apart.
    for (const fn of functions) {
      this.alarms.push(
        alarmOn(
          this,
          `${fn.node.id}ErrorsOrThrottles`,
          new MathExpression({
            expression: 'FILL(errors, 0) + FILL(throttles, 0)',
            usingMetrics: {
              errors: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
              throttles: fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
            },
            label: `${fn.node.id} errors and throttles`,
            period: Duration.minutes(5),
          }),
          `${fn.node.id} failed or was throttled: see its Errors and Throttles graphs`,
        ),
      );
    }
    for (const alarm of this.alarms) alarm.addAlarmAction(new SnsAction(this.topic));

    const measure = (metricName: string, label: string, dimensionsMap: Record<string, string> = SERVICE) =>
      new Metric({
        namespace: NAMESPACE,
        metricName,
        dimensionsMap,
        statistic: 'Sum',
        period: Duration.hours(1),
        label,
      });
    /** One line summing a metric over all its dimension values (every channel, route or level). */
    const sumAcross = (metricName: string, dimensions: string[], label: string) =>
      new MathExpression({
        expression: `SUM(SEARCH('{${NAMESPACE},${['service', ...dimensions].join(',')}} MetricName="${metricName}"', 'Sum', 3600))`,
        label,
        period: Duration.hours(1),
      });
    const dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `${Stack.of(this).stackName}-front-door` });
    dashboard.addWidgets(
      new TextWidget({
        markdown: '# Front Door\nContacts, decisions against the statutory clock, and the health of the pipeline.',
        width: 24,
        height: 2,
      }),
    );
    dashboard.addWidgets(
      new SingleValueWidget({
        title: 'Overdue: decisions, partner answers',
        metrics: [
          overdue,
          new Metric({
            namespace: NAMESPACE,
            metricName: 'OverduePartnerRequests',
            dimensionsMap: SERVICE,
            statistic: 'Maximum',
            period: Duration.hours(1),
          }),
        ],
        width: 6,
      }),
      new GraphWidget({
        title: 'Notifications received (all channels and sources)',
        left: [sumAcross('NotificationsReceived', ['channel', 'source'], 'received')],
        width: 6,
      }),
      new GraphWidget({
        title: 'Contacts decided within / after one working day (screening measure)',
        left: [measure('ScreenedWithinOneWorkingDay', 'within'), measure('ScreenedAfterOneWorkingDay', 'after')],
        width: 6,
      }),
      new GraphWidget({
        title: 'Missing children: decided before / after the return home interview falls due (72 hours from return)',
        left: [
          measure('DecidedBeforeReturnInterviewDue', 'before'),
          measure('DecidedAfterReturnInterviewDue', 'after'),
        ],
        width: 6,
      }),
      new GraphWidget({
        title: 'Final decisions and recommendations',
        left: [
          sumAcross('DecisionsFinal', ['route'], 'decisions'),
          sumAcross('Recommendations', ['level'], 'recommendations'),
        ],
        width: 6,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Dead-letter queues',
        left: deadLetterQueues.map((q) => q.metricApproximateNumberOfMessagesVisible()),
        width: 6,
      }),
      new GraphWidget({
        title: 'Triage executions',
        left: [
          props.stateMachine.metricStarted(),
          props.stateMachine.metricSucceeded(),
          executionsFailed,
          executionsTimedOut,
        ],
        width: 6,
      }),
      new GraphWidget({
        title: 'API',
        left: [props.httpApi.metricCount(), props.httpApi.metricClientError(), serverErrors],
        right: [props.httpApi.metricLatency()],
        width: 6,
      }),
      new GraphWidget({ title: 'Email', left: [emailsFailed], right: [bounceRate], width: 6 }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Function errors',
        left: functions.map((fn) => fn.metricErrors({ label: fn.node.id })),
        width: 12,
      }),
      new GraphWidget({
        title: 'Function throttles',
        left: functions.map((fn) => fn.metricThrottles({ label: fn.node.id })),
        width: 12,
      }),
    );
  }
}
