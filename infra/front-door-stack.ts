import {
  Arn,
  Aws,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
  type CfnElement,
  type StackProps,
} from 'aws-cdk-lib';
import { HttpMethod, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Construct } from 'constructs';
import { STALLED_AFTER_MINUTES } from '../shared/front-door/stalled';
import type { StageConfig } from './config';
import { ACKNOWLEDGEMENT_RECEIVES, CAPACITY, OUTCOME_RECEIVES } from './constructs/capacity';
import { CaseRegistryTable } from './constructs/case-registry';
import { ContactTables } from './constructs/contact-tables';
import { DeliveryProblems } from './constructs/delivery-problems';
import { FrontDoorApi, SUBMISSION_THROTTLE } from './constructs/front-door-api';
import { functionMaker, type FrontDoorFunction } from './constructs/front-door-function';
import { OperationsMonitoring } from './constructs/operations-monitoring';
import { QueueWithDeadLetters } from './constructs/queue-with-dead-letters';
import { ReferrerChannels } from './constructs/referrer-channels';
import { TriageStateMachine } from './constructs/triage-state-machine';
import { TriageConsole } from './constructs/triage-console';
import { Allegations } from './constructs/allegations';
import { MatchKey } from './constructs/match-key';
import { RateLimitKey } from './constructs/rate-limit-key';
import { Analytics } from './constructs/analytics';

export interface FrontDoorStackProps extends StackProps {
  config: StageConfig;
}

/**
 * Front Door: HTTP API → intake → triage queue → state machine → contacts table, and
 * decisions → outcome queue → emails. The only definition of the system's infrastructure:
 * the local runtime runs what this stack synthesises.
 */
