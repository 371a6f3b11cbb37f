import { App } from 'aws-cdk-lib';
import { loadStageConfig } from './config';
import { FrontDoorStack } from './front-door-stack';

/** `cdk synth|deploy -c stage=<name>` reads infra/stages/<name>.json (default: local). */
const app = new App();
const stage = (app.node.tryGetContext('stage') as string | undefined) ?? 'local';
const config = loadStageConfig(stage);
new FrontDoorStack(app, `FrontDoor-${config.stage}`, {
  config,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.region ?? process.env.CDK_DEFAULT_REGION },
});
