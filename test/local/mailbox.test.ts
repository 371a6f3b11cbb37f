import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearStore, saveEmail } from 'aws-ses-v2-local/dist/store.js';
import { persistMailbox, readMailbox } from '../../infra/local/mailbox';

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
    ({
      messageId: subject,
      from: 'front-door@example.test',
      destination: { to: ['dsl@school.example'], cc: [], bcc: [] },
      subject,
      body: { text: 'x' },
      at: 0,
    }) as never;
  const onDisk = () => (readMailbox(join(dir, 'mailbox.json')) as { subject: string }[]).map((e) => e.subject);

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

  it('reads back what it saved after a restart, and a mailbox saved before it appended emails line by line', async () => {
    // Prepare
    saveEmail(email('Before the restart'));
    await stop();
    clearStore();
    const older = mkdtempSync(join(tmpdir(), 'mailbox-'));
    writeFileSync(join(older, 'mailbox.json'), JSON.stringify([email('Saved as an array')]));

    // Act
    stop = persistMailbox(dir);
    const restarted = onDisk();
    await stop();
    clearStore();
    stop = persistMailbox(older);
    const fromArray = (readMailbox(join(older, 'mailbox.json')) as { subject: string }[]).map((e) => e.subject);
    await stop();
    clearStore();
    stop = persistMailbox(dir);
    rmSync(older, { recursive: true, force: true });

    // Assess
    expect(restarted).toEqual(['Before the restart']);
    expect(fromArray).toEqual(['Saved as an array']);
  });
});
