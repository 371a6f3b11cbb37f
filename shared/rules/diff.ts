import type { Recommendation, TriageInput } from '../triage/types';
import { compileRuleset, evaluate } from './engine';
import type { Ruleset } from './schema';

/**
 * Replaying contacts under two rulesets, so an area sees what a change to its thresholds would
 * have done to real decisions before it puts the new version in force.
 */

export interface Replay {
  /** A reference or file position, never a name: the output may be shared widely. */
  label: string;
  input: TriageInput;
}

export interface Change {
  label: string;
  changes: { field: 'level' | 'route' | 'priority' | 'dueAt' | 'themes'; before: string; after: string }[];
  /** Reasons that fired under only one of the rulesets. */
  reasonsAdded: string[];
  reasonsRemoved: string[];
}

const FIELDS = ['level', 'route', 'priority', 'dueAt', 'themes'] as const;
const show = (r: Recommendation, field: (typeof FIELDS)[number]): string =>
  field === 'themes' ? r.themes.join(', ') || '(none)' : String(r[field]);

export const diffRulesets = (before: Ruleset, after: Ruleset, contacts: Replay[]): Change[] => {
  const [a, b] = [compileRuleset(before), compileRuleset(after)];
  const changed: Change[] = [];
  for (const { label, input } of contacts) {
    const old = evaluate(a, input, a.calendar);
    const now = evaluate(b, input, b.calendar);
    const changes = FIELDS.filter((f) => show(old, f) !== show(now, f)).map((field) => ({
      field,
      before: show(old, field),
      after: show(now, field),
    }));
    const oldIds = new Set(old.reasons.map((r) => r.id));
    const newIds = new Set(now.reasons.map((r) => r.id));
    const reasonsAdded = [...newIds].filter((id) => !oldIds.has(id));
    const reasonsRemoved = [...oldIds].filter((id) => !newIds.has(id));
    if (changes.length > 0 || reasonsAdded.length > 0 || reasonsRemoved.length > 0)
      changed.push({ label, changes, reasonsAdded, reasonsRemoved });
  }
  return changed;
};
