import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { z } from 'zod';
import { catchError, map, of } from 'rxjs';
import { apiPaths } from './api-paths';

/** The anonymous health check's reply. */
const HealthCheck = z.object({ OK: z.boolean(), Version: z.string() });

/** The server's version, from its health check; undefined until known or when it cannot be read. */
@Injectable({ providedIn: 'root' })
export class ServerHealth {
  private readonly http = inject(HttpClient);

  /** The server's version string, such as "1.4.0". */
  readonly version = toSignal(
    this.http.get<unknown>(apiPaths.healthcheck).pipe(
      map((reply) => HealthCheck.safeParse(reply).data?.Version),
      catchError(() => of(undefined)),
    ),
  );
}
