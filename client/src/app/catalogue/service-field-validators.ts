import { Validators, type ValidatorFn } from '@angular/forms';
import { Name } from '@shared/catalogue/names';
import { ServiceValue } from '@shared/catalogue/service';
import { schemaValidator } from '../core/schema-validator';

// The field schemas come off the shared ServiceValue itself, so the form checks exactly what the server will.
const fields = ServiceValue.shape;
const contact = fields.Contacts.unwrap().element.shape;
const link = fields.Links.unwrap().element.shape;

/** Tags as typed: words split on commas or spaces. */
export function parseTags(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** Checks the typed tags with the shared `Tags` schema, naming the first tag it refuses. */
const tagList: ValidatorFn = (control) => {
  const tags = parseTags(String(control.value ?? ''));
  const issue = fields.Tags.safeParse(tags).error?.issues[0];
  if (!issue) {
    return null;
  }
  const index = issue.path[0];
  return { schema: typeof index === 'number' ? `"${tags[index]}": ${issue.message}` : issue.message };
};

/**
 * Checks GreenPort with the whole shared schema, so its rule "must differ from BluePort" (a refinement
 * of the object, not of the field) is the server's own; the form re-runs it when BluePort changes.
 */
const greenPort: ValidatorFn = (control) => {
  if (control.value === null || control.value === '') {
    return null;
  }
  const bluePort: unknown = control.parent?.get('BluePort')?.value;
  const issue = ServiceValue.safeParse({
    BluePort: typeof bluePort === 'number' ? bluePort : undefined,
    GreenPort: control.value,
  }).error?.issues.find((i) => i.path[0] === 'GreenPort');
  return issue ? { schema: issue.message } : null;
};

/** The validators of each field of the service form, from the shared schemas. */
export const serviceFieldValidators = {
  ServiceName: [Validators.required, schemaValidator(Name)],
  OwningCluster: [Validators.required, schemaValidator(Name)],
  Description: [schemaValidator(fields.Description)],
  Lifecycle: [Validators.required, schemaValidator(fields.Lifecycle)],
  PackageType: [schemaValidator(fields.PackageType)],
  BluePort: [schemaValidator(fields.BluePort)],
  GreenPort: [greenPort],
  Tags: [tagList],
  ContactName: [Validators.required, schemaValidator(contact.Name)],
  ContactEmail: [schemaValidator(contact.Email)],
  ContactRole: [schemaValidator(contact.Role)],
  LinkTitle: [Validators.required, schemaValidator(link.Title)],
  LinkUrl: [Validators.required, schemaValidator(link.Url)],
} satisfies Record<string, ValidatorFn[]>;
