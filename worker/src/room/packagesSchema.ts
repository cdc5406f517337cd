/**
 * The wire shapes of a room's declared libraries (room/packages.ts): the change an
 * editor sends and the message everyone gets. Apart from the storage so that the web
 * app imports them without the Durable Object's types.
 */
import { MAX_PACKAGE_SPEC_CHARS, MAX_PACKAGES } from '@codesync/executor/limits';
import { z } from 'zod';

/** The body of `POST /api/rooms/:roomId/packages` and of the socket's `packages` message. */
export const packagesChange = z
  .object({
    packages: z
      .array(z.string().max(MAX_PACKAGE_SPEC_CHARS, `must be at most ${MAX_PACKAGE_SPEC_CHARS} characters`))
      .max(MAX_PACKAGES, `must list at most ${MAX_PACKAGES} packages`),
  })
  .strict();
export type PackagesChange = z.infer<typeof packagesChange>;

/** Server → client: every language's declared list, on connect and on every change. */
export const packagesMessage = z.object({
  type: z.literal('packages'),
  packages: z.record(z.string(), z.array(z.string())),
});
export type PackagesMessage = z.infer<typeof packagesMessage>;
