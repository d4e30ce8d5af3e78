import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ApiToken, CreatedApiToken, type NewApiToken } from '@shared/auth/user';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { apiPaths } from '../core/api-paths';
import { parseReply } from '../core/parse-reply';

/** The signed-in user's personal API tokens: list, create (the secret comes back once) and revoke. */
@Injectable({ providedIn: 'root' })
export class ApiTokensApi {
  private readonly http = inject(HttpClient);

  /** The user's tokens, never their secrets. */
  async list(): Promise<ApiToken[]> {
    const reply = await firstValueFrom(this.http.get<unknown>(apiPaths.userTokens));
    return parseReply(z.array(ApiToken), reply, 'a token list');
  }

  /** Creates a token; the reply is the only time its secret is shown. */
  async create(request: NewApiToken): Promise<z.infer<typeof CreatedApiToken>> {
    const reply = await firstValueFrom(this.http.post<unknown>(apiPaths.userTokens, request));
    return parseReply(CreatedApiToken, reply, 'a new token');
  }

  /** Revokes a token: scripts using it are refused from then on. */
  async revoke(id: string): Promise<void> {
    await firstValueFrom(this.http.delete<unknown>(apiPaths.userToken(id)));
  }
}
