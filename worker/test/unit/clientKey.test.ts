import { describe, expect, it } from 'vitest';
import { clientAddress, clientKeySource } from '../../src/auth/clientKey';

describe('client keys (hole 7)', () => {
  it('[SEC-ABUSE4] hole 7: CF-Connecting-IP counts only where it is trusted (production config)', () => {
    const request = new Request('http://x/', { headers: { 'cf-connecting-ip': '127.0.113.9' } });
    expect(clientKeySource(request, {})).toBe('local');
    expect(clientKeySource(request, { TRUST_CF_CONNECTING_IP: 'false' })).toBe('local');
    expect(clientKeySource(request, { TRUST_CF_CONNECTING_IP: 'true' })).toBe('127.0.113.9');
  });

  it.each([
    ['2001:db8:7:7::1', '2001:db8:7:7::/64'],
    ['2001:0DB8:0007:0007:ffff:ffff:ffff:fffe', '2001:db8:7:7::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['::ffff:127.0.2.1', '127.0.2.1'],
    ['127.0.2.1', '127.0.2.1'],
  ])('[SEC-ABUSE2] %s counts as %s', (ip, key) => {
    expect(clientAddress(ip)).toBe(key);
  });
});
