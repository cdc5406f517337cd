/**
 * Reads the report (`GET /api/rooms/:roomId/report`) and checks it against the
 * report's schema: the page renders only what the contract says. A refusal comes back
 * as the server's own words (403 to a candidate says who may see it).
 */
import { type Report, reportSchema } from '@codesync/worker/report';

export type ReportAnswer = { ok: true; report: Report } | { ok: false; message: string };

export async function fetchReport(roomId: string, token: string): Promise<ReportAnswer> {
  let res: Response;
  try {
    res = await fetch(`/api/rooms/${roomId}/report`, { headers: { authorization: `Bearer ${token}` } });
  } catch (error) {
    return { ok: false, message: `The server could not be reached (${(error as Error).message}). Try again.` };
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
    return { ok: false, message: typeof message === 'string' ? message : `The server answered ${res.status}.` };
  }
  const parsed = reportSchema.safeParse(body);
  if (!parsed.success) {
    console.error('the report does not match its schema', parsed.error.issues.slice(0, 5));
    return { ok: false, message: 'The report came back in a shape this page does not know. Reload to update it.' };
  }
  return { ok: true, report: parsed.data };
}
