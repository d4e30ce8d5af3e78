import type { InvalidField } from '@shared/api/problem';
import { ConflictError, InputError } from '../errors/domain-errors';

/**
 * Domain checks name fields of the stored record (`body.Value.EnvironmentType`); an update whose body is
 * only that part (`PUT /config/environments/{name}` takes the Value) must name them from its own body
 * (`body.EnvironmentType`). Runs `work` and rewrites the fields of an InputError or ConflictError it throws.
 */
export async function withFieldsFrom<T>(part: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const prefix = `body.${part}.`;
    const rebase = (errors: InvalidField[]) =>
      errors.map((f) =>
        f.field.startsWith(prefix) ? { ...f, field: `body.${f.field.slice(prefix.length)}` } : f,
      );
    if (e instanceof InputError) throw new InputError(e.message, rebase(e.errors));
    if (e instanceof ConflictError && e.errors.length)
      throw new ConflictError(e.message, e.referrers, rebase(e.errors));
    throw e;
  }
}
