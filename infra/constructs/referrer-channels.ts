import { Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { ReceiptRuleSet } from 'aws-cdk-lib/aws-ses';
import { Lambda as LambdaAction, LambdaInvocationType, S3 as S3Action } from 'aws-cdk-lib/aws-ses-actions';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INBOUND_PREFIX } from '../../shared/email-intake/inbound';
import type { StageConfig } from '../config';
import { DataProtectionKey } from './data-protection-key';
import { FailedInvocations } from './failed-invocations';
import { SUBMISSION_THROTTLE, type FrontDoorApi } from './front-door-api';
import { functionMaker, type FrontDoorFunction } from './front-door-function';

export interface ReferrerChannelsProps {
  config: StageConfig;
  api: FrontDoorApi;
  contacts: TableV2;
  triageQueue: IQueue;
  /** The settings every function shares (see shared/config.ts). */
  environment: Record<string, string>;
  /** Lets a function send email once per message (SES permission and the sent-emails table). */
  mailing: (fn: FrontDoorFunction) => FrontDoorFunction;
  /** Lets a function read the area's match key (confirmed addresses are kept as keyed hashes). */
  matchKey: (fn: FrontDoorFunction) => FrontDoorFunction;
  /** Lets a function count requests per source address (shared/web/rate-limit.ts). */
  rateLimitKey: (fn: FrontDoorFunction) => FrontDoorFunction;
}

/**
 * How referrers reach the front door and hear back: the guided web form, the status page with
 * its reconsideration request, and the agency batch API.
 */
export class ReferrerChannels extends Construct {
  /** Raw inbound emails, which the triage console lets workers download. */
  readonly inboundEmail: Bucket;

