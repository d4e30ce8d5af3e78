import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Instance } from '@shared/fleet/instance';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { parseReply } from '../core/parse-reply';

/** `GET /instances` without filters: every instance of the estate with its ASG and image, in one call. */
const INSTANCES_PATH = '/api/v1/instances';

/** The estate's EC2 instances, as the home page reads them. */
@Injectable({ providedIn: 'root' })
export class InstancesApi {
  private readonly http = inject(HttpClient);

  /** Every instance of the estate, each with its ASG, environment and image. */
  async list(): Promise<Instance[]> {
    const reply = await firstValueFrom(this.http.get<unknown>(INSTANCES_PATH));
    return parseReply(z.array(Instance), reply, 'a list of instances');
  }
}
