import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeFunctions, LambdaInvoker } from '../../infra/local/lambda';
import { describeReceiptRules, ruleMatches, sesReceiptEvent } from '../../infra/local/smtp';
import { LocalDeployment } from '../../infra/local/template';

/** The pure parts of the local SES receiving stand-in: reading receipt rules and shaping the event. */
const REPO_ROOT = resolve(__dirname, '../..');
const template = {
  Resources: {
    Inbox: { Type: 'AWS::S3::Bucket' },
    Intake: {
      Type: 'AWS::Lambda::Function',
      Metadata: { 'FrontDoor:Entry': 'test/fixtures/scheduled/tick.ts' },
      Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler' },
    },
    Rule: {
      Type: 'AWS::SES::ReceiptRule',
      Properties: {
        Rule: {
          Enabled: true,
          Recipients: ['Notify@Area.example', '.partners.example'],
          Actions: [
            { S3Action: { BucketName: { Ref: 'Inbox' }, ObjectKeyPrefix: 'mail/' } },
            { LambdaAction: { FunctionArn: { 'Fn::GetAtt': ['Intake', 'Arn'] }, InvocationType: 'RequestResponse' } },
            { StopAction: { Scope: 'RuleSet' } },
          ],
        },
        RuleSetName: 'rules',
      },
    },
    Disabled: {
      Type: 'AWS::SES::ReceiptRule',
      Properties: { Rule: { Enabled: false, Actions: [] }, RuleSetName: 'rules' },
    },
  },
};

describe('local SES receiving', () => {
  const deployment = new LocalDeployment(template, { sqs: 'http://127.0.0.1:1', apis: {} });
  const invoker = new LambdaInvoker(describeFunctions(deployment, REPO_ROOT).functions);
  const logged: string[] = [];
  const rules = describeReceiptRules(deployment, invoker, (line) => logged.push(line));

  it('reads the enabled rules, their bucket, prefix and function from the template', () => {
    expect(rules).toEqual([
      {
        logicalId: 'Rule',
        recipients: ['notify@area.example', '.partners.example'],
        actions: [
          { type: 'S3', bucket: 'inbox', prefix: 'mail/' },
          { type: 'Lambda', fn: expect.objectContaining({ logicalId: 'Intake' }), invocationType: 'RequestResponse' },
        ],
      },
    ]);
    expect(logged).toEqual([expect.stringContaining('StopAction skipped')]);
  });

  it('matches recipients by address, domain or subdomain, as SES does', () => {
    const [rule] = rules;
    expect(ruleMatches(rule!, 'NOTIFY@area.example')).toBe(true);
    expect(ruleMatches(rule!, 'dsl@school.partners.example')).toBe(true);
    expect(ruleMatches(rule!, 'someone@area.example')).toBe(false);
    expect(ruleMatches({ ...rule!, recipients: [] }, 'anyone@anywhere.example')).toBe(true);
  });

  it('tells the function the envelope and headers, in the shape SES uses', async () => {
    const raw = readFileSync(join(REPO_ROOT, 'events/email/template.eml'));
    const event = await sesReceiptEvent(
      raw,
      {
        messageId: 'abc123',
        source: 'dsl@school.example',
        recipients: ['notify@exampleshire.example'],
        receivedAt: new Date('2026-11-20T09:15:02Z'),
      },
      { functionArn: 'arn:aws:lambda:eu-west-2:000000000000:function:Intake', invocationType: 'Event' },
    );
    const sample = JSON.parse(readFileSync(join(REPO_ROOT, 'events/email/receive.json'), 'utf8'));
    const [record] = event.Records;
    expect(Object.keys(record!).sort()).toEqual(Object.keys(sample.Records[0]).sort());
    expect(Object.keys(record!.ses.mail).sort()).toEqual(Object.keys(sample.Records[0].ses.mail).sort());
    expect(record!.ses.mail).toMatchObject({
      messageId: 'abc123',
      destination: ['notify@exampleshire.example'],
      commonHeaders: sample.Records[0].ses.mail.commonHeaders,
    });
    expect(record!.ses.mail.headers).toEqual(expect.arrayContaining(sample.Records[0].ses.mail.headers));
    expect(record!.ses.receipt).toMatchObject({
      recipients: ['notify@exampleshire.example'],
      action: { type: 'Lambda', invocationType: 'Event' },
    });
  });
});
