import type { FormControl, FormGroup, NonNullableFormBuilder } from '@angular/forms';
import type { Lifecycle, Service, ServiceValue } from '@shared/catalogue/service';
import { serviceFieldValidators as v } from './service-field-validators';

type Contact = NonNullable<ServiceValue['Contacts']>[number];
type Link = NonNullable<ServiceValue['Links']>[number];

/** One contact's controls; optional fields are '' when empty. */
export type ContactForm = FormGroup<{
  Name: FormControl<string>;
  Email: FormControl<string>;
  Role: FormControl<string>;
}>;

/** One link's controls. */
export type LinkForm = FormGroup<{ Title: FormControl<string>; Url: FormControl<string> }>;

/** The controls of one contact, filled from `contact` when given. */
export function contactForm(fb: NonNullableFormBuilder, contact?: Contact): ContactForm {
  return fb.group({
    Name: [contact?.Name ?? '', v.ContactName],
    Email: [contact?.Email ?? '', v.ContactEmail],
    Role: [contact?.Role ?? '', v.ContactRole],
  });
}

/** The controls of one link, filled from `link` when given. */
export function linkForm(fb: NonNullableFormBuilder, link?: Link): LinkForm {
  return fb.group({ Title: [link?.Title ?? '', v.LinkTitle], Url: [link?.Url ?? '', v.LinkUrl] });
}

/**
 * The service form. Control names are the API's field names, so a server error such as
 * `body.Value.Contacts.0.Email` lands on `Contacts.0.Email`.
 */
export function serviceForm(fb: NonNullableFormBuilder) {
  const form = fb.group({
    ServiceName: ['', v.ServiceName],
    OwningCluster: ['', v.OwningCluster],
    Description: ['', v.Description],
    Lifecycle: ['experimental' as Lifecycle, v.Lifecycle],
    PackageType: ['' as NonNullable<ServiceValue['PackageType']> | '', v.PackageType],
    BluePort: fb.control<number | null>(null, v.BluePort),
    GreenPort: fb.control<number | null>(null, v.GreenPort),
    Tags: ['', v.Tags],
    Contacts: fb.array<ContactForm>([]),
    Links: fb.array<LinkForm>([]),
  });
  // GreenPort must differ from BluePort: re-check it whenever BluePort changes
  form.controls.BluePort.valueChanges.subscribe(() => form.controls.GreenPort.updateValueAndValidity());
  return form;
}

/** The service form's type. */
export type ServiceForm = ReturnType<typeof serviceForm>;

/** Puts a service into the form, replacing what it held. */
export function fillServiceForm(form: ServiceForm, fb: NonNullableFormBuilder, service: Service): void {
  const value = service.Value;
  form.controls.Contacts.clear();
  for (const contact of value.Contacts ?? []) {
    form.controls.Contacts.push(contactForm(fb, contact));
  }
  form.controls.Links.clear();
  for (const link of value.Links ?? []) {
    form.controls.Links.push(linkForm(fb, link));
  }
  form.patchValue({
    ServiceName: service.ServiceName,
    OwningCluster: service.OwningCluster,
    Description: value.Description ?? '',
    Lifecycle: value.Lifecycle,
    PackageType: value.PackageType ?? '',
    BluePort: value.BluePort ?? null,
    GreenPort: value.GreenPort ?? null,
    Tags: (value.Tags ?? []).join(', '),
  });
  form.markAsPristine();
}
