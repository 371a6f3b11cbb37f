import { Match, Template } from 'aws-cdk-lib/assertions';
import { loadStageConfig, parseStageConfig } from '../../infra/config';
import { OUTCOME_RECEIVES } from '../../infra/constructs/capacity';
import { stackTemplate } from '../support/stack-template';

const template = Template.fromJSON(stackTemplate('example'));
const resources = (type: string) => template.findResources(type);
const logicalIdOf = (type: string, entry: string) =>
  Object.entries(resources(type)).find(([, r]) => r.Metadata?.['FrontDoor:Entry'] === entry)?.[0];

/** The IAM statements attached to one function's role. */
const statementsOf = (entry: string): any[] => {
  const fnId = logicalIdOf('AWS::Lambda::Function', entry)!;
  const roleRef = resources('AWS::Lambda::Function')[fnId]!.Properties.Role['Fn::GetAtt'][0];
  return Object.values(resources('AWS::IAM::Policy'))
    .filter((p: any) => p.Properties.Roles.some((r: any) => r.Ref === roleRef))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
};
const actionsOf = (entry: string): string[] => statementsOf(entry).flatMap((s) => [s.Action].flat());

describe('Front Door stack', () => {
  it('stays well inside the 500 resources CloudFormation allows a stack', () => {
    // Over 500, `cdk deploy` (and the CDK CLI's synth) refuses the stack outright; the margin is
    // room for the next few functions, each of which brings a role, policy, log group and alarm.
    expect(Object.keys(template.toJSON().Resources).length).toBeLessThanOrEqual(470);
  });

  it('queues triage work with a dead-letter queue that keeps messages for 14 days', () => {
    // Triage, acknowledgements, outcomes, and bounces and complaints, each with its dead letters; email intake's failures.
    template.resourceCountIs('AWS::SQS::Queue', 9);
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
      VisibilityTimeout: 60,
    });
    template.hasResourceProperties('AWS::SQS::Queue', { MessageRetentionPeriod: 1209600 });
  });

  it('consumes the queues in batches, reporting only the failed messages', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 4);
    template.allResourcesProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
    });
  });

  it('lets a burst wait instead of fail: bounded queue consumers, reserved concurrency for triage, jittered retries on throttling', () => {
    const triageConsumer = logicalIdOf('AWS::Lambda::Function', 'functions/queue/start-triage.ts')!;
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: triageConsumer },
      ScalingConfig: { MaximumConcurrency: Match.anyValue() },
    });
    for (const step of [
      'begin-triage',
      'match-earlier-contacts',
      'apply-levels-of-need',
      'alert-duty-manager',
      'mark-triage-failed',
    ]) {
      const fn =
        resources('AWS::Lambda::Function')[logicalIdOf('AWS::Lambda::Function', `functions/triage/${step}.ts`)!]!;
      expect(fn.Properties.ReservedConcurrentExecutions).toBeGreaterThan(0);
    }
    const [machine] = Object.values(resources('AWS::StepFunctions::StateMachine')) as any[];
    const definition = JSON.stringify(machine.Properties.DefinitionString);
    expect(definition).toContain('Lambda.TooManyRequestsException');
    expect(definition).toContain('\\"JitterStrategy\\":\\"FULL\\"');
    expect(definition).toContain('\\"MaxDelaySeconds\\"');
  });

  it("sends acknowledgements from their own queue at SES's rate, never holding a triage execution", () => {
    const consumer = logicalIdOf('AWS::Lambda::Function', 'functions/queue/send-acknowledgement.ts')!;
    expect(resources('AWS::Lambda::Function')[consumer]!.Properties.ReservedConcurrentExecutions).toBe(2);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: consumer },
      ScalingConfig: { MaximumConcurrency: 2 },
    });
    // A throttled send waits for its visibility timeout: enough receives that throttling never dead-letters it.
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 50 },
    });
    const [machine] = Object.values(resources('AWS::StepFunctions::StateMachine')) as any[];
    expect(JSON.stringify(machine.Properties.DefinitionString)).not.toContain('SendAcknowledgement');
    for (const step of ['apply-levels-of-need', 'alert-duty-manager'])
      expect(actionsOf(`functions/triage/${step}.ts`)).toContain('sqs:SendMessage');
  });

  it("keeps a red contact's outcome in its queue while it waits for the duty alert, however long the alert's retries take", () => {
    const [outcomeQueue] = Object.entries(resources('AWS::SQS::Queue'))
      .filter(([id]) => id.startsWith('OutcomeQueue') && !id.startsWith('OutcomeQueueDeadLetters'))
      .map(([, queue]) => queue.Properties);
    // Its message fails until the alert is recorded: a restarted triage may take near two hours.
    expect(outcomeQueue.RedrivePolicy.maxReceiveCount).toBe(OUTCOME_RECEIVES);
    expect(outcomeQueue.RedrivePolicy.maxReceiveCount * outcomeQueue.VisibilityTimeout).toBeGreaterThanOrEqual(
      2 * 3600,
    );
  });

  it('alarms when a triage execution is aborted, as well as failed or timed out', () => {
    for (const metricName of ['ExecutionsAborted', 'ExecutionsFailed', 'ExecutionsTimedOut']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: metricName, Namespace: 'AWS/States' });
    }
  });

  it('keys the contacts table for contacts, the child index, the status queues, waiting reconsiderations and unsettled contacts', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'byStatus',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
        }),
        Match.objectLike({
          IndexName: 'byReconsideration',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
        }),
        Match.objectLike({
          IndexName: 'byUnsettled',
          KeySchema: [
            { AttributeName: 'gsi3pk', KeyType: 'HASH' },
            { AttributeName: 'gsi3sk', KeyType: 'RANGE' },
          ],
        }),
      ],
    });
  });

  it('keeps contacts when the stack is deleted outside the local stage', () => {
    const tables = Object.values(resources('AWS::DynamoDB::GlobalTable')) as any[];
    const contacts = tables.find((t) => t.Properties.GlobalSecondaryIndexes);
    expect(contacts.DeletionPolicy).toBe('Retain');
  });

  it('runs triage as a Standard state machine with a visible step per task, a risk choice and a failed end', () => {
    const [machine] = Object.values(resources('AWS::StepFunctions::StateMachine')) as any[];
    expect(machine.Properties.StateMachineType).toBe('STANDARD');
    const definition = JSON.stringify(machine.Properties.DefinitionString);
    for (const state of [
      'BeginTriage',
      'MatchEarlierContacts',
      'ApplyLevelsOfNeed',
      'ImmediateRisk',
      'AlertDutyManager',
      'MarkTriageFailed',
      'TriageFailed',
      'AwaitingDecision',
    ]) {
      expect(definition).toContain(`\\"${state}\\"`);
    }
    expect(definition).toContain('\\"Catch\\"');
  });

  it('protects staff routes with IAM and leaves only the referrer routes open', () => {
    const routes = Object.values(resources('AWS::ApiGatewayV2::Route')) as any[];
    const auth = Object.fromEntries(
      routes.map((r) => [r.Properties.RouteKey, r.Properties.AuthorizationType ?? 'NONE']),
    );
    expect(auth).toMatchObject({
      'POST /api/notifications': 'NONE',
      'GET /api/status/{token}': 'NONE',
      'POST /status/{id}/code': 'NONE',
      'GET /api/contacts': 'AWS_IAM',
      'GET /api/contacts/{id}': 'AWS_IAM',
      'POST /api/contacts/{id}/decision': 'AWS_IAM',
    });
  });

  it("throttles the two public routes that store a notification and email its referrer, after creating them, and tells their handlers each source's limit", () => {
    // An HTTP API cannot take a WAF web ACL: the route throttles and the handlers' per-source limits stand in.
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    const stage = Object.values(resources('AWS::ApiGatewayV2::Stage'))[0] as any;
    expect(stage.Properties.RouteSettings).toEqual({
      'POST /api/notifications': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
      'POST /api/notifications/batch': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
    });
    const routeIds = Object.entries(resources('AWS::ApiGatewayV2::Route'))
      .filter(([, r]: [string, any]) => r.Properties.RouteKey.startsWith('POST /api/notifications'))
      .map(([id]) => id);
    expect(stage.DependsOn).toEqual(expect.arrayContaining(routeIds));
    const submit = logicalIdOf('AWS::Lambda::Function', 'functions/api/submit-notification.ts')!;
    expect(resources('AWS::Lambda::Function')[submit]!.Properties.Environment.Variables).toMatchObject({
      NOTIFICATIONS_PER_SOURCE_PER_MINUTE: '20',
      BATCHES_PER_SOURCE_PER_MINUTE: '60',
    });
  });

  describe('least privilege', () => {
    it('lets only the queue consumer and the stuck-triage sweeper start triage executions', () => {
      const starters = Object.values(resources('AWS::Lambda::Function'))
        .map((f: any) => f.Metadata['FrontDoor:Entry'])
        .filter((entry: string) => actionsOf(entry).includes('states:StartExecution'));
      expect(starters.sort()).toEqual([
        'functions/queue/start-triage.ts',
        'functions/scheduled/requeue-stalled-contacts.ts',
      ]);
    });

    it('lets only the mailing functions send email, from the sender identity alone', () => {
      const senders = Object.values(resources('AWS::Lambda::Function'))
        .map((f: any) => f.Metadata['FrontDoor:Entry'])
        .filter((entry: string) => actionsOf(entry).includes('ses:SendEmail'))
        .sort();
      expect(senders).toEqual([
        // After a daily triage meeting, what the child's GP and school need to know, on secure domains.
        'functions/console/meetings.ts',
        // Replies to inbound email: received, needs completing, or refused and why.
        'functions/email-intake/receive.ts',
        // The LADO's next steps to the employer, and the referrer's acknowledgement of an allegation.
        'functions/lado/refer-allegation.ts',
        'functions/queue/send-acknowledgement.ts',
        'functions/queue/send-outcome.ts',
        // The one-time codes that open a status page's free text, to the referrer's own address.
        'functions/referrer/status.ts',
        // Reminders to partner agencies whose answers are late.
        'functions/scheduled/remind-overdue-partner-requests.ts',
        'functions/triage/alert-duty-manager.ts',
      ]);
      const ses = statementsOf('functions/queue/send-acknowledgement.ts').find((s) => s.Action === 'ses:SendEmail');
      expect(JSON.stringify(ses.Resource)).toContain('identity/notifications.exampleshire.gov.uk');
      expect(JSON.stringify(ses.Resource)).not.toContain('*');
    });

    it('sends every email through the configuration set that reports bounces and complaints to the contact', () => {
      const [setId] = Object.keys(resources('AWS::SES::ConfigurationSet'));
      const [topicId] = Object.keys(resources('AWS::SNS::Topic')).filter((id) => id.startsWith('DeliveryProblems'));
      template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
        ConfigurationSetName: { Ref: setId },
        EventDestination: {
          MatchingEventTypes: ['bounce', 'complaint'],
          SnsDestination: { TopicARN: { Ref: topicId } },
          Enabled: true,
        },
      });
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'sqs',
        RawMessageDelivery: true,
        TopicArn: { Ref: topicId },
      });
      const mailers = Object.values(resources('AWS::Lambda::Function')).filter((f: any) =>
        actionsOf(f.Metadata['FrontDoor:Entry']).includes('ses:SendEmail'),
      ) as any[];
      for (const fn of mailers) {
        expect(fn.Properties.Environment.Variables.SES_CONFIGURATION_SET).toEqual({ Ref: setId });
        const ses = statementsOf(fn.Metadata['FrontDoor:Entry']).find((s) => s.Action === 'ses:SendEmail');
        expect(JSON.stringify(ses.Resource)).toContain(':configuration-set/');
      }
      const writers = Object.values(resources('AWS::Lambda::Function'))
        .map((f: any) => f.Metadata['FrontDoor:Entry'])
        .filter((entry: string) => entry === 'functions/referrer/delivery-problems.ts');
      expect(actionsOf(writers[0])).toEqual(expect.arrayContaining(['dynamodb:UpdateItem']));
    });

    it('gives the public status route read access only', () => {
      const actions = actionsOf('functions/api/get-contact-status.ts');
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem']));
      expect(actions.filter((a) => a.startsWith('dynamodb:') && /Put|Update|Delete|Write/.test(a))).toEqual([]);
      expect(actions.some((a) => a.startsWith('sqs:') || a.startsWith('ses:'))).toBe(false);
    });

    it('lets the intake send to the triage queue and nothing else', () => {
      const sends = statementsOf('functions/api/submit-notification.ts').filter((s) =>
        [s.Action].flat().includes('sqs:SendMessage'),
      );
      expect(sends).toHaveLength(1);
      expect(JSON.stringify(sends[0].Resource)).toContain('TriageQueue');
    });
  });

  describe('data protection', () => {
    const [keyId] = Object.keys(resources('AWS::KMS::Key'));
    const usesKey = (value: unknown) => JSON.stringify(value).includes(keyId!);

    it('has one customer-managed key, rotated and kept when the stack goes', () => {
      template.resourceCountIs('AWS::KMS::Key', 1);
      template.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain' });
    });

    it('encrypts every table, queue, log group and the state machine with it', () => {
      for (const table of Object.values(resources('AWS::DynamoDB::GlobalTable')) as any[]) {
        expect(table.Properties.SSESpecification).toEqual(
          expect.objectContaining({ SSEEnabled: true, SSEType: 'KMS' }),
        );
        expect(usesKey(table.Properties.Replicas)).toBe(true);
      }
      for (const queue of Object.values(resources('AWS::SQS::Queue')) as any[])
        expect(usesKey(queue.Properties.KmsMasterKeyId)).toBe(true);
      for (const group of Object.values(resources('AWS::Logs::LogGroup')) as any[])
        expect(usesKey(group.Properties.KmsKeyId)).toBe(true);
      const [machine] = Object.values(resources('AWS::StepFunctions::StateMachine')) as any[];
      expect(usesKey(machine.Properties.EncryptionConfiguration)).toBe(true);
    });

    it('keeps every bucket private, encrypted with the key and reachable over TLS only', () => {
      const buckets = resources('AWS::S3::Bucket') as Record<string, any>;
      expect(Object.keys(buckets).length).toBeGreaterThan(0);
      for (const [id, bucket] of Object.entries(buckets)) {
        const [rule] = bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration;
        expect(rule.ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
        expect(usesKey(rule.ServerSideEncryptionByDefault.KMSMasterKeyID)).toBe(true);
        expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        });
        const policy = (Object.values(resources('AWS::S3::BucketPolicy')) as any[]).find(
          (p) => p.Properties.Bucket.Ref === id,
        );
        expect(policy.Properties.PolicyDocument.Statement).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        );
      }
    });

    it('refuses plain HTTP to the queues', () => {
      const policies = Object.values(resources('AWS::SQS::QueuePolicy')) as any[];
      expect(policies.length).toBe(Object.keys(resources('AWS::SQS::Queue')).length);
      for (const policy of policies) {
        expect(policy.Properties.PolicyDocument.Statement).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        );
      }
    });

    it('protects the contacts table from deletion outside the local stage', () => {
      const contacts = (Object.values(resources('AWS::DynamoDB::GlobalTable')) as any[]).find(
        (t) => t.Properties.GlobalSecondaryIndexes,
      );
      expect(contacts.Properties.Replicas[0].DeletionProtectionEnabled).toBe(true);
      expect(contacts.Properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({
        PointInTimeRecoveryEnabled: true,
      });
      expect(contacts.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    });
  });

  describe('operations', () => {
    const alarms = () => Object.values(resources('AWS::CloudWatch::Alarm')) as any[];
    const [topicId] = Object.keys(resources('AWS::SNS::Topic')).filter((id) => id.startsWith('OperationsAlarms'));

    it('sends every alarm to one encrypted topic', () => {
      expect(alarms().length).toBeGreaterThan(10);
      for (const alarm of alarms()) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    });

    it('alarms on dead letters, failed and timed-out triage, API 5xx, overdue contacts, email failures and bounce rate', () => {
      const watched = alarms().map((a) => `${a.Properties.Namespace ?? ''}:${a.Properties.MetricName ?? ''}`);
      for (const metric of [
        'AWS/SQS:ApproximateNumberOfMessagesVisible',
        'AWS/States:ExecutionsFailed',
        'AWS/States:ExecutionsTimedOut',
        'AWS/ApiGateway:5xx',
        'FrontDoor:OverdueContacts',
        'FrontDoor:EmailsFailed',
        'AWS/SES:Reputation.BounceRate',
      ]) {
        expect(watched).toContain(metric);
      }
      const deadLetterAlarms = watched.filter((w) => w === 'AWS/SQS:ApproximateNumberOfMessagesVisible');
      // One per dead-letter queue: each work queue's, and the email intake function's failures.
      expect(deadLetterAlarms.length).toBe(
        Object.keys(resources('AWS::SQS::Queue')).filter((id) => /DeadLetters|Failures/.test(id)).length,
      );
    });

    it('keeps an email the intake function failed on, after its retries, in a queue the alarms watch', () => {
      const intake = logicalIdOf('AWS::Lambda::Function', 'functions/email-intake/receive.ts')!;
      const [failures] = Object.keys(resources('AWS::SQS::Queue')).filter((id) => id.includes('EmailIntakeFailures'));
      expect(failures).toBeDefined();
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: intake },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [failures, 'Arn'] } } },
      });
    });

    it('alarms on the errors and throttles of every function', () => {
      const functions = Object.keys(resources('AWS::Lambda::Function')).filter(
        (id) => resources('AWS::Lambda::Function')[id]!.Metadata?.['FrontDoor:Entry'],
      );
      /** The metric names, by function, that one alarm's metric math adds up. */
      const watchedBy = new Map<string, string[]>();
      for (const alarm of alarms()) {
        for (const query of alarm.Properties.Metrics ?? []) {
          const metric = query.MetricStat?.Metric;
          if (metric?.Namespace !== 'AWS/Lambda') continue;
          const fn = metric.Dimensions[0].Value.Ref;
          watchedBy.set(fn, [...(watchedBy.get(fn) ?? []), metric.MetricName].sort());
        }
      }
      expect([...watchedBy.keys()].sort()).toEqual(functions.sort());
      for (const fn of functions) expect(watchedBy.get(fn)).toEqual(['Errors', 'Throttles']);
    });

    it('counts overdue contacts on a schedule and has a dashboard', () => {
      template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(15 minutes)', State: 'ENABLED' });
      template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    });
  });

  describe('analytics', () => {
    const [keyId] = Object.keys(resources('AWS::KMS::Key'));

    it('catalogues every fact table as Parquet in Glue, with the columns the extract writes', () => {
      template.resourceCountIs('AWS::Glue::Database', 1);
      const tables = Object.values(resources('AWS::Glue::Table')) as any[];
      expect(tables.map((t) => t.Properties.TableInput.Name).sort()).toEqual([
        'allegation_facts',
        'contact_facts',
        'snapshot_facts',
        'theme_facts',
      ]);
      const allegationFacts = tables.find((t) => t.Properties.TableInput.Name === 'allegation_facts')!.Properties
        .TableInput;
      for (const column of allegationFacts.StorageDescriptor.Columns)
        expect(column.Name).not.toMatch(/name|employer|role|child|description/i);
      const contactFacts = tables.find((t) => t.Properties.TableInput.Name === 'contact_facts')!.Properties.TableInput;
      expect(contactFacts.StorageDescriptor.SerdeInfo.SerializationLibrary).toContain('ParquetHiveSerDe');
      expect(contactFacts.StorageDescriptor.Columns).toContainEqual({ Name: 'child_key', Type: 'string' });
      for (const column of contactFacts.StorageDescriptor.Columns)
        expect(column.Name).not.toMatch(/name|address|birth|postcode/i);
    });

    it('keeps query results in an enforced workgroup, encrypted with the stack key', () => {
      const [workGroup] = Object.values(resources('AWS::Athena::WorkGroup')) as any[];
      const config = workGroup.Properties.WorkGroupConfiguration;
      expect(config.EnforceWorkGroupConfiguration).toBe(true);
      expect(config.ResultConfiguration.EncryptionConfiguration.EncryptionOption).toBe('SSE_KMS');
      expect(JSON.stringify(config.ResultConfiguration.EncryptionConfiguration.KmsKey)).toContain(keyId);
    });

    it('extracts once a day with the hash key from Secrets Manager, and lets only the extract change the catalogue', () => {
      const secrets = Object.values(resources('AWS::SecretsManager::Secret')) as any[];
      expect(secrets.some((secret) => JSON.stringify(secret.Properties.KmsKeyId).includes(keyId!))).toBe(true);
      template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 day)' });
      const updaters = Object.values(resources('AWS::Lambda::Function'))
        .map((f: any) => f.Metadata['FrontDoor:Entry'])
        .filter((entry: string) => actionsOf(entry).includes('glue:UpdateTable'));
      expect(updaters).toEqual(['functions/analytics/extract-facts.ts']);
      expect(actionsOf('functions/analytics/extract-facts.ts')).toContain('dynamodb:Scan');
      expect(actionsOf('functions/console/performance.ts')).toEqual(
        expect.arrayContaining(['athena:StartQueryExecution', 'athena:GetQueryResults']),
      );
      expect(actionsOf('functions/console/performance.ts')).not.toContain('dynamodb:PutItem');
    });

    it('names the workgroup and the Glue database in outputs, for `front-door report board --stack`', () => {
      const [workGroup] = Object.values(resources('AWS::Athena::WorkGroup')) as any[];
      const [database] = Object.values(resources('AWS::Glue::Database')) as any[];
      template.hasOutput('AnalyticsWorkGroupName', { Value: workGroup.Properties.Name });
      template.hasOutput('AnalyticsDatabaseName', { Value: database.Properties.DatabaseInput.Name });
    });
  });

  it('keys the rate-limit counters with a secret of their own, read only by the functions that count requests', () => {
    const [secretId, ...others] = Object.keys(resources('AWS::SecretsManager::Secret')).filter((id) =>
      id.startsWith('RateLimitKey'),
    );
    expect(others).toEqual([]);
    const readers = (Object.values(resources('AWS::IAM::Policy')) as any[])
      .filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes(`"${secretId}"`))
      .flatMap((p) => p.Properties.Roles.map((r: any) => (r.Ref as string).replace(/[0-9A-F]{8}$/, '')))
      .sort();
    expect(readers).toEqual([
      'ReferrersReferrerFormRole',
      'ReferrersReferrerStatusRole',
      'ReferrersSubmitBatchRole',
      'SubmitNotificationRole',
    ]);
    const keyed = (Object.values(resources('AWS::Lambda::Function')) as any[]).filter(
      (f) => f.Properties.Environment?.Variables?.RATE_LIMIT_KEY_SECRET_ARN,
    );
    expect(keyed.map((f) => f.Metadata['FrontDoor:Entry']).sort()).toEqual([
      'functions/api/submit-batch.ts',
      'functions/api/submit-notification.ts',
      'functions/referrer/form.ts',
      'functions/referrer/status.ts',
    ]);
  });

  it('tells every function where its source lives, for the local runtime', () => {
    for (const fn of Object.values(resources('AWS::Lambda::Function')) as any[]) {
      expect(fn.Metadata['FrontDoor:Entry']).toMatch(/^functions\/.+\.ts$/);
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
    }
  });
});

