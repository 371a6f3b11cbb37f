import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoCaseRegistry } from '../../shared/aws/dynamo-case-registry';
import { CSV_COLUMNS, importChildCases } from '../../shared/cases/record-cases';
import { DeploymentNotFound, localDeployment, matchKeyOf, stackDeployment } from './deployment';

export const CASES_USAGE = `Usage:
  front-door cases import <file.csv> [--stack <name> [--region <region>] | --data-dir <dir>]

Records open and closed cases from the case management system's export. Columns (header row):
  ${CSV_COLUMNS.join(', ')}
A child is identified by nhs_number, or by first_name, last_name, date_of_birth (or
expected_date_of_delivery) and postcode. status is open or closed; kind is social-care or
early-help; an open case needs holder_name and holder_email (the allocated worker or lead
professional). Every row is checked before any is recorded; errors name the row and column only.
Without --stack, the cases go to the local system started by npm start (data in .data/).`;

export const runCases = async (
  argv: string[],
  io: { stdout: (text: string) => void; stderr: (text: string) => void; now: () => Date },
): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { stack: { type: 'string' }, region: { type: 'string' }, 'data-dir': { type: 'string' } },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${CASES_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, file, ...rest] = positionals;
  if (command !== 'import' || !file || rest.length > 0) {
    io.stderr(CASES_USAGE);
    return 2;
  }
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch {
    io.stderr(`No such file: ${file}`);
    return 1;
  }
  try {
    const deployment = values.stack
      ? await stackDeployment(values.stack, values.region)
      : localDeployment(resolve(values['data-dir'] ?? '.data'));
    const table = deployment.outputs.CaseRegistryTableName;
    if (!table)
      throw new DeploymentNotFound(
        `${deployment.description} has no case registry: deploy this version of Front Door first`,
      );
    const { region, endpoints, credentials } = deployment.clientConfig;
    const client = new DynamoDBClient({ region, credentials, endpoint: endpoints?.dynamodb });
    try {
      const result = await importChildCases(
        { csv, recordedBy: `front-door cases import (${file})`, now: io.now() },
        { registry: new DynamoCaseRegistry(table, client), matchKey: await matchKeyOf(deployment) },
      );
      if (result.outcome === 'invalid') {
        for (const error of result.errors) io.stderr(`${file} ${error.path}: ${error.message}`);
        io.stderr(`${file}: nothing was recorded`);
        return 1;
      }
      io.stdout(
        `${file}: ${result.recorded} case${result.recorded === 1 ? '' : 's'} recorded in ${deployment.description}`,
      );
      return 0;
    } finally {
      client.destroy();
    }
  } catch (error) {
    if (error instanceof DeploymentNotFound) {
      io.stderr(error.message);
      return 1;
    }
    throw error;
  }
};
