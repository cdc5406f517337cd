/**
 * What the web app imports as `@codesync/worker/tests`: the shapes of a test run's
 * cases and outcomes (whole, and as a candidate is sent a hidden one) and the tally.
 */
export * from './schema';
