import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { annexA, type Period } from '../../shared/returns/annex-a';
import { cinCensusReferrals } from '../../shared/returns/cin-census';
import { isIsoDate, monthsBefore } from '../../shared/returns/dates';
import { toCsv, type Table } from '../../shared/returns/table';
import { toXlsx } from '../../shared/returns/xlsx';
import { boardReportHtml } from '../../shared/returns/board-report';
import { loadMeasures } from '../../shared/reporting/measures';
import { analyticsFacts } from './analytics-facts';
import { printToPdf } from './headless-chromium';
import { loadStageConfig } from '../config';
import { OpsError, opsFor } from './commands';
import { DeploymentNotFound, localDeployment, matchKeyOf, stackDeployment, type Deployment } from './deployment';
import { contactsReceivedBetween } from './returns-contacts';

export const REPORT_USAGE = `Usage:
  front-door report annex-a --from <YYYY-MM-DD> --to <YYYY-MM-DD> --out <dir> [options]
      Ofsted Annex A List 1 (contacts), List 2 (early help) and List 3 (referrals), as far as the
      front door holds them: a CSV for each list and one XLSX workbook with a worksheet for each.
  front-door report cin-census --from <YYYY-MM-DD> --to <YYYY-MM-DD> --out <dir> [options]
      The front door's part of the children in need census: a CSV, one row per child referral.
  front-door report board --month <YYYY-MM> --out <dir> [options]
      The monthly board report from the analytics extract: a self-contained HTML file (charts,
      the figures beside them, what changed since the month before) and, where a headless
      Chromium is found, the same as a PDF.

Options:
  --stack <name> [--region <region>]   a deployed stack (default: the local system, data in .data/)
  --data-dir <dir>                     the local system's data directory
  --stage <name>                       the stage whose area names the report and the early help
                                       service (default: local, or the stack's name after FrontDoor-)
  --early-help-organisation <name>     who does targeted early help assessments (List 2), when the
                                       stage's "<area> early help" is not what Ofsted should read

The returns hold children's details: write them only where the return may be kept. The board
report holds counts only.`;

class UsageError extends Error {}

interface ReportIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const periodOf = (from: string | undefined, to: string | undefined): Period => {
  if (!from || !to || !isIsoDate(from) || !isIsoDate(to))
    throw new UsageError('Give --from and --to as dates, like --from 2026-04-01 --to 2027-03-31');
  if (from > to) throw new UsageError('--from must not be after --to');
  return { from, to };
};

/** The period's contacts, from 12 months before it (List 3 counts a child's referrals in the year before each) to a day after it (London is ahead of UTC in summer). */
const contactsFor = async (deployment: Deployment, period: Period) => {
  const ops = opsFor(deployment, () => undefined);
  try {
    return await contactsReceivedBetween(
      ops,
      `${monthsBefore(period.from, 13)}T00:00:00.000Z`,
      `${period.to}T23:59:59.999Z`,
    );
  } finally {
    ops.dynamodb.destroy();
    ops.sqs.destroy();
    ops.sfn.destroy();
  }
};

const areaName = (values: { stage?: string; stack?: string }, give: string): string => {
  const stage = values.stage ?? values.stack?.replace(/^FrontDoor-/, '') ?? 'local';
  try {
    return loadStageConfig(stage).areaName;
  } catch {
    throw new UsageError(`There is no stage ${stage} to name the area: give --stage${give}`);
  }
};

const earlyHelpOrganisation = (values: {
  stage?: string;
  stack?: string;
  'early-help-organisation'?: string;
}): string => values['early-help-organisation'] ?? `${areaName(values, ' or --early-help-organisation')} early help`;

const writeCsv = async (out: string, file: string, table: Table, dates: 'dd/mm/yyyy' | 'yyyy-mm-dd', io: ReportIo) => {
  await writeFile(join(out, file), toCsv(table, dates));
  io.stdout(`${join(out, file)}: ${table.rows.length} row${table.rows.length === 1 ? '' : 's'}`);
};

type Values = {
  from?: string;
  to?: string;
  month?: string;
  stack?: string;
  region?: string;
  'data-dir'?: string;
  stage?: string;
  'early-help-organisation'?: string;
};

const statutoryReturn = async (kind: 'annex-a' | 'cin-census', values: Values, out: string, io: ReportIo) => {
  const period = periodOf(values.from, values.to);
  const deployment = values.stack
    ? await stackDeployment(values.stack, values.region)
    : localDeployment(resolve(values['data-dir'] ?? '.data'));
  const options = { earlyHelpOrganisation: earlyHelpOrganisation(values), matchKey: await matchKeyOf(deployment) };
  const contacts = await contactsFor(deployment, period);
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
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The month's board report: the measures for the month and the 12 before it (trends) and for the
 * month alone, through the same port the performance page reads, then HTML and, where a
 * Chromium is found, PDF. Without one the HTML is still written and the command says why there
 * is no PDF, and succeeds: the HTML is the report, the PDF a printout of it.
 */
const boardReport = async (values: Values, out: string, io: ReportIo): Promise<number> => {
  const month = values.month;
  if (!month || !MONTH.test(month)) throw new UsageError('Give --month as a month, like --month 2026-11');
  const area = areaName(values, '');
  const facts = await analyticsFacts({
    stack: values.stack,
    region: values.region,
    dataDir: resolve(values['data-dir'] ?? '.data'),
  });
  try {
    const trend = await loadMeasures({ from: `${monthsBefore(`${month}-01`, 12).slice(0, 7)}`, to: month }, { facts });
    const monthOnly = await loadMeasures({ from: month, to: month }, { facts });
    const html = boardReportHtml({ month, areaName: area, trend, monthOnly, generatedAt: new Date().toISOString() });
    await mkdir(out, { recursive: true });
    const file = join(out, `board-report-${month}`);
    await writeFile(`${file}.html`, html);
    io.stdout(`${file}.html`);
    const printed = await printToPdf(html);
    if ('pdf' in printed) {
      await writeFile(`${file}.pdf`, printed.pdf);
      io.stdout(`${file}.pdf`);
    } else io.stderr(`No PDF: ${printed.unavailable}. The HTML prints to PDF from any browser.`);
    return 0;
  } finally {
    facts.close();
  }
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
        month: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(REPORT_USAGE);
      return 0;
    }
    const [kind, ...rest] = positionals;
    if (rest.length > 0 || (kind !== 'annex-a' && kind !== 'cin-census' && kind !== 'board'))
      throw new UsageError(kind ? `Unknown report: ${positionals.join(' ')}` : 'Name a report');
    if (!values.out) throw new UsageError('Give --out, the directory to write the files to');
    const out = resolve(values.out);
    if (kind === 'board') return await boardReport(values, out, io);
    await statutoryReturn(kind, values, out, io);
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
