/**
 * The executor fleet on AWS: an SQS FIFO queue with its dead-letter queue, API nodes in
 * an Auto Scaling group behind an HTTPS load balancer (the worker's EXECUTOR_URL), and
 * worker nodes in an Auto Scaling group that tracks the backlog per instance. Hosts
 * have no SSH (Session Manager instead), sit in private subnets, and their role may
 * only use this queue and read this secret. Why CDK: docs/DEPLOY.md.
 *
 * @example
 * new ExecutorStack(app, 'CodeSyncExecutor', { settings: { certificateArn, callbackOrigin, repoUrl, release } });
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { renderUserData } from './userData';

export interface ExecutorSettings {
  /** ACM certificate for the executor's HTTPS name (e.g. executor.codesync.example.com). */
  certificateArn: string;
  /** The worker's PUBLIC_URL origin: the only place callbacks may go. */
  callbackOrigin: string;
  repoUrl: string;
  /** The git tag or branch the hosts run. */
  release: string;
  instanceType?: string;
  workerMax?: number;
}

/** Jobs waiting per worker node the group aims for (docs/CAPACITY.md: ~2 s of work per slot). */
export const BACKLOG_PER_INSTANCE = 8;
/** SQS_VISIBILITY_TIMEOUT_S: a node extends it every half while a job runs. */
export const VISIBILITY_S = 60;
export const MAX_RECEIVES = 3;
export const EXECUTOR_PORT = 8788;
export const NODE_VERSION = '20.20.2';
/** The scale-in hook the drain watcher completes (deploy/executor/codesync-lifecycle.sh). */
export const DRAIN_HOOK = 'codesync-drain';
/** How long a terminating host may drain: the unit's TimeoutStopSec (450 s), a poll, and spare. */
export const DRAIN_HOOK_S = 600;

export class ExecutorStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { settings: ExecutorSettings }) {
    super(scope, id, props);
    const s = props.settings;

    const dlq = new sqs.Queue(this, 'JobsDlq', {
      queueName: 'codesync-jobs-dlq.fifo',
      fifo: true,
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
    });
    const queue = new sqs.Queue(this, 'Jobs', {
      queueName: 'codesync-jobs.fifo',
      fifo: true,
      visibilityTimeout: Duration.seconds(VISIBILITY_S),
      retentionPeriod: Duration.hours(1), // a job nobody ran in an hour is stale: the room gave up on it long before
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      deadLetterQueue: { queue: dlq, maxReceiveCount: MAX_RECEIVES },
    });

