/**
 * Keeping a run's stored record small, by bytes as stored. The executor caps output at
 * RUN_OUTPUT_KB of UTF-8, but JSON escapes a control character as six bytes (`\u0001`),
 * so the same output can take six times that in the room's SQLite row (limit 2 MB).
 * The cap is counted after JSON encoding and applied inside the fold, so the room and
 * every browser cut at the same byte.
 */
import type { Diagnostic } from '@codesync/executor/api';
import { RUN_MAX_DIAGNOSTIC_BYTES, RUN_STORED_OUTPUT_BYTES } from '../limits';
import type { RunOutput } from './run';

/** Bytes `s` takes inside a JSON string, UTF-8 encoded (quotes not counted). */
export function jsonStringBytes(s: string, stopAfter = Number.POSITIVE_INFINITY): { bytes: number; fits: number } {
  let bytes = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let size: number;
    let units = 1;
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x0c || c === 0x0a || c === 0x0d || c === 0x09) size = 2;
    else if (c < 0x20) size = 6;
    else if (c < 0x80) size = 1;
    else if (c < 0x800) size = 2;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      size = 4; // a surrogate pair: one 4-byte character, never split
      units = 2;
    } else if (c >= 0xd800 && c <= 0xdfff)
      size = 6; // a lone surrogate is escaped
    else size = 3;
    if (bytes + size > stopAfter) break;
    bytes += size;
    i += units - 1;
  }
  return { bytes, fits: i };
}

const MAX_BYTES_PER_UNIT = 6;

/**
 * `output` with `data` appended to its `stream` (joined to the last chunk when it is
 * the same stream), cut where the stored output would pass RUN_STORED_OUTPUT_BYTES.
 */
export function appendOutput(
  output: readonly RunOutput[],
  truncated: boolean,
  chunk: RunOutput,
): { output: RunOutput[]; truncated: boolean } {
  if (truncated || chunk.data.length === 0) return { output: [...output], truncated };
  const units = output.reduce((n, o) => n + o.data.length, 0) + chunk.data.length;
  let data = chunk.data;
  let cut = false;
  // Most output is nowhere near the cap: measure only when the worst case could pass it.
  if (units * MAX_BYTES_PER_UNIT > RUN_STORED_OUTPUT_BYTES) {
    const used = output.reduce((n, o) => n + jsonStringBytes(o.data).bytes, 0);
    const { fits } = jsonStringBytes(data, RUN_STORED_OUTPUT_BYTES - used);
    cut = fits < data.length;
    data = data.slice(0, fits);
  }
  const last = output.at(-1);
  // Typed input joins only the same person's: each echo keeps who typed it.
  const by = chunk.by === undefined ? {} : { by: chunk.by };
  const joined =
    last?.stream === chunk.stream && last.by === chunk.by
      ? [...output.slice(0, -1), { stream: chunk.stream, data: last.data + data, ...by }]
      : data
        ? [...output, { stream: chunk.stream, data, ...by }]
        : [...output];
  return { output: joined, truncated: cut };
}

/** The whole output at once (from the executor's result), under the same cap. */
export function capOutput(chunks: readonly RunOutput[]): { output: RunOutput[]; truncated: boolean } {
  let acc = { output: [] as RunOutput[], truncated: false };
  for (const chunk of chunks) acc = appendOutput(acc.output, acc.truncated, chunk);
  return acc;
}

/** Diagnostics in order, as many as fit in RUN_MAX_DIAGNOSTIC_BYTES of JSON. */
export function capDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const kept: Diagnostic[] = [];
  let bytes = 0;
  for (const d of diagnostics) {
    bytes += new TextEncoder().encode(JSON.stringify(d)).byteLength;
    if (bytes > RUN_MAX_DIAGNOSTIC_BYTES) break;
    kept.push(d);
  }
  return kept;
}
