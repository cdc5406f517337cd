import { expect, it } from 'vitest';
import { locationHintFor } from '../../src/room/locationHint';

it.each([
  [{ continent: 'NA', longitude: '-122.4' }, 'wnam'],
  [{ continent: 'NA', longitude: '-74.0' }, 'enam'],
  [{ continent: 'EU', longitude: '2.35' }, 'weur'],
  [{ continent: 'EU', longitude: '37.6' }, 'eeur'],
  [{ continent: 'AS', longitude: '55.3' }, 'me'],
  [{ continent: 'AS', longitude: '139.7' }, 'apac'],
  [{ continent: 'SA' }, 'sam'],
  [{ continent: 'OC' }, 'oc'],
  [{ continent: 'AF' }, 'afr'],
  [{}, undefined],
  [undefined, undefined],
])('%j → %s', (cf, hint) => {
  expect(locationHintFor(cf)).toBe(hint);
});
