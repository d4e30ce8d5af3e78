import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { Grant } from '@shared/auth/permission';
import type { Deployment, DeploymentStatus } from '@shared/deployments/deployment';
import type { OpsEnvironment } from '@shared/environments/ops-state';
import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import type { Instance } from '@shared/fleet/instance';
import type { PatchOperation, PatchStatus } from '@shared/patches/patch';
import { settle } from '../core/settle';
import { configureTestPage } from '../core/test-page';
import { flushProblem } from '../core/test-problem';
import { testSignIn } from '../core/test-sign-in';
import { testDeployment } from '../deployments/test-deployment';
import { testEnvironment } from '../environments/test-fleet';
import { testGroup, testPatch } from '../patching/test-patches';
import { HomePage } from './home-page';
import { testAsg } from './test-asg';
import { testInstance } from './test-instance';

/** What the estate answers as the home page opens; a panel named in `failing` gets a 500. */
interface Estate {
  readonly grants?: Grant[];
  readonly waiting?: Deployment[];
  /** Deployments under way, any running status: each status's request gets its own. */
  readonly running?: Deployment[];
  readonly asgs?: AutoScalingGroup[];
  readonly instances?: Instance[];
  readonly environments?: OpsEnvironment[];
  readonly yours?: Deployment[];
  /** The patches of the last 30 days, any status (one `GET /patches` for both panels that show them). */
  readonly patches?: PatchOperation[];
  /** Answers `?status=Awaiting Approval` with a next page too. */
  readonly moreWaiting?: boolean;
  readonly failing?: 'asgs' | 'instances' | 'environments' | 'running' | 'patches';
}

const RUNNING: readonly DeploymentStatus[] = ['Queued', 'In Progress', 'Rolling Back'];

