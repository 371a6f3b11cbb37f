import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadStageConfig } from '../../infra/config';
import { FrontDoorStack } from '../../infra/front-door-stack';

/** The violations cdk-nag reported, one line each, or none. */
const nagFindings = (stage: string): string[] => {
  const outdir = mkdtempSync(join(tmpdir(), 'front-door-nag-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    new FrontDoorStack(app, 'Nag', {
      config: loadStageConfig(stage),
      env: { account: '111111111111', region: 'eu-west-2' },
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    try {
      app.synth();
      return [];
    } catch {
      const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
      return report.pluginReports.flatMap((plugin: any) =>
        plugin.violations.flatMap((v: any) =>
          v.violatingConstructs.map((c: any) => `${v.ruleName} at ${c.constructPath}`),
        ),
      );
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
};

describe('cdk-nag AwsSolutions checks', () => {
  it.each(['example', 'local'])('finds nothing unacknowledged in the %s stage', (stage) => {
    expect(nagFindings(stage)).toEqual([]);
  });
});
