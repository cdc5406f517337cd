/**
 * Reads the report (`GET /api/rooms/:roomId/report`) and checks it against the
 * report's schema: the page renders only what the contract says. A refusal comes back
 * as the server's own words (403 to a candidate says who may see it).
 */
import { type Report, reportSchema } from '@codesync/worker/report';
import { api, messageOf } from '../api/client';

export type ReportAnswer = { ok: true; report: Report } | { ok: false; message: string };

export async function fetchReport(roomId: string, token: string): Promise<ReportAnswer> {
  let body: unknown;
  try {
    body = await api(`/api/rooms/${roomId}/report`, { token });
  } catch (error) {
    return { ok: false, message: messageOf(error) };
  }
  const parsed = reportSchema.safeParse(body);
  if (!parsed.success) {
    console.error('the report does not match its schema', parsed.error.issues.slice(0, 5));
    return { ok: false, message: 'The report came back in a shape this page does not know. Reload to update it.' };
  }
  return { ok: true, report: parsed.data };
}
