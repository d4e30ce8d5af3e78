import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { EnvironmentSchedule, type EnvironmentScheduleValue } from '@shared/schedules/environment-schedule';
import { GroupSchedule, type GroupScheduleUpdate } from '@shared/schedules/group-schedule';
import { firstValueFrom } from 'rxjs';
import { parseReply } from '../core/parse-reply';

/** The schedule endpoints the environment page reads and changes. */
export const schedulePaths = {
  environment: (name: string) => `/api/v1/environments/${encodeURIComponent(name)}/schedule`,
  group: (asg: string) => `/api/v1/asgs/${encodeURIComponent(asg)}/scaling-schedule`,
} as const;

/** An environment's on/off schedule and its groups' own, as the server keeps them. */
@Injectable({ providedIn: 'root' })
export class ScheduleApi {
  private readonly http = inject(HttpClient);

  /** The environment's schedule (the original's three fields). */
  async environmentSchedule(name: string): Promise<EnvironmentSchedule> {
    const reply = await firstValueFrom(this.http.get<unknown>(schedulePaths.environment(name)));
    return parseReply(EnvironmentSchedule, reply, 'an environment schedule');
  }

  /**
   * Replaces the environment's schedule, if it is still at the version last read (the original's
   * `expected-version`; else 409).
   */
  async setEnvironmentSchedule(
    name: string,
    version: number,
    value: EnvironmentScheduleValue,
  ): Promise<EnvironmentSchedule> {
    const headers = new HttpHeaders({ 'expected-version': String(version) });
    const reply = await firstValueFrom(
      this.http.put<unknown>(schedulePaths.environment(name), value, { headers }),
    );
    return parseReply(EnvironmentSchedule, reply, 'an environment schedule');
  }

  /** A group's schedule: its own (with whether its instances carry it) and the one that applies. */
  async groupSchedule(asg: string, environment: string): Promise<GroupSchedule> {
    const params = new HttpParams().set('environment', environment);
    const reply = await firstValueFrom(this.http.get<unknown>(schedulePaths.group(asg), { params }));
    return parseReply(GroupSchedule, reply, 'a group schedule');
  }

  /** Sets the group's own schedule, or removes it with an empty one (its environment's then applies). */
  async setGroupSchedule(
    asg: string,
    environment: string,
    update: GroupScheduleUpdate,
  ): Promise<GroupSchedule> {
    const params = new HttpParams().set('environment', environment);
    const reply = await firstValueFrom(this.http.put<unknown>(schedulePaths.group(asg), update, { params }));
    return parseReply(GroupSchedule, reply, 'a group schedule');
  }
}
