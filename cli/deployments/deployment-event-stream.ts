import { EventSourceParserStream, type EventSourceMessage } from 'eventsource-parser/stream';
import { z } from 'zod';
import { Deployment, DeploymentLogLine, DeploymentStatus } from '../../shared/deployments/deployment';
import { p } from '../api/api-path';
import { isAbort, type PortalClient } from '../api/portal-client';
import { UnavailableError } from '../cli-errors';

/** One event of `GET /deployments/{id}/events`, parsed. */
export type StreamedEvent =
  | { readonly kind: 'deployment'; readonly deployment: Deployment }
  | { readonly kind: 'log'; readonly line: DeploymentLogLine }
  | { readonly kind: 'end'; readonly status: DeploymentStatus };

const End = z.strictObject({ status: DeploymentStatus });
const StreamFailure = z.object({ title: z.string(), detail: z.string().optional() });

/** Parses one message by its event name; events this version of em does not know are skipped. */
function parseMessage(message: EventSourceMessage): StreamedEvent | undefined {
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    throw new UnavailableError(`the deployment's event stream sent data that is not JSON: ${message.data}`);
  }
  const parse = <T>(schema: z.ZodType<T>): T => {
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new UnavailableError(
        `the deployment's event stream sent a ${message.event} event em cannot read`,
      );
    }
    return parsed.data;
  };
  switch (message.event) {
    case 'deployment':
      return { kind: 'deployment', deployment: parse(Deployment) };
    case 'log':
      return { kind: 'log', line: parse(DeploymentLogLine) };
    case 'end':
      return { kind: 'end', status: parse(End).status };
    case 'error': {
      const failure = parse(StreamFailure);
      throw new UnavailableError(`the deployment's event stream failed: ${failure.detail ?? failure.title}`);
    }
    default:
      return undefined;
  }
}

/**
 * Opens a deployment's Server-Sent Events stream and gives its events until the portal closes it. A
 * connection that breaks is an UnavailableError (the follower opens it again); an abort is rethrown.
 */
export async function* deploymentEvents(
  client: PortalClient,
  id: string,
  signal: AbortSignal,
): AsyncGenerator<StreamedEvent> {
  const res = await client.send('GET', p`/deployments/${id}/events`, {
    headers: { accept: 'text/event-stream' },
    signal,
  });
  if (!res.body) throw new UnavailableError(`the portal sent no event stream for deployment ${id}`);
  const messages = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  try {
    for await (const message of messages) {
      const event = parseMessage(message);
      if (event) yield event;
    }
  } catch (e) {
    if (isAbort(e) || e instanceof UnavailableError) throw e;
    throw new UnavailableError(
      `the event stream of deployment ${id} broke: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
