import { parseNotification } from '../../shared/notification';
import { aSchoolNeglectNotification } from '../fixtures/notifications';

describe('names', () => {
  it('lose their control characters before they are stored or used to open an email', () => {
    const body = aSchoolNeglectNotification();
    body.referrer.name = 'Dana\r\nBcc: everyone@example.org\u0007 Lead';
    const parsed = parseNotification(body);
    expect(parsed.ok && parsed.notification.referrer.name).toBe('Dana Bcc: everyone@example.org Lead');
  });
});
