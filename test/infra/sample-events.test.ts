import {
  APIGatewayProxyEventV2Schema,
  EventBridgeSchema,
  SesSchema,
  SqsSchema,
} from '@aws-lambda-powertools/parser/schemas';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ZodType } from 'zod';
import { StepInput } from '../../shared/triage/step-input';
import { NotificationSchema } from '../../shared/notification';
import { stackTemplate } from '../support/stack-template';

const EVENTS = join(__dirname, '..', '..', 'events');
const eventFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? eventFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );

type Resource = { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> };
const resources = Object.entries(stackTemplate().Resources as Record<string, Resource>);
const mentions = (value: unknown, logicalId: string): boolean =>
  JSON.stringify(value ?? null).includes(`"${logicalId}"`);
const ofType = (type: string) => resources.filter(([, r]) => r.Type === type).map(([, r]) => r.Properties);

/**
 * SES sends `receipt.dmarcPolicy` only when a message fails DMARC, but Powertools' schema requires
 * it; a sample of a message that passed must not need it.
 */
const sesWithoutDmarcPolicy = {
  safeParse: (event: { Records?: Array<{ ses?: { receipt?: Record<string, unknown> } }> }) => {
    for (const record of event.Records ?? []) {
      const receipt = record.ses?.receipt;
      if (receipt && receipt.dmarcPolicy === undefined) receipt.dmarcPolicy = 'none';
    }
    return SesSchema.safeParse(event);
  },
} as unknown as ZodType;

/**
 * What invokes a function decides the event it receives, so the template says which schema its
 * sample must satisfy: the same envelope schemas Powertools' parser gives each AWS source.
 */
const triggerOf = (logicalId: string): { source: string; schema: ZodType } => {
  if (ofType('AWS::ApiGatewayV2::Integration').some((p) => mentions(p?.IntegrationUri, logicalId)))
    return { source: 'HTTP API', schema: APIGatewayProxyEventV2Schema as unknown as ZodType };
  if (ofType('AWS::Lambda::EventSourceMapping').some((p) => mentions(p?.FunctionName, logicalId)))
    return { source: 'SQS', schema: SqsSchema as unknown as ZodType };
  if (ofType('AWS::StepFunctions::StateMachine').some((p) => mentions(p?.DefinitionString, logicalId)))
    return { source: 'state machine', schema: StepInput };
  if (ofType('AWS::Events::Rule').some((p) => mentions(p?.Targets, logicalId)))
    return { source: 'schedule', schema: EventBridgeSchema as unknown as ZodType };
  if (ofType('AWS::SES::ReceiptRule').some((p) => mentions(p?.Rule, logicalId)))
    return { source: 'SES receipt rule', schema: sesWithoutDmarcPolicy };
  throw new Error(`nothing in the template invokes ${logicalId}`);
};

/** `npm run invoke -- <function> <event>` is only useful if every function has an event it accepts. */
describe('sample events', () => {
  const functions = resources
    .filter(([, r]) => typeof r.Metadata?.['FrontDoor:Entry'] === 'string')
    .map(([logicalId, r]) => ({ logicalId, entry: r.Metadata?.['FrontDoor:Entry'] as string }));
  const files = new Map(eventFiles(EVENTS).map((file) => [basename(file), file]));

  it.each(functions)('$entry has a sample event its trigger would send', ({ logicalId, entry }) => {
    // Prepare
    const file = files.get(`${basename(entry, '.ts')}.json`);
    expect(file).toBeDefined();
    const { schema } = triggerOf(logicalId);

    // Act
    const parsed = schema.safeParse(JSON.parse(readFileSync(file!, 'utf8')));

    // Assess
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('the sample notifications are valid, and the invalid one is refused by the same schema', () => {
    const body = (name: string) => JSON.parse(JSON.parse(readFileSync(files.get(name)!, 'utf8')).body);
    expect(NotificationSchema.safeParse(body('submit-notification.json')).success).toBe(true);
    expect(NotificationSchema.safeParse(body('submit-notification-invalid.json')).success).toBe(false);
    for (const file of eventFiles(join(EVENTS, 'notifications'))) {
      expect(NotificationSchema.safeParse(JSON.parse(readFileSync(file, 'utf8'))).error?.issues ?? []).toEqual([]);
    }
  });
});
