import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  AcceptedDeployment,
  Deployment,
  DeploymentPlan,
  type DeploymentStatus,
  type NewDeployment,
} from '@shared/deployments/deployment';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { apiPaths } from '../core/api-paths';
import { parseReply } from '../core/parse-reply';
import { nextPageLink } from '../core/next-page-link';

/** The history filters, as the server's query parameters take them (`since`/`until` ISO 8601). */
export interface DeploymentFilter {
  readonly environment?: string;
  readonly service?: string;
  readonly status?: DeploymentStatus;
  readonly user?: string;
  readonly since?: string;
  readonly until?: string;
}

/** One page of the history, and where the next one is (the server's `Link: rel="next"`), if any. */
export interface DeploymentPage {
  readonly deployments: Deployment[];
  readonly next: string | undefined;
}

/** The deployment endpoints: dry run, request, history, one deployment and the actions on it. */
@Injectable({ providedIn: 'root' })
export class DeploymentsApi {
  private readonly http = inject(HttpClient);

  /** Runs every server check and says what would happen, changing nothing. */
  async plan(request: NewDeployment): Promise<DeploymentPlan> {
    const params = new HttpParams().set('dry_run', 'true');
    const reply = await firstValueFrom(this.http.post<unknown>(apiPaths.deployments, request, { params }));
    return parseReply(DeploymentPlan, reply, 'a deployment plan');
  }

  /** Requests the deployment; it comes back Queued. */
  async start(request: NewDeployment): Promise<Deployment> {
    const reply = await firstValueFrom(this.http.post<unknown>(apiPaths.deployments, request));
    // the original's fields come first in the reply; the portal works with the record after them
    const { DeploymentID, Value, Version } = parseReply(AcceptedDeployment, reply, 'an accepted deployment');
    return { DeploymentID, Value, Version };
  }

  /** One deployment with its steps and progress. */
  async get(id: string): Promise<Deployment> {
    const reply = await firstValueFrom(this.http.get<unknown>(apiPaths.deployment(id)));
    return parseReply(Deployment, reply, 'a deployment');
  }

  /** Deployments matching the filter, newest first: one page of `perPage`. */
  async list(filter: DeploymentFilter, perPage = 100): Promise<Deployment[]> {
    return (await this.firstPage(filter, perPage)).deployments;
  }

  /** The first page of deployments matching the filter, newest first, with the link to the next. */
  async firstPage(filter: DeploymentFilter, perPage = 50): Promise<DeploymentPage> {
    let params = new HttpParams().set('per_page', perPage);
    for (const [key, value] of Object.entries(filter)) {
      if (value) {
        params = params.set(key, value);
      }
    }
    return this.page(apiPaths.deployments, params);
  }

  /** The page after one already read: its `next` URL is followed as the server gave it. */
  async more(next: string): Promise<DeploymentPage> {
    return this.page(next);
  }

  private async page(url: string, params?: HttpParams): Promise<DeploymentPage> {
    const response = await firstValueFrom(this.http.get<unknown>(url, { params, observe: 'response' }));
    return {
      deployments: parseReply(z.array(Deployment), response.body, 'a deployment list'),
      next: nextPageLink(response.headers.get('Link'), apiPaths.deployments),
    };
  }

  /** Asks the engine to stop the deployment where it is. */
  async cancel(id: string): Promise<Deployment> {
    const reply = await firstValueFrom(
      this.http.patch<unknown>(apiPaths.deployment(id), { Status: 'Cancelled' }),
    );
    return parseReply(Deployment, reply, 'a deployment');
  }

  /** Approves a deployment that waits for approval. */
  async approve(id: string): Promise<Deployment> {
    const reply = await firstValueFrom(this.http.post<unknown>(`${apiPaths.deployment(id)}/approve`, null));
    return parseReply(Deployment, reply, 'a deployment');
  }

  /** Stops the deployment and undoes what it did. */
  async rollBack(id: string): Promise<Deployment> {
    const reply = await firstValueFrom(this.http.post<unknown>(`${apiPaths.deployment(id)}/rollback`, null));
    return parseReply(Deployment, reply, 'a deployment');
  }
}
