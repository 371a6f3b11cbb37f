import { indexUnsettledContacts, type UnsettledIndexProgress } from '../../shared/front-door/index-unsettled';
import type { Ops } from './commands';
import { indexRewriteRun } from './index-rewrite-run';

const line = ({ contacts, unsettled, indexed }: UnsettledIndexProgress, dryRun: boolean) =>
  `${contacts} contacts read; ${unsettled} unsettled${dryRun ? '' : `, ${indexed} indexed (the rest were already)`}`;

/**
 * `front-door ops index-unsettled [--dry-run] [--from <cursor>]`: contacts stored before the
 * unsettled index existed put into it, so the stall sweeper finds them
 * (shared/front-door/index-unsettled.ts). Prints its totals and a cursor after every page, so a
 * run that stops can go on with --from; counts only, never a child.
 */
export const indexUnsettled = async (ops: Ops, request: { dryRun: boolean; cursor?: string }): Promise<void> => {
  const run = await indexRewriteRun(ops, request, line);
  const totals = await indexUnsettledContacts(request, {
    contacts: run.index,
    index: run.store,
    progress: run.progress,
  });
  run.done(totals);
};