describe('HomePage', () => {
  let fixture: ComponentFixture<HomePage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  async function open(estate: Estate = {}): Promise<void> {
    http = configureTestPage(HomePage);
    await testSignIn(http, estate.grants ?? []);
    fixture = TestBed.createComponent(HomePage);
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();

    const byStatus = (status: DeploymentStatus) =>
      http.expectOne((r) => r.url === '/api/v1/deployments' && r.params.get('status') === status);
    const waiting = byStatus('Awaiting Approval');
    expect(waiting.request.params.get('since')).toMatch(/^\d{4}-\d\d-\d\dT/);
    waiting.flush(estate.waiting ?? [], {
      headers: estate.moreWaiting ? { Link: '</api/v1/deployments?cursor=x>; rel="next"' } : {},
    });
    for (const status of RUNNING) {
      const request = byStatus(status);
      expect(request.request.params.get('since')).toMatch(/^\d{4}-\d\d-\d\dT/);
      if (estate.failing === 'running') {
        flushProblem(request, { status: 500 });
      } else {
        request.flush((estate.running ?? []).filter((d) => d.Value.Status === status));
      }
    }
    const patches = http.expectOne('/api/v1/patches');
    expect(patches.request.params.keys()).toEqual([]);
    answer(patches, estate.failing === 'patches', estate.patches ?? []);
    answer(http.expectOne('/api/v1/asgs'), estate.failing === 'asgs', estate.asgs ?? []);
    answer(http.expectOne('/api/v1/instances'), estate.failing === 'instances', estate.instances ?? []);
    answer(
      http.expectOne('/api/v1/environments'),
      estate.failing === 'environments',
      estate.environments ?? [],
    );
    const own = http.expectOne((r) => r.params.get('user') === 'ada');
    expect(own.request.params.get('per_page')).toBe('10');
    own.flush(estate.yours ?? []);
    http.expectOne('/api/v1/diagnostics/healthcheck').flush({ OK: true, Version: '0.1.0' });
    await settle(fixture);
  }

  function answer(request: TestRequest, fail: boolean, body: unknown[]): void {
    if (fail) {
      flushProblem(request, { status: 500, detail: 'Auto Scaling did not answer' });
    } else {
      request.flush(body);
    }
  }

  afterEach(() => http.verify());

  function panel(name: string): HTMLElement {
    const found = page.querySelector<HTMLElement>(`app-glance-panel.${name}`);
    if (!found) throw new Error(`no ${name} panel`);
    return found;
  }

  function text(element: Element | null | undefined): string {
    return element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  function links(element: Element): (string | null)[] {
    return Array.from(element.querySelectorAll('a')).map((a) => a.getAttribute('href'));
  }

  function button(element: Element, label: string): HTMLButtonElement {
    const found = Array.from(element.querySelectorAll('button')).find((b) => text(b) === label);
    if (!found) throw new Error(`no ${label} button`);
    return found;
  }

  function deployment(
    id: string,
    options: { status: DeploymentStatus; user?: string; cluster?: string; started?: string },
  ): Deployment {
    const d = testDeployment({ id, status: options.status, started: options.started });
    return {
      ...d,
      Value: { ...d.Value, User: options.user ?? 'grace', OwningCluster: options.cluster ?? 'Infra' },
    };
  }

  describe('waiting for your approval', () => {
    it('lists the deployments you may approve, never your own or those outside your grant', async () => {
      await open({
        grants: [{ Action: 'approve-deployments', Clusters: ['Infra'], EnvironmentTypes: 'all' }],
        waiting: [
          deployment('01A', { status: 'Awaiting Approval' }),
          deployment('01B', { status: 'Awaiting Approval', user: 'ada' }),
          deployment('01C', { status: 'Awaiting Approval', cluster: 'Tango' }),
        ],
      });

      const approvals = panel('approvals');
      expect(links(approvals)).toEqual(['/deployments/01A']);
      expect(text(approvals.querySelector('h2'))).toBe('Waiting for your approval 1');
      expect(text(approvals)).toContain('checkout 1.3.0 to st1');
      expect(text(approvals)).toContain('requested by grace');
    });

    it('says nothing waits when there is nothing for an approver', async () => {
      await open({
        grants: [{ Action: 'approve-deployments', Clusters: 'all', EnvironmentTypes: 'all' }],
        waiting: [deployment('01B', { status: 'Awaiting Approval', user: 'ada' })],
      });

      expect(text(panel('approvals').querySelector('.empty'))).toBe('Nothing waits for your approval.');
      expect(text(panel('approvals').querySelector('h2'))).toBe('Waiting for your approval 0');
    });

    it('tells someone without an approve grant why nothing ever waits for them', async () => {
      await open({ waiting: [deployment('01A', { status: 'Awaiting Approval' })] });

      expect(text(panel('approvals').querySelector('.empty'))).toContain(
        'you hold no approve-deployments grant',
      );
      expect(panel('approvals').querySelector('a')).toBeNull();
    });

    it('links to the whole list when more wait than the page reads', async () => {
      await open({ moreWaiting: true });

      const beyond = Array.from(page.querySelectorAll('.beyond a'));
      expect(beyond.map((a) => a.getAttribute('href'))).toEqual(['/deployments?status=Awaiting%20Approval']);
    });
  });

  describe('running now', () => {
    it('lists queued, in-progress and rolling-back deployments newest first, each with its status', async () => {
      await open({
        running: [
          deployment('01Q', { status: 'Queued', started: '2026-11-27T12:00:00.000Z' }),
          deployment('01P', { status: 'In Progress', started: '2026-11-27T11:00:00.000Z' }),
          deployment('01R', { status: 'Rolling Back', started: '2026-11-27T13:00:00.000Z' }),
        ],
      });

      const running = panel('running');
      expect(links(running)).toEqual(['/deployments/01R', '/deployments/01Q', '/deployments/01P']);
      expect(text(running.querySelector('h2'))).toBe('Running now 3');
      expect(Array.from(running.querySelectorAll('.detail')).map((d) => text(d).split(' ·')[0])).toEqual([
        'Rolling Back',
        'Queued',
        'In Progress',
      ]);
    });

    it('says so when nothing runs', async () => {
      await open();

      expect(text(panel('running').querySelector('.empty'))).toBe(
        'No deployment is queued, in progress or rolling back, and no patch is under way.',
      );
    });

    it('shows the problem in its panel and the other panels still', async () => {
      await open({ failing: 'running', environments: [testEnvironment({ locked: true })] });

      expect(panel('running').querySelector('[role="alert"]')).not.toBeNull();
      expect(links(panel('locked'))).toEqual(['/environments/st1']);
    });
  });

  describe('image patches', () => {
    /** A patch whose groups stand at these statuses (`Not started` for one not begun). */
    function patch(
      id: string,
      options: {
        status: PatchStatus;
        groups?: string[];
        user?: string;
        cluster?: string;
        environment?: string;
        /** The cluster the server says governs it: its cluster, else its environment's (Infra). */
        owningCluster?: string;
      },
    ): PatchOperation {
      return testPatch({
        PatchID: id,
        Status: options.status,
        User: options.user ?? 'grace',
        EnvironmentName: options.environment ?? 'st1',
        ...(options.cluster ? { Cluster: options.cluster } : {}),
        OwningCluster: options.owningCluster ?? options.cluster ?? 'Infra',
        Groups: (options.groups ?? ['Not started']).map((status, i) => ({
          ...testGroup(`st1-web-${i}`),
          DeploymentID: `${id}-${i + 1}`,
          Status: status,
        })),
      });
    }

    const approver: Grant[] = [
      { Action: 'approve-deployments', Clusters: ['Infra'], EnvironmentTypes: 'all' },
    ];

    it('lists the patches not over in Running now, with status, groups done, who started it and a link', async () => {
      await open({
        running: [deployment('01P', { status: 'In Progress' })],
        patches: [
          patch('P1', {
            status: 'In Progress',
            groups: ['Success', 'Rolled Back', 'In Progress', 'Not started'],
          }),
          patch('P2', { status: 'Queued', user: 'bob', cluster: 'Infra' }),
          patch('P3', { status: 'Success', groups: ['Success'] }),
          patch('P4', { status: 'Failed', groups: ['Failed'] }),
          patch('P5', { status: 'Cancelled' }),
          patch('P6', { status: 'Stopping', groups: ['Rolling Back', 'Success'] }),
          patch('P7', { status: 'Awaiting Approval' }),
        ],
      });

      const running = panel('running');
      expect(text(running.querySelector('h2'))).toBe('Running now 5');
      expect(links(running)).toEqual([
        '/deployments/01P',
        '/patching?patch=P1',
        '/patching?patch=P2',
        '/patching?patch=P6',
        '/patching?patch=P7',
      ]);
      const items = Array.from(running.querySelectorAll('app-patch-list li'));
      expect(text(items[0]!.querySelector('a'))).toBe('Patch of st1 onto the latest stable image');
      expect(text(items[0]!.querySelector('.detail'))).toMatch(
        /^In Progress · 2 of 4 groups done, 1 failed · started by grace at 2026-03-01 \d\d:00$/,
      );
      expect(text(items[1]!.querySelector('a'))).toBe('Patch of st1 (Infra) onto the latest stable image');
      expect(text(items[1]!.querySelector('.detail'))).toMatch(
        /^Queued · 0 of 1 group done · started by bob/,
      );
      expect(text(items[2]!.querySelector('.detail'))).toMatch(/^Stopping · 1 of 2 groups done · /);
      expect(text(items[3]!.querySelector('.detail'))).toMatch(/^Awaiting Approval · 0 of 1 group done · /);
    });

    it('lists in your approvals the patches you may approve: on their owning cluster, as the server says', async () => {
      await open({
        grants: approver,
        environments: [testEnvironment({ name: 'st1' }), testEnvironment({ name: 'pr1', team: 'Tango' })],
        patches: [
          patch('PA', { status: 'Awaiting Approval' }),
          patch('PB', { status: 'Awaiting Approval', user: 'ada' }),
          patch('PC', { status: 'Awaiting Approval', cluster: 'Tango' }),
          // its groups are Infra's, but the server asks about pr1's own cluster
          patch('PD', { status: 'Awaiting Approval', environment: 'pr1', owningCluster: 'Tango' }),
          patch('PE', { status: 'Awaiting Approval', cluster: 'Infra', environment: 'gone' }),
          patch('PF', { status: 'In Progress', cluster: 'Infra' }),
        ],
      });

      const approvals = panel('approvals');
      expect(text(approvals.querySelector('h2'))).toBe('Waiting for your approval 2');
      expect(links(approvals)).toEqual(['/patching?patch=PA', '/patching?patch=PE']);
      expect(text(approvals)).toContain('started by grace');
      expect(text(panel('running').querySelector('h2'))).toBe('Running now 6');
    });

    it('counts patches beside deployments waiting for your approval', async () => {
      await open({
        grants: approver,
        waiting: [deployment('01A', { status: 'Awaiting Approval' })],
        patches: [patch('PA', { status: 'Awaiting Approval' })],
        environments: [testEnvironment()],
      });

      expect(text(panel('approvals').querySelector('h2'))).toBe('Waiting for your approval 2');
      expect(links(panel('approvals'))).toEqual(['/deployments/01A', '/patching?patch=PA']);
    });

    it('shows why the patches could not be read in both panels that list them, and the others still', async () => {
      await open({
        failing: 'patches',
        running: [deployment('01P', { status: 'In Progress' })],
        environments: [testEnvironment({ locked: true })],
      });

      expect(text(panel('running').querySelector('[role="alert"]'))).toContain('Auto Scaling did not answer');
      expect(panel('approvals').querySelector('[role="alert"]')).not.toBeNull();
      expect(links(panel('locked'))).toEqual(['/environments/st1']);
    });
  });

  describe('unhealthy groups', () => {
    const estate = [
      testAsg({ name: 'st1-inf-Web', healthy: 1, unhealthy: 1 }),
      testAsg({ name: 'st1-inf-Api', desired: 3 }),
      testAsg({ name: 'st1-inf-Ok' }),
      testAsg({ name: 'pr1-inf-Web', environment: 'pr1', healthy: 2, pending: 1, desired: 3 }),
      testAsg({ name: 'loose-group', environment: null, healthy: 0 }),
    ];

    it('counts them by environment, each linking to its page, and opens to each group and why', async () => {
      await open({ asgs: estate });

      const unhealthy = panel('unhealthy');
      expect(text(unhealthy.querySelector('h2'))).toBe('Unhealthy groups 4');
      expect(text(unhealthy.querySelector('.summary'))).toBe('4 unhealthy groups in 3 environments');
      expect(links(unhealthy)).toEqual(['/environments/st1', '/environments/pr1']);
      const rows = Array.from(unhealthy.querySelectorAll('ul.items > li'));
      expect(rows.map((r) => text(r.querySelector('summary')))).toEqual([
        '2 unhealthy groups',
        '1 unhealthy group',
        '1 unhealthy group',
      ]);
      expect(Array.from(rows[0]!.querySelectorAll('.groups li')).map(text)).toEqual([
        'st1-inf-Api: 2 of 3 instances running',
        'st1-inf-Web: 1 of 2 instances healthy',
      ]);
      expect(text(rows[1]!.querySelector('.groups'))).toBe('pr1-inf-Web: 2 of 3 instances healthy');
      expect(text(rows[2])).toContain('Without an Environment tag');
      expect(text(rows[2])).toContain('loose-group: 0 of 2 instances running');
    });

    it('says how many groups it checked when all are healthy', async () => {
      await open({ asgs: [testAsg({ name: 'a' }), testAsg({ name: 'b' })] });

      expect(text(panel('unhealthy').querySelector('.empty'))).toBe(
        'All 2 Auto Scaling groups have their desired instances in service and healthy.',
      );
    });

    it('shows why the groups could not be read', async () => {
      await open({ failing: 'asgs' });

      expect(text(panel('unhealthy').querySelector('[role="alert"]'))).toContain(
        'Auto Scaling did not answer',
      );
    });

    it('lists the environments with most unhealthy groups first, five until you ask for all', async () => {
      const many = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7'].flatMap((env, i) =>
        Array.from({ length: i === 6 ? 3 : 1 }, (_, n) =>
          testAsg({ name: `${env}-g${n}`, environment: env, healthy: 0 }),
        ),
      );
      await open({ asgs: many });

      const unhealthy = panel('unhealthy');
      const shown = () => links(unhealthy);
      expect(shown()).toEqual([
        '/environments/e7',
        '/environments/e1',
        '/environments/e2',
        '/environments/e3',
        '/environments/e4',
      ]);

      button(unhealthy, 'Show all 7 environments').click();
      await settle(fixture);
      expect(shown().length).toBe(7);

      button(unhealthy, 'Show fewer').click();
      await settle(fixture);
      expect(shown().length).toBe(5);
    });
  });

  describe('groups on an out-of-date image', () => {
    it('counts them by environment with how many instances are behind and how far', async () => {
      await open({
        instances: [
          testInstance({ id: 'i-1', image: 'base-1.2.0', latestStable: false, daysBehind: 14 }),
          testInstance({ id: 'i-2' }),
          testInstance({ id: 'i-3', group: 'pr1-inf-Web', environment: 'pr1' }),
        ],
      });

      const outOfDate = panel('out-of-date');
      expect(text(outOfDate.querySelector('h2'))).toBe('Groups on an out-of-date image 1');
      expect(links(outOfDate)).toEqual(['/environments/st1']);
      expect(text(outOfDate.querySelector('.groups'))).toBe(
        'st1-inf-Web: 1 of 2 instances on base-1.2.0, 14 days behind the latest stable',
      );
    });

    it('says how many groups it checked when all run the latest stable image', async () => {
      await open({ instances: [testInstance(), testInstance({ id: 'i-2', group: 'pr1-inf-Web' })] });

      expect(text(panel('out-of-date').querySelector('.empty'))).toBe(
        'The instances of all 2 groups run the latest stable image of their type.',
      );
    });

    it('shows why the instances could not be read', async () => {
      await open({ failing: 'instances' });

      expect(panel('out-of-date').querySelector('[role="alert"]')).not.toBeNull();
    });
  });

  describe('locked environments', () => {
    it('lists each with who locked it and why, linking to its page', async () => {
      await open({
        environments: [
          testEnvironment({ name: 'st2', locked: true, reason: 'Load test' }),
          testEnvironment({ name: 'pr1' }),
          testEnvironment({ name: 'st1', locked: true }),
        ],
      });

      const locked = panel('locked');
      expect(text(locked.querySelector('h2'))).toBe('Locked environments 2');
      expect(links(locked)).toEqual(['/environments/st1', '/environments/st2']);
      const details = Array.from(locked.querySelectorAll('.detail')).map(text);
      expect(details[0]).toMatch(/^Locked by alice at 2026-01-05 \d\d:00: Release freeze/);
      expect(details[1]).toContain(': Load test');
    });

    it('says none of the environments is locked', async () => {
      await open({ environments: [testEnvironment(), testEnvironment({ name: 'pr1' })] });

      expect(text(panel('locked').querySelector('.empty'))).toBe('None of the 2 environments is locked.');
    });

    it('shows why the environments could not be read', async () => {
      await open({ failing: 'environments' });

      expect(panel('locked').querySelector('[role="alert"]')).not.toBeNull();
    });
  });

  describe('your recent deployments', () => {
    it('lists them with links to each deployment and its environment', async () => {
      await open({ yours: [testDeployment({ id: '01M', status: 'Success' })] });

      const row = panel('yours').querySelector('tbody tr')!;
      expect(links(row)).toEqual(['/deployments/01M', '/environments/st1']);
      expect(text(row)).toContain('checkout 1.3.0');
      expect(text(row)).toContain('Success');
      expect(links(panel('yours'))).toContain('/deployments?user=ada');
    });

    it('says what to do when you have not deployed lately', async () => {
      await open();

      expect(text(panel('yours'))).toContain('None in the last 30 days');
      expect(text(page.querySelector('.version'))).toBe('Server version 0.1.0');
    });
  });

  it('reads the estate with list calls only: no request per environment', async () => {
    await open({
      asgs: [testAsg({ name: 'st1-inf-Web' }), testAsg({ name: 'pr1-inf-Web', environment: 'pr1' })],
      environments: [testEnvironment(), testEnvironment({ name: 'pr1' })],
    });

    // open() answered one call per panel (and one per running status); verify() refuses any other
    http.expectNone((r) => r.url.includes('/servers'));
  });
});
