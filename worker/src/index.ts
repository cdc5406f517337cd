/**
 * The worker: mounts the route modules and re-exports the room Durable Object.
 */
import { Hono } from 'hono';
import type { Env } from './env';
import { notFound, onError } from './errors';
import { home } from './routes/home';
import { internal } from './routes/internal';
import { rooms } from './routes/rooms';
import { runs } from './routes/runs';

const app = new Hono<{ Bindings: Env }>();

app.route('/', home);
app.route('/api/rooms', rooms);
app.route('/api/runs', runs);
app.route('/internal', internal);
app.notFound(notFound);
app.onError(onError);

export default app;
export { RoomDO } from './room/RoomDO';
