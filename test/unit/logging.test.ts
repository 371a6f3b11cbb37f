import { Logger } from '@aws-lambda-powertools/logger';
import { redactPersonalData } from '../../functions/lib/observability';
import { aSchoolNeglectNotification } from '../fixtures/notifications';

describe('logging', () => {
  it('redacts personal data even when a whole object is logged by mistake', () => {
    const lines: string[] = [];
    const capture = (chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    };
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
    try {
      const logger = new Logger({ serviceName: 'test', jsonReplacerFn: redactPersonalData });
      const notification = aSchoolNeglectNotification();
      logger.info('Careless log line', {
        contactId: 'abc',
        notification,
        child: notification.children[0],
        referrerEmail: notification.referrer.email,
      });
      logger.error('Failure', {
        error: Object.assign(new Error('No mail for dsl@example-primary.sch.example at ZZ1 1AA'), {
          name: 'ValidationException',
        }),
      });
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    const output = lines.join('');
    expect(output).toContain('"contactId":"abc"');
    expect(output).toContain('ValidationException');
    for (const personal of [
      'Ellie',
      'Fictional',
      'ZZ1 1AA',
      '9990000018',
      '2018-03-14',
      'Sample Street',
      'hungry',
      'dsl@example-primary',
    ]) {
      expect(output).not.toContain(personal);
    }
  });
});
