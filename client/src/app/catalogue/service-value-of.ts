import type { ServiceValue } from '@shared/catalogue/service';
import { parseTags } from './service-field-validators';
import type { ServiceForm } from './service-form';

/**
 * The ServiceValue the form describes. Empty optional fields are left out (the server refuses '' for an
 * e-mail or URL); what the form does not edit, such as SchemaVersion, is kept from `base`.
 */
export function serviceValueOf(form: ServiceForm, base?: ServiceValue): ServiceValue {
  const f = form.getRawValue();
  const tags = parseTags(f.Tags);
  const value: ServiceValue = {
    ...(f.Description.trim() ? { Description: f.Description.trim() } : {}),
    Lifecycle: f.Lifecycle,
    ...(f.BluePort !== null ? { BluePort: f.BluePort } : {}),
    ...(f.GreenPort !== null ? { GreenPort: f.GreenPort } : {}),
    ...(f.PackageType ? { PackageType: f.PackageType } : {}),
    ...(f.Contacts.length > 0
      ? {
          Contacts: f.Contacts.map((c) => ({
            Name: c.Name.trim(),
            ...(c.Email.trim() ? { Email: c.Email.trim() } : {}),
            ...(c.Role.trim() ? { Role: c.Role.trim() } : {}),
          })),
        }
      : {}),
    ...(f.Links.length > 0
      ? { Links: f.Links.map((l) => ({ Title: l.Title.trim(), Url: l.Url.trim() })) }
      : {}),
    ...(tags.length > 0 ? { Tags: tags } : {}),
  };
  return base?.SchemaVersion === undefined ? value : { ...value, SchemaVersion: base.SchemaVersion };
}
