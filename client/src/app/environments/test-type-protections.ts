import type { HttpTestingController } from '@angular/common/http/testing';
import type { EnvironmentType } from '@shared/catalogue/environment-type';

/** The catalogue read of an environment type, as the client asks what the type protects. */
export const environmentTypeUrl = (name: string) =>
  `/api/v1/config/environment-types/${encodeURIComponent(name)}`;

/** Answers the page's read of the environment type with a record protecting these actions (none when empty). */
export function flushTypeProtections(
  http: HttpTestingController,
  environmentType: string,
  protectedActions: readonly string[],
): void {
  const record: EnvironmentType = {
    EnvironmentType: environmentType,
    Value: {
      AWSAccountNumber: '123456789012',
      ...(protectedActions.length > 0 ? { ProtectedActions: [...protectedActions] } : {}),
    },
    Version: 3,
  };
  http.expectOne(environmentTypeUrl(environmentType)).flush(record);
}
