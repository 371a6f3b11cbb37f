import { Template } from 'aws-cdk-lib/assertions';
import { stackTemplate } from '../support/stack-template';

/** The LADO pathway in the stack: its own table, reachable only by the LADO's functions; a step of triage. */
const template = Template.fromJSON(stackTemplate('example'));
const resources = (type: string) => template.findResources(type);
const tableId = Object.keys(resources('AWS::DynamoDB::GlobalTable')).find((id) => id.startsWith('AllegationsTable'))!;

describe('the allegations pathway in the stack', () => {
  it('keeps allegations in their own encrypted, retained table with time to live', () => {
    const table = resources('AWS::DynamoDB::GlobalTable')[tableId]!;
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(table.Properties.SSESpecification.SSEType).toBe('KMS');
  });

  it('lets only the LADO functions reach the allegations table, and the analytics extract only scan it', () => {
    const policies = Object.values(resources('AWS::IAM::Policy')) as any[];
    const touching = policies.filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes(tableId));
    const reaching = touching.flatMap((p) => p.Properties.Roles.map((r: any) => r.Ref as string)).sort();
    expect(reaching).toEqual([
      expect.stringMatching(/^AllegationsAllegationQueueRole/),
      expect.stringMatching(/^AllegationsAllegationRecordRole/),
      expect.stringMatching(/^AllegationsReferAllegationRole/),
      expect.stringMatching(/^AnalyticsExtractFactsRole/),
    ]);
    // The extract writes pseudonymised facts (no name, employer, role or child): it may read, never write.
    const extract = touching.find((p) => JSON.stringify(p.Properties.Roles).includes('AnalyticsExtractFactsRole'));
    const onTable = extract.Properties.PolicyDocument.Statement.filter((s: any) => JSON.stringify(s).includes(tableId));
    expect(onTable.map((s: any) => s.Action)).toEqual(['dynamodb:Scan']);
  });

  it('refers allegations as a triage step that ends the child contact only when the child needs nothing', () => {
    const definition = JSON.stringify(
      Object.values(resources('AWS::StepFunctions::StateMachine'))[0]!.Properties.DefinitionString,
    );
    expect(definition).toContain('ReferAllegation');
    expect(definition).toContain('ChildNeedsContact');
    expect(definition).toContain('PassedToLado');
  });

  it('runs ReferAllegation only for a notification about an adult who works with children', () => {
    // The definition as Step Functions reads it, each function's ARN (a CloudFormation reference) left as a placeholder.
    const [, parts] = Object.values(resources('AWS::StepFunctions::StateMachine'))[0]!.Properties.DefinitionString[
      'Fn::Join'
    ] as [string, unknown[]];
    const { States } = JSON.parse(parts.map((part) => (typeof part === 'string' ? part : 'arn')).join(''));
    expect(States.BeginTriage.Next).toBe('AboutAnAdult');
    expect(States.AboutAnAdult).toEqual({
      Type: 'Choice',
      Choices: [{ Variable: '$.contact.adultConcern', BooleanEquals: true, Next: 'ReferAllegation' }],
      Default: 'MatchEarlierContacts',
    });
    expect(States.ReferAllegation.Next).toBe('ChildNeedsContact');
  });

  it('keeps the one match key in a retained, KMS-encrypted secret (the LADO’s, same logical id) that only the functions making match keys may read, never in an environment', () => {
    const secrets = Object.entries(resources('AWS::SecretsManager::Secret')).filter(([id]) =>
      id.startsWith('AllegationsMatchKey'),
    ) as [string, any][];
    expect(secrets.map(([id]) => id)).toEqual(['AllegationsMatchKey486E2E55']);
    const [secretId, secret] = secrets[0]!;
    expect(secret.DeletionPolicy).toBe('Retain');
    expect(secret.Properties.KmsKeyId).toBeDefined();
    expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64 });
    const readers = (Object.values(resources('AWS::IAM::Policy')) as any[])
      .filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes(`"${secretId}"`))
      .flatMap((p) => p.Properties.Roles.map((r: any) => (r.Ref as string).replace(/[0-9A-F]{8}$/, '')))
      .sort();
    expect(readers).toEqual([
      'AllegationsReferAllegationRole',
      'ApplyLevelsOfNeedRole',
      'ConsoleActionsRole',
      'MatchEarlierContactsRole',
      'RecordChildCasesRole',
      'ReferrersConfirmReferrerAddressRole',
      'SendAcknowledgementRole',
      // Sends a pending acknowledgement before the outcome, under the acknowledgement's key.
      'SendOutcomeRole',
    ]);
    const functions = Object.values(resources('AWS::Lambda::Function')) as any[];
    const keyed = functions.filter((f) => f.Properties.Environment?.Variables?.MATCH_KEY_SECRET_ARN);
    expect(keyed).toHaveLength(readers.length);
    for (const f of keyed) expect(f.Properties.Environment.Variables.MATCH_KEY_SECRET_ARN).toEqual({ Ref: secretId });
    expect(JSON.stringify(functions.map((f) => f.Properties.Environment))).not.toMatch(/MATCH_KEY"|local-only/);
    expect(template.toJSON().Parameters?.AllegationsMatchKey).toBeUndefined();
    expect(template.toJSON().Outputs?.MatchKeySecretArn?.Value).toEqual({ Ref: secretId });
  });

  it('serves the LADO console under /console/allegations only', () => {
    const routes = Object.values(resources('AWS::ApiGatewayV2::Route'))
      .map((r: any) => r.Properties.RouteKey as string)
      .filter((k) => k.includes('allegations'));
    expect(routes.sort()).toEqual([
      'GET /console/allegations',
      'GET /console/allegations/{id}',
      'POST /console/allegations/{id}/{action}',
    ]);
  });
});
