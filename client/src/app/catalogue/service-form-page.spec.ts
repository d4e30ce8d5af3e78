import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { Grant } from '@shared/auth/permission';
import { AuthSession } from '../core/auth-session';
import { settle } from '../core/settle';
import { testSessionUser } from '../core/test-session-user';
import { configureTestPage } from '../core/test-page';
import { ServiceFormPage } from './service-form-page';
import { testService } from './test-catalogue';
import { flushProblem } from '../core/test-problem';

describe('ServiceFormPage', () => {
  let fixture: ComponentFixture<ServiceFormPage>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let navigate: jasmine.Spy;

  const editor: Grant[] = [
    { Action: 'edit-catalogue', Clusters: ['Infra', 'Tango'], EnvironmentTypes: 'all' },
  ];
  const checkout = testService({
    name: 'checkout',
    team: 'Infra',
    description: 'Takes the money',
    tags: ['pci'],
    version: 7,
    value: { BluePort: 8080, SchemaVersion: 2, Contacts: [{ Name: 'Grace', Email: 'grace@example.com' }] },
  });

  async function open(options: { name?: string; grants?: Grant[] } = {}): Promise<void> {
    http = configureTestPage(ServiceFormPage);
    const signingIn = TestBed.inject(AuthSession).signIn({ username: 'ada', password: 'secret' });
    http.expectOne('/api/v1/login').flush(testSessionUser({ grants: options.grants ?? editor }));
    await signingIn;
    navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);

    fixture = TestBed.createComponent(ServiceFormPage);
    if (options.name) {
      fixture.componentRef.setInput('name', options.name);
    }
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    if (options.name) {
      http.expectOne(`/api/v1/config/service/${options.name}`).flush(checkout);
    } else {
      http.expectOne('/api/v1/config/clusters').flush(
        ['Alpha', 'Infra', 'Tango'].map((ClusterName) => ({
          ClusterName,
          Value: { ShortName: 'ab' },
          Version: 1,
        })),
      );
    }
    await settle(fixture);
  }

  afterEach(() => http.verify());

  function field(name: string): HTMLInputElement | HTMLSelectElement {
    return page.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!;
  }

  function type(name: string, value: string): void {
    const input = field(name);
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
    input.dispatchEvent(new Event('blur'));
  }

  const click = (css: string) => page.querySelector<HTMLButtonElement>(css)!.click();

  /** The text of the mat-error inside the form field holding the named control. */
  function errorAt(name: string): string | undefined {
    return field(name).closest('mat-form-field')?.querySelector('mat-error')?.textContent?.trim();
  }

  async function submit(): Promise<void> {
    click('button.save');
    await settle(fixture);
  }

  it('offers only the teams the user may edit the catalogue for', async () => {
    await open();

    const options = Array.from((field('OwningCluster') as HTMLSelectElement).options).map((o) => o.value);
    expect(options).toEqual(['', 'Infra', 'Tango']);
  });

  it('checks every field as the server does and sends nothing while one is wrong', async () => {
    await open();
    type('ServiceName', 'bad name!');
    type('BluePort', '80');
    type('Tags', 'pci, Not-Lower');
    click('button.add-contact');
    await settle(fixture);
    type('contact-email-0', 'not-an-address');
    await submit();

    http.expectNone('/api/v1/config/services');
    expect(errorAt('ServiceName')).toBe(
      'The name may contain only letters, digits, ".", "_" and "-", starting with a letter or digit.',
    );
    expect(errorAt('OwningCluster')).toBe('The owning team is required.');
    expect(errorAt('BluePort')).toBe('The blue port must be at least 1024.');
    expect(errorAt('Tags')).toBe('Tags: "Not-Lower": tags are lower-case words of up to 40 characters.');
    expect(errorAt('contact-name-0')).toBe('The name is required.');
    expect(errorAt('contact-email-0')).toBe('The e-mail Invalid email address.');
  });

  it("refuses a green port equal to the blue one, with the shared schema's words", async () => {
    await open();
    type('BluePort', '9000');
    type('GreenPort', '9000');
    await settle(fixture);

    expect(errorAt('GreenPort')).toBe('The green port must differ from BluePort.');
    type('BluePort', '9001');
    await settle(fixture);
    expect(errorAt('GreenPort')).toBeUndefined();
  });

  it('creates with exactly the body the server expects, then shows the service', async () => {
    await open();
    type('ServiceName', 'ledger');
    type('OwningCluster', 'Tango');
    type('Description', 'Keeps the books');
    type('Lifecycle', 'production');
    type('PackageType', 'Docker');
    type('BluePort', '9100');
    type('GreenPort', '9101');
    type('Tags', 'finance, eu');
    click('button.add-contact');
    click('button.add-link');
    click('button.add-link');
    await settle(fixture);
    type('contact-name-0', 'Grace');
    type('contact-email-0', 'grace@example.com');
    type('link-title-0', 'Runbook');
    type('link-url-0', 'https://wiki.example.com/ledger');
    page.querySelectorAll<HTMLButtonElement>('.remove-link')[1]!.click();
    await settle(fixture);
    await submit();

    const request = http.expectOne('/api/v1/config/services');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      ServiceName: 'ledger',
      OwningCluster: 'Tango',
      Value: {
        Description: 'Keeps the books',
        Lifecycle: 'production',
        BluePort: 9100,
        GreenPort: 9101,
        PackageType: 'Docker',
        Contacts: [{ Name: 'Grace', Email: 'grace@example.com' }],
        Links: [{ Title: 'Runbook', Url: 'https://wiki.example.com/ledger' }],
        Tags: ['finance', 'eu'],
      },
    });
    request.flush(testService({ name: 'ledger', team: 'Tango', version: 1 }), {
      status: 201,
      statusText: 'Created',
    });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/catalogue', 'ledger']);
  });

  it('shows a 400 for body.Value.BluePort under the blue port field', async () => {
    await open();
    type('ServiceName', 'ledger');
    type('OwningCluster', 'Infra');
    type('BluePort', '9100');
    await submit();

    flushProblem(http.expectOne('/api/v1/config/services'), {
      status: 400,
      detail: 'The request is not valid',
      errors: [{ field: 'body.Value.BluePort', message: 'is reserved for the load balancer' }],
    });
    await settle(fixture);

    expect(errorAt('BluePort')).toBe('The blue port is reserved for the load balancer.');
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('The request is not valid');
    expect(page.querySelector('[role="alert"] li')).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
  });

  it('updates with the Value as body and the version it read as If-Match', async () => {
    await open({ name: 'checkout' });
    expect((field('ServiceName') as HTMLInputElement).disabled).toBeTrue();
    expect(field('OwningCluster').value).toBe('Infra');
    type('Description', 'Takes the money, safely');
    type('Tags', '');
    click('.remove-contact');
    await settle(fixture);
    await submit();

    const request = http.expectOne('/api/v1/config/services/checkout/Infra');
    expect(request.request.method).toBe('PUT');
    expect(request.request.headers.get('If-Match')).toBe('"7"');
    expect(request.request.body).toEqual({
      Description: 'Takes the money, safely',
      Lifecycle: 'production',
      BluePort: 8080,
      SchemaVersion: 2,
    });
    request.flush({ ...checkout, Version: 8 });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/catalogue', 'checkout']);
  });

  it('explains a 409 in words, shows a claimed port at its field, and reloads on request', async () => {
    await open({ name: 'checkout' });
    type('GreenPort', '8443');
    await submit();

    flushProblem(http.expectOne('/api/v1/config/services/checkout/Infra'), {
      status: 409,
      detail: 'port 8443 is already taken by service billing; ports are never reused',
      errors: [
        { field: 'body.GreenPort', message: 'is already taken by service billing; ports are never reused' },
      ],
    });
    await settle(fixture);

    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'port 8443 is already taken by service billing',
    );
    expect(errorAt('GreenPort')).toContain('already taken by service billing');
    expect(page.querySelector('.conflict')?.textContent).toContain('reload it to see their version');

    click('button.reload');
    http.expectOne('/api/v1/config/service/checkout').flush({ ...checkout, Version: 9 });
    await settle(fixture);
    expect(field('GreenPort').value).toBe('');
    expect(page.querySelector('[role="alert"]')).toBeNull();
  });

  it('disables saving with the reason for a user without edit-catalogue on the team', async () => {
    await open({
      name: 'checkout',
      grants: [{ Action: 'edit-catalogue', Clusters: ['Tango'], EnvironmentTypes: 'all' }],
    });

    expect(page.querySelector('button.save')?.getAttribute('aria-disabled')).toBe('true');
    expect(page.querySelector('#save-blocker')?.textContent).toContain(
      'You may not edit the catalogue for Infra',
    );
    await submit();
    http.expectNone('/api/v1/config/services/checkout/Infra');
  });
});
