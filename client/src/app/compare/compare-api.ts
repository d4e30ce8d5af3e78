import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { OpsEnvironment } from '@shared/environments/ops-state';
import { RunningService } from '@shared/fleet/running-service';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { apiPaths } from '../core/api-paths';
import { parseReply } from '../core/parse-reply';

/** What the compare screen reads: the environments to choose from, and what runs in each. */
@Injectable({ providedIn: 'root' })
export class CompareApi {
  private readonly http = inject(HttpClient);

  /** The names of every environment, sorted. */
  async environmentNames(): Promise<string[]> {
    const reply = await firstValueFrom(this.http.get<unknown>(apiPaths.environments));
    const environments = parseReply(z.array(OpsEnvironment), reply, 'an environment list');
    return environments.map((e) => e.EnvironmentName).sort((a, b) => a.localeCompare(b));
  }

  /** The services running in one environment, per server role, with their versions and slices. */
  async runningServices(environment: string): Promise<RunningService[]> {
    const params = new HttpParams().set('environment', environment);
    const reply = await firstValueFrom(this.http.get<unknown>('/api/v1/services', { params }));
    return parseReply(z.array(RunningService), reply, 'a running service list');
  }
}
