import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { testAuditEntry } from '../audit/test-audit-entry';
import { settle } from '../core/settle';
import { configureTestPage } from '../core/test-page';
import { testToggle } from './test-toggle';
import { ToggleHistory } from './toggle-history';

describe('ToggleHistory', () => {
  let fixture: ComponentFixture<ToggleHistory>;
  let page: HTMLElement;
  let http: HttpTestingController;

  afterEach(() => http.verify());

  it('links an entry written by a deployment to that deployment, and no other', async () => {
    http = configureTestPage(ToggleHistory);
    fixture = TestBed.createComponent(ToggleHistory);
    fixture.componentRef.setInput('toggle', testToggle());
    page = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    const setting = { State: 'on', Include: { Users: [], Groups: [] }, Exclude: { Users: [], Groups: [] } };
    http
      .expectOne((r) => r.url === '/api/v1/audit' && r.params.get('Entity.Type') === 'FeatureToggleState')
      .flush([
        testAuditEntry({
          id: '01KB0000000000000000000002',
          type: 'FeatureToggleState',
          key: 'checkout/new-cart/st1',
          newValue: { ...setting, DeploymentId: '01JDEPLOY0000000000000001' },
        }),
        testAuditEntry({
          id: '01KB0000000000000000000001',
          type: 'FeatureToggleState',
          key: 'checkout/new-cart/st1',
          newValue: setting,
        }),
      ]);
    await settle(fixture);

    const changes = page.querySelectorAll('article.change');
    expect(changes.length).toBe(2);
    const link = changes[0]!.querySelector<HTMLAnchorElement>('.by-deployment a');
    expect(link?.getAttribute('href')).toBe('/deployments/01JDEPLOY0000000000000001');
    expect(link?.textContent).toContain('deployment 01JDEPLOY0000000000000001');
    expect(changes[1]!.querySelector('.by-deployment')).toBeNull();
  });
});
