import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { annexA, type Period } from '../../shared/returns/annex-a';
import { cinCensusReferrals } from '../../shared/returns/cin-census';
import { isIsoDate, monthsBefore } from '../../shared/returns/dates';
import { toCsv, type Table } from '../../shared/returns/table';
import { toXlsx } from '../../shared/returns/xlsx';
import { loadStageConfig } from '../config';
import { OpsError, opsFor } from './commands';
import { DeploymentNotFound, localDeployment, stackDeployment, type Deployment } from './deployment';
import { contactsReceivedBetween } from './returns-contacts';

export const REPORT_USAGE = `Usage:
  front-door report annex-a --from <YYYY-MM-DD> --to <YYYY-MM-DD> --out <dir> [options]
      Ofsted Annex A List 1 (contacts), List 2 (early help) and List 3 (referrals), as far as the
      front door holds them: a CSV for each list and one XLSX workbook with a worksheet for each.
  front-door report cin-census --from <YYYY-MM-DD> --to <YYYY-MM-DD> --out <dir> [options]
      The front door's part of the children in need census: a CSV, one row per child referral.

Options:
  --stack <name> [--region <region>]   a deployed stack (default: the local system, data in .data/)
  --data-dir <dir>                     the local system's data directory
  --stage <name>                       the stage whose area names the early help service (default:
                                       local, or the stack's name after FrontDoor-)
  --early-help-organisation <name>     who does targeted early help assessments (List 2), when the
                                       stage's "<area> early help" is not what Ofsted should read

The files hold children's details: write them only where the return may be kept.`;

class UsageError extends Error {}

interface ReportIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const periodOf = (from: string | undefined, to: string | undefined): Period => {
  if (!from || !to || !isIsoDate(from) || !isIsoDate(to)) throw new UsageError('Give --from and --to as dates, like --from 2026-04-01 --to 2027-03-31');
  if (from > to) throw new UsageError('--from must not be after --to');
  return { from, to };
};

/** The period's contacts, from 12 months before it (List 3 counts a child's referrals in the year before each) to a day after it (London is ahead of UTC in summer). */
const contactsFor = async (deployment: Deployment, period: Period) => {
  const ops = opsFor(deployment, () => undefined);
  try {
    return await contactsReceivedBetween(ops, `${monthsBefore(period.from, 13)}T00:00:00.000Z`, `${period.to}T23:59:59.999Z`);
  } finally {
    ops.dynamodb.destroy();
    ops.sqs.destroy();
    ops.sfn.destroy();
  }
};

const earlyHelpOrganisation = (values: { stage?: string; stack?: string; 'early-help-organisation'?: string }): string => {
  if (values['early-help-organisation']) return values['early-help-organisation'];
  const stage = values.stage ?? values.stack?.replace(/^FrontDoor-/, '') ?? 'local';
  try {
    return `${loadStageConfig(stage).areaName} early help`;
  } catch {
    throw new UsageError(`There is no stage ${stage} to name the early help service: give --stage or --early-help-organisation`);
  }
};

const writeCsv = async (out: string, file: string, table: Table, dates: 'dd/mm/yyyy' | 'yyyy-mm-dd', io: ReportIo) => {
  await writeFile(join(out, file), toCsv(table, dates));
  io.stdout(`${join(out, file)}: ${table.rows.length} row${table.rows.length === 1 ? '' : 's'}`);
};

export const runReport = async (argv: string[], io: ReportIo): Promise<number> => {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        stack: { type: 'string' },
        region: { type: 'string' },
        'data-dir': { type: 'string' },
        stage: { type: 'string' },
        'early-help-organisation': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(REPORT_USAGE);
      return 0;
    }
    const [kind, ...rest] = positionals;
    if ((kind !== 'annex-a' && kind !== 'cin-census') || rest.length > 0) throw new UsageError(kind ? `Unknown report: ${positionals.join(' ')}` : 'Name a report');
    const period = periodOf(values.from, values.to);
    if (!values.out) throw new UsageError('Give --out, the directory to write the files to');
    const options = { earlyHelpOrganisation: earlyHelpOrganisation(values) };
    const deployment = values.stack ? await stackDeployment(values.stack, values.region) : localDeployment(resolve(values['data-dir'] ?? '.data'));
    const contacts = await contactsFor(deployment, period);
    const out = resolve(values.out);
    await mkdir(out, { recursive: true });

    if (kind === 'annex-a') {
      const { list1, list2, list3 } = annexA(contacts, period, options);
      await writeCsv(out, 'annex-a-list-1-contacts.csv', list1, 'dd/mm/yyyy', io);
      await writeCsv(out, 'annex-a-list-2-early-help.csv', list2, 'dd/mm/yyyy', io);
      await writeCsv(out, 'annex-a-list-3-referrals.csv', list3, 'dd/mm/yyyy', io);
      await writeFile(join(out, 'annex-a.xlsx'), await toXlsx([list1, list2, list3]));
      io.stdout(`${join(out, 'annex-a.xlsx')}: the three lists as worksheets`);
    } else {
      await writeCsv(out, 'cin-census-referrals.csv', cinCensusReferrals(contacts, period, options), 'yyyy-mm-dd', io);
    }
    io.stdout(`From ${deployment.description}, ${period.from} to ${period.to}.`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`${(error as Error).message}\n\n${REPORT_USAGE}`);
      return 2;
    }
    if (error instanceof OpsError || error instanceof DeploymentNotFound) {
      io.stderr(error.message);
      return 1;
    }
    throw error;
  }
};
