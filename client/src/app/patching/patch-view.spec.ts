import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { Grant } from '@shared/auth/permission';
import type { PatchOperation } from '@shared/patches/patch';
import { Confirmation } from '../core/confirmation';
import { settle } from '../core/settle';
import { configureTestPage } from '../core/test-page';
import { flushProblem } from '../core/test-problem';
import { testSignIn } from '../core/test-sign-in';
import { PATCH_POLL_MS } from './patching-api';
import { PatchView } from './patch-view';
import { testGroup, testPatch } from './test-patches';

describe('PatchView', () => {
  let fixture: ComponentFixture<PatchView>;
  let page: HTMLElement;
  let http: HttpTestingController;
  let confirm: jasmine.Spy;

  async function open(grants: Grant[], patch: PatchOperation, pollMs = 60_000): Promise<void> {
    confirm = jasmine.createSpy('ask').and.resolveTo(true);
    http = configureTestPage(PatchView, [
      { provide: Confirmation, useValue: { ask: confirm } },
      { provide: PATCH_POLL_MS, useValue: pollMs },
    ]);
    await testSignIn(http, grants);
    fixture = TestBed.createComponent(PatchView);
    fixture.componentRef.setInput('patch', patch);
    page = fixture.nativeElement as HTMLElement;
    await settle(fixture);
  }

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  const button = (css: string) => page.querySelector<HTMLButtonElement>(`button.${css}`);
  const patcher: Grant[] = [{ Action: 'patch-images', Clusters: 'all', EnvironmentTypes: 'all' }];

  it('cancels after confirmation and shows the patch the server replied', async () => {
    await open(patcher, testPatch());

    button('cancel')!.click();
    await settle(fixture);
    expect(confirm).toHaveBeenCalled();
    const request = http.expectOne('/api/v1/patches/p1/cancel');
    expect(request.request.method).toBe('POST');
    request.flush(testPatch({ Status: 'Stopping' }));
    await settle(fixture);

    expect(page.querySelector('.status')?.textContent).toBe('Stopping');
    expect(button('cancel')!.getAttribute('aria-disabled')).toBe('true');
    expect(page.querySelector('#cancel-blocker')?.textContent).toBe('The patch is already stopping.');
  });

  it('sends nothing when the cancel is not confirmed, and shows a refused cancel', async () => {
    await open(patcher, testPatch());
    confirm.and.resolveTo(false);
    button('cancel')!.click();
    await settle(fixture);
    http.expectNone('/api/v1/patches/p1/cancel');

    confirm.and.resolveTo(true);
    button('cancel')!.click();
    await settle(fixture);
    flushProblem(http.expectOne('/api/v1/patches/p1/cancel'), {
      status: 409,
      detail: 'The patch has ended.',
    });
    await settle(fixture);
    expect(page.querySelector('app-problem-banner')?.textContent).toContain('The patch has ended.');
  });

  it('disables Cancel with the reason without patch-images', async () => {
    await open([{ Action: 'deploy', Clusters: 'all', EnvironmentTypes: 'all' }], testPatch());

    expect(button('cancel')!.getAttribute('aria-disabled')).toBe('true');
    expect(page.querySelector('#cancel-blocker')?.textContent).toBe(
      'Cancelling needs patch-images for Infra on Staging environments.',
    );
  });

  it("offers Approve to an approver on someone else's patch awaiting approval, not on their own", async () => {
    await open(
      [{ Action: 'approve-deployments', Clusters: 'all', EnvironmentTypes: 'all' }],
      testPatch({ Status: 'Awaiting Approval', User: 'bob', RequiresApproval: true }),
    );

    button('approve')!.click();
    await settle(fixture);
    http.expectOne('/api/v1/patches/p1/approve').flush(testPatch({ User: 'bob', ApprovedBy: 'ada' }));
    await settle(fixture);
    expect(page.querySelector('.status')?.textContent).toBe('In Progress');
    expect(button('approve')).toBeNull();

    fixture.componentRef.setInput('patch', testPatch({ Status: 'Awaiting Approval', User: 'ada' }));
    await settle(fixture);
    expect(button('approve')).toBeNull();
  });

  it("asks for grants on the patch's owning cluster, as the server does, not on its groups' clusters", async () => {
    // the groups are Tango's; the patch (of an environment Infra owns) is governed by Infra
    const patch = testPatch({
      Status: 'Awaiting Approval',
      User: 'bob',
      RequiresApproval: true,
      Groups: [
        {
          ...testGroup('st1-web-blue', { OwningCluster: 'Tango' }),
          DeploymentID: 'p1-1',
          Status: 'Not started',
        },
      ],
    });
    await open(
      [
        { Action: 'approve-deployments', Clusters: ['Tango'], EnvironmentTypes: 'all' },
        { Action: 'patch-images', Clusters: ['Tango'], EnvironmentTypes: 'all' },
      ],
      patch,
    );
    expect(button('approve')).toBeNull();
    expect(button('cancel')!.getAttribute('aria-disabled')).toBe('true');

    fixture.componentRef.setInput('patch', { ...patch, OwningCluster: 'Tango' });
    await settle(fixture);
    expect(button('approve')).not.toBeNull();
    expect(button('cancel')!.getAttribute('aria-disabled')).not.toBe('true');
  });

  it('stops polling when destroyed', async () => {
    await open(patcher, testPatch(), 0);
    http.expectOne('/api/v1/patches/p1').flush(testPatch());
    fixture.destroy();
    await new Promise((resolve) => setTimeout(resolve, 20));
    http.expectNone('/api/v1/patches/p1');
  });
});
