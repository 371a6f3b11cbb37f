import { MAX_NOTIFICATION_BYTES, truncateUtf8, utf8Bytes } from '../../shared/contacts';
import { parseNotification } from '../../shared/notification';
import { acceptNotification } from '../../shared/front-door/intake';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { memoryIntakeStore } from '../support/memory-intake-store';

/** Sizes counted as DynamoDB counts them (UTF-8 bytes), not as the local emulator does (UTF-16 units). */
const han = (n: number) => '漢'.repeat(n);

/** Every long text field at its character limit, in Chinese characters: three bytes each in UTF-8. */
const aLargestNotificationInChinese = () => {
  const notification = aSchoolNeglectNotification() as any;
  notification.concerns.description = han(20_000);
  notification.expectation = han(5_000);
  notification.childViews = han(5_000);
  const child = notification.children[0];
  notification.children = Array.from({ length: 20 }, () => ({
    ...child,
    disability: han(500),
    school: han(200),
    address: { ...child.address, line1: han(200), line2: han(200), town: han(100) },
  }));
  const professional = { name: han(100), role: han(200), organisation: han(200), contact: han(200) };
  notification.otherProfessionals = Array.from({ length: 30 }, () => professional);
  return notification;
};

describe('sizes in UTF-8 bytes', () => {
  it('refuses, with a clear error and nothing stored, a notification within every character limit but too large in bytes', async () => {
    // Prepare
    const body = aLargestNotificationInChinese();
    expect(parseNotification(body).ok).toBe(true);
    expect(utf8Bytes(body)).toBeGreaterThan(MAX_NOTIFICATION_BYTES);
    const { store, contacts } = memoryIntakeStore();
    // Act
    const result = await acceptNotification(
      { body, channel: 'api', now: new Date() },
      { store, triageQueue: { send: async () => undefined } },
    );
    // Assess
    expect(result).toEqual({
      outcome: 'invalid',
      errors: [
        {
          path: '(notification)',
          message: expect.stringMatching(/too large to store: \d+ KB of text, at most 200 KB/),
        },
      ],
    });
    expect(contacts.size).toBe(0);
  });

  it('cuts text to a number of bytes without splitting a character', () => {
    expect(truncateUtf8('ab漢字', 5)).toBe('ab漢');
    expect(truncateUtf8('😀😀', 7)).toBe('😀');
    expect(truncateUtf8('short', 100)).toBe('short');
  });
});
