/**
 * The worker's HTTP app: every route module mounted at its path, one error path
 * (errors.ts) and the security headers on every answer. The OpenAPI document
 * (openapi/) is built from the routes registered here.
 */
import { Hono } from 'hono';
import type { Env } from './env';
import { notFound, onError } from './errors';
import { apiDocs } from './routes/apiDocs';
import { auth } from './routes/auth';
import { dashboard } from './routes/dashboard';
import { history } from './routes/history';
import { internal } from './routes/internal';
import { oidc } from './routes/oidc';
import { roomPackages } from './routes/packages';
import { panel } from './routes/panel';
import { question } from './routes/question';
import { questions } from './routes/questions';
import { report } from './routes/report';
import { restore } from './routes/restore';
import { roomSettings } from './routes/roomSettings';
import { rooms } from './routes/rooms';
import { roomRuns, runs } from './routes/runs';
import { teams } from './routes/teams';
import { tests } from './routes/tests';
import { securityHeaders } from './securityHeaders';

export const app = new Hono<{ Bindings: Env }>();

app.use('*', securityHeaders);
app.get('/health', (c) => c.json({ ok: true }));
app.route('/api/rooms/:roomId/question', question);
app.route('/api/rooms/:roomId/tests', tests);
app.route('/api/rooms/:roomId/runs', roomRuns);
app.route('/api/rooms', history);
app.route('/api/rooms', rooms);
app.route('/api/rooms', report);
app.route('/api/rooms', restore);
app.route('/api/rooms', roomSettings);
app.route('/api/rooms', roomPackages);
app.route('/api/rooms', panel);
app.route('/api/rooms', dashboard);
app.route('/api/teams', teams);
app.route('/api/runs', runs);
app.route('/api/questions', questions);
app.route('/api/auth', auth);
app.route('/api/auth', oidc);
app.route('/internal', internal);
app.route('/api', apiDocs(app));
app.notFound(notFound);
app.onError(onError);
