import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { DeliveryAttempt, TestDeliveryResult } from '@shared/notifications/delivery';
import {
  NotificationSettings,
  type NewNotificationSettings,
  type NotificationSettingsValueInput,
} from '@shared/notifications/notification-settings';
import { versionHeaders } from '../core/config-api';
import { parseReply } from '../core/parse-reply';

const BASE = '/api/v1/config/notification-settings';
const item = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/** The notification settings API: the records, a test send and the delivery log, replies parsed. */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  async list(): Promise<NotificationSettings[]> {
    const reply = await firstValueFrom(this.http.get<unknown>(BASE));
    return parseReply(z.array(NotificationSettings), reply, 'a notification settings list');
  }

  async get(id: string): Promise<NotificationSettings> {
    return parseReply(
      NotificationSettings,
      await firstValueFrom(this.http.get<unknown>(item(id))),
      'settings',
    );
  }

  async create(body: NewNotificationSettings): Promise<NotificationSettings> {
    return parseReply(
      NotificationSettings,
      await firstValueFrom(this.http.post<unknown>(BASE, body)),
      'settings',
    );
  }

  /** Replaces the value, if the record is still at the version last read (else 409). */
  async update(
    id: string,
    version: number,
    value: NotificationSettingsValueInput,
  ): Promise<NotificationSettings> {
    const reply = await firstValueFrom(
      this.http.put<unknown>(item(id), value, { headers: versionHeaders(version) }),
    );
    return parseReply(NotificationSettings, reply, 'settings');
  }

  async remove(id: string, version: number): Promise<void> {
    await firstValueFrom(this.http.delete<unknown>(item(id), { headers: versionHeaders(version) }));
  }

  /** Sends a test event to every webhook now; answers what each said. */
  async sendTest(id: string): Promise<TestDeliveryResult> {
    const reply = await firstValueFrom(this.http.post<unknown>(`${item(id)}/test`, {}));
    return parseReply(TestDeliveryResult, reply, 'a test result');
  }

  /** The delivery log, newest first. */
  async deliveries(id: string, perPage = 100): Promise<DeliveryAttempt[]> {
    const reply = await firstValueFrom(
      this.http.get<unknown>(`${item(id)}/deliveries`, {
        params: new HttpParams({ fromObject: { per_page: String(perPage) } }),
      }),
    );
    return parseReply(z.array(DeliveryAttempt), reply, 'a delivery log');
  }
}
