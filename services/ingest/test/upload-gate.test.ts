import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createUploadGate } from '../src/api/upload-gate.ts';

/** What the gate sees of a response: its `close` event and whether it has closed. */
class Response extends EventEmitter {
  closed = false;
  close(): void {
    this.closed = true;
    this.emit('close');
  }
}
const response = () => new Response() as Response & ServerResponse;

describe('upload gate', () => {
  it('lets in `limit` uploads and the others in the order they arrived, one as each response closes', async () => {
    const gate = createUploadGate(2);
    const responses = Array.from({ length: 5 }, response);
    const admitted: number[] = [];
    const entered = responses.map((r, i) => gate.enter(r).then(() => admitted.push(i)));
    await Promise.all(entered.slice(0, 2));
    expect([admitted, gate.inside, gate.waiting]).toEqual([[0, 1], 2, 3]);

    responses[1]?.close();
    await entered[2];
    expect(admitted).toEqual([0, 1, 2]);
    responses[0]?.close();
    responses[2]?.close();
    await Promise.all(entered);
    expect([admitted, gate.inside, gate.waiting]).toEqual([[0, 1, 2, 3, 4], 2, 0]);
    responses[3]?.close();
    responses[4]?.close();
    expect([gate.inside, gate.waiting]).toEqual([0, 0]);
  });

  it('gives up the place of an upload whose client left while it waited, and a closed one takes none', async () => {
    const gate = createUploadGate(1);
    const [first, leaving, next] = [response(), response(), response()];
    await gate.enter(first);
    const left = gate.enter(leaving);
    const admitted = gate.enter(next);
    expect(gate.waiting).toBe(2);
    leaving.close();
    await left; // let through to end on its closed connection, without a place
    expect([gate.inside, gate.waiting]).toEqual([1, 1]);
    first.close();
    await admitted;
    expect([gate.inside, gate.waiting]).toEqual([1, 0]);

    const closed = response();
    closed.closed = true;
    await gate.enter(closed);
    expect([gate.inside, gate.waiting]).toEqual([1, 0]);
    next.close();
    expect(gate.inside).toBe(0);
  });
});
