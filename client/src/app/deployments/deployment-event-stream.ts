import { Injectable } from '@angular/core';
import { Deployment, DeploymentLogLine } from '@shared/deployments/deployment';
import { Observable } from 'rxjs';
import { apiPaths } from '../core/api-paths';

/** One event of a deployment's stream: the record whenever it changes, or a new log line. */
export type DeploymentEvent =
  | { readonly kind: 'deployment'; readonly deployment: Deployment }
  | { readonly kind: 'log'; readonly line: DeploymentLogLine };

/** Follows a deployment over Server-Sent Events; specs replace it with a fake that emits by hand. */
@Injectable({ providedIn: 'root' })
export class DeploymentEventStream {
  /** The deployment's events until `end`; closing the subscription closes the connection. */
  follow(id: string): Observable<DeploymentEvent> {
    return new Observable<DeploymentEvent>((subscriber) => {
      const source = new EventSource(apiPaths.deploymentEvents(id));
      const read = (event: Event): unknown => JSON.parse((event as MessageEvent<string>).data);
      source.addEventListener('deployment', (event) => {
        const parsed = Deployment.safeParse(read(event));
        if (parsed.success) {
          subscriber.next({ kind: 'deployment', deployment: parsed.data });
        }
      });
      source.addEventListener('log', (event) => {
        const parsed = DeploymentLogLine.safeParse(read(event));
        if (parsed.success) {
          subscriber.next({ kind: 'log', line: parsed.data });
        }
      });
      source.addEventListener('end', () => {
        source.close();
        subscriber.complete();
      });
      source.onerror = () => {
        // EventSource reconnects by itself while CONNECTING; CLOSED means it has given up.
        if (source.readyState === EventSource.CLOSED) {
          subscriber.error(new Error('The live updates stopped. Reload the page to follow again.'));
        }
      };
      return () => source.close();
    });
  }
}
