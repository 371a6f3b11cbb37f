/**
 * A crash part-way through a run leaves nothing stuck once the sweeper has run.
 * Bounded sizes and waits; no timing assertions (speed is `npm run bench:pipeline`'s job).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aSchoolNeglectNotification } from '../fixtures/notifications';
import { census, type Census } from '../support/census';
import { startLocalSystem, type RunningLocalSystem } from '../support/local-system';
import { waitFor } from '../support/wait';
import { CAPACITY } from '../../infra/constructs/capacity';

/** A synthetic notification about a child no other in the run names. */
const notification = (i: number) => {
  const body = aSchoolNeglectNotification();
  const child = body.children[0]!;
  Object.assign(child, { firstName: `Burst${i}`, nhsNumber: undefined });
  child.address.line1 = `${i + 1} Sample Street`;
  return body;
};

/** Sends `count` notifications, `concurrency` at a time; returns how many were accepted. */
const send = async (system: RunningLocalSystem, count: number, concurrency: number, from = 0): Promise<number> => {
  let next = from;
  let accepted = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < from + count) {
        const i = next++;
        const response = await fetch(`${system.endpoints.api}/api/notifications`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(notification(i)),
        });
        await response.arrayBuffer();
        if (response.status === 202) accepted += 1;
      }
    }),
  );
  return accepted;
};

/** Waits until no contact is received or triaging, or the acknowledgement pending. */
const settled = (system: RunningLocalSystem, timeoutMs: number): Promise<Census> =>
  waitFor(
    async () => {
      const now = await census(system);
      return now.unfinished === 0 && now.acknowledgementPending === 0 ? now : undefined;
    },
    'every contact to finish triage',
    timeoutMs,
  );

describe('a crash mid-run', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'front-door-crash-'));
  let system: RunningLocalSystem | undefined;
  afterAll(async () => {
    await system?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it(
    'SIGKILLed while triaging and restarted on the same data: after the sweeper, nothing stuck, lost or unacknowledged, no contact duplicated',
    async () => {
      // The sweeper runs every few seconds instead of every five minutes.
      process.env.FRONT_DOOR_SCHEDULE_SECONDS = '3';
      try {
        system = await startLocalSystem({ dataDir, readyTimeoutMs: 180_000 });
        const accepted = await send(system, 60, 20);
        // Kill it once triage is under way: some finished, some not.
        await waitFor(
          async () => ((await census(system!)).byStatus['awaiting-decision'] ?? 0) >= 5 || undefined,
          'triage to be under way',
          10 * 60_000,
        );
        await system.kill();
        // Restarted as a developer's `npm start` would be: synthesising the stack in-process, the one
        // start in the suite that does (the others share one synth; see stack-template.ts).
        system = await startLocalSystem({ dataDir, readyTimeoutMs: 180_000, synthesize: true });

        const result = await settled(system, 20 * 60_000);

        expect(accepted).toBe(60);
        expect(result.byStatus).toEqual({ 'awaiting-decision': 60 });
        // Every acknowledgement is recorded as sent and is in the mailbox (saved on every send).
        expect(result).toMatchObject({ total: 60, acknowledgementPending: 0, unacknowledged: 0 });
        expect((await census(system, { readByKey: true })).staleReads).toBe(0);
        // Email is at least once: a send that SES (here the mailbox) accepted but whose idempotency
        // record the kill left "in progress" is sent again after the restart. The acknowledgement
        // queue's consumer sends one record at a time in at most CAPACITY.emailStep batches at once,
        // so at most that many sends were in progress at the kill.
        expect(result.duplicatedAcknowledgements).toBeLessThanOrEqual(CAPACITY.emailStep);
      } finally {
        delete process.env.FRONT_DOOR_SCHEDULE_SECONDS;
      }
    },
    30 * 60_000,
  );
});
