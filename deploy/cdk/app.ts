/**
 * The CDK app: `cd deploy && npx cdk deploy -c certificateArn=… -c callbackOrigin=… -c repoUrl=… -c release=…`
 * (docs/DEPLOY.md). Each setting is required: a missing one stops synth naming it.
 */
import { App } from 'aws-cdk-lib';
import { type ExecutorSettings, ExecutorStack } from './executorStack';

const app = new App();
const need = (name: keyof ExecutorSettings): string => {
  const value = app.node.tryGetContext(name);
  if (typeof value !== 'string' || value === '') throw new Error(`cdk context ${name} is required: -c ${name}=…`);
  return value;
};
new ExecutorStack(app, 'CodeSyncExecutor', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  settings: {
    certificateArn: need('certificateArn'),
    callbackOrigin: need('callbackOrigin'),
    repoUrl: need('repoUrl'),
    release: need('release'),
  },
});
app.synth();
