import { describeFunctions, findFunction } from '../../infra/local/lambda';
import { LocalDeployment, type CfnTemplate } from '../../infra/local/template';

const template: CfnTemplate = {
  Resources: {
    Contacts1A2B: { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [] } },
    Inbox: {
      Type: 'AWS::SQS::Queue',
      Properties: { QueueName: { 'Fn::Join': ['-', [{ Ref: 'AWS::StackName' }, 'inbox']] } },
    },
    Flow: { Type: 'AWS::StepFunctions::StateMachine', Properties: { StateMachineName: 'triage' } },
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: {} },
    SubmitFn: {
      Type: 'AWS::Lambda::Function',
      Metadata: { 'FrontDoor:Entry': 'functions/api/submit.ts', 'FrontDoor:Export': 'handler' },
      Properties: {
        Timeout: 10,
        Environment: {
          Variables: {
            TABLE: { Ref: 'Contacts1A2B' },
            QUEUE_URL: { Ref: 'Inbox' },
            QUEUE_ARN: { 'Fn::GetAtt': ['Inbox', 'Arn'] },
            FLOW: { Ref: 'Flow' },
            API: { 'Fn::GetAtt': ['Api', 'ApiEndpoint'] },
            FN_ARN: { 'Fn::Sub': '${SubmitFn.Arn}' },
          },
        },
      },
    },
    CdkProviderFn: { Type: 'AWS::Lambda::Function', Properties: {} },
  },
};

const deployment = new LocalDeployment(template, {
  sqs: 'http://127.0.0.1:4566',
  apis: { Api: 'http://127.0.0.1:3000' },
});

describe('LocalDeployment', () => {
  it('resolves handler environments to local names, URLs and ARNs', () => {
    const { functions, skipped } = describeFunctions(deployment, '/repo');
    expect(skipped).toEqual(['CdkProviderFn']);
    expect(functions).toEqual([
      {
        logicalId: 'SubmitFn',
        name: 'SubmitFn',
        arn: 'arn:aws:lambda:eu-west-2:000000000000:function:SubmitFn',
        entry: '/repo/functions/api/submit.ts',
        exportName: 'handler',
        timeoutSeconds: 10,
        memoryMb: 128,
        environment: {
          TABLE: 'Contacts1A2B',
          QUEUE_URL: 'http://127.0.0.1:4566/000000000000/FrontDoorLocal-inbox',
          QUEUE_ARN: 'arn:aws:sqs:eu-west-2:000000000000:FrontDoorLocal-inbox',
          FLOW: 'arn:aws:states:eu-west-2:000000000000:stateMachine:triage',
          API: 'http://127.0.0.1:3000',
          FN_ARN: 'arn:aws:lambda:eu-west-2:000000000000:function:SubmitFn',
        },
      },
    ]);
  });

  it('finds resources by ARN, including qualified Lambda ARNs', () => {
    expect(
      deployment.findByArn('arn:aws:lambda:eu-west-2:000000000000:function:SubmitFn:$LATEST', 'AWS::Lambda::Function'),
    ).toBe('SubmitFn');
    expect(deployment.findByArn('arn:aws:sqs:eu-west-2:000000000000:FrontDoorLocal-inbox', 'AWS::SQS::Queue')).toBe(
      'Inbox',
    );
  });
});

describe('findFunction', () => {
  const fns = describeFunctions(
    new LocalDeployment(
      {
        Resources: Object.fromEntries(
          ['SubmitNotificationFn1', 'RecordDecisionFn2', 'NotifyTeamFn3'].map((id, i) => [
            id,
            { Type: 'AWS::Lambda::Function', Metadata: { 'FrontDoor:Entry': `functions/api/f${i}.ts` } },
          ]),
        ),
      },
      { sqs: '', apis: {} },
    ),
    '/repo',
  ).functions;
  const find = (query: string) => findFunction(fns, query, '/repo').logicalId;

  it('accepts a logical id, an entry path or a unique case-insensitive part of a logical id', () => {
    expect(find('RecordDecisionFn2')).toBe('RecordDecisionFn2');
    expect(find('functions/api/f0.ts')).toBe('SubmitNotificationFn1');
    expect(find('api/f2')).toBe('NotifyTeamFn3');
    expect(find('decision')).toBe('RecordDecisionFn2');
  });

  it('lists the candidates when the query is ambiguous or unknown', () => {
    expect(() => find('notif')).toThrow(/matches several functions:\n {2}SubmitNotificationFn1.*\n {2}NotifyTeamFn3/);
    expect(() => find('nothing')).toThrow(/No function matches "nothing"/);
  });
});