describe('stage configuration', () => {
  it('refuses a configuration with clear messages', () => {
    expect(() => parseStageConfig({ stage: 'Prod!', areaName: '', email: { sender: 'nope' } }, 'bad.json')).toThrow(
      /bad.json has errors:[\s\S]*stage: Use lower-case[\s\S]*email.sender/,
    );
  });

  it('checks office hours, the region and sign-off routes', () => {
    const example = JSON.parse(JSON.stringify(loadStageConfig('example')));
    expect(() => parseStageConfig({ ...example, officeHours: { start: '17:00', end: '09:00' } }, 'hours.json')).toThrow(
      /officeHours: Office hours must start before they end/,
    );
    expect(() => parseStageConfig({ ...example, region: 'London' }, 'region.json')).toThrow(
      /region: Give an AWS region/,
    );
    expect(() => parseStageConfig({ ...example, console: { signOffRoutes: ['anything'] } }, 'routes.json')).toThrow(
      /console.signOffRoutes.0/,
    );
  });

  it('passes office hours, retention and sign-off routes to the functions', () => {
    const env = (Object.values(resources('AWS::Lambda::Function')) as any[]).map(
      (f) => f.Properties.Environment?.Variables ?? {},
    );
    expect(env.every((v) => v.OFFICE_HOURS === '08:30-17:00' && v.CONTACT_RETENTION_YEARS === '6')).toBe(true);
    expect(env.some((v) => v.SIGN_OFF_ROUTES === 'existing-open-case')).toBe(true);
  });

  it('names the missing stage file', () => {
    expect(() => loadStageConfig('no-such-stage')).toThrow(/no configuration for stage "no-such-stage"/);
  });
});
