/**
 * Where to create a new room's Durable Object: near its creator, from the request's
 * `cf` properties. Everyone in the room then talks to one object close to the
 * interviewer who set it up.
 */
export function locationHintFor(
  cf: { continent?: unknown; longitude?: unknown } | undefined,
): DurableObjectLocationHint | undefined {
  const longitude = Number(cf?.longitude);
  switch (cf?.continent) {
    case 'NA':
      return Number.isFinite(longitude) && longitude < -100 ? 'wnam' : 'enam';
    case 'SA':
      return 'sam';
    case 'EU':
      return Number.isFinite(longitude) && longitude > 20 ? 'eeur' : 'weur';
    case 'AS':
      // West Asia (the Middle East) sits west of about 60°E.
      return Number.isFinite(longitude) && longitude < 60 ? 'me' : 'apac';
    case 'OC':
      return 'oc';
    case 'AF':
      return 'afr';
    default:
      return undefined;
  }
}
