import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { OpsEnvironment } from '@shared/environments/ops-state';
import { EnvironmentServers } from '@shared/fleet/environment-servers';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { apiPaths } from '../core/api-paths';
import { parseReply } from '../core/parse-reply';

/** The environment endpoints: the list, one environment, and its server roles as they run. */
@Injectable({ providedIn: 'root' })
export class EnvironmentsApi {
  private readonly http = inject(HttpClient);

  /** Every environment with its lock and maintenance state. */
  async list(): Promise<OpsEnvironment[]> {
    const reply = await firstValueFrom(this.http.get<unknown>(apiPaths.environments));
    return parseReply(z.array(OpsEnvironment), reply, 'an environment list');
  }

  /** One environment with its lock and maintenance state. */
  async get(name: string): Promise<OpsEnvironment> {
    const reply = await firstValueFrom(this.http.get<unknown>(apiPaths.environment(name)));
    return parseReply(OpsEnvironment, reply, 'an environment');
  }

  /** The environment's server roles: ASGs, counts, versions and slice weights. */
  async servers(name: string): Promise<EnvironmentServers[]> {
    const reply = await firstValueFrom(this.http.get<unknown>(apiPaths.environmentServers(name)));
    return parseReply(z.array(EnvironmentServers), reply, 'a server list');
  }
}
