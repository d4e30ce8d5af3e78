import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Instance } from '@shared/fleet/instance';
import { InstanceMaintenance } from '@shared/fleet/instance-maintenance';
import { ScheduledAction, type ScheduledActionPut } from '@shared/fleet/scheduled-action';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { parseReply } from '../core/parse-reply';

/** The paths of instance maintenance and scheduled actions (only the environment page uses them). */
export const scalingPaths = {
  instances: '/api/v1/instances',
  maintenance: (id: string) => `/api/v1/instances/${encodeURIComponent(id)}/maintenance`,
  scheduledActions: (asg: string) => `/api/v1/asgs/${encodeURIComponent(asg)}/scheduled-actions`,
  scheduledAction: (asg: string, action: string) =>
    `/api/v1/asgs/${encodeURIComponent(asg)}/scheduled-actions/${encodeURIComponent(action)}`,
} as const;

/** An environment's instances, their maintenance, and its groups' scheduled scaling actions. */
@Injectable({ providedIn: 'root' })
export class ScalingApi {
  private readonly http = inject(HttpClient);

  /** The environment's instances (only those in maintenance, with `maintenance`). */
  async instances(environment: string, maintenance?: boolean): Promise<Instance[]> {
    let params = new HttpParams().set('environment', environment);
    if (maintenance !== undefined) params = params.set('maintenance', String(maintenance));
    const reply = await firstValueFrom(this.http.get<unknown>(scalingPaths.instances, { params }));
    return parseReply(z.array(Instance), reply, 'an instance list');
  }

  /** Puts an instance into maintenance (its ASG's Standby) or back into service. */
  async setMaintenance(id: string, enable: boolean): Promise<InstanceMaintenance> {
    const reply = await firstValueFrom(this.http.put<unknown>(scalingPaths.maintenance(id), { enable }));
    return parseReply(InstanceMaintenance, reply, "an instance's maintenance");
  }

  /** An ASG's scheduled actions. */
  async scheduledActions(asg: string, environment: string): Promise<ScheduledAction[]> {
    const params = new HttpParams().set('environment', environment);
    const reply = await firstValueFrom(
      this.http.get<unknown>(scalingPaths.scheduledActions(asg), { params }),
    );
    return parseReply(z.array(ScheduledAction), reply, 'a list of scheduled actions');
  }

  /** Creates or replaces a scheduled action. */
  async putScheduledAction(
    asg: string,
    environment: string,
    name: string,
    action: ScheduledActionPut,
  ): Promise<ScheduledAction> {
    const params = new HttpParams().set('environment', environment);
    const reply = await firstValueFrom(
      this.http.put<unknown>(scalingPaths.scheduledAction(asg, name), action, { params }),
    );
    return parseReply(ScheduledAction, reply, 'a scheduled action');
  }

  /** Deletes a scheduled action. */
  async deleteScheduledAction(asg: string, environment: string, name: string): Promise<void> {
    const params = new HttpParams().set('environment', environment);
    await firstValueFrom(this.http.delete<unknown>(scalingPaths.scheduledAction(asg, name), { params }));
  }
}