export class FrontDoorStack extends Stack {
  constructor(scope: Construct, id: string, props: FrontDoorStackProps) {
    super(scope, id, props);
    const { config } = props;

    const tables = new ContactTables(this, 'Tables', {
      removalPolicy: config.stage === 'local' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
      deletionProtection: config.stage !== 'local',
    });
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(tables.contacts.node.defaultChild as CfnElement)}.Arn>/index/*]`,
      reason:
        "Queries by status use the contacts table's own secondary indexes; the grant covers those indexes and no other table.",
    });
    const cases = new CaseRegistryTable(this, 'CaseRegistry', {
      removalPolicy: config.stage === 'local' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
      deletionProtection: config.stage !== 'local',
    });
    const queueProps = {
      visibilityTimeout: Duration.seconds(config.queues.visibilityTimeoutSeconds),
      maxReceiveCount: config.queues.maxReceiveCount,
    };
    const triageQueue = new QueueWithDeadLetters(this, 'TriageQueue', queueProps);
    // Receives allow for a red contact's outcome waiting for its duty alert, and for SES throttling.
    const outcomeQueue = new QueueWithDeadLetters(this, 'OutcomeQueue', {
      ...queueProps,
      maxReceiveCount: Math.max(queueProps.maxReceiveCount, OUTCOME_RECEIVES),
    });
    // Its own queue, not the outcomes': a burst's acknowledgements must not hold up decisions'
    // outcomes, and its consumer needs the match key, not write access to contacts' handovers.
    // Receives allow for SES throttling, which fails a send until its visibility timeout passes.
    const acknowledgementQueue = new QueueWithDeadLetters(this, 'AcknowledgementQueue', {
      ...queueProps,
      maxReceiveCount: Math.max(queueProps.maxReceiveCount, ACKNOWLEDGEMENT_RECEIVES),
    });
    const api = new FrontDoorApi(this, 'Api');

    const environment = {
      CONTACTS_TABLE: tables.contacts.tableName,
      CASE_REGISTRY_TABLE: cases.table.tableName,
      IDEMPOTENCY_TABLE: tables.idempotency.tableName,
      AREA_NAME: config.areaName,
      SENDER_ADDRESS: config.email.sender,
      DUTY_MANAGER_ADDRESS: config.email.dutyManager,
      EMERGENCY_DUTY_TEAM_ADDRESS: config.email.emergencyDutyTeam,
      SERVICE_CONTACT_ADDRESS: config.email.serviceContact,
      EARLY_HELP_TEAM_ADDRESS: config.email.earlyHelpTeam,
      SOCIAL_CARE_TEAM_ADDRESS: config.email.socialCareTeam,
      SECURE_EMAIL_DOMAINS: config.email.secureDomains.join(','),
      PUBLIC_BASE_URL: config.publicBaseUrl ?? api.httpApi.apiEndpoint,
      CONTACT_RETENTION_YEARS: String(config.retention.contactYears),
      ...(config.officeHours && { OFFICE_HOURS: `${config.officeHours.start}-${config.officeHours.end}` }),
      DUTY_TEAM_PHONE: config.referrers.dutyTeamPhone,
      OUT_OF_HOURS_PHONE: config.referrers.outOfHoursPhone,
      ESCALATION_GUIDANCE_URL: config.referrers.escalationGuidanceUrl,
      INBOUND_EMAIL_ADDRESS: config.referrers.inboundEmailAddress,
      INBOUND_EMAIL_MAX_BYTES: String(config.referrers.inboundEmailMaxBytes),
      STATUS_LINK_DAYS: String(config.referrers.statusLinkDays),
      BATCH_MAX_ITEMS: String(config.referrers.batchApi.maxItems),
      PARTNER_AGENCIES: JSON.stringify(config.agencies),
      MEETING_THEMES: JSON.stringify(config.meetings.themes),
      MEETING_DIRECTORY: JSON.stringify(config.meetings.directory),
      NOTIFICATIONS_PER_SOURCE_PER_MINUTE: String(config.referrers.rateLimits.notificationsPerMinute),
      BATCHES_PER_SOURCE_PER_MINUTE: String(config.referrers.rateLimits.batchesPerMinute),
    };
    const fn = functionMaker(this, { environment });
    // A queue consumer must finish before its message becomes visible again.
    const consumerTimeout = Duration.seconds(Math.min(20, config.queues.visibilityTimeoutSeconds));

    const senderDomain = config.email.sender.split('@')[1]!;
    if (config.email.manageSenderIdentity) {
      new EmailIdentity(this, 'SenderIdentity', { identity: Identity.domain(senderDomain) });
    }
    // Bounces and complaints come back through the configuration set every email is sent with.
    const deliveryProblems = new DeliveryProblems(this, 'DeliveryProblems', {
      contacts: tables.contacts,
      environment,
      queue: queueProps,
      consumerTimeout,
    });
    const sendEmail = new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [
        ...[senderDomain, config.email.sender].map((identity) =>
          Arn.format({ service: 'ses', resource: 'identity', resourceName: identity }, this),
        ),
        deliveryProblems.configurationSetArn,
      ],
    });
    const mailing = (f: FrontDoorFunction) => {
      f.addToRolePolicy(sendEmail);
      f.addEnvironment('SES_CONFIGURATION_SET', deliveryProblems.configurationSetName);
      tables.idempotency.grantReadWriteData(f);
      return f;
    };

    const matchKey = new MatchKey(this, 'MatchKey', { local: config.stage === 'local' });
    const rateLimitKey = new RateLimitKey(this, 'RateLimitKey', { local: config.stage === 'local' });
    // Re-indexing (front-door ops reindex) writes index entries that expire with their contacts.
    new CfnOutput(this, 'ContactRetentionYears', {
      key: 'ContactRetentionYears',
      value: String(config.retention.contactYears),
    });

    // Allegations about adults who work with children: the LADO's own pathway and table.
    const allegations = new Allegations(this, 'Allegations', {
      config,
      contacts: tables.contacts,
      environment,
      mailing,
      matchKey: matchKey.grantRead,
    });

    // Triage: one function per step of the state machine.
    const steps = {
      beginTriage: fn('BeginTriage', {
        entry: 'functions/triage/begin-triage.ts',
        description: 'Triage step: load the contact and mark it as being triaged',
        reservedConcurrency: CAPACITY.triageStep,
      }),
      referAllegation: allegations.referAllegation,
      matchEarlierContacts: matchKey.grantRead(
        fn('MatchEarlierContacts', {
          entry: 'functions/triage/match-earlier-contacts.ts',
          description: 'Triage step: find earlier contacts about the same children',
          reservedConcurrency: CAPACITY.triageStep,
        }),
      ),
      applyLevelsOfNeed: matchKey.grantRead(
        fn('ApplyLevelsOfNeed', {
          entry: 'functions/triage/apply-levels-of-need.ts',
          description: 'Triage step: recommend a level of need, route and priority',
          reservedConcurrency: CAPACITY.triageStep,
        }),
      ),
      alertDutyManager: mailing(
        fn('AlertDutyManager', {
          entry: 'functions/triage/alert-duty-manager.ts',
          description: 'Triage step: email the duty manager about a red contact',
          reservedConcurrency: CAPACITY.emailStep,
        }),
      ),
      markTriageFailed: fn('MarkTriageFailed', {
        entry: 'functions/triage/mark-triage-failed.ts',
        description: 'Triage step: record that triage failed',
        reservedConcurrency: CAPACITY.markFailed,
      }),
    };
    for (const step of [
      steps.beginTriage,
      steps.matchEarlierContacts,
      steps.applyLevelsOfNeed,
      steps.markTriageFailed,
    ]) {
      tables.contacts.grantReadWriteData(step);
    }
    tables.contacts.grantReadData(steps.alertDutyManager);
    // Triage queues the acknowledgement once the contact awaits a decision (a red one's after the alert).
    for (const step of [steps.applyLevelsOfNeed, steps.alertDutyManager]) {
      acknowledgementQueue.queue.grantSendMessages(step);
      step.addEnvironment('ACKNOWLEDGEMENT_QUEUE_URL', acknowledgementQueue.queue.queueUrl);
    }
    cases.table.grantReadData(steps.applyLevelsOfNeed);
    const triage = new TriageStateMachine(this, 'Triage', steps);

    const startTriage = fn('StartTriage', {
      entry: 'functions/queue/start-triage.ts',
      description: 'Starts one triage execution per queued contact',
      environment: {
        TRIAGE_STATE_MACHINE_ARN: triage.stateMachine.stateMachineArn,
      },
      timeout: consumerTimeout,
    });
    triage.stateMachine.grantStartExecution(startTriage);
    triageQueue.consumedBy(startTriage, {
      maxBatchingWindow: Duration.seconds(1),
      maxConcurrency: CAPACITY.startTriageBatches,
    });

    // It sends a pending acknowledgement before the outcome, so it reads the match key as that consumer does.
    const sendOutcome = matchKey.grantRead(
      mailing(
        fn('SendOutcome', {
          entry: 'functions/queue/send-outcome.ts',
          description: 'Emails the decision to the referrer and the receiving team',
          timeout: consumerTimeout,
        }),
      ),
    );
    // It records each handover beside its contact, for the receiving team to accept or return.
    tables.contacts.grantReadWriteData(sendOutcome);
    outcomeQueue.consumedBy(sendOutcome, { maxConcurrency: CAPACITY.outcomeBatches });

    const sendAcknowledgement = matchKey.grantRead(
      mailing(
        fn('SendAcknowledgement', {
          entry: 'functions/queue/send-acknowledgement.ts',
          description: "Acknowledges each notification to its referrer, at SES's rate",
          reservedConcurrency: CAPACITY.emailStep,
          timeout: consumerTimeout,
        }),
      ),
    );
    tables.contacts.grantReadWriteData(sendAcknowledgement);
    acknowledgementQueue.consumedBy(sendAcknowledgement, { maxConcurrency: CAPACITY.emailStep });

    // The HTTP API.
    const submit = rateLimitKey.grantRead(
      fn('SubmitNotification', {
        entry: 'functions/api/submit-notification.ts',
        description: 'POST /api/notifications',
        environment: {
          TRIAGE_QUEUE_URL: triageQueue.queue.queueUrl,
        },
      }),
    );
    tables.contacts.grantReadWriteData(submit);
    triageQueue.queue.grantSendMessages(submit);

    const contactStatus = fn('GetContactStatus', {
      entry: 'functions/api/get-contact-status.ts',
      description: 'GET /api/status/{token}',
    });
    const getContact = fn('GetContact', {
      entry: 'functions/api/get-contact.ts',
      description: 'GET /api/contacts/{id}',
    });
    const listContacts = fn('ListContacts', {
      entry: 'functions/api/list-contacts.ts',
      description: 'GET /api/contacts',
    });
    for (const reader of [contactStatus, getContact, listContacts]) tables.contacts.grantReadData(reader);

    const decide = fn('RecordDecision', {
      entry: 'functions/api/record-decision.ts',
      description: 'POST /api/contacts/{id}/decision',
      environment: {
        OUTCOME_QUEUE_URL: outcomeQueue.queue.queueUrl,
      },
    });
    tables.contacts.grantReadWriteData(decide);
    outcomeQueue.queue.grantSendMessages(decide);

    const recordCases = matchKey.grantRead(
      fn('RecordChildCases', {
        entry: 'functions/api/record-child-case.ts',
        description:
          'PUT /api/children/{key}/case and /api/children/cases: open and closed cases from the case management system',
      }),
    );
    cases.table.grantReadWriteData(recordCases);

    const home = fn('HomePage', {
      entry: 'functions/web/home.ts',
      description:
        'GET / and /accessibility: the start page and accessibility statement; any unknown address: Page not found',
      pages: true,
    });
    const assets = fn('Assets', {
      entry: 'functions/web/assets.ts',
      description: 'GET /assets/*: GOV.UK Frontend styles, scripts and fonts',
      assets: true,
    });
    api.addRoute({ method: HttpMethod.GET, path: '/', handler: home, staffOnly: false });
    api.addRoute({ method: HttpMethod.GET, path: '/accessibility', handler: home, staffOnly: false });
    api.addRoute({ method: HttpMethod.GET, path: '/assets/{proxy+}', handler: assets, staffOnly: false });
    // Every address no route matches (a mistyped one, a GET of a form's POST address) gets GOV.UK's
    // "Page not found" page rather than the gateway's bare JSON.
    const notFound = new HttpRoute(this, 'DefaultRoute', {
      httpApi: api.httpApi,
      routeKey: HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('NotFoundPage', home),
    });
    Validations.of(notFound).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'The default route only answers "Page not found" for addresses no other route has; it reads nothing.',
    });
    api.addRoute({
      method: HttpMethod.POST,
      path: '/api/notifications',
      handler: submit,
      staffOnly: false,
      throttle: SUBMISSION_THROTTLE,
    });
    api.addRoute({ method: HttpMethod.GET, path: '/api/status/{token}', handler: contactStatus, staffOnly: false });
    api.addRoute({ method: HttpMethod.GET, path: '/api/contacts', handler: listContacts, staffOnly: true });
    api.addRoute({ method: HttpMethod.GET, path: '/api/contacts/{id}', handler: getContact, staffOnly: true });
    api.addRoute({ method: HttpMethod.POST, path: '/api/contacts/{id}/decision', handler: decide, staffOnly: true });
    api.addRoute({ method: HttpMethod.PUT, path: '/api/children/{key}/case', handler: recordCases, staffOnly: true });
    api.addRoute({ method: HttpMethod.PUT, path: '/api/children/cases', handler: recordCases, staffOnly: true });

    const referrers = new ReferrerChannels(this, 'Referrers', {
      config,
      api,
      contacts: tables.contacts,
      triageQueue: triageQueue.queue,
      environment,
      mailing,
      matchKey: matchKey.grantRead,
      rateLimitKey: rateLimitKey.grantRead,
    });
    const triageConsole = new TriageConsole(this, 'Console', {
      stage: config.stage,
      localSignIn: config.stage === 'local',
      api,
      contacts: tables.contacts,
      cases: cases.table,
      outcomeQueue: outcomeQueue.queue,
      rawEmails: {
        bucketName: referrers.inboundEmail.bucketName,
        grantRead: (f) => referrers.grantMessages(f, ['s3:GetObject']),
      },
      environment,
      baseUrl: config.publicBaseUrl ?? api.httpApi.apiEndpoint,
      cognitoDomainPrefix: config.console.cognitoDomainPrefix,
      signOffRoutes: config.console.signOffRoutes,
      agencies: config.agencies,
      mailing,
      matchKey: matchKey.grantRead,
    });
    allegations.addConsole(api, triageConsole.environment, tables.contacts);
    new Analytics(this, 'Analytics', {
      stage: config.stage,
      api,
      contacts: tables.contacts,
      allegations: allegations.table,
      consoleEnvironment: triageConsole.environment,
    });

    const overdueReporter = fn('ReportOverdueContacts', {
      entry: 'functions/scheduled/report-overdue-contacts.ts',
      description: 'Counts contacts past their decision due time',
    });
    tables.contacts.grantReadData(overdueReporter);
    const requeueStalled = fn('RequeueStalledContacts', {
      entry: 'functions/scheduled/requeue-stalled-contacts.ts',
      description: 'Queues again contacts not yet triaged; restarts triage that stopped part-way',
      environment: {
        TRIAGE_QUEUE_URL: triageQueue.queue.queueUrl,
        ACKNOWLEDGEMENT_QUEUE_URL: acknowledgementQueue.queue.queueUrl,
        TRIAGE_STATE_MACHINE_ARN: triage.stateMachine.stateMachineArn,
      },
      timeout: Duration.minutes(STALLED_AFTER_MINUTES),
    });
    // Read and write: a contact that ran out of attempts is marked triage-failed for a worker.
    tables.contacts.grantReadWriteData(requeueStalled);
    triageQueue.queue.grantSendMessages(requeueStalled);
    acknowledgementQueue.queue.grantSendMessages(requeueStalled);
    triage.stateMachine.grantStartExecution(requeueStalled);
    triage.stateMachine.grant(requeueStalled, 'states:ListExecutions');
    const stateMachineName = this.getLogicalId(triage.stateMachine.node.defaultChild as CfnElement);
    requeueStalled.addToRolePolicy(
      new PolicyStatement({
        actions: ['states:DescribeExecution'],
        resources: [
          `arn:${Aws.PARTITION}:states:${this.region}:${this.account}:execution:${triage.stateMachine.stateMachineName}:*`,
        ],
      }),
    );
    const concrete = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<${pseudo}>` : value);
    Validations.of(requeueStalled.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:${concrete(this.region, 'AWS::Region')}:${concrete(this.account, 'AWS::AccountId')}:execution:<${stateMachineName}.Name>:*]`,
      reason:
        "The sweeper reads the status of the triage state machine's own executions, whose names are made at run time from contact ids.",
    });
    new Rule(this, 'RequeueStalledContactsSchedule', {
      description:
        'Queues again contacts still waiting for triage to begin, and restarts those whose execution ended part-way',
      schedule: Schedule.rate(Duration.minutes(STALLED_AFTER_MINUTES)),
      targets: [new LambdaFunction(requeueStalled)],
    });

    // Partner agencies' late answers (due in 48 hours) are chased hourly, each request once.
    const partnerReminders = mailing(
      fn('RemindOverduePartnerRequests', {
        entry: 'functions/scheduled/remind-overdue-partner-requests.ts',
        description: 'Reminds partner agencies whose answers are overdue; counts them',
      }),
    );
    tables.contacts.grantReadData(partnerReminders);
    new Rule(this, 'RemindOverduePartnerRequestsSchedule', {
      description: 'Reminds partner agencies whose answers to information requests are overdue',
      schedule: Schedule.rate(Duration.hours(1)),
      targets: [new LambdaFunction(partnerReminders)],
    });

    // Last, so that it watches every function and queue the stack has.
    new OperationsMonitoring(this, 'Operations', {
      alarmEmail: config.operations.alarmEmail,
      stateMachine: triage.stateMachine,
      httpApi: api.httpApi,
      overdueReporter,
      overdueCheckEvery: Duration.minutes(config.operations.overdueCheckMinutes),
    });
  }
}
