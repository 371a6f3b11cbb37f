import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createHash } from 'node:crypto';
import { ROLES } from '../../shared/auth/roles';
import type { Agency } from '../../shared/partners/agencies';
import type { Route } from '../../shared/triage/types';
import type { FrontDoorApi } from './front-door-api';
import { functionMaker, type FrontDoorFunction } from './front-door-function';

const LOCAL_SESSION_SECRET = createHash('sha256').update('front-door local sign-in sessions').digest('base64url');

export interface TriageConsoleProps {
  stage: string;
  /**
   * The built-in sign-in with seeded synthetic users. Only the `local` stage may have it: the
   * construct refuses to synthesise it for any other stage, so no deployed stack can.
   */
  localSignIn: boolean;
  api: FrontDoorApi;
  contacts: ITable;
  /** The case registry, where a worker records or closes a child's case from the contact page. */
  cases: ITable;
  outcomeQueue: IQueue;
  /** Inbound raw emails: workers download a free-text email's original; the grant is read-only. */
  rawEmails: { bucketName: string; grantRead: (fn: FrontDoorFunction) => void };
  /** The environment every Front Door function reads. */
  environment: Record<string, string>;
  /** Where the console is served, for Cognito's callback: the public base URL or the API's own. */
  baseUrl: string;
  /** Routes on which the area wants a manager to agree every decision. */
  signOffRoutes?: Route[];
  /** Lets a function send email (SES and the sent-email keys): closing a triage meeting tells GPs and schools. */
  mailing: (fn: FrontDoorFunction) => FrontDoorFunction;
  /** Lets a function read the area's match key: recording a child's case keys the registry by it. */
  matchKey: (fn: FrontDoorFunction) => FrontDoorFunction;
  /** Partner agencies: each is a Cognito group whose members are partners of that agency. */
  agencies: readonly Agency[];
  /** Prefix of the Cognito hosted UI domain (<prefix>.auth.<region>.amazoncognito.com). */
  cognitoDomainPrefix?: string;
}

/**
 * The triage console: server-rendered pages behind a session, and on AWS a Cognito user pool
 * whose groups are the console's roles (triage worker, manager, administrator).
 */
