/**
 * The executor host package: the systemd unit and the cloud-init user data the CDK
 * stack renders. What can be checked without a cloud: every placeholder is filled, the
 * sandbox runtime is gVisor on systrap, the secret comes from Secrets Manager, and
 * systemd waits out a whole drain before it kills.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRAIN_DEADLINE_MS } from '../../executor/src/limits';
import { DRAIN_HOOK, DRAIN_HOOK_S } from '../cdk/executorStack';
import { renderUserData, type UserDataValues } from '../cdk/userData';

const hostFile = (name: string) => path.join(import.meta.dirname, '../executor', name);
const unit = readFileSync(hostFile('codesync-executor.service'), 'utf8');
const watcher = readFileSync(hostFile('codesync-lifecycle.sh'), 'utf8');
const values: UserDataValues = {
  ROLE: 'worker',
  REGION: 'eu-west-1',
  QUEUE_URL: 'https://sqs.test/codesync-jobs.fifo',
  SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:codesync/executor',
  CALLBACK_ORIGINS: 'https://codesync.test',
  VISIBILITY_S: '60',
  MAX_RECEIVES: '3',
  REPO_URL: 'https://git.test/codesync.git',
  RELEASE: 'v1.0.0',
  NODE_VERSION: '20.20.2',
  GROUP_NAME: 'CodeSync-worker',
};

describe('executor host package', () => {
  it('[DEP7] systemd drains with SIGTERM, waits longer than DRAIN_DEADLINE_MS before killing, and restarts a crashed executor', () => {
    const setting = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(unit)?.[1];
    expect(setting('KillSignal')).toBe('SIGTERM');
    expect(Number(setting('TimeoutStopSec')) * 1000).toBeGreaterThan(DRAIN_DEADLINE_MS);
    expect(setting('Restart')).toBe('always');
    expect(setting('EnvironmentFile')).toBe('/etc/codesync/executor.env');
  });

  it('[DEP7] the user data fills every placeholder, runs gVisor on systrap with no network, and takes the secret from Secrets Manager', () => {
    const text = renderUserData(values);
    expect(text).not.toMatch(/\{\{[A-Z_]+\}\}/);
    expect(text.startsWith('#cloud-config\n')).toBe(true);
    expect(text).toContain('"runtimeArgs": ["--platform=systrap", "--network=none"]');
    expect(text).toContain('EXECUTOR_RUNTIME=runsc');
    expect(text).toContain('EXECUTOR_QUEUE=sqs');
    expect(text).toContain('EXECUTOR_ROLE=worker');
    expect(text).toContain(`--secret-id ${values.SECRET_ARN}`);
    expect(text).toContain('npm run images');
    expect(text).toContain('systemctl enable --now codesync-executor');
    // The unit is embedded whole, indented under its write_files entry.
    expect(text).toContain('      TimeoutStopSec=');
  });

  it('[DEP7] a placeholder without a value stops the render, naming it', () => {
    const { RELEASE: _, ...missing } = values;
    expect(() => renderUserData(missing as UserDataValues)).toThrow('cloud-init.yaml: no value for {{RELEASE}}');
  });

  it('[DEP8] scale-in waits for the drain: the watcher stops the executor, then completes its group’s hook, within the hook’s heartbeat', () => {
    const text = renderUserData(values);
    expect(text).toContain('path: /usr/local/bin/codesync-lifecycle');
    expect(text).toContain(`ExecStart=/usr/local/bin/codesync-lifecycle ${values.REGION} ${values.GROUP_NAME}`);
    expect(text).toContain('systemctl enable --now codesync-lifecycle');
    // The script as shipped parses (sh -n reads it without running anything).
    expect(spawnSync('sh', ['-n', hostFile('codesync-lifecycle.sh')]).status).toBe(0);
    expect(watcher).toContain(`HOOK=${DRAIN_HOOK}`);
    const stop = watcher.indexOf('systemctl stop codesync-executor');
    const complete = watcher.indexOf('complete-lifecycle-action');
    expect(stop).toBeGreaterThan(0);
    expect(complete).toBeGreaterThan(stop);
    // The heartbeat outlasts a poll plus a whole drain that systemd waits out.
    const pollS = Number(/^POLL_S=(\d+)$/m.exec(watcher)?.[1]);
    const timeoutStopS = Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)?.[1]);
    expect(DRAIN_HOOK_S).toBeGreaterThan(pollS + timeoutStopS);
  });
});
