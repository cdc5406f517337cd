/**
 * The worker: mounts the route modules and re-exports the room Durable Object. The
 * web app is served from static assets (wrangler.toml [assets]) on the same origin.
 */
import { Hono } from 'hono';
import type { Env } from './env';
import { notFound, onError } from './errors';
import { sweepRetention } from './room/retention';
import { internal } from './routes/internal';
import { panel } from './routes/panel';
import { question } from './routes/question';
import { questions } from './routes/questions';
import { report } from './routes/report';
import { roomSettings } from './routes/roomSettings';
import { rooms } from './routes/rooms';
import { roomRuns, runs } from './routes/runs';
import { tests } from './routes/tests';
import { securityHeaders } from './securityHeaders';

const app = new Hono<{ Bindings: Env }>();

app.use('*', securityHeaders);
app.get('/health', (c) => c.json({ ok: true }));
app.route('/api/rooms/:roomId/question', question);
app.route('/api/rooms/:roomId/tests', tests);
app.route('/api/rooms/:roomId/runs', roomRuns);
app.route('/api/rooms', rooms);
app.route('/api/rooms', report);
app.route('/api/rooms', roomSettings);
app.route('/api/rooms', panel);
app.route('/api/runs', runs);
app.route('/api/questions', questions);
app.route('/internal', internal);
app.notFound(notFound);
app.onError(onError);

export default {
  fetch: app.fetch,
  /** wrangler.toml [triggers]: the retention sweep (room/retention.ts). */
  async scheduled(controller, env) {
    await sweepRetention(env, controller.scheduledTime);
  },
} satisfies ExportedHandler<Env>;
export { PanelDO } from './panel/PanelDO';
export { RoomDO } from './room/RoomDO';
