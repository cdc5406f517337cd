/**
 * What the web app imports as `@codesync/worker/runs`: the run's shapes, the room's run
 * messages, and the one fold both sides use.
 */
export { applyRunEvent } from './applyRunEvent';
export { type RunEvent, type RunMessage, runEvent, runMessages } from './events';
export * from './run';
export { type LimitsMessage, type RunLimits, type RunLimitsChange, runLimitsChange } from './runLimits';
