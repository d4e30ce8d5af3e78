import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { EnvironmentSchedule } from '@shared/schedules/environment-schedule';
import { firstValueFrom } from 'rxjs';
import { parseReply } from '../core/parse-reply';

/** The schedule endpoints the environment page reads. */
export const schedulePaths = {
  environment: (name: string) => `/api/v1/environments/${encodeURIComponent(name)}/schedule`,
} as const;

/** An environment's on/off schedule, as the server keeps it. */
@Injectable({ providedIn: 'root' })
export class ScheduleApi {
  private readonly http = inject(HttpClient);

  /** The environment's schedule (the original's three fields). */
  async environmentSchedule(name: string): Promise<EnvironmentSchedule> {
    const reply = await firstValueFrom(this.http.get<unknown>(schedulePaths.environment(name)));
    return parseReply(EnvironmentSchedule, reply, 'an environment schedule');
  }
}