  constructor(scope: Construct, id: string, props: ReferrerChannelsProps) {
    super(scope, id);
    const { api, contacts, triageQueue, environment, config, mailing, matchKey, rateLimitKey } = props;
    const fn = functionMaker(this, { environment });

    const form = rateLimitKey(
      fn('ReferrerForm', {
        entry: 'functions/referrer/form.ts',
        description: 'GET/POST /notify/*: the guided web form',
        environment: { TRIAGE_QUEUE_URL: triageQueue.queueUrl },
        pages: true,
      }),
    );
    contacts.grantReadWriteData(form);
    triageQueue.grantSendMessages(form);
    api.addRoute({ method: HttpMethod.GET, path: '/notify', handler: form, staffOnly: false });
    api.addRoute({ method: HttpMethod.GET, path: '/notify/{proxy+}', handler: form, staffOnly: false });
    api.addRoute({ method: HttpMethod.POST, path: '/notify/{proxy+}', handler: form, staffOnly: false });

    // It emails the one-time codes that open the decision's reasons.
    const status = rateLimitKey(
      mailing(
        fn('ReferrerStatus', {
          entry: 'functions/referrer/status.ts',
          description:
            "GET /status/{token}: the referrer's status page, its one-time codes and reconsideration request",
          pages: true,
        }),
      ),
    );
    contacts.grantReadWriteData(status);
    api.addRoute({ method: HttpMethod.GET, path: '/status/{id}', handler: status, staffOnly: false });
    api.addRoute({ method: HttpMethod.GET, path: '/status/{id}/reconsider', handler: status, staffOnly: false });
    api.addRoute({ method: HttpMethod.POST, path: '/status/{id}/reconsider', handler: status, staffOnly: false });
    api.addRoute({ method: HttpMethod.POST, path: '/status/{id}/code', handler: status, staffOnly: false });
    api.addRoute({ method: HttpMethod.POST, path: '/status/{id}/reasons', handler: status, staffOnly: false });

    // The link in a first acknowledgement to an address never confirmed (shared/referrer/address-confirmation.ts).
    const confirmation = matchKey(
      fn('ConfirmReferrerAddress', {
        entry: 'functions/referrer/confirm-address.ts',
        description: "GET/POST /confirm-email/{token}: confirms a referrer's email address",
        pages: true,
      }),
    );
    contacts.grantReadWriteData(confirmation);
    api.addRoute({ method: HttpMethod.GET, path: '/confirm-email/{token}', handler: confirmation, staffOnly: false });
    api.addRoute({ method: HttpMethod.POST, path: '/confirm-email/{token}', handler: confirmation, staffOnly: false });

    const batch = rateLimitKey(
      fn('SubmitBatch', {
        entry: 'functions/api/submit-batch.ts',
        description: 'POST /api/notifications/batch: agency systems, by API key',
        environment: {
          TRIAGE_QUEUE_URL: triageQueue.queueUrl,
          BATCH_API_KEYS: config.referrers.batchApi.clients.map((c) => `${c.client}=${c.keySha256}`).join(','),
        },
      }),
    );
    contacts.grantReadWriteData(batch);
    triageQueue.grantSendMessages(batch);
    api.addRoute({
      method: HttpMethod.POST,
      path: '/api/notifications/batch',
      handler: batch,
      staffOnly: false,
      throttle: SUBMISSION_THROTTLE,
    });

    // Email intake: SES receiving → encrypted bucket → intake function. Raw mail holds children's
    // details, so the bucket is private, encrypted with the stack's key, TLS-only and keeps
    // messages only for the configured retention (retention.rawEmailDays).
    const key = DataProtectionKey.of(this);
    const inbound = new Bucket(this, 'InboundEmail', {
      encryption: BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(config.retention.rawEmailDays) }],
      removalPolicy: config.stage === 'local' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    Validations.of(inbound).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'S3 cannot deliver server access logs to a bucket encrypted with a customer-managed key, and every bucket here uses the stack key. Only SES writes to this bucket and only the intake function reads and deletes, each by its own narrow permission; object-level audit is CloudTrail data events, an account-wide setting.',
    });
    // SES writes each message under the key the bucket encrypts with, so it needs a data key,
    // and only when it acts for this account.
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Encrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.inboundEmail = inbound;
    const intake = mailing(
      fn('EmailIntake', {
        entry: 'functions/email-intake/receive.ts',
        description: 'SES receiving: turns an inbound email into a notification or a contact that needs completing',
        environment: {
          TRIAGE_QUEUE_URL: triageQueue.queueUrl,
          INBOUND_EMAIL_BUCKET: inbound.bucketName,
        },
      }),
    );
    // SES invokes it asynchronously: a message it fails on after Lambda's retries is kept, and alarmed.
    new FailedInvocations(this, 'EmailIntakeFailures', { fn: intake });
    // Reads a message and deletes a refused one; it never writes or lists the bucket.
    this.grantMessages(intake, ['s3:GetObject', 's3:DeleteObject']);
    contacts.grantReadWriteData(intake);
    triageQueue.grantSendMessages(intake);
    new ReceiptRuleSet(this, 'InboundRules', {
      rules: [
        {
          recipients: [config.referrers.inboundEmailAddress],
          scanEnabled: true,
          actions: [
            new S3Action({ bucket: inbound, objectKeyPrefix: INBOUND_PREFIX }),
            new LambdaAction({ function: intake, invocationType: LambdaInvocationType.EVENT }),
          ],
        },
      ],
    });
  }

  /** The given actions on inbound messages only (never the bucket itself), and the key to read them. */
  grantMessages(grantee: FrontDoorFunction, actions: string[]): void {
    grantee.addToRolePolicy(
      new PolicyStatement({ actions, resources: [this.inboundEmail.arnForObjects(`${INBOUND_PREFIX}*`)] }),
    );
    DataProtectionKey.of(this).grantDecrypt(grantee);
    Validations.of(grantee.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.inboundEmail.node.defaultChild as CfnElement)}.Arn>/${INBOUND_PREFIX}*]`,
      reason:
        'Object names are the message ids SES gives each email on arrival; the grant covers only the inbound prefix of this one bucket.',
    });
  }
}
