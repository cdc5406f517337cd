/**
 * Room storage step 2 (worker/src/room/storage/migrations.ts): runs as a union by state.
 * Frozen once shipped, like every step: it converts the rows step 1's code wrote (one
 * flat shape with nullable fields for every state) and never reads today's types.
 */
type Flat = Record<string, unknown> & { state: string; createdAt: number };

function toUnion(flat: Flat): Record<string, unknown> {
  const { runId, startedBy, language, path, stdin, createdAt } = flat;
  const asked = { runId, startedBy, language, path, stdin, createdAt };
  const produced = { output: flat.output ?? [], truncated: flat.truncated ?? false };
  switch (flat.state) {
    case 'queued':
      return { ...asked, state: 'queued' };
    case 'running':
      return { ...asked, ...produced, state: 'running', startedAt: flat.startedAt ?? createdAt };
    case 'finished':
      return {
        ...asked,
        ...produced,
        state: 'finished',
        startedAt: flat.startedAt ?? createdAt,
        finishedAt: flat.finishedAt ?? createdAt,
        verdict: flat.verdict ?? 'internal_error',
        exitCode: flat.exitCode ?? null,
        signal: flat.signal ?? null,
        timeMs: flat.timeMs ?? null,
        memoryKb: flat.memoryKb ?? null,
        compileTimeMs: flat.compileTimeMs ?? null,
        compileMemoryKb: flat.compileMemoryKb ?? null,
        diagnostics: flat.diagnostics ?? [],
      };
    default:
      return {
        ...asked,
        ...produced,
        state: 'failed',
        startedAt: flat.startedAt ?? null,
        finishedAt: flat.finishedAt ?? createdAt,
        error: flat.error ?? 'executor_unreachable',
        message: flat.message ?? 'This run ended without a result.',
        retryAfterS: flat.retryAfterS ?? null,
      };
  }
}

export function runsAsUnion(sql: SqlStorage): void {
  // Early events were kept in memory before: they become part of the row.
  sql.exec("ALTER TABLE runs ADD COLUMN held TEXT NOT NULL DEFAULT '[]'");
  sql.exec('CREATE INDEX IF NOT EXISTS runs_by_created ON runs (created_at)');
  for (const { run_id, data } of sql
    .exec<{ run_id: string; data: string }>('SELECT run_id, data FROM runs')
    .toArray()) {
    sql.exec('UPDATE runs SET data = ? WHERE run_id = ?', JSON.stringify(toUnion(JSON.parse(data) as Flat)), run_id);
  }
}
