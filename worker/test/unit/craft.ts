/**
 * Hand-made Yjs updates for the attack tests: structs a stock client would never
 * send (any parent, origin, content and clock), written in the V1 wire format.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export interface Spec {
  client: number;
  clock: number;
  content: Y.Item['content'];
  /** A root name or the id of the item holding the parent type (only without origins). */
  parent?: string | Y.ID;
  parentSub?: string;
  origin?: Y.ID;
  rightOrigin?: Y.ID;
}

/** An update of `specs` (one client's specs must be contiguous in clock) and deletes. */
export function craft(specs: Spec[], deletes: { client: number; clock: number; len: number }[] = []): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const byClient = new Map<number, Spec[]>();
  for (const s of specs) {
    const list = byClient.get(s.client) ?? [];
    list.push(s);
    byClient.set(s.client, list);
  }
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, list[0]?.clock ?? 0);
    for (const s of list) {
      const item = new Y.Item(
        Y.createID(client, s.clock),
        null,
        s.origin ?? null,
        null,
        s.rightOrigin ?? null,
        (s.parent ?? null) as unknown as Y.AbstractType<unknown>,
        s.parentSub ?? null,
        s.content,
      );
      item.write(encoder, 0);
    }
  }
  const ds = new Map<number, { clock: number; len: number }[]>();
  for (const d of deletes) ds.set(d.client, [...(ds.get(d.client) ?? []), d]);
  encoding.writeVarUint(encoder.restEncoder, ds.size);
  for (const [client, ranges] of ds) {
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const r of ranges) {
      encoding.writeVarUint(encoder.restEncoder, r.clock);
      encoding.writeVarUint(encoder.restEncoder, r.len);
    }
  }
  return encoder.toUint8Array();
}

export const any = (value: unknown) => new Y.ContentAny([value]);
export const str = (s: string) => new Y.ContentString(s);
export const deleted = (len: number) => new Y.ContentDeleted(len);
