/**
 * Checkpoints of the document for `files?at=`: the state after some update `seq`, kept
 * in R2 at `rooms/<id>/checkpoints/<seq>` and indexed by `history_checkpoints`, so the
 * server rebuilds any moment from the nearest checkpoint before it, never from the start.
 *
 * A checkpoint is the compaction's snapshot (doc_snapshot: the whole document after
 * `upto_seq`), copied every time history is archived (storage/history.ts), and a room
 * archives once HISTORY_ARCHIVE_ROWS (HISTORY_CHECKPOINT_UPDATES) covered rows wait, or
 * HISTORY_ARCHIVE_BYTES (HIST5). The snapshot still in SQLite is a checkpoint too, the
 * newest. So between any moment and the checkpoint chosen for it lie at most
 * HISTORY_CHECKPOINT_UPDATES + one compaction's updates (PLAY8 measures it). Should R2
 * refuse a write, that checkpoint is missing and the next archive writes one: the bound
 * stretches, answers stay right.
 *
 * @example
 * await keepCheckpoint(storage, bucket, roomId); // history.ts, while archiving
 * const base = await checkpointAtOrBefore(storage, bucket, 4100); // {seq: 4096, state}
 */

const pad = (n: number) => String(n).padStart(12, '0');
export const checkpointKey = (roomId: string, seq: number) => `rooms/${roomId}/checkpoints/${pad(seq)}`;

/** The document after update `seq` (an empty state and 0: before the first update). */
export interface Checkpoint {
  seq: number;
  state: Uint8Array | null;
}

/** Copies the compaction's snapshot to R2 unless the last checkpoint is that snapshot; returns whether it did. */
export async function keepCheckpoint(
  storage: DurableObjectStorage,
  bucket: R2Bucket,
  roomId: string,
): Promise<boolean> {
  const { sql } = storage;
  const snapshot = sql
    .exec<{ data: ArrayBuffer; upto_seq: number }>('SELECT data, upto_seq FROM doc_snapshot WHERE id = 1')
    .toArray()[0];
  if (!snapshot || snapshot.upto_seq === 0) return false;
  const last = sql.exec<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM history_checkpoints').one().seq;
  if (snapshot.upto_seq <= last) return false;
  const key = checkpointKey(roomId, snapshot.upto_seq);
  await bucket.put(key, snapshot.data);
  sql.exec(
    'INSERT INTO history_checkpoints (seq, bytes, r2_key) VALUES (?, ?, ?) ON CONFLICT (seq) DO NOTHING',
    snapshot.upto_seq,
    snapshot.data.byteLength,
    key,
  );
  return true;
}

/** The newest checkpoint at or before `seq`: the snapshot in SQLite if it is, else one in R2, else none. */
export async function checkpointAtOrBefore(
  storage: DurableObjectStorage,
  bucket: R2Bucket,
  seq: number,
): Promise<Checkpoint> {
  const { sql } = storage;
  const snapshot = sql
    .exec<{ data: ArrayBuffer; upto_seq: number }>(
      'SELECT data, upto_seq FROM doc_snapshot WHERE id = 1 AND upto_seq <= ? AND upto_seq > 0',
      seq,
    )
    .toArray()[0];
  const kept = sql
    .exec<{ seq: number; r2_key: string }>(
      'SELECT seq, r2_key FROM history_checkpoints WHERE seq <= ? ORDER BY seq DESC LIMIT 1',
      seq,
    )
    .toArray()[0];
  if (snapshot && snapshot.upto_seq >= (kept?.seq ?? 0)) {
    return { seq: snapshot.upto_seq, state: new Uint8Array(snapshot.data) };
  }
  if (!kept) return { seq: 0, state: null };
  const object = await bucket.get(kept.r2_key);
  if (!object) throw new Error(`history checkpoint ${kept.r2_key} is missing from R2`);
  return { seq: kept.seq, state: new Uint8Array(await object.arrayBuffer()) };
}
