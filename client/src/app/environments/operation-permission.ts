import { inject, Injectable } from '@angular/core';
import { AuthSession } from '../core/auth-session';
import { EnvironmentTypeProtections } from './environment-type-protections';
import { protectableBlocker, type OperationRequest } from './protectable-blocker';

/**
 * May I: whether the signed-in user may make a change the environment type can protect (operate-asgs,
 * toggle-slices, lock-environments), decided as the server decides it, so no button is offered that the
 * server then refuses.
 */
@Injectable({ providedIn: 'root' })
export class OperationPermission {
  private readonly user = inject(AuthSession).user;
  private readonly protections = inject(EnvironmentTypeProtections);

  /**
   * Why the user may not make the change, or null when they may. It reads signals (the user, the type's
   * protections once read): call it inside a `computed()` to follow them.
   */
  blocker(request: OperationRequest): string | null {
    return protectableBlocker(this.user()?.grants ?? [], request, (type, action) =>
      this.protections.protects(type, action),
    );
  }
}
