import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { parseReply } from '../core/parse-reply';

/** `GET /asgs` without filters: every ASG of the estate, with its instances and tags, in one call. */
const ASGS_PATH = '/api/v1/asgs';

/** The estate's Auto Scaling groups, as the home page reads them. */
@Injectable({ providedIn: 'root' })
export class AsgsApi {
  private readonly http = inject(HttpClient);

  /** Every ASG of the estate, with or without an environment. */
  async list(): Promise<AutoScalingGroup[]> {
    const reply = await firstValueFrom(this.http.get<unknown>(ASGS_PATH));
    return parseReply(z.array(AutoScalingGroup), reply, 'a list of Auto Scaling groups');
  }
}
