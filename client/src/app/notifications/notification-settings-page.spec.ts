import type { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { Router } from '@angular/router';
import { TestBed } from '@angular/core/testing';
import type { Grant } from '@shared/auth/permission';
import { settle } from '../core/settle';
import { sentBody, typeInto } from '../core/test-form';
import { openTestPage } from '../core/test-page';
import { flushProblem } from '../core/test-problem';
import { adminGrant } from '../core/test-sign-in';
import { NotificationSettingsPage } from './notification-settings-page';

const record = {
  NotificationSettingsId: 'team-alerts',
  Value: {
    NotificationEmail: ['team@example.com'],
    Webhooks: [
      { Url: 'https://hooks.example.com/em', Events: ['deployment.*'], Format: 'json', HasSecret: true },
    ],
  },
  Version: 3,
};
const attempts = [
  {
    At: '2026-12-01T10:00:05Z',
    EventId: 'E2',
    EventType: 'deployment.failed',
    Url: 'https://hooks.example.com/em',
    Attempt: 2,
    Outcome: 'delivered',
    HttpStatus: 200,
    DurationMs: 41,
  },
  {
    At: '2026-12-01T10:00:00Z',
    EventId: 'E2',
    EventType: 'deployment.failed',
    Url: 'https://hooks.example.com/em',
    Attempt: 1,
    Outcome: 'retrying',
    DurationMs: 5000,
    Error: 'no answer within 5000 ms',
    NextAttemptAt: '2026-12-01T10:00:05Z',
  },
];
const ITEM = '/api/v1/config/notification-settings/team-alerts';
const LOG = `${ITEM}/deliveries?per_page=100`;

describe('NotificationSettingsPage', () => {
  let fixture: ComponentFixture<NotificationSettingsPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  async function open(grants: Grant[], id = 'team-alerts'): Promise<void> {
    ({ fixture, page, http } = await openTestPage(NotificationSettingsPage, {
      grants,
      inputs: { id },
      replies: (mock) => {
        if (id === 'new') {
          return;
        }
        mock.expectOne(ITEM).flush(record);
      },
    }));
    if (id !== 'new') {
      http.expectOne(LOG).flush(attempts);
      await settle(fixture);
    }
  }

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  const button = (css: string) => page.querySelector<HTMLButtonElement>(`button.${css}`)!;
  const logRows = () =>
    Array.from(page.querySelectorAll('table.deliveries tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('td.event, td.number, td.outcome, td.answer')).map((c) =>
        c.textContent?.trim(),
      ),
    );

  it('shows the settings with whether each webhook has a secret (never the secret) and the delivery log', async () => {
    await open([]);

    expect(page.querySelector('h1')?.textContent).toContain('Notification settings team-alerts');
    expect(page.querySelector<HTMLInputElement>('[name="url-0"]')!.value).toBe(
      'https://hooks.example.com/em',
    );
    expect(page.querySelector<HTMLInputElement>('[name="events-0"]')!.value).toBe('deployment.*');
    expect(page.querySelector<HTMLInputElement>('[name="secret-0"]')!.value).toBe('');
    expect(page.querySelector('.secret-state')?.textContent).toContain('Set: leave empty to keep it');
    expect(logRows()).toEqual([
      ['deployment.failed', '2', 'delivered', 'HTTP 200', '41 ms'],
      ['deployment.failed', '1', 'retrying', 'no answer within 5000 ms', '5000 ms'],
    ]);
    // a user who is no admin reads only
    expect(page.querySelector('button.save')).toBeNull();
    expect(button('send-test').disabled).toBeTrue();
  });

  it('saves with the version last read, sending no secret for a webhook whose secret is left empty', async () => {
    await open([adminGrant]);

    typeInto(page, 'events-0', 'deployment.failed, environment.*');
    button('add-webhook').click();
    await settle(fixture);
    typeInto(page, 'url-1', 'https://hooks.slack.example.com/T0/B0');
    typeInto(page, 'secret-1', 'a-new-secret-of-enough-length');
    button('save').click();
    await settle(fixture);

    const put = http.expectOne(ITEM);
    expect(put.request.method).toBe('PUT');
    expect(put.request.headers.get('If-Match')).toBe('"3"');
    expect(sentBody(put)).toEqual({
      NotificationEmail: ['team@example.com'],
      Webhooks: [
        {
          Url: 'https://hooks.example.com/em',
          Events: ['deployment.failed', 'environment.*'],
          Format: 'json',
        },
        {
          Url: 'https://hooks.slack.example.com/T0/B0',
          Events: ['*'],
          Format: 'json',
          Secret: 'a-new-secret-of-enough-length',
        },
      ],
    });
    put.flush({ ...record, Version: 4 });
    await settle(fixture);
  });

  it('checks events with the shared schema before asking the server', async () => {
    await open([adminGrant]);

    typeInto(page, 'events-0', 'deployment.exploded');
    button('save').click();
    await settle(fixture);

    http.expectNone(ITEM);
    expect(page.querySelector('.draft-problems')?.textContent).toContain('Webhooks.0.Events.0 must be "*"');
  });

  it("shows the server's refusal, naming the field", async () => {
    await open([adminGrant]);

    typeInto(page, 'url-0', 'https://hooks.example.com/other');
    button('save').click();
    await settle(fixture);
    flushProblem(http.expectOne(ITEM), {
      status: 400,
      detail: 'each new webhook needs a secret to sign its deliveries',
      errors: [{ field: 'body.Webhooks.0.Secret', message: 'is required for a new webhook URL' }],
    });
    await settle(fixture);

    expect(page.querySelector('app-problem-banner')?.textContent).toContain(
      'body.Webhooks.0.Secret: is required for a new webhook URL',
    );
  });

  it('sends a test, shows what each webhook answered, and reads the log again', async () => {
    await open([adminGrant]);

    button('send-test').click();
    await settle(fixture);
    const test = http.expectOne(`${ITEM}/test`);
    expect(test.request.method).toBe('POST');
    test.flush({
      EventId: 'T1',
      Results: [
        {
          At: '2026-12-01T11:00:00Z',
          EventId: 'T1',
          EventType: 'test',
          Url: 'https://hooks.example.com/em',
          Attempt: 1,
          Outcome: 'failed',
          HttpStatus: 500,
          DurationMs: 12,
          Error: 'answered HTTP 500',
        },
      ],
    });
    await settle(fixture);
    http.expectOne(LOG).flush(attempts);
    await settle(fixture);

    expect(page.querySelector('.test-result')?.textContent?.replace(/\s+/g, ' ')).toContain(
      'https://hooks.example.com/em: not delivered (HTTP 500, 12 ms)',
    );
  });

  it('creates new settings and opens them', async () => {
    await open([adminGrant], 'new');
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);

    typeInto(page, 'id', 'new-alerts');
    typeInto(page, 'url-0', 'https://hooks.example.com/new');
    typeInto(page, 'secret-0', 'a-secret-long-enough-to-sign');
    button('save').click();
    await settle(fixture);

    const post = http.expectOne('/api/v1/config/notification-settings');
    expect(sentBody(post)).toEqual({
      NotificationSettingsId: 'new-alerts',
      Value: {
        Webhooks: [
          {
            Url: 'https://hooks.example.com/new',
            Events: ['*'],
            Format: 'json',
            Secret: 'a-secret-long-enough-to-sign',
          },
        ],
      },
    });
    post.flush({ ...record, NotificationSettingsId: 'new-alerts', Version: 1 });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/configuration/notification-settings', 'new-alerts']);
  });
});
