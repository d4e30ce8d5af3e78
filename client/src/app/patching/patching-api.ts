import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable, InjectionToken } from '@angular/core';
import { OpsEnvironment } from '@shared/environments/ops-state';
import { Image } from '@shared/fleet/image';
import { PatchOperation, PatchPlan, type NewPatch } from '@shared/patches/patch';
import { firstValueFrom } from 'rxjs';
import { z } from 'zod';
import { apiPaths } from '../core/api-paths';
import { parseReply } from '../core/parse-reply';

/** The patch endpoints (only this feature calls them). */
export const patchPaths = {
  images: '/api/v1/images',
  patches: '/api/v1/patches',
  patch: (id: string) => `/api/v1/patches/${encodeURIComponent(id)}`,
  cancel: (id: string) => `/api/v1/patches/${encodeURIComponent(id)}/cancel`,
  approve: (id: string) => `/api/v1/patches/${encodeURIComponent(id)}/approve`,
} as const;

/** How often a running patch is read again, in milliseconds; specs set it to 0. */
export const PATCH_POLL_MS = new InjectionToken<number>('PATCH_POLL_MS', { factory: () => 2000 });

/** A patch request as the screen sends it (the schema's defaults filled in). */
export type PatchRequest = Omit<NewPatch, 'asgs'>;

/** The image patching endpoints: images, plans, patches, cancel and approve. */
@Injectable({ providedIn: 'root' })
export class PatchingApi {
  private readonly http = inject(HttpClient);

  /** The account's machine images, ranked by type and version. */
  async images(): Promise<Image[]> {
    const reply = await firstValueFrom(this.http.get<unknown>(patchPaths.images));
    return parseReply(z.array(Image), reply, 'an image list');
  }

  /** The environments a patch may target. */
  async environments(): Promise<OpsEnvironment[]> {
    const reply = await firstValueFrom(this.http.get<unknown>(apiPaths.environments));
    return parseReply(z.array(OpsEnvironment), reply, 'an environment list');
  }

  /** What the patch would do (a dry run). */
  async plan(request: PatchRequest): Promise<PatchPlan> {
    const params = new HttpParams().set('dry_run', 'true');
    const reply = await firstValueFrom(this.http.post<unknown>(patchPaths.patches, request, { params }));
    return parseReply(PatchPlan, reply, 'a patch plan');
  }

  /** Starts the patch. */
  async start(request: PatchRequest): Promise<PatchOperation> {
    const reply = await firstValueFrom(this.http.post<unknown>(patchPaths.patches, request));
    return parseReply(PatchOperation, reply, 'a patch');
  }

  /** The patches of the last 30 days, newest first. */
  async list(): Promise<PatchOperation[]> {
    const reply = await firstValueFrom(this.http.get<unknown>(patchPaths.patches));
    return parseReply(z.array(PatchOperation), reply, 'a patch list');
  }

  /** One patch and each group's status. */
  async get(id: string): Promise<PatchOperation> {
    const reply = await firstValueFrom(this.http.get<unknown>(patchPaths.patch(id)));
    return parseReply(PatchOperation, reply, 'a patch');
  }

  /** Cancels the patch: no group starts after this; those under way roll back. */
  async cancel(id: string): Promise<PatchOperation> {
    const reply = await firstValueFrom(this.http.post<unknown>(patchPaths.cancel(id), {}));
    return parseReply(PatchOperation, reply, 'a patch');
  }

  /** Approves a patch that waits for approval. */
  async approve(id: string): Promise<PatchOperation> {
    const reply = await firstValueFrom(this.http.post<unknown>(patchPaths.approve(id), {}));
    return parseReply(PatchOperation, reply, 'a patch');
  }
}
