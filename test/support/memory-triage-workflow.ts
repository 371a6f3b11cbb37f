import type { TriageRun, TriageWorkflow } from '../../shared/front-door/ports';

/**
 * Triage executions in memory, as Step Functions keeps them: one per name, attempts numbered
 * from 1, a second start of an attempt starting nothing. `runs` seeds each contact's attempts'
 * states (a seeded `ended` run counts as ended at any time); `end` ends one now, as an abort would.
 */
export const memoryTriageWorkflow = (runs: Record<string, TriageRun['state'][]> = {}) => {
  const started: string[] = [];
  const endedAt = new Map<string, Date>();
  const startAttempt = async (contactId: string, attempt: number) => {
    const list = (runs[contactId] ??= []);
    if (list.length >= attempt) return 'already-started' as const;
    list.push('running');
    started.push(`${contactId}#${attempt}`);
    return 'started' as const;
  };
  const workflow: TriageWorkflow = {
    start: (contactId) => startAttempt(contactId, 1),
    startAttempt,
    latestRun: async (contactId, max) => {
      const list = (runs[contactId] ?? []).slice(0, max);
      return list.length ? { attempt: list.length, state: list[list.length - 1]! } : undefined;
    },
    contactsWithEndedRuns: async (since) =>
      Object.keys(runs).filter((id) =>
        runs[id]!.some((state, i) => state === 'ended' && (endedAt.get(`${id}#${i + 1}`) ?? since) >= since),
      ),
  };
  const settle =
    (state: TriageRun['state']) =>
    (contactId: string, attempt: number, at = new Date()) => {
      runs[contactId]![attempt - 1] = state;
      if (state === 'ended') endedAt.set(`${contactId}#${attempt}`, at);
    };
  return { workflow, started, end: settle('ended'), succeed: settle('succeeded') };
};