    // {executorSecret, metricsToken}: the worker's EXECUTOR_SECRET is the same value (docs/DEPLOY.md).
    const secret = new secrets.Secret(this, 'ExecutorSecret', {
      secretName: 'codesync/executor',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({}),
        generateStringKey: 'executorSecret',
        excludePunctuation: true,
        passwordLength: 64,
      },
    });

    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'hosts', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      ],
    });

    const group = (role: 'api' | 'worker', min: number, max: number) => {
      // Named, so that the role below can name it without depending on the group it launches.
      const groupName = `${this.stackName}-${role}`;
      const sg = new ec2.SecurityGroup(this, `${role}Hosts`, { vpc, allowAllOutbound: true });
      const instanceRole = new iam.Role(this, `${role}Role`, {
        assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      });
      // Shell access through Session Manager, audited, instead of SSH keys and port 22.
      instanceRole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore'));
      secret.grantRead(instanceRole);
      if (role === 'api') queue.grantSendMessages(instanceRole);
      else queue.grantConsumeMessages(instanceRole);
      // The drain watcher (deploy/executor/codesync-lifecycle.sh) reads its own lifecycle
      // state (an action without resource-level scope) and completes its own group's hook.
      instanceRole.addToPolicy(
        new iam.PolicyStatement({ actions: ['autoscaling:DescribeAutoScalingInstances'], resources: ['*'] }),
      );
      instanceRole.addToPolicy(
        new iam.PolicyStatement({
          actions: ['autoscaling:CompleteLifecycleAction'],
          resources: [
            `arn:${this.partition}:autoscaling:${this.region}:${this.account}:autoScalingGroup:*:autoScalingGroupName/${groupName}`,
          ],
        }),
      );
      // A launch template (AWS no longer takes new launch configurations).
      const launchTemplate = new ec2.LaunchTemplate(this, `${role}Template`, {
        instanceType: new ec2.InstanceType(s.instanceType ?? 'c7i.xlarge'),
        machineImage: ec2.MachineImage.fromSsmParameter('/aws/service/debian/release/bookworm/latest/amd64'),
        role: instanceRole,
        securityGroup: sg,
        requireImdsv2: true,
        userData: ec2.UserData.custom(
          renderUserData({
            ROLE: role,
            REGION: this.region,
            QUEUE_URL: queue.queueUrl,
            SECRET_ARN: secret.secretArn,
            CALLBACK_ORIGINS: s.callbackOrigin,
            VISIBILITY_S: String(VISIBILITY_S),
            MAX_RECEIVES: String(MAX_RECEIVES),
            REPO_URL: s.repoUrl,
            RELEASE: s.release,
            NODE_VERSION,
            GROUP_NAME: groupName,
          }),
        ),
      });
      const asg = new autoscaling.AutoScalingGroup(this, `${role}Group`, {
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        launchTemplate,
        minCapacity: min,
        maxCapacity: max,
        groupMetrics: [autoscaling.GroupMetrics.all()],
        // A host builds its sandbox images before it answers /health: give it time.
        healthCheck: autoscaling.HealthCheck.elb({ grace: Duration.minutes(15) }),
        autoScalingGroupName: groupName,
      });
      // A terminating host waits in Terminating:Wait until its watcher says the executor has
      // drained (or the heartbeat runs out, longer than the unit's TimeoutStopSec).
      asg.addLifecycleHook('Drain', {
        lifecycleHookName: DRAIN_HOOK,
        lifecycleTransition: autoscaling.LifecycleTransition.INSTANCE_TERMINATING,
        heartbeatTimeout: Duration.seconds(DRAIN_HOOK_S),
        defaultResult: autoscaling.DefaultResult.CONTINUE,
      });
      return { asg, sg };
    };

    // Two API nodes in two zones, so one failing takes no POST down. The room's checks on an
    // open run may reach the node that did not take its job: it answers 404 `not_here` and
    // the room keeps waiting for the job's events (SPEC EXEC16).
    const api = group('api', 2, 2);
    const lb = new elbv2.ApplicationLoadBalancer(this, 'ApiLoadBalancer', { vpc, internetFacing: true });
    const listener = lb.addListener('Https', {
      port: 443,
      certificates: [acm.Certificate.fromCertificateArn(this, 'Certificate', s.certificateArn)],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    });
    listener.addTargets('ApiNodes', {
      port: EXECUTOR_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [api.asg],
      healthCheck: { path: '/health', healthyHttpCodes: '200' },
      // A draining API node finishes the requests it holds (drain.ts); a POST takes well under this.
      deregistrationDelay: Duration.seconds(30),
    });

    const workers = group('worker', 1, s.workerMax ?? 20);
    // Backlog per instance: visible messages / in-service workers, tracked at BACKLOG_PER_INSTANCE
    // (the AWS-recommended SQS scaling metric; plain queue depth would not scale with the group's size).
    new autoscaling.CfnScalingPolicy(this, 'WorkerBacklogPerInstance', {
      autoScalingGroupName: workers.asg.autoScalingGroupName,
      policyType: 'TargetTrackingScaling',
      targetTrackingConfiguration: {
        targetValue: BACKLOG_PER_INSTANCE,
        customizedMetricSpecification: {
          metrics: [
            {
              id: 'visible',
              returnData: false,
              metricStat: {
                metric: {
                  namespace: 'AWS/SQS',
                  metricName: 'ApproximateNumberOfMessagesVisible',
                  dimensions: [{ name: 'QueueName', value: queue.queueName }],
                },
                stat: 'Sum',
              },
            },
            {
              id: 'inService',
              returnData: false,
              metricStat: {
                metric: {
                  namespace: 'AWS/AutoScaling',
                  metricName: 'GroupInServiceInstances',
                  dimensions: [{ name: 'AutoScalingGroupName', value: workers.asg.autoScalingGroupName }],
                },
                stat: 'Average',
              },
            },
            {
              id: 'backlogPerInstance',
              expression: 'visible / inService',
              label: 'Backlog per instance',
              returnData: true,
            },
          ],
        },
      },
    });

    new CfnOutput(this, 'ExecutorUrl', {
      value: `https://${lb.loadBalancerDnsName}`,
      description: 'Point a DNS name with the certificate at it; that name is the worker EXECUTOR_URL',
    });
    new CfnOutput(this, 'QueueUrl', { value: queue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: dlq.queueUrl });
    new CfnOutput(this, 'SecretArn', { value: secret.secretArn });
  }
}
