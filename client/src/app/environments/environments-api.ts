import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  OpsEnvironment,
  type DeployLockUpdate,
  type MaintenanceUpdate,
} from '@shared/environments/ops-state';
import { EnvironmentServers, type ServerRole } from '@shared/fleet/environment-servers';
import { Image } from '@shared/fleet/image';
import { LaunchConfig, type LaunchConfigChange } from '@shared/fleet/launch-config';
import { RunningService } from '@shared/fleet/running-service';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { apiPaths } from '../core/api-paths';
import { versionHeaders } from '../core/config-api';
import { parseReply } from '../core/parse-reply';

/** The fleet endpoints the environment page calls (not in the shared path list: only this page uses them). */
export const fleetPaths = {
  images: '/api/v1/images',
  launchConfig: (asg: string) => `/api/v1/asgs/${encodeURIComponent(asg)}/launch-config`,
} as const;

/** The environment endpoints: the list, one environment, its server roles as they run, lock and maintenance. */
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

  /** The services running in the environment, per server role, with their versions, slices and instance counts. */
  async runningServices(name: string): Promise<RunningService[]> {
    const params = new HttpParams().set('environment', name);
    const reply = await firstValueFrom(this.http.get<unknown>(apiPaths.runningServices, { params }));
    return parseReply(z.array(RunningService), reply, 'a list of running services');
  }

  /** The environment's server roles: ASGs, counts, versions and slice weights. */
  async servers(name: string): Promise<ServerRole[]> {
    const reply = await firstValueFrom(this.http.get<unknown>(apiPaths.environmentServers(name)));
    return parseReply(EnvironmentServers, reply, 'a server list').ServerRoles;
  }

  /** The whole servers view: the original's ASGs in `Value` (with their images) and the server roles. */
  async serverView(name: string): Promise<EnvironmentServers> {
    const reply = await firstValueFrom(this.http.get<unknown>(apiPaths.environmentServers(name)));
    return parseReply(EnvironmentServers, reply, 'a server list');
  }

  /** What an ASG of the environment launches new instances with. */
  async launchConfig(asg: string, environment: string): Promise<LaunchConfig> {
    const params = new HttpParams().set('environment', environment);
    const reply = await firstValueFrom(this.http.get<unknown>(fleetPaths.launchConfig(asg), { params }));
    return parseReply(LaunchConfig, reply, 'a launch configuration');
  }

  /** Changes what the ASG's new instances launch with; only the fields given change. */
  async changeLaunchConfig(
    asg: string,
    environment: string,
    change: LaunchConfigChange,
  ): Promise<LaunchConfig> {
    const params = new HttpParams().set('environment', environment);
    const reply = await firstValueFrom(
      this.http.put<unknown>(fleetPaths.launchConfig(asg), change, { params }),
    );
    return parseReply(LaunchConfig, reply, 'a launch configuration');
  }

  /** The account's machine images, ranked by type and version. */
  async images(): Promise<Image[]> {
    const reply = await firstValueFrom(this.http.get<unknown>(fleetPaths.images));
    return parseReply(z.array(Image), reply, 'an image list');
  }

  /**
   * Locks deployments with the reason why (`{DeploymentsLocked: true, Reason}`) or unlocks them;
   * `version` is the operations state's (409 when someone changed it since).
   */
  async setDeployLock(name: string, version: number, body: DeployLockUpdate): Promise<OpsEnvironment> {
    const reply = await firstValueFrom(
      this.http.put<unknown>(apiPaths.environmentDeployLock(name), body, {
        headers: versionHeaders(version),
      }),
    );
    return parseReply(OpsEnvironment, reply, 'an environment');
  }

  /** Puts the environment in or out of maintenance; `version` as for the lock. */
  async setMaintenance(name: string, version: number, on: boolean): Promise<OpsEnvironment> {
    const body: z.infer<typeof MaintenanceUpdate> = { InMaintenance: on };
    const reply = await firstValueFrom(
      this.http.put<unknown>(apiPaths.environmentMaintenance(name), body, {
        headers: versionHeaders(version),
      }),
    );
    return parseReply(OpsEnvironment, reply, 'an environment');
  }
}
