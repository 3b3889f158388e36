import { requestUrl } from '../../../../src/api/http/api-server';

describe('requestUrl', () => {
  it.each(['/graphql', '/graphql?query=%7B__typename%7D', '/graphql/', '/a/../graphql', '/./graphql', '/%67raphql', '/graphql#x', '/metrics', '/', '//graphql', '/graph ql?a=b c'])(
    'gives for %s the path and query string WHATWG URL parsing gives',
    (target) => {
      const parsed = new URL(target, 'http://localhost');
      const { pathname, search } = requestUrl(target);
      expect({ pathname, search }).toEqual({ pathname: parsed.pathname, search: parsed.search });
    },
  );

  it('reads a missing target as /', () => {
    expect(requestUrl(undefined).pathname).toBe('/');
  });
});
