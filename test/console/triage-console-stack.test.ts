import { App, Stack } from 'aws-cdk-lib';
import { Table, AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { loadStageConfig } from '../../infra/config';
import { FrontDoorApi } from '../../infra/constructs/front-door-api';
import { TriageConsole } from '../../infra/constructs/triage-console';
import { synthesizeTemplate } from '../../infra/synth';
import { ROLES } from '../../shared/auth/roles';
import { DEFAULT_AGENCIES } from '../../shared/partners/agencies';
import { stackTemplate } from '../support/stack-template';
import { ROLE_ROUTES, SIGN_IN_ROUTES } from './role-routes';

const consoleIn = (stage: string, localSignIn: boolean) => {
  const stack = new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Test', {
    env: { account: '000000000000', region: 'eu-west-2' },
  });
  return new TriageConsole(stack, 'Console', {
    stage,
    localSignIn,
    api: new FrontDoorApi(stack, 'Api'),
    contacts: new Table(stack, 'Contacts', { partitionKey: { name: 'pk', type: AttributeType.STRING } }),
    cases: new Table(stack, 'Cases', { partitionKey: { name: 'childKey', type: AttributeType.STRING } }),
    outcomeQueue: new Queue(stack, 'Outcomes'),
    rawEmails: { bucketName: 'inbound', grantRead: () => undefined },
    environment: {},
    baseUrl: 'https://front-door.example',
    agencies: DEFAULT_AGENCIES,
    mailing: (f) => f,
    matchKey: (f) => f,
  });
};

const consoleFunctions = (template: Record<string, any>) =>
  Object.values(template.Resources as Record<string, any>).filter(
    (r) =>
      r.Type === 'AWS::Lambda::Function' &&
      String(r.Metadata?.['FrontDoor:Entry'] ?? '').startsWith('functions/console/'),
  );

describe('the triage console in the stack', () => {
  it('refuses to synthesise local sign-in for any stage but local', () => {
    expect(() => consoleIn('example', true)).toThrow('Local sign-in is for the local stage only');
    expect(() => consoleIn('production', true)).toThrow();
    expect(() => consoleIn('local', true)).not.toThrow();
  });

  it('signs in with Cognito outside the local stage: no self sign-up, MFA, a group per role and per partner agency, no local secret', () => {
    const template = stackTemplate('example');
    const resources = Object.values(template.Resources as Record<string, any>);
    const pool = resources.find((r) => r.Type === 'AWS::Cognito::UserPool');
    expect(pool.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(pool.Properties.MfaConfiguration).toBe('ON');
    // A partner is a member of their agency's group; there is no `partner` group to join.
    const groups = [
      ...Object.keys(ROLES).filter((r) => r !== 'partner'),
      ...loadStageConfig('example').agencies.map((a) => a.id),
    ];
    expect(
      resources
        .filter((r) => r.Type === 'AWS::Cognito::UserPoolGroup')
        .map((r) => r.Properties.GroupName)
        .sort(),
    ).toEqual(groups.sort());
    expect(groups).toEqual(expect.arrayContaining(['police', 'health', 'education', 'probation']));
    // Every console route says who may reach it (the role × route test runs them all); the staff API is for systems, by IAM.
    const routes = resources
      .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
      .map((r) => ({
        key: r.Properties.RouteKey as string,
        auth: r.Properties.AuthorizationType as string | undefined,
      }));
    expect(
      routes
        .map((r) => r.key)
        .filter((k) => k.includes(' /console') && !SIGN_IN_ROUTES.includes(k))
        .sort(),
    ).toEqual(ROLE_ROUTES.map((r) => r.route).sort());
    for (const r of routes.filter((r) => / \/api\/(contacts|children)/.test(r.key)))
      expect([r.key, r.auth]).toEqual([r.key, 'AWS_IAM']);
    const functions = consoleFunctions(template);
    expect(functions.length).toBeGreaterThanOrEqual(5);
    for (const f of functions) {
      expect(f.Properties.Environment.Variables.CONSOLE_AUTH).toBe('cognito');
      expect(f.Properties.Environment.Variables.CONSOLE_SESSION_SECRET).toBeUndefined();
    }
  });

  it('uses the built-in sign-in on the local stage, with no user pool', () => {
    const template = stackTemplate('local');
    expect(
      Object.values(template.Resources as Record<string, any>).some((r) => r.Type === 'AWS::Cognito::UserPool'),
    ).toBe(false);
    for (const f of consoleFunctions(template)) expect(f.Properties.Environment.Variables.CONSOLE_AUTH).toBe('local');
  });

  it('gives the local stage the same session secret on every synth, so a restart does not sign everyone out', () => {
    // The shared template was synthesised earlier (often by another process); this synth is fresh.
    const secretOf = (template: Record<string, any>) =>
      consoleFunctions(template)[0].Properties.Environment.Variables.CONSOLE_SESSION_SECRET;
    const first = secretOf(stackTemplate('local'));
    expect(first).toHaveLength(43);
    expect(secretOf(synthesizeTemplate(loadStageConfig('local')))).toBe(first);
  });
});
