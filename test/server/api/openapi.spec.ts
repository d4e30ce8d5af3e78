import { ApiClient } from '../../support/api-client';
import { startTestPortal, type TestPortal } from '../../support/test-portal';

describe('the API description', () => {
  let tp: TestPortal;
  beforeAll(async () => (tp = await startTestPortal()));
  afterAll(() => tp.close());

  it('serves an OpenAPI 3.1 document generated from the routes, with every route and resolvable schema refs', async () => {
    const doc = (await new ApiClient(tp.baseUrl).get('/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    for (const r of tp.portal.routes) {
      expect(doc.paths[r.path]?.[r.method]).withContext(`${r.method} ${r.path}`).toBeDefined();
    }
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) {
      expect(doc.components.schemas[ref.slice(22, -1)]).withContext(ref).toBeDefined();
    }
    const post = doc.paths['/config/services'].post;
    const body = post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['ServiceName', 'OwningCluster', 'Value']);
    expect(body.additionalProperties).toBeFalse();
    expect(body.properties.Value).toEqual({ $ref: '#/components/schemas/ServiceValue' });
    expect(
      doc.paths['/config/services/{name}/{cluster}'].put.parameters.map((p: { name: string }) => p.name),
    ).toEqual(['name', 'cluster', 'expected-version', 'If-Match']);
    expect(doc.paths['/diagnostics/healthcheck'].get.security).toEqual([]);
  });

  it('serves the interactive docs page at /docs from local assets', async () => {
    const page = await fetch(`${tp.baseUrl}/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    expect((await fetch(`${tp.baseUrl}/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
  });
});