export class TriageConsole extends Construct {
  /** What every console page's function reads, sign-in settings included: the LADO's pages share it. */
  readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, props: TriageConsoleProps) {
    super(scope, id);
    if (props.localSignIn && props.stage !== 'local') {
      throw new Error(`Local sign-in is for the local stage only; stage "${props.stage}" must sign in with Cognito`);
    }
    // The local secret is fixed, so sessions survive a restart of the local system like its data
    // does. Knowing it gives nothing: the local sign-in already lets anyone on the laptop choose
    // any synthetic user, and no other stage can have local sign-in.
    const auth = props.localSignIn
      ? { CONSOLE_AUTH: 'local', CONSOLE_SESSION_SECRET: LOCAL_SESSION_SECRET }
      : this.cognito(props);
    const environment = { ...props.environment, ...auth, SIGN_OFF_ROUTES: (props.signOffRoutes ?? []).join(',') };
    this.environment = environment;
    const fn = functionMaker(this, { environment, pages: true, timeout: Duration.seconds(15) });

    const signIn = fn('SignIn', {
      entry: 'functions/console/sign-in.ts',
      description: 'Triage console: sign in and out',
    });
    const queue = fn('Queue', { entry: 'functions/console/queue.ts', description: 'Triage console: the queue' });
    const contact = fn('Contact', {
      entry: 'functions/console/contact.ts',
      description: 'Triage console: one contact, with history and audit trail',
    });
    const decide = fn('Decide', {
      entry: 'functions/console/decide.ts',
      description: 'Triage console: decide a contact',
    });
    const actions = fn('Actions', {
      entry: 'functions/console/actions.ts',
      description: 'Triage console: claim, assign, escalate, link, partner requests, sign-off',
    });
    const complete = fn('CompleteEmail', {
      entry: 'functions/console/complete.ts',
      description: "Triage console: start completing a free-text email's notification in the referrer's form",
    });
    const originalEmail = fn('OriginalEmail', {
      entry: 'functions/console/original-email.ts',
      description: 'Triage console: download the original of a free-text email',
    });
    const handovers = fn('Handovers', {
      entry: 'functions/console/handovers.ts',
      description: 'Receiving teams: the handovers addressed to them, and the no-quibble measures',
    });
    const handover = fn('Handover', {
      entry: 'functions/console/handover.ts',
      description: 'Receiving teams: one handover, with the whole record; accept or return it',
    });
    const phone = fn('PhoneCall', {
      entry: 'functions/console/phone.ts',
      description: "Triage console: record a telephone call: a contact in the referrer's form, or a consultation",
    });
    const consultations = fn('Consultations', {
      entry: 'functions/console/consultations.ts',
      description: 'Triage console: consultations with no child identified, counted and searchable',
    });
    const meetings = props.mailing(
      fn('Meetings', {
        entry: 'functions/console/meetings.ts',
        description: 'Daily triage meetings: open, chair and close them; GPs and schools told afterwards',
      }),
    );
    const partner = fn('Partner', {
      entry: 'functions/console/partner.ts',
      description:
        "Partner agencies: today's meetings they are invited to and the requests addressed to them, nothing else",
    });
    props.rawEmails.grantRead(originalEmail);
    originalEmail.addEnvironment('INBOUND_EMAIL_BUCKET', props.rawEmails.bucketName);
    for (const reader of [queue, handovers, consultations]) props.contacts.grantReadData(reader);
    // Signing out records the revoked session; every console route reads the revocations.
    props.contacts.grantReadWriteData(signIn);
    // Viewing a contact or downloading its email appends to its audit trail; completing one writes a form draft.
    // Accepting or returning a handover writes it, its audit trail, and on a return the contact.
    // A phone call writes a form draft or a consultation.
    for (const writer of [contact, decide, actions, complete, originalEmail, handover, phone])
      props.contacts.grantReadWriteData(writer);
    // Meetings and their records live beside the contacts; a partner's every read is audited and their answer written.
    for (const writer of [meetings, partner]) props.contacts.grantReadWriteData(writer);
    props.cases.grantReadWriteData(actions);
    props.matchKey(actions);
    for (const sender of [decide, actions]) props.outcomeQueue.grantSendMessages(sender);
    for (const f of [decide, actions]) f.addEnvironment('OUTCOME_QUEUE_URL', props.outcomeQueue.queueUrl);

    const route = (method: HttpMethod, path: string, handler: FrontDoorFunction) =>
      props.api.addRoute({ method, path, handler, staffOnly: false });
    route(HttpMethod.GET, '/console/sign-in', signIn);
    route(HttpMethod.POST, '/console/sign-in', signIn);
    route(HttpMethod.POST, '/console/sign-out', signIn);
    route(HttpMethod.GET, '/console/auth/callback', signIn);
    route(HttpMethod.GET, '/console', queue);
    route(HttpMethod.GET, '/console/contacts/{id}', contact);
    route(HttpMethod.GET, '/console/contacts/{id}/decide', decide);
    route(HttpMethod.POST, '/console/contacts/{id}/decide', decide);
    route(HttpMethod.GET, '/console/contacts/{id}/original-email', originalEmail);
    route(HttpMethod.POST, '/console/contacts/{id}/complete', complete);
    route(HttpMethod.POST, '/console/contacts/{id}/{action}', actions);
    route(HttpMethod.GET, '/console/phone', phone);
    route(HttpMethod.POST, '/console/phone', phone);
    route(HttpMethod.GET, '/console/consultations', consultations);
    route(HttpMethod.GET, '/console/handovers', handovers);
    route(HttpMethod.GET, '/console/handovers/{id}', handover);
    route(HttpMethod.POST, '/console/handovers/{id}/{action}', handover);
    route(HttpMethod.GET, '/console/meetings', meetings);
    route(HttpMethod.POST, '/console/meetings', meetings);
    route(HttpMethod.GET, '/console/meetings/{id}', meetings);
    route(HttpMethod.POST, '/console/meetings/{id}/{action}', meetings);
    route(HttpMethod.GET, '/console/partner', partner);
    route(HttpMethod.GET, '/console/partner/contacts/{id}', partner);
    route(HttpMethod.POST, '/console/partner/contacts/{id}/answer', partner);
  }

  private cognito(props: TriageConsoleProps): Record<string, string> {
    const pool = new UserPool(this, 'Users', {
      // Staff are invited by an administrator; nobody signs themselves up to read children's records.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Compromised-credential and risky sign-in protection: these accounts read children's records.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // `partner` is no group of its own: a partner is a member of their agency's group.
    for (const [role, description] of Object.entries(ROLES).filter(([role]) => role !== 'partner')) {
      new CfnUserPoolGroup(this, `Group${role}`, { userPoolId: pool.userPoolId, groupName: role, description });
    }
    for (const agency of props.agencies) {
      new CfnUserPoolGroup(this, `Agency${agency.id.replace(/-/g, '')}`, {
        userPoolId: pool.userPoolId,
        groupName: agency.id,
        description: `Partner agency: ${agency.name}`,
      });
    }
    const client = new UserPoolClient(this, 'Client', {
      userPool: pool,
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.baseUrl}/console/auth/callback`],
        logoutUrls: [`${props.baseUrl}/console/sign-in`],
      },
      idTokenValidity: Duration.hours(8),
      preventUserExistenceErrors: true,
    });
    const domain = pool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.cognitoDomainPrefix ?? `front-door-${props.stage}` },
    });
    return {
      CONSOLE_AUTH: 'cognito',
      COGNITO_USER_POOL_ID: pool.userPoolId,
      COGNITO_CLIENT_ID: client.userPoolClientId,
      COGNITO_DOMAIN: `https://${domain.domainName}.auth.${Stack.of(this).region}.amazoncognito.com`,
    };
  }
}
