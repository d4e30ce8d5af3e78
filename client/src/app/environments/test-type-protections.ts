import type { HttpTestingController } from '@angular/common/http/testing';
import type { EnvironmentType } from '@shared/catalogue/environment-type';

/** The catalogue read of an environment type, as the client asks what the type protects. */
export const environmentTypeUrl = (name: string) =>
  `/api/v1/config/environment-types/${encodeURIComponent(name)}`;

function typeRecord(environmentType: string, protectedActions: readonly string[]): EnvironmentType {
  return {
    EnvironmentType: environmentType,
    Value: {
      AWSAccountNumber: '123456789012',
      ...(protectedActions.length > 0 ? { ProtectedActions: [...protectedActions] } : {}),
    },
    Version: 3,
  };
}

/** Answers the page's read of the environment type with a record protecting these actions (none when empty). */
export function flushTypeProtections(
  http: HttpTestingController,
  environmentType: string,
  protectedActions: readonly string[],
): void {
  http.expectOne(environmentTypeUrl(environmentType)).flush(typeRecord(environmentType, protectedActions));
}

/** As flushTypeProtections, for a page that asks only when the user could make the change (or not at all). */
export function flushTypeProtectionsIfAsked(
  http: HttpTestingController,
  environmentType: string,
  protectedActions: readonly string[],
): number {
  const asked = http.match(environmentTypeUrl(environmentType));
  for (const r of asked) r.flush(typeRecord(environmentType, protectedActions));
  return asked.length;
}
