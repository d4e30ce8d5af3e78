import { nextPageLink } from './next-page-link';

describe('nextPageLink', () => {
  it('finds the next page among the links', () => {
    expect(
      nextPageLink(
        '</api/v1/deployments?cursor=abc&since=x>; rel="next", </x>; rel="prev"',
        '/api/v1/deployments',
      ),
    ).toBe('/api/v1/deployments?cursor=abc&since=x');
  });

  it('ignores a missing header and a link elsewhere', () => {
    expect(nextPageLink(null, '/api/v1/deployments')).toBeUndefined();
    expect(
      nextPageLink('<https://elsewhere.example/?a=1>; rel="next"', '/api/v1/deployments'),
    ).toBeUndefined();
  });
});
