import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  FeatureToggle,
  StaleToggles,
  type NewFeatureToggle,
  type ToggleChange,
} from '@shared/toggles/feature-toggle';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { versionHeaders } from '../core/config-api';
import { parseReply } from '../core/parse-reply';

const base = '/api/v1/feature-toggles';
const item = (service: string, name: string) =>
  `${base}/${encodeURIComponent(service)}/${encodeURIComponent(name)}`;
const setting = (service: string, name: string, environment: string) =>
  `${item(service, name)}/environments/${encodeURIComponent(environment)}`;

/** What a setting change did: applied (200), or waiting for someone else's approval (202). */
export interface ToggleChangeReply {
  readonly toggle: FeatureToggle;
  readonly pending: boolean;
}

/** The feature toggle endpoints, replies parsed with the shared schemas. */
@Injectable({ providedIn: 'root' })
export class TogglesApi {
  private readonly http = inject(HttpClient);

  /** Every live toggle (of one service), with its setting in each environment set; archived ones too on request. */
  async list(options: { service?: string; archived?: boolean } = {}): Promise<FeatureToggle[]> {
    let params = new HttpParams();
    if (options.service) params = params.set('service', options.service);
    if (options.archived) params = params.set('archived', 'true');
    const reply = await firstValueFrom(this.http.get<unknown>(base, { params }));
    return parseReply(z.array(FeatureToggle), reply, 'a toggle list');
  }

  /** One toggle, archived ones too. */
  async get(service: string, name: string): Promise<FeatureToggle> {
    const reply = await firstValueFrom(this.http.get<unknown>(item(service, name)));
    return parseReply(FeatureToggle, reply, 'a toggle');
  }

  /** Creates a toggle of a catalogue service, off everywhere. */
  async create(toggle: NewFeatureToggle): Promise<FeatureToggle> {
    const reply = await firstValueFrom(this.http.post<unknown>(base, toggle));
    return parseReply(FeatureToggle, reply, 'a toggle');
  }

  /** Sets the toggle in an environment, if its setting there is still at `version` (0 before the first). */
  async set(
    toggle: Pick<FeatureToggle, 'service' | 'name'>,
    environment: string,
    version: number,
    change: ToggleChange,
  ): Promise<ToggleChangeReply> {
    const response = await firstValueFrom(
      this.http.put<unknown>(setting(toggle.service, toggle.name, environment), change, {
        headers: versionHeaders(version),
        observe: 'response',
      }),
    );
    return {
      toggle: parseReply(FeatureToggle, response.body, 'a toggle'),
      pending: response.status === 202,
    };
  }

  /** Approves the change waiting in an environment, at the version of its setting read. */
  async approve(
    toggle: Pick<FeatureToggle, 'service' | 'name'>,
    environment: string,
    version: number,
  ): Promise<FeatureToggle> {
    const reply = await firstValueFrom(
      this.http.post<unknown>(`${setting(toggle.service, toggle.name, environment)}/approve`, null, {
        headers: versionHeaders(version),
      }),
    );
    return parseReply(FeatureToggle, reply, 'a toggle');
  }

  /** The kill switch: off at once in one environment, or in every one it is set in (none named). */
  async kill(
    toggle: Pick<FeatureToggle, 'service' | 'name'>,
    reason: string,
    environment?: string,
  ): Promise<FeatureToggle> {
    const body = environment === undefined ? { reason } : { environment, reason };
    const reply = await firstValueFrom(
      this.http.post<unknown>(`${item(toggle.service, toggle.name)}/kill`, body),
    );
    return parseReply(FeatureToggle, reply, 'a toggle');
  }

  /** Archives the toggle: off everywhere, its name never used again. */
  async archive(toggle: Pick<FeatureToggle, 'service' | 'name'>): Promise<FeatureToggle> {
    const reply = await firstValueFrom(this.http.delete<unknown>(item(toggle.service, toggle.name)));
    return parseReply(FeatureToggle, reply, 'a toggle');
  }

  /** The toggles fully on or fully off everywhere they are set for at least `days`, by team. */
  async stale(days: number): Promise<StaleToggles> {
    const params = new HttpParams().set('days', String(days));
    const reply = await firstValueFrom(this.http.get<unknown>(`${base}/stale`, { params }));
    return parseReply(StaleToggles, reply, 'a stale toggle report');
  }
}
