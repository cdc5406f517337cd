/**
 * The executor fleet's CloudFormation template, synthesized offline (no AWS account or
 * network: the stack is environment-agnostic), and its essentials asserted: queue and
 * dead-letter queue, the scaling policy on backlog per instance, no SSH, and instance
 * roles that reach only the queue and the secret.
 */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BACKLOG_PER_INSTANCE,
  DRAIN_HOOK,
  DRAIN_HOOK_S,
  ExecutorStack,
  MAX_RECEIVES,
  VISIBILITY_S,
} from '../cdk/executorStack';

let template: Template;
beforeAll(() => {
  const app = new App();
  const stack = new ExecutorStack(app, 'Test', {
    settings: {
      certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/test',
      callbackOrigin: 'https://codesync.test',
      repoUrl: 'https://git.test/codesync.git',
      release: 'v1.0.0',
    },
  });
  template = Template.fromStack(stack);
}, 120_000);

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
const statementsOf = (policyName: RegExp): Statement[] =>
  Object.entries(template.findResources('AWS::IAM::Policy'))
    .filter(([id]) => policyName.test(id))
    .flatMap(
      ([, p]) =>
        (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement,
    );
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('executor fleet template (CDK synth, offline)', () => {
  it('[DEP6] a FIFO job queue whose messages go to a FIFO dead-letter queue after MAX_RECEIVES receives', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'codesync-jobs.fifo',
      FifoQueue: true,
      VisibilityTimeout: VISIBILITY_S,
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: MAX_RECEIVES },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'codesync-jobs-dlq.fifo', FifoQueue: true });
  });

  it('[DEP6] worker nodes scale by target tracking on backlog per instance (visible messages / in-service instances)', () => {
    const policies = template.findResources('AWS::AutoScaling::ScalingPolicy', {
      Properties: { PolicyType: 'TargetTrackingScaling' },
    });
    const backlog = Object.values(policies).find((p) =>
      JSON.stringify(p).includes('ApproximateNumberOfMessagesVisible'),
    ) as
      | {
          Properties: {
            TargetTrackingConfiguration: {
              TargetValue: number;
              CustomizedMetricSpecification: { Metrics: { Id: string; Expression?: string; ReturnData: boolean }[] };
            };
          };
        }
      | undefined;
    expect(backlog).toBeDefined();
    const config = backlog?.Properties.TargetTrackingConfiguration;
    expect(config?.TargetValue).toBe(BACKLOG_PER_INSTANCE);
    const returned = config?.CustomizedMetricSpecification.Metrics.filter((m) => m.ReturnData);
    expect(returned).toEqual([expect.objectContaining({ Expression: 'visible / inService' })]);
    expect(JSON.stringify(config)).toContain('GroupInServiceInstances');
  });

  it('[DEP6] no host takes SSH: no key pair, no port 22 open, no ingress to hosts but the load balancer', () => {
    const templates = Object.entries(template.findResources('AWS::EC2::LaunchTemplate'));
    expect(templates).toHaveLength(2); // API and worker hosts
    template.resourceCountIs('AWS::AutoScaling::LaunchConfiguration', 0);
    for (const [, lt] of templates) {
      expect(JSON.stringify(lt)).not.toContain('KeyName');
    }
    const ingress = [
      ...Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties),
      ...Object.values(template.findResources('AWS::EC2::SecurityGroup')).flatMap(
        (r) => r.Properties.SecurityGroupIngress ?? [],
      ),
    ] as { FromPort?: number; ToPort?: number; CidrIp?: string }[];
    expect(ingress.length).toBeGreaterThan(0);
    for (const rule of ingress) {
      expect(rule.FromPort !== undefined && rule.FromPort <= 22 && (rule.ToPort ?? 0) >= 22).toBe(false);
    }
    // Only the load balancer's listener is open to the internet, and only on 443.
    expect(ingress.filter((r) => r.CidrIp !== undefined).map((r) => r.FromPort)).toEqual([443]);
  });

  it('[DEP6] instance roles reach only this queue (API nodes send, workers consume) and read only this secret', () => {
    const queueRef = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Jobs[A-F0-9]+$'), 'Arn'] };
    for (const [role, expected] of [
      ['api', ['sqs:SendMessage']],
      ['worker', ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']],
    ] as const) {
      const statements = statementsOf(new RegExp(`^${role}RoleDefaultPolicy`));
      expect(statements.length).toBeGreaterThan(0);
      for (const s of statements) {
        expect(s.Effect).toBe('Allow');
        // The one unscoped action reads lifecycle states (it has no resource-level scope).
        if (s.Resource === '*') expect(actions(s)).toEqual(['autoscaling:DescribeAutoScalingInstances']);
        for (const action of actions(s)) expect(action).toMatch(/^(sqs|secretsmanager|autoscaling):/);
      }
      const complete = statements.filter((s) => actions(s).includes('autoscaling:CompleteLifecycleAction'));
      expect(complete).toHaveLength(1);
      expect(JSON.stringify(complete[0]?.Resource)).toContain(`autoScalingGroupName/`);
      expect(JSON.stringify(complete[0]?.Resource)).toContain(`-${role}`);
      const sqsStatements = statements.filter((s) => actions(s).some((a) => a.startsWith('sqs:')));
      for (const s of sqsStatements) expect(Match.objectLike(queueRef).test(s.Resource).isSuccess).toBe(true);
      const sqsActions = sqsStatements.flatMap(actions);
      for (const action of expected) expect(sqsActions).toContain(action);
      if (role === 'api') expect(sqsActions).not.toContain('sqs:ReceiveMessage');
      else expect(sqsActions).not.toContain('sqs:SendMessage');
      const secretActions = statements.filter((s) => actions(s).some((a) => a.startsWith('secretsmanager:')));
      for (const s of secretActions) expect(JSON.stringify(s.Resource)).toContain('ExecutorSecret');
    }
  });

  it('[DEP6] the secret lives in Secrets Manager; the hosts’ user data holds only its ARN', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'codesync/executor',
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'executorSecret' }),
    });
    const userData = JSON.stringify(template.findResources('AWS::EC2::LaunchTemplate'));
    expect(userData).toContain('secretsmanager get-secret-value');
    expect(userData).not.toMatch(/EXECUTOR_SECRET=[a-f0-9]{32}/);
  });

  it('[DEP8] both groups hold a terminating host for its drain: a termination hook whose heartbeat outlasts it', () => {
    const hooks = template.findResources('AWS::AutoScaling::LifecycleHook');
    const props = Object.values(hooks).map((h) => (h as { Properties: Record<string, unknown> }).Properties);
    expect(props).toHaveLength(2);
    for (const p of props) {
      expect(p).toMatchObject({
        LifecycleHookName: DRAIN_HOOK,
        LifecycleTransition: 'autoscaling:EC2_INSTANCE_TERMINATING',
        HeartbeatTimeout: DRAIN_HOOK_S,
        DefaultResult: 'CONTINUE',
      });
    }
  });
});
