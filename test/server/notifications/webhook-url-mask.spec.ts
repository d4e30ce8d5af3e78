import { isMaskedUrl, maskedUrl } from '../../../server/notifications/webhook-url-mask';

describe('a masked webhook URL (what a reader who may not edit the settings sees)', () => {
  for (const [url, masked] of [
    ['https://hooks.slack.com/services/T0000/B0000/XXXXXXXX', 'https://hooks.slack.com/services/***'],
    ['http://127.0.0.1:8080/hook', 'http://127.0.0.1:8080/hook/***'],
    ['https://user:password@hooks.example.com:8443/in?token=abc#x', 'https://hooks.example.com:8443/in/***'],
    ['https://hooks.example.com/?token=abc', 'https://hooks.example.com/***'],
    ['https://hooks.example.com', 'https://hooks.example.com/***'],
  ]) {
    it(`keeps scheme, host and first path segment of ${url} only`, () => {
      expect(maskedUrl(url!)).toBe(masked!);
      expect(isMaskedUrl(masked!)).toBeTrue();
      expect(isMaskedUrl(url!)).toBeFalse();
    });
  }

  it('masks a masked URL to itself', () => {
    for (const m of ['https://hooks.slack.com/services/***', 'https://hooks.example.com/***']) {
      expect(maskedUrl(m)).toBe(m);
    }
  });
});
