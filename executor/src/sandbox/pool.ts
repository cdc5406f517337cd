/**
 * Pre-started, single-use sandboxes per language, so a run never waits for a
 * container to start. A taken sandbox is never returned: the pool starts a new one.
 * Only EXECUTOR_POOL_LANGUAGES are kept warm when it is set; another language's job
 * starts its sandbox when it comes (a miss), as a job with its own memory limit does.
 */
import { hostname } from 'node:os';
import type Docker from 'dockerode';
import { LANGUAGE_IDS, type LanguageId } from '../languages';
import {
  createSandbox,
  HOST_LABEL,
  OWNER_LABEL,
  PID_LABEL,
  removeInBackground,
  SANDBOX_LABEL,
  type Sandbox,
  settleRemovals,
} from './container';
import { type SandboxConfig, updatesMemory } from './runtime';

export interface PoolStats {
  ready: Record<string, number>;
  hits: number;
  misses: number;
}

export class SandboxPool {
  readonly #docker: Docker;
  readonly #config: SandboxConfig;
  readonly #images: Partial<Record<LanguageId, string>>;
  readonly #ready = new Map<LanguageId, Sandbox[]>();
  readonly #filling = new Map<LanguageId, number>();
  #closed = false;
  hits = 0;
  misses = 0;

  constructor(docker: Docker, config: SandboxConfig, images: Partial<Record<LanguageId, string>>) {
    this.#docker = docker;
    this.#config = config;
    this.#images = images;
  }

  /** The languages this executor runs: those with an image. */
  languages(): LanguageId[] {
    return LANGUAGE_IDS.filter((id) => this.#images[id]);
  }

  /** The languages kept warm: every one with an image, or those of them EXECUTOR_POOL_LANGUAGES names. */
  warm(): LanguageId[] {
    const named = this.#config.poolLanguages;
    return this.languages().filter((id) => !named || named.includes(id));
  }

  /** Removes containers a previous run of this executor left behind, then fills the pool. */
  async start(): Promise<void> {
    await removeOwned(this.#docker, this.#config.owner);
    await removeOrphans(this.#docker);
    const imageless = (this.#config.poolLanguages ?? []).filter((id) => !this.#images[id]);
    if (imageless.length)
      console.warn(`EXECUTOR_POOL_LANGUAGES names ${imageless.join(', ')}, which has no image here: not kept warm`);
    await Promise.all(this.warm().map((language) => this.#refill(language)));
  }

  /**
   * A ready sandbox for `language` (a hit), or a new one started now (a miss). The
   * caller calls `replenish` once its job is done: starting the replacement while the
   * job runs would compete with it for the engine and the CPU.
   */
  async take(language: LanguageId, memoryMb = this.#config.defaults.memoryMb): Promise<Sandbox> {
    const image = this.#images[language];
    if (!image) throw new Error(`no image for ${language}: run \`node executor/scripts/images.mjs ${language}\``);
    // Ready sandboxes run at the default memory; a runtime that cannot change it live
    // (runtime.ts) starts one at this job's limit, and the ready one stays for the next job.
    if (memoryMb !== this.#config.defaults.memoryMb && !updatesMemory(this.#config.runtime)) {
      this.misses += 1;
      return createSandbox(this.#docker, this.#config, language, image, memoryMb);
    }
    const sandbox = this.#ready.get(language)?.shift();
    if (sandbox) {
      this.hits += 1;
      return sandbox;
    }
    this.misses += 1;
    return createSandbox(this.#docker, this.#config, language, image, this.#config.defaults.memoryMb);
  }

  /** Starts replacements for the sandboxes taken from `language`'s pool. */
  replenish(language: LanguageId): void {
    void this.#refill(language);
  }

  stats(): PoolStats {
    const ready: Record<string, number> = {};
    for (const language of this.warm()) ready[language] = this.#ready.get(language)?.length ?? 0;
    return { ready, hits: this.hits, misses: this.misses };
  }

  async close(): Promise<void> {
    this.#closed = true;
    const all = [...this.#ready.values()].flat();
    this.#ready.clear();
    for (const sandbox of all) removeInBackground(sandbox.container);
    await settleRemovals();
    await removeOwned(this.#docker, this.#config.owner);
  }

  async #refill(language: LanguageId): Promise<void> {
    const image = this.#images[language];
    if (!image || this.#closed || !this.warm().includes(language)) return;
    const ready = this.#ready.get(language) ?? [];
    this.#ready.set(language, ready);
    const filling = this.#filling.get(language) ?? 0;
    const missing = this.#config.poolSize - ready.length - filling;
    if (missing <= 0) return;
    this.#filling.set(language, filling + missing);
    await Promise.all(
      Array.from({ length: missing }, async () => {
        try {
          const sandbox = await createSandbox(
            this.#docker,
            this.#config,
            language,
            image,
            this.#config.defaults.memoryMb,
          );
          if (this.#closed) removeInBackground(sandbox.container);
          else ready.push(sandbox);
        } catch (error) {
          // While closing, a start racing the final sweep is expected to fail.
          if (!this.#closed) console.error(`could not pre-start a ${language} sandbox: ${(error as Error).message}`);
        } finally {
          this.#filling.set(language, (this.#filling.get(language) ?? 1) - 1);
        }
      }),
    );
  }
}

/** Removes every container labelled with this executor's owner name. */
export async function removeOwned(docker: Docker, owner: string): Promise<number> {
  const containers = await docker.listContainers({ all: true, filters: { label: [`${OWNER_LABEL}=${owner}`] } });
  for (const c of containers) removeInBackground(docker.getContainer(c.Id));
  await settleRemovals();
  return containers.length;
}

/**
 * Removes sandboxes left by executors of this host whose process is gone (a crash, a
 * kill -9): their owner names were their own, so nobody else would ever remove them.
 * A live executor's sandboxes are never touched.
 */
export async function removeOrphans(docker: Docker): Promise<number> {
  const host = hostname();
  const containers = await docker.listContainers({
    all: true,
    filters: { label: [`${SANDBOX_LABEL}=1`, `${HOST_LABEL}=${host}`] },
  });
  const orphans = containers.filter((c) => !processAlive(Number(c.Labels[PID_LABEL])));
  for (const c of orphans) removeInBackground(docker.getContainer(c.Id));
  await settleRemovals();
  return orphans.length;
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true; // unknown: leave it alone
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
