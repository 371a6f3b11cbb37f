import { App } from 'aws-cdk-lib';
import { loadStageConfig, type StageConfig } from './config';
import { FrontDoorStack } from './front-door-stack';

/**
 * The stack's CloudFormation template, synthesised in-process. Bundling is skipped because the
 * local runtime and the template tests run the TypeScript sources themselves.
 */
export const synthesizeTemplate = (config: StageConfig = loadStageConfig('local')): Record<string, any> => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new FrontDoorStack(app, `FrontDoor-${config.stage}`, {
    config,
    env: { account: '000000000000', region: 'eu-west-2' },
  });
  return app.synth().getStackByName(stack.stackName).template;
};
