import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearStore, saveEmail } from 'aws-ses-v2-local/dist/store.js';
import { persistMailbox } from '../../infra/local/mailbox';

/** The local mailbox is on disk as soon as an email is sent, not a second later. */
describe('local mailbox persistence', () => {
  let dir: string;
  let stop: () => Promise<void>;
  beforeEach(() => {
    clearStore();
    dir = mkdtempSync(join(tmpdir(), 'mailbox-'));
    stop = persistMailbox(dir);
  });
  afterEach(async () => {
    await stop();
    clearStore();
    rmSync(dir, { recursive: true, force: true });
  });

  const email = (subject: string) =>
    ({ messageId: subject, from: 'front-door@example.test', destination: { to: ['dsl@school.example'], cc: [], bcc: [] }, subject, body: { text: 'x' }, at: 0 }) as never;
  const onDisk = () => (JSON.parse(readFileSync(join(dir, 'mailbox.json'), 'utf8')) as { subject: string }[]).map((e) => e.subject);

  it('saves every email the moment it is sent', () => {
    // Act
    saveEmail(email('First'));
    saveEmail(email('Second'));

    // Assess: no timer has had a chance to run.
    expect(onDisk()).toEqual(['First', 'Second']);
  });

  it('saves an emptied mailbox too', () => {
    // Prepare
    saveEmail(email('Gone'));

    // Act
    clearStore();

    // Assess
    expect(onDisk()).toEqual([]);
  });
});
