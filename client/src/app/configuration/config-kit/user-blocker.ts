import { computed, inject, type Signal } from '@angular/core';
import { AuthSession } from '../../core/auth-session';
import { editBlocker, type EditRequirement } from './edit-blocker';

/** Why the signed-in user may not make this change, or null, following the session; call it in a field initializer. */
export function userBlocker(requirement: EditRequirement): Signal<string | null> {
  const user = inject(AuthSession).user;
  return computed(() => editBlocker(user()?.grants ?? [], requirement));
}
