/**
 * A stored run stays small by bytes: output is cut after JSON encoding (where control
 * characters take six bytes each) and marked truncated, by the same fold everywhere.
 */
import { describe, expect, it } from 'vitest';
import { RUN_OUTPUT_KB, RUN_ROW_MAX_BYTES, RUN_STORED_OUTPUT_BYTES } from '../../../src/limits';
import { appendOutput, capOutput, jsonStringBytes } from '../../../src/runs/output';
import { Driven, result } from './support';

const encoded = (s: string) => new TextEncoder().encode(JSON.stringify(s)).byteLength - 2;
const storedBytes = (output: { data: string }[]) => output.reduce((n, o) => n + encoded(o.data), 0);

describe('the stored size of output', () => {
  it('[RUN14] counts bytes exactly as JSON writes them', () => {
    for (const s of ['plain', 'tab\tnew\nline', '\u0001\u001f\u007f', 'quote " back \\', 'é中😀', '\ud800 lone', '']) {
      expect(jsonStringBytes(s).bytes, JSON.stringify(s)).toBe(encoded(s));
    }
  });

  it('[RUN14] output of control characters is cut under the cap and marked truncated', () => {
    const hostile = '\u0001'.repeat(RUN_OUTPUT_KB * 1024); // what the executor allows: 6× once escaped
    const d = Driven.accepted();
    d.event(0, { type: 'started' });
    for (let seq = 1; seq <= 16; seq++) {
      d.event(seq, { type: 'output', stream: 'stdout', data: hostile.slice(0, hostile.length / 16) });
    }
    d.event(17, { type: 'finished', result: result({ stdout: hostile, truncated: false }) });
    const run = d.run;
    expect(run.state).toBe('finished');
    if (run.state !== 'finished') return;
    expect(run.truncated).toBe(true);
    expect(storedBytes(run.output)).toBeLessThanOrEqual(RUN_STORED_OUTPUT_BYTES);
    expect(storedBytes(run.output)).toBeGreaterThan(RUN_STORED_OUTPUT_BYTES - 6);
    expect(new TextEncoder().encode(JSON.stringify(d.stored)).byteLength).toBeLessThan(RUN_ROW_MAX_BYTES);
    expect(d.folded()).toEqual(run);
  });

  it("[RUN14] the executor's whole output as plain text is kept whole", () => {
    const text = 'line of output\n'.repeat(Math.floor((RUN_OUTPUT_KB * 1024) / 15));
    expect(capOutput([{ stream: 'stdout', data: text }])).toEqual({
      output: [{ stream: 'stdout', data: text }],
      truncated: false,
    });
  });

  it('[RUN14] a result that replaces lost chunks is cut the same way', () => {
    const { output, truncated } = capOutput([
      { stream: 'compile', data: '\u0002'.repeat(RUN_STORED_OUTPUT_BYTES) },
      { stream: 'stdout', data: 'never reached' },
    ]);
    expect(truncated).toBe(true);
    expect(output.map((o) => o.stream)).toEqual(['compile']);
    expect(storedBytes(output)).toBeLessThanOrEqual(RUN_STORED_OUTPUT_BYTES);
  });

  it('[RUN14] a finished event that replaces lost chunks is broadcast already cut', () => {
    const d = Driven.accepted();
    d.event(0, { type: 'started' });
    d.event(1, { type: 'finished', result: result({ stdout: '\u0003'.repeat(RUN_OUTPUT_KB * 1024) }) });
    const finished = d.effects.flatMap((e) =>
      e.kind === 'broadcast' && e.message.type === 'run.event' && e.message.event.type === 'finished'
        ? [e.message.event]
        : [],
    )[0];
    expect(finished?.truncated).toBe(true);
    expect(storedBytes(finished?.output ?? [])).toBeLessThanOrEqual(RUN_STORED_OUTPUT_BYTES);
    expect(d.folded()).toEqual(d.run);
  });

  it('[RUN14] never splits a character in two, and takes nothing more once cut', () => {
    const emoji = '😀'.repeat(RUN_STORED_OUTPUT_BYTES / 4 + 10);
    const cut = appendOutput([], false, { stream: 'stdout', data: emoji });
    expect(cut.truncated).toBe(true);
    const data = cut.output[0]?.data ?? '';
    expect(data.length % 2).toBe(0);
    expect(data.endsWith('😀')).toBe(true);
    expect(appendOutput(cut.output, cut.truncated, { stream: 'stderr', data: 'more' }).output).toEqual(cut.output);
  });
});
