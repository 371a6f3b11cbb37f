import type { Draft, DraftStore } from '../../shared/referrer/draft';

/**
 * Web form drafts in memory, kept as the DynamoDB store keeps them: a put replaces the draft, and
 * one last changed more than a week before `now` reads as gone (it holds a child's details that
 * nobody has decided to keep).
 */
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export const memoryDraftStore = (): DraftStore & { drafts: Map<string, Draft> } => {
  const drafts = new Map<string, Draft>();
  return {
    drafts,
    get: async (draftId, now) => {
      const draft = drafts.get(draftId);
      return draft && Date.parse(draft.updatedAt) + WEEK_MS >= now.getTime() ? structuredClone(draft) : undefined;
    },
    put: async (draft) => void drafts.set(draft.draftId, structuredClone(draft)),
  };
};
