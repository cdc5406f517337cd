/**
 * The executor host's cloud-init user data (deploy/executor/cloud-init.yaml) with its
 * placeholders filled. Every `{{NAME}}` must be given: a missing one throws, so a
 * template change cannot ship a host that boots half-configured.
 *
 * @example
 * const text = renderUserData({ ROLE: 'worker', QUEUE_URL: queue.queueUrl, ... });
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(import.meta.dirname, '../executor');

export interface UserDataValues {
  ROLE: 'api' | 'worker';
  REGION: string;
  QUEUE_URL: string;
  SECRET_ARN: string;
  CALLBACK_ORIGINS: string;
  VISIBILITY_S: string;
  MAX_RECEIVES: string;
  REPO_URL: string;
  RELEASE: string;
  NODE_VERSION: string;
  /** The host's Auto Scaling group, whose lifecycle hook the drain watcher completes. */
  GROUP_NAME: string;
}

/** Files embedded in the user data, each filled in the same way and placed under `content: |`. */
const EMBEDDED = {
  UNIT: 'codesync-executor.service',
  LIFECYCLE_SCRIPT: 'codesync-lifecycle.sh',
  LIFECYCLE_UNIT: 'codesync-lifecycle.service',
} as const;

export function renderUserData(values: UserDataValues): string {
  const fill = (file: string, all: Record<string, string>) =>
    readFileSync(path.join(DIR, file), 'utf8').replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
      const value = all[name];
      if (value === undefined) throw new Error(`${file}: no value for {{${name}}}`);
      return value;
    });
  const all: Record<string, string> = { ...values };
  for (const [name, file] of Object.entries(EMBEDDED)) {
    // In a YAML block scalar the placeholder stands indented under `content: |`: each
    // line after the first takes the same indent.
    all[name] = fill(file, values as unknown as Record<string, string>)
      .trimEnd()
      .split('\n')
      .join('\n      ');
  }
  return fill('cloud-init.yaml', all);
}
