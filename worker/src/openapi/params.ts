/**
 * The path parameters many routes share, as the routes check them: a room id is
 * ROOM_ID_PATTERN (auth/tokens.ts, anything else is 404 before D1 is asked), a role one
 * of ROLES. A route with a parameter of its own names it in `describeRoute({params})`.
 */
import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { ROOM_ID_PATTERN } from '../auth/tokens';

export const PATH_PARAMS: Record<string, z.ZodType> = {
  roomId: z.string().regex(ROOM_ID_PATTERN).describe('The room’s id: 22 base64url characters.'),
  runId: z.string().describe('A run’s id, as POST …/runs or …/tests answered it.'),
  role: z.enum(ROLES).describe('A role of the room.'),
  slug: z.string().describe('A question’s slug, as GET /api/questions lists them.'),
};
