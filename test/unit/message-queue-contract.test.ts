import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { SqsQueue } from '../../shared/aws/sqs-queue';
import type { ContactMessage, MessageQueue } from '../../shared/front-door/ports';
import { memoryPorts } from '../support/memory-contact-store';

/**
 * The same promise asked of the in-memory outcome queue the use-case tests use and of the SQS
 * queue: a consumer receives each message as it was sent, holding the contact's id and nothing
 * about anyone in it.
 *
 * fauxqs is ESM-only and runs only in the local system's own thread (never inside jest), so the
 * SQS queue runs here against a client faked at send(): a queue that keeps each SendMessage's
 * body, read back as the queue consumer (functions/lib/queue-consumer.ts) reads a record's body.
 */
interface Harness {
  queue: MessageQueue;
  received: () => ContactMessage[];
  /** What travels through the queue, as text. */
  wire: () => string[];
}

const inMemory = (): Harness => {
  const { outcomeQueue, queued } = memoryPorts();
  return { queue: outcomeQueue, received: () => queued, wire: () => queued.map((m) => JSON.stringify(m)) };
};
const onSqs = (): Harness => {
  const bodies: string[] = [];
  const sqs = {
    send: async (command: unknown) => {
      if (!(command instanceof SendMessageCommand)) throw new Error('Only SendMessage is expected');
      expect(command.input.QueueUrl).toBe('https://sqs.eu-west-2.amazonaws.com/000000000000/Outcomes');
      bodies.push(command.input.MessageBody!);
      return { MessageId: String(bodies.length) };
    },
  } as unknown as SQSClient;
  return {
    queue: new SqsQueue('https://sqs.eu-west-2.amazonaws.com/000000000000/Outcomes', sqs),
    received: () => bodies.map((body) => JSON.parse(body) as ContactMessage),
    wire: () => bodies,
  };
};

describe.each([
  ['in memory', inMemory],
  ['on SQS (client faked at send)', onSqs],
])('the contact message queue %s', (_name, make) => {
  it('delivers each message as sent, in order, with only the contact id and the new-decision mark', async () => {
    // Prepare
    const { queue, received, wire } = make();

    // Act
    await queue.send({ contactId: '01j00000000000000000000001' });
    await queue.send({ contactId: '01j00000000000000000000002', newDecision: true });

    // Assess
    expect(received()).toEqual([
      { contactId: '01j00000000000000000000001' },
      { contactId: '01j00000000000000000000002', newDecision: true },
    ]);
    for (const body of wire())
      expect(Object.keys(JSON.parse(body)).every((k) => ['contactId', 'newDecision'].includes(k))).toBe(true);
  });
});
