/**
 * The room's own run limits (runLimits.ts), kept in its Durable Object's storage: read
 * once per wake, written on each change. Bounds are checked before a change gets here.
 */
import { RUN_LIMIT_DEFAULTS } from '../limits';
import { type LimitsMessage, limitsMessageOf, type RunLimits, type RunLimitsChange } from './runLimits';

/** Where the room keeps its limits: its Durable Object's storage. */
const KEY = 'run-limits';

/** The room's own limits, read once per wake and written on each change. */
export class RoomRunLimits {
  readonly #storage: Pick<DurableObjectStorage, 'get' | 'put'>;
  #cached: RunLimits | null = null;

  constructor(storage: Pick<DurableObjectStorage, 'get' | 'put'>) {
    this.#storage = storage;
  }

  async current(): Promise<RunLimits> {
    const limits = this.#cached ?? { ...RUN_LIMIT_DEFAULTS, ...(await this.#storage.get<RunLimits>(KEY)) };
    this.#cached = limits;
    return limits;
  }

  /** Applies a change already validated by `runLimitsChange`; answers the message to tell everyone. */
  async change(change: RunLimitsChange): Promise<LimitsMessage> {
    const next = { ...(await this.current()), ...change };
    await this.#storage.put(KEY, next);
    this.#cached = next;
    return limitsMessageOf(next);
  }

  async message(): Promise<LimitsMessage> {
    return limitsMessageOf(await this.current());
  }
}
