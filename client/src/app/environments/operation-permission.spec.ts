import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { computed, type Signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Grant } from '@shared/auth/permission';
import { problemInterceptor } from '../core/problem-interceptor';
import { testSignIn } from '../core/test-sign-in';
import { OperationPermission } from './operation-permission';
import type { OperationRequest } from './protectable-blocker';
import { environmentTypeUrl, flushTypeProtections } from './test-type-protections';

/** Lets a flushed reply's awaited work finish. */
const turn = () => new Promise((resolve) => setTimeout(resolve));

describe('OperationPermission', () => {
  let http: HttpTestingController;

  const scope = { cluster: 'Checkout', environmentType: 'Prod' };
  const resize: OperationRequest = { action: 'operate-asgs', scope, needs: 'Resizing needs' };
  const sliceToggle: OperationRequest = { action: 'toggle-slices', scope, needs: 'Toggling slices needs' };
  const only = (Action: Grant['Action']): Grant => ({
    Action,
    Clusters: ['Checkout'],
    EnvironmentTypes: ['Prod'],
  });

  async function signIn(grants: Grant[]): Promise<OperationPermission> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([problemInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await testSignIn(http, grants);
    return TestBed.inject(OperationPermission);
  }

  /** The blocker as a page follows it: in a computed(). */
  const follow = (permission: OperationPermission, request: OperationRequest): Signal<string | null> =>
    computed(() => permission.blocker(request));

  afterEach(() => http.verify());

  for (const { change, request } of [
    { change: 'a resize', request: resize },
    { change: 'a slice toggle', request: sliceToggle },
  ]) {
    describe(`for ${change} (${request.action})`, () => {
      it('refuses a holder of the permission alone once the type is read as protecting it', async () => {
        const blocker = follow(await signIn([only(request.action)]), request);

        expect(blocker()).toBe(`Checking whether Prod protects ${request.action}…`);
        flushTypeProtections(http, 'Prod', [request.action]);
        await turn();

        expect(blocker()).toBe(`Prod protects ${request.action}: an admin of Checkout and Prod may do this.`);
      });

      it('allows a holder of the permission alone where the type does not protect it', async () => {
        const blocker = follow(await signIn([only(request.action)]), request);

        blocker();
        flushTypeProtections(http, 'Prod', ['deploy']);
        await turn();

        expect(blocker()).toBeNull();
      });

      it('allows a holder of the permission and admin without reading the type', async () => {
        const blocker = follow(await signIn([only(request.action), only('admin')]), request);

        expect(blocker()).toBeNull();
        http.expectNone(environmentTypeUrl('Prod'));
      });

      it('refuses without the permission, saying which, without reading the type', async () => {
        const blocker = follow(await signIn([only('deploy')]), request);

        expect(blocker()).toBe(`${request.needs} ${request.action} on Prod environments of Checkout.`);
        http.expectNone(environmentTypeUrl('Prod'));
      });
    });
  }

  it('reads a type once for every button that asks, and keeps it', async () => {
    const permission = await signIn([only('operate-asgs'), only('toggle-slices')]);
    const resizing = follow(permission, resize);
    const toggling = follow(permission, sliceToggle);

    resizing();
    toggling();
    flushTypeProtections(http, 'Prod', ['toggle-slices']);
    await turn();

    expect(resizing()).toBeNull();
    expect(toggling()).toBe('Prod protects toggle-slices: an admin of Checkout and Prod may do this.');
    expect(follow(permission, resize)()).withContext('a later page').toBeNull();
    http.expectNone(environmentTypeUrl('Prod'));
  });
});
