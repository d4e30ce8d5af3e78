import { InputError } from '../errors/domain-errors';

/**
 * Domain checks name fields of the stored record (`body.Value.EnvironmentType`); an update whose body is
 * only that part (`PUT /config/environments/{name}` takes the Value) must name them from its own body
 * (`body.EnvironmentType`). Runs `work` and rewrites the fields of an InputError it throws.
 */
export async function withFieldsFrom<T>(part: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const prefix = `body.${part}.`;
    const errors = e.errors.map((f) =>
      f.field.startsWith(prefix) ? { ...f, field: `body.${f.field.slice(prefix.length)}` } : f,
    );
    throw new InputError(e.message, errors);
  }
}
