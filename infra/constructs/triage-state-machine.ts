import { CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import { CfnFunction, type IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  Choice,
  Condition,
  CustomerManagedEncryptionConfiguration,
  DefinitionBody,
  Fail,
  StateMachine,
  StateMachineType,
  Succeed,
  type IChainable,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { LogLevel } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { RETRY_ERRORS, WAIT_FOR_CAPACITY } from './capacity';
import { DataProtectionKey } from './data-protection-key';

export interface TriageSteps {
  beginTriage: IFunction;
  /** Makes an allegation for the LADO when the concern is about an adult who works with children. */
  referAllegation: IFunction;
  matchEarlierContacts: IFunction;
  applyLevelsOfNeed: IFunction;
  alertDutyManager: IFunction;
  markTriageFailed: IFunction;
}

/** Errors that no retry can mend: the step fails at once and the Catch records it. */
const PERMANENT_ERRORS = ['ContactNotFound', 'ZodError', 'SyntaxError'];

/**
 * The triage workflow, one Lambda Task per step so that each shows in the console's graph.
 * Tasks invoke the function directly (payloadResponseOnly): that keeps execution history to
 * the small results, and it is also the form the local runtime can run as it is.
 * The state carries ids and routing facts only; the notification stays in DynamoDB.
 */
export class TriageStateMachine extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, steps: TriageSteps) {
    super(scope, id);

    const markFailed = new LambdaInvoke(this, 'MarkTriageFailed', {
      lambdaFunction: steps.markTriageFailed,
      payloadResponseOnly: true,
      resultPath: '$.failure',
    });
    markFailed.addRetry(WAIT_FOR_CAPACITY);
    markFailed.addRetry({ ...RETRY_ERRORS, interval: Duration.seconds(2) });
    const failed = markFailed.next(
      new Fail(this, 'TriageFailed', {
        error: 'TriageFailed',
        cause: 'A triage step failed; the contact is marked triage-failed for a worker to pick up',
      }),
    );

    const step = (name: string, fn: IFunction, resultPath: string) => {
      const task = new LambdaInvoke(this, name, { lambdaFunction: fn, payloadResponseOnly: true, resultPath });
      task.addRetry({ errors: PERMANENT_ERRORS, maxAttempts: 0 });
      task.addRetry(WAIT_FOR_CAPACITY);
      task.addRetry(RETRY_ERRORS);
      task.addCatch(failed, { resultPath: '$.error' });
      return task;
    };

    // The referrer's acknowledgement is not a step: ApplyLevelsOfNeed (or, for a red contact,
    // AlertDutyManager) queues it, and it is sent at SES's rate from its own queue. Waiting for
    // email inside an execution held triage behind SES's 14 sends a second, and a burst's
    // executions would outlive their 15 minutes.
    const awaitingDecision = new Succeed(this, 'AwaitingDecision');
    const triageChild = step('MatchEarlierContacts', steps.matchEarlierContacts, '$.matching')
      .next(step('ApplyLevelsOfNeed', steps.applyLevelsOfNeed, '$.recommendation'))
      .next(
        new Choice(this, 'ImmediateRisk')
          .when(
            Condition.stringEquals('$.recommendation.priority', 'red'),
            step('AlertDutyManager', steps.alertDutyManager, '$.dutyAlert').next(awaitingDecision),
          )
          .otherwise(awaitingDecision),
      );
    // A notification about an adult who works with children is also an allegation for the LADO;
    // the contact about the child carries on only when the referrer says the child needs it.
    // BeginTriage says which notifications are about such an adult: every other contact goes
    // straight to matching, without a ReferAllegation invocation that would find nothing to do.
    const referAllegation = step('ReferAllegation', steps.referAllegation, '$.lado').next(
      new Choice(this, 'ChildNeedsContact')
        .when(Condition.booleanEquals('$.lado.childContact', false), new Succeed(this, 'PassedToLado'))
        .otherwise(triageChild),
    );
    const definition: IChainable = step('BeginTriage', steps.beginTriage, '$.contact').next(
      new Choice(this, 'AboutAnAdult')
        .when(Condition.booleanEquals('$.contact.adultConcern', true), referAllegation)
        .otherwise(triageChild),
    );

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(definition),
      timeout: Duration.minutes(15),
      tracingEnabled: true,
      encryptionConfiguration: new CustomerManagedEncryptionConfiguration(DataProtectionKey.of(this)),
      logs: {
        destination: new LogGroup(this, 'Logs', {
          retention: RetentionDays.ONE_MONTH,
          encryptionKey: DataProtectionKey.of(this),
        }),
        // Every transition is logged for the on-call engineer, but never the data: it is about children.
        level: LogLevel.ALL,
        includeExecutionData: false,
      },
    });
    new CfnOutput(this, 'StateMachineArn', { key: 'TriageStateMachineArn', value: this.stateMachine.stateMachineArn });
    const stack = Stack.of(this);
    Validations.of(this.stateMachine).acknowledge(
      ...Object.values(steps).map((fn) => ({
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.node.defaultChild as CfnFunction)}.Arn>:*]`,
        reason: 'Step Functions may invoke the versions and aliases of its own step functions, and nothing else.',
      })),
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray tracing and CloudWatch Logs delivery have no resource-level permissions; AWS documents them as Resource "*".',
      },
    );
  }
}
