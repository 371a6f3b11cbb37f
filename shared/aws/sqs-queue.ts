import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { ContactMessage, MessageQueue } from '../front-door/ports';

export class SqsQueue implements MessageQueue {
  constructor(
    private readonly queueUrl: string,
    private readonly sqs: SQSClient = new SQSClient({}),
  ) {}

  async send(body: ContactMessage): Promise<void> {
    await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(body) }));
  }
}
