import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { NewService, Service, type ServiceValue } from '@shared/catalogue/service';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { versionHeaders } from '../core/config-api';
import { parseReply } from '../core/parse-reply';

const services = '/api/v1/config/services';
/** The by-name read also answers for a service whose owning cluster the page does not know yet. */
const byName = (name: string) => `/api/v1/config/service/${encodeURIComponent(name)}`;
/** Writes name the owning cluster too, so a change cannot land on a service that changed hands. */
const owned = (service: Pick<Service, 'ServiceName' | 'OwningCluster'>) =>
  `${services}/${encodeURIComponent(service.ServiceName)}/${encodeURIComponent(service.OwningCluster)}`;

/** The service catalogue endpoints, and where each service runs. */
@Injectable({ providedIn: 'root' })
export class CatalogueApi {
  private readonly http = inject(HttpClient);

  /** Every service; with `includeDeleted`, the soft-deleted ones too (marked `Deleted`). */
  async list(options: { includeDeleted?: boolean } = {}): Promise<Service[]> {
    const params = options.includeDeleted ? new HttpParams().set('include_deleted', 'true') : undefined;
    const reply = await firstValueFrom(this.http.get<unknown>(services, { params }));
    return parseReply(z.array(Service), reply, 'a service list');
  }

  /** One live service by name. */
  async get(name: string): Promise<Service> {
    const reply = await firstValueFrom(this.http.get<unknown>(byName(name)));
    return parseReply(Service, reply, 'a service');
  }

  /** Creates a service (or restores a deleted one of that name); it comes back at its new version. */
  async create(service: NewService): Promise<Service> {
    const reply = await firstValueFrom(this.http.post<unknown>(services, service));
    return parseReply(Service, reply, 'a service');
  }

  /** Replaces what the service holds, if it is still at the version last read (else 409). */
  async update(service: Service, value: ServiceValue): Promise<Service> {
    const reply = await firstValueFrom(
      this.http.put<unknown>(owned(service), value, { headers: versionHeaders(service.Version) }),
    );
    return parseReply(Service, reply, 'a service');
  }

  /** Soft-deletes the service, if it is still at the version last read; its name and ports stay reserved. */
  async remove(service: Service): Promise<void> {
    await firstValueFrom(
      this.http.delete<unknown>(owned(service), { headers: versionHeaders(service.Version) }),
    );
  }
}
