import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { CreatedToggleToken, ToggleToken, type NewToggleToken } from '@shared/toggles/toggle-token';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { parseReply } from '../../core/parse-reply';

const base = '/api/v1/feature-toggles/tokens';

/** The feature toggle token endpoints: list, create (the secret comes back once) and revoke. */
@Injectable({ providedIn: 'root' })
export class ToggleTokensApi {
  private readonly http = inject(HttpClient);

  /** Every feature toggle token, oldest first, never their secrets. */
  async list(): Promise<ToggleToken[]> {
    const reply = await firstValueFrom(this.http.get<unknown>(base));
    return parseReply(z.array(ToggleToken), reply, 'a toggle token list');
  }

  /** Creates a token for a service in an environment; the reply is the only time its secret is shown. */
  async create(request: NewToggleToken): Promise<CreatedToggleToken> {
    const reply = await firstValueFrom(this.http.post<unknown>(base, request));
    return parseReply(CreatedToggleToken, reply, 'a new toggle token');
  }

  /** Revokes a token: the service using it is refused from the next request on. */
  async revoke(id: string): Promise<void> {
    await firstValueFrom(this.http.delete<unknown>(`${base}/${encodeURIComponent(id)}`));
  }
}
