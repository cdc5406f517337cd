/**
 * The executor's side of api.ts's signatures: a request to it must be signed with the
 * worker→executor key over its method, target and raw body.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { SIGNATURE_HEADER, type SignatureCheck, TIMESTAMP_HEADER, verifySignature } from './api';

export function checkSigned(secret: string, request: FastifyRequest): Promise<SignatureCheck> {
  return verifySignature(
    secret,
    'to-executor',
    { method: request.method, path: request.url, body: request.rawBody ?? '' },
    request.headers[TIMESTAMP_HEADER] as string | undefined,
    request.headers[SIGNATURE_HEADER] as string | undefined,
  );
}

/** `Authorization: Bearer <expected>`, compared in constant time. */
export function hasBearer(request: FastifyRequest, expected: string): boolean {
  const given = Buffer.from(request.headers.authorization ?? '');
  const wanted = Buffer.from(`Bearer ${expected}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
