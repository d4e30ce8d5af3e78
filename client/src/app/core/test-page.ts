import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { Provider, Type } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Grant } from '@shared/auth/permission';
import { problemInterceptor } from './problem-interceptor';
import { settle } from './settle';
import { testSignIn } from './test-sign-in';

/** A page a spec opened: its fixture, its element and the HTTP mock that answers it. */
export interface TestPage<T> {
  readonly fixture: ComponentFixture<T>;
  readonly page: HTMLElement;
  readonly http: HttpTestingController;
}

/** How a spec opens a page. */
export interface TestPageOptions {
  /** The signed-in user's grants. */
  readonly grants: Grant[];
  /** The route's inputs (`name`), set before the first render; an undefined one is left unset. */
  readonly inputs?: Readonly<Record<string, unknown>>;
  /** Answers the requests the page makes as it opens. */
  readonly replies?: (http: HttpTestingController) => void;
  /** More providers, e.g. a `Confirmation` that answers at once. */
  readonly providers?: Provider[];
}

/** Sets up a spec's page as the app runs it (the router, HTTP through the problem interceptor); returns the HTTP mock. */
export function configureTestPage(
  component: Type<unknown>,
  providers: Provider[] = [],
): HttpTestingController {
  TestBed.configureTestingModule({
    imports: [component],
    providers: [
      provideRouter([]),
      provideHttpClient(withInterceptors([problemInterceptor])),
      provideHttpClientTesting(),
      ...providers,
    ],
  });
  return TestBed.inject(HttpTestingController);
}

/**
 * Opens a page as the app would: the router, HTTP through the problem interceptor, a user signed in with
 * these grants, the route's inputs; then answers its first requests and lets it render.
 */
export async function openTestPage<T>(component: Type<T>, options: TestPageOptions): Promise<TestPage<T>> {
  const http = configureTestPage(component, options.providers);
  await testSignIn(http, options.grants);
  const fixture = TestBed.createComponent(component);
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    if (value !== undefined) {
      fixture.componentRef.setInput(name, value);
    }
  }
  fixture.detectChanges();
  options.replies?.(http);
  await settle(fixture);
  return { fixture, page: fixture.nativeElement as HTMLElement, http };
}
