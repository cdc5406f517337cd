import { expect, it } from 'vitest';
import { SeekQueue } from '../src/playback/seekQueue';

it('[PLAYW3] dragging the playhead only ever sends the worker the newest position, one seek at a time', () => {
  const sent: number[] = [];
  const seeks = new SeekQueue((p) => sent.push(p));
  seeks.want(10);
  // The pointer keeps moving while the worker works on 10.
  for (let p = 11; p <= 500; p++) seeks.want(p);
  expect(sent).toEqual([10]);
  seeks.answered(10);
  // 11…499 were never worked on.
  expect(sent).toEqual([10, 500]);
  seeks.answered(500);
  // Asking again for what is shown costs nothing; asking for another position does.
  seeks.want(500);
  expect(sent).toEqual([10, 500]);
  seeks.want(3);
  expect(sent).toEqual([10, 500, 3]);
});

it('[PLAYW3] a frame cut short by a page still downloading is asked again once more history arrives, not before', () => {
  const sent: number[] = [];
  const seeks = new SeekQueue((p) => sent.push(p));
  seeks.want(5000);
  seeks.answered(5000, false);
  // No ping-pong while the page is on its way.
  expect(sent).toEqual([5000]);
  seeks.refresh();
  expect(sent).toEqual([5000, 5000]);
  seeks.answered(5000, true);
  seeks.refresh();
  expect(sent).toEqual([5000, 5000]);
});
