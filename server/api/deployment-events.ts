import type { Response } from 'express';
import { z } from 'zod';
import type { DeploymentStore } from '../deployments/deployment-store';
import { DEFAULT_POLL_MS, DeploymentEvents, type DeploymentEvent } from '../deployments/deployment-events';
import { route, type Route } from '../http/route';
import { problemResponses } from './problem-responses';

// a deployment's id, or a group's patch within an image patch (`<patch id>-<n>`)
const DeploymentId = z.strictObject({
  id: z.string().regex(/^[0-9A-Z]{26}(-[0-9]{1,4})?$/, 'must be a deployment id'),
});

/** How often a comment keeps an idle stream open through proxies that close silent connections. */
const HEARTBEAT_MS = 15_000;

/** Timings of the stream (the defaults in production; shorter in specs). */
export interface DeploymentEventOptions {
  readonly pollMs?: number;
  readonly heartbeatMs?: number;
}

/** One Server-Sent Events frame: `id`, `event`, one JSON `data` line, a blank line. */
function frame(id: number, event: DeploymentEvent): string {
  const data =
    event.kind === 'deployment'
      ? event.deployment
      : event.kind === 'log'
        ? event.line
        : { status: event.status };
  return `id: ${id}\nevent: ${event.kind}\ndata: ${JSON.stringify(data)}\n\n`;
}

async function stream(res: Response, events: AsyncIterable<DeploymentEvent>, heartbeatMs: number) {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  // nginx and similar proxies buffer responses unless told not to
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
  let id = 0;
  try {
    for await (const event of events) res.write(frame(++id, event));
  } catch (e) {
    // the status line is gone: say what broke in the stream itself
    const detail = e instanceof Error ? e.message : String(e);
    res.write(`event: error\ndata: ${JSON.stringify({ title: 'Stream failed', detail })}\n\n`);
  } finally {
    clearInterval(heartbeat);
    res.end();
  }
}

/** `/deployments/{id}/events`: a deployment's progress as Server-Sent Events, from any portal process. */
export function deploymentEventRoutes(store: DeploymentStore, options: DeploymentEventOptions = {}): Route[] {
  const events = new DeploymentEvents(store, options.pollMs ?? DEFAULT_POLL_MS);
  return [
    route<{ id: string }>({
      method: 'get',
      path: '/deployments/{id}/events',
      summary:
        "A deployment's progress as Server-Sent Events: `deployment` (the record, each time it changes), `log` (each new line), then `end`",
      tags: ['Deployments'],
      auth: 'signed-in',
      params: DeploymentId,
      responses: {
        200: {
          description:
            'text/event-stream: `event: deployment` (data: Deployment), `event: log` (data: DeploymentLogLine), `event: end` (data: {status}) once it is over; a comment every 15 s',
        },
        ...problemResponses(400, 401, 404),
      },
      handle: async ({ params, http }) => {
        const stop = new AbortController();
        // checked before the stream starts, so an unknown id is a normal 404 problem
        const followed = await events.open(params.id, stop.signal);
        http.res.on('close', () => stop.abort());
        await stream(http.res, followed, options.heartbeatMs ?? HEARTBEAT_MS);
        return { status: 200, handled: true };
      },
    }),
  ];
}
