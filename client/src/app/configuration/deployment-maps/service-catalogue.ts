import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Service } from '@shared/catalogue/service';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { parseReply } from '../../core/parse-reply';

/** The service catalogue as the role editor needs it: the names a role may host. */
@Injectable({ providedIn: 'root' })
export class ServiceCatalogue {
  private readonly http = inject(HttpClient);

  /** The names of every live (not deleted) service, sorted. */
  async names(): Promise<string[]> {
    const reply = await firstValueFrom(this.http.get<unknown>('/api/v1/config/services'));
    return parseReply(z.array(Service), reply, 'a service list')
      .filter((s) => !s.Deleted)
      .map((s) => s.ServiceName)
      .sort((a, b) => a.localeCompare(b));
  }
}
