/**
 * The worker: mounts the route modules and re-exports the room Durable Object.
 */
import { Hono } from 'hono';
import type { Env } from './env';
import { notFound, onError } from './errors';
import { home } from './routes/home';
import { rooms } from './routes/rooms';

const app = new Hono<{ Bindings: Env }>();

app.route('/', home);
app.route('/api/rooms', rooms);
app.notFound(notFound);
app.onError(onError);

export default app;
export { RoomDO } from './room/RoomDO';
